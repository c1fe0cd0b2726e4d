"""The generated SFDX project around a migration bundle, and how the connector is hosted.

``ctimod convert`` writes what ``sf project generate`` (the standard template of
``@salesforce/templates``) makes — ``.forceignore``, ``.gitignore``, ``.prettierrc``,
``.prettierignore``, ``eslint.config.js``, ``jest.config.js``, ``package.json`` with the lint /
test:unit / prettier scripts, ``.husky/pre-commit``, ``config/project-scratch-def.json``,
``sfdx-project.json`` and a README — plus what a Voice project needs: the scratch org definition
asks for the Voice partner-telephony feature, and ``connector/`` gets a README and a
``.gitignore``. Every metadata file carries the project's API version (``--api-version``).

Connector hosting (``--connector-hosting``):

* ``external`` (default): the connector is built (``connector/``: ``npm run build``) and hosted
  on an HTTPS server of yours; ConversationVendorInfo's ``connectorUrl`` points at it.
* ``static-resource``: as in Salesforce's partner-telephony quick start, the built connector is
  a static resource, a Visualforce page loads it, and the ConversationVendorInfo metadata's
  ``connectorUrl`` is ``/apex/<page>``. ``npm run build:connector`` (in the project root) bundles
  the connector into ``force-app/main/default/staticresources/``; then one
  ``sf project deploy start`` deploys the LWC, Apex, the page, the resource and the vendor
  information together (``npm run deploy`` does both).

The static files are the template's own, unchanged; the rest is rendered from
``lwc_templates/project/``. Nothing depends on the machine or the clock: same input, same bytes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from importlib import resources

from . import __version__

# The API version `sf project generate` writes today: @salesforce/templates 66.13.3,
# lib/utils/constants.js DEFAULT_API_VERSION (Summer '26).
DEFAULT_API_VERSION = "67.0"
HOSTING = ("external", "static-resource")
# Template files copied as they are (their names have no leading dot so packaging keeps them).
STATIC_FILES = {".forceignore": "forceignore", ".gitignore": "gitignore", ".prettierignore": "prettierignore",
                ".prettierrc": "prettierrc", "eslint.config.js": "eslint.config.js",
                "jest.config.js": "jest.config.js", ".husky/pre-commit": "husky-pre-commit",
                "connector/.gitignore": "connector-gitignore"}
METADATA = "force-app/main/default"
_DEVELOPER_NAME = re.compile(r"[A-Za-z](?:[A-Za-z0-9]|_(?!_))*")


@dataclass(frozen=True)
class ProjectOptions:
    api_version: str = DEFAULT_API_VERSION
    hosting: str = "external"


def _template(name: str) -> str:
    return resources.files("ctimod.lwc_templates").joinpath(f"project/{name}").read_text(encoding="utf-8")


def developer_name(text: str, fallback: str, limit: int = 40) -> str:
    """A valid Salesforce developer name (letters, digits, single underscores, a letter first)."""
    cleaned = re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9_]", "_", text or "")).strip("_")
    if not cleaned or not cleaned[0].isalpha():
        cleaned = fallback
    cleaned = cleaned[:limit].rstrip("_")
    return cleaned if _DEVELOPER_NAME.fullmatch(cleaned) else fallback


def _contact_center_item(files, name: str) -> str | None:
    """An item's value in the generated contact center definition (what the import will use)."""
    import html

    for file in files:
        if file.path.startswith("contact-center/") and file.path.endswith(".xml"):
            match = re.search(r'<item\b[^>]*\bname="' + re.escape(name) + r'"[^>]*>([^<]*)</item>', file.content)
            if match:
                return html.unescape(match.group(1)).strip() or None
    return None


def _kebab(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()
    return re.sub(r"[^a-z0-9-]+", "-", text).strip("-") or "voice-migration"


def _with_api_version(file, api_version: str):
    if not file.path.endswith("-meta.xml"):
        return file
    content = re.sub(r"<apiVersion>[^<]*</apiVersion>", f"<apiVersion>{api_version}</apiVersion>", file.content)
    return file if content == file.content else replace(file, content=content)


def names(result, files) -> dict:
    """The names the project and its hosting metadata use, derived from the plan and the contact center."""
    plan = result.plan
    pascal = plan.lwc_name[:1].upper() + plan.lwc_name[1:]
    vendor = developer_name(_contact_center_item(files, "reqVendorInfoApiName") or "", pascal)
    label = _contact_center_item(files, "reqDisplayName") or vendor
    return {"project": plan.lwc_name, "package": _kebab(plan.lwc_name), "vendor": vendor, "label": label,
            "page": developer_name(f"{vendor}Connector", "VoiceConnector"),
            "resource": developer_name(f"{vendor}_connector", "voice_connector"),
            "lwc": plan.lwc_name, "adapter": plan.adapter, "connector_api": plan.options.connector_api}


def complete(result, files: list, options: ProjectOptions = ProjectOptions()) -> list:
    """The bundle's files plus the SFDX project around them (and the hosting metadata)."""
    from .render import GeneratedFile
    from .render.templates import environment

    if options.hosting not in HOSTING:
        raise ValueError(f"unknown connector hosting {options.hosting!r}")
    context = names(result, files)
    context.update(version=__version__, api_version=options.api_version, hosting=options.hosting,
                   metadata=METADATA)
    env = environment()
    out = [_with_api_version(f, options.api_version) for f in files if f.path != "sfdx-project.json"]
    taken = {f.path for f in out}

    def add(path: str, content: str, kind: str) -> None:
        if path not in taken:  # never replace what the conversion generated
            taken.add(path)
            out.append(GeneratedFile(path, content, kind))

    for path, name in STATIC_FILES.items():
        add(path, _template(name), "text")
    from .render.bundle_tests import connector_tests, lwc_tests, with_test_script

    vendor = getattr(getattr(result, "plan", None), "vendor", None)
    wired = sorted(vendor.actions) if vendor is not None else []  # as migration.json's vendor methods say
    todos = []  # the vendor set-up TODOs init() fails with, as migration.json lists them
    if vendor is not None:
        from .vendors import summary as vendor_summary

        facts = vendor_summary(result.plan, getattr(result, "generated", None)) or {}
        todos = [s["note"] for s in facts.get("setup", []) if s.get("status") == "todo" and s.get("note")]
    # and the connector conversions' TODOs (dial() that cannot dial), as migration.json lists them too
    todos += [o.todo for o in getattr(result, "conversions", []) if o.home == "connector" and o.todo]
    todos += sorted({"unsupported: " + o.use.api.rsplit(".", 1)[-1] for o in getattr(result, "conversions", [])
                     if str(getattr(o.safety, "value", o.safety)) == "manual"})
    for path, content in lwc_tests(result, out) + connector_tests(out, wired, todos):  # the behaviour tests it ships
        add(path, content, "json" if path.endswith(".json") else "js")
    out = [replace(f, content=with_test_script(f.content)) if f.path == "connector/package.json" else f for f in out]
    render = lambda name: env.get_template(f"project/{name}").render(**context)  # noqa: E731
    add("sfdx-project.json", render("sfdx-project.json.j2"), "json")
    add("package.json", _package_json(context), "json")
    add("config/project-scratch-def.json", render("project-scratch-def.json.j2"), "json")
    add("README.md", render("README.md.j2"), "md")
    add("connector/README.md", render("connector-README.md.j2"), "md")
    if options.hosting == "static-resource":
        from .report.migration import markdown

        out = [replace(f, content=markdown(result, context)) if f.path == "MIGRATION.md" else f for f in out]
        add(f"{METADATA}/staticresources/{context['resource']}.resource-meta.xml",
            render("staticresource.resource-meta.xml.j2"), "xml")
        add(f"{METADATA}/pages/{context['page']}.page", render("connector.page.j2"), "page")
        add(f"{METADATA}/pages/{context['page']}.page-meta.xml", render("connector.page-meta.xml.j2"), "xml")
        add(f"{METADATA}/ConversationVendorInformation/{context['vendor']}.ConversationVendorInformation-meta.xml",
            render("vendor.ConversationVendorInformation-meta.xml.j2"), "xml")
    return out


def _package_json(context: dict) -> str:
    """The standard template's package.json, named for this project, with the connector scripts."""
    glob = "**/*.{cls,cmp,component,css,html,js,json,md,page,trigger,xml,yaml,yml}"
    scripts = {
        "lint": "eslint **/{aura,lwc}/**/*.js",
        "test": "npm run test:unit",
        "test:unit": "sfdx-lwc-jest",
        "test:unit:watch": "sfdx-lwc-jest --watch",
        "test:unit:debug": "sfdx-lwc-jest --debug",
        "test:unit:coverage": "sfdx-lwc-jest --coverage",
        "prettier": f'prettier --write "{glob}"',
        "prettier:verify": f'prettier --check "{glob}"',
        "prepare": "husky || true",
        "precommit": "lint-staged",
    }
    if context["hosting"] == "static-resource":
        target = f"../{context['metadata']}/staticresources/{context['resource']}.js"
        scripts["build:connector"] = ("cd connector && npm install && npx esbuild src/index.js --bundle --format=iife "
                                      f"--minify --outfile={target}")
        scripts["deploy"] = "npm run build:connector && sf project deploy start"
    else:
        scripts["build:connector"] = "cd connector && npm install && npm run build"
    document = {
        "name": context["package"],
        "private": True,
        "version": "1.0.0",
        "description": f"Salesforce Voice migration of {context['adapter']} (generated by ctimod {context['version']})",
        "scripts": scripts,
        "devDependencies": {
            "@lwc/eslint-plugin-lwc": "^3.1.0",
            "@prettier/plugin-xml": "^3.4.1",
            "@salesforce/eslint-config-lwc": "^4.0.0",
            "@salesforce/eslint-plugin-aura": "^3.0.0",
            "@salesforce/eslint-plugin-lightning": "^2.0.0",
            "@salesforce/sfdx-lwc-jest": "^7.0.2",
            "eslint": "^9.29.0",
            "eslint-plugin-import": "^2.31.0",
            "eslint-plugin-jest": "^28.14.0",
            "husky": "^9.1.7",
            "lint-staged": "^16.1.2",
            "prettier": "^3.5.3",
            "prettier-plugin-apex": "^2.2.6",
        },
        "lint-staged": {
            glob: ["prettier --write"],
            "**/{aura,lwc}/**/*.js": ["eslint"],
            "**/lwc/**": ["sfdx-lwc-jest -- --bail --findRelatedTests --passWithNoTests"],
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
