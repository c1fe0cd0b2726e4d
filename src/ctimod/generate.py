"""Render a plan into the files of a migration bundle (nothing is written here).

The generated LWC and connector are assembled from jinja2 templates (``lwc_templates/``), the
moved legacy code (rendered with the codemods' edits spliced in) and the legacy declarations that
code needs. What the moved code still uses without a definition gets a ``TODO(ctimod)`` comment
above the statement that uses it and an entry in the report.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import __version__
from .callcenter import OPEN_CTI_ONLY_ITEMS
from .codemod import CONNECTOR, LWC, Edit
from .escape import js_comment, js_string, xml_comment, xml_text
from .legacy import (BUILTINS, Declaration, ScopeWalker, callback_context_name, enclosing_scope, find_declaration,
                     function_name, line_indent, nodes_of_kinds, reindent, text, unwrap)
from .parse import parser
from .plan import Plan, Unit, is_async, legacy_params, unit_signature

API_VERSION = "62.0"
BASE_VERSIONS = {3: "3.6.2", 4: "^4.8.1"}
BROWSER_ONLY = {"window", "document", "localStorage", "sessionStorage", "XMLHttpRequest", "location", "alert",
                "confirm", "prompt", "navigator", "history", "fetch", "setInterval"}

# Legacy functions that probably hold the vendor logic of a connector method, by name.
VENDOR_HINTS = [
    ("acceptCall", r"^(accept|answer)"), ("declineCall", r"^(decline|reject)"),
    ("endCall", r"^(hang_?up|end_?call|terminate|disconnect_?call|bye)"), ("mute", r"^(mute|toggle_?mute)$"),
    ("unmute", r"^(unmute|toggle_?mute)$"), ("hold", r"^(hold|toggle_?hold|put_?on_?hold)$"),
    ("resume", r"^(resume|unhold|retrieve|toggle_?hold)$"), ("sendDigits", r"(dtmf|send_?digit)"),
    ("addParticipant", r"(transfer|add_?participant|conference_?in)"),
    ("setAgentStatus", r"(set_?presence|set_?status|agent_?state|availability|go_?(ready|available))"),
    ("logout", r"^(logout|log_?out|sign_?out)"), ("pauseRecording", r"(pause_?record|stop_?record)"),
    ("resumeRecording", r"(resume_?record|start_?record)"),
]
TELEPHONY_METHODS = ["acceptCall", "declineCall", "endCall", "mute", "unmute", "hold", "resume", "sendDigits",
                     "getPhoneContacts", "swap", "conference", "addParticipant", "pauseRecording", "resumeRecording",
                     "getAgentConfig", "setAgentConfig", "wrapUpCall", "getSignedRecordingUrl", "superviseCall",
                     "supervisorDisconnect", "supervisorBargeIn"]
V3_ONLY = ["getCapabilities", "setAgentStatus", "getAgentStatus", "logout", "handleMessage"]
V4_TELEPHONY = ["getVoiceCapabilities", "getAudioDevices"]
V4_VENDOR = ["getSharedCapabilities", "setAgentStatus", "getAgentStatus", "logout", "handleMessage",
             "onAgentWorkEvent", "getContacts", "getAudioDevices"]
RESULT_CLASSES = {
    3: ["VendorConnector", "Constants", "InitResult", "CallResult", "HangupResult", "HoldToggleResult",
        "MuteToggleResult", "ActiveCallsResult", "PhoneCall", "PhoneCallAttributes", "CallInfo", "GenericResult",
        "PhoneContactsResult", "ParticipantResult", "RecordingToggleResult", "AgentConfigResult",
        "SignedRecordingUrlResult", "CapabilitiesResult", "AgentVendorStatusInfo", "LogoutResult"],
    4: ["VendorConnector", "TelephonyConnector", "Constants", "InitResult", "CallResult", "HangupResult",
        "HoldToggleResult", "MuteToggleResult", "ActiveCallsResult", "PhoneCall", "PhoneCallAttributes", "CallInfo",
        "GenericResult", "PhoneContactsResult", "ParticipantResult", "RecordingToggleResult", "AgentConfigResult",
        "SignedRecordingUrlResult", "VoiceCapabilitiesResult", "SharedCapabilitiesResult", "AgentVendorStatusInfo",
        "LogoutResult", "ContactsResult", "AudioDevicesResult"],
}
# Module helpers and what they need.
HELPER_DEPENDENCIES = {"ctimodRespond": ["ctimodErrors"], "ctimodRespondClassic": ["ctimodErrors"],
                       "ctimodSaveLog": ["ctimodSaveRecord"]}
HELPER_IMPORTS = {"ctimodSaveRecord": ("lightning/uiRecordApi", ("createRecord", "updateRecord")),
                  "ctimodPageReference": ("lightning/pageReferenceUtils", ("encodeDefaultFieldValues",))}
PAYLOAD_FIELDS = {"number": "phoneNumber", "recordId": "recordId", "recordName": "name", "objectId": "recordId",
                  "objectName": "name", "displayName": "name"}
EVENT_NAMES = {"callstarted": "handleCallStarted", "callconnected": "handleCallConnected",
               "callended": "handleCallEnded"}
PARAM_MAP = [
    (re.compile(r"^(ani|phone|phonenumber|number|from|caller|callerid|callernumber|remotenumber|participant|dnis|"
                r"to|msisdn|rawnumber)$", re.I), "detail.participant"),
    (re.compile(r"^(callid|callsid|vendorcallid|callkey|sid|uuid|id)$", re.I), "detail.callId"),
    (re.compile(r"^(calltype|direction|type)$", re.I), "detail.callType"),
    (re.compile(r"^(payload|data|event|evt|e|call|ctx|context|info|details?|message|msg|params|options|opts|"
                r"conn|connection|session|incoming|inbound|callinfo|calldata)$", re.I), "OBJECT"),
]
DETAIL_OBJECT = ("{ callId: detail.callId, callType: detail.callType, participant: detail.participant, "
                 "ani: detail.participant, number: detail.participant, phoneNumber: detail.participant, "
                 "from: detail.participant, direction: detail.callType }")


@dataclass
class GeneratedFile:
    path: str  # inside OUTDIR, '/'-separated
    content: str
    kind: str  # js | html | xml | json | apex | md


@dataclass
class FreeName:
    """A name moved code uses that its new home does not define."""

    home: str  # lwc | connector
    name: str
    file: str  # generated file
    line: int  # line in the generated file
    declared_at: str | None  # legacy file:line, when the legacy adapter declared it
    note: str


@dataclass
class PlatformFlag:
    """Moved code that breaks a Lightning platform rule: marked in place, listed in the report."""

    file: str
    line: int
    rule: str
    note: str


@dataclass
class Generated:
    files: list[GeneratedFile] = field(default_factory=list)
    free_names: list[FreeName] = field(default_factory=list)
    carried: dict[str, list[str]] = field(default_factory=dict)  # home -> 'name (file:line)'
    contact_center: dict = field(default_factory=dict)  # retired/carried items for the report
    notes: list[str] = field(default_factory=list)
    platform_flags: list[PlatformFlag] = field(default_factory=list)


def _bytecode_cache():
    """Compiled templates kept between runs (like .pyc files) in the user's cache folder: compiling
    them is a tenth of a second per run. Jinja checks each entry against the template source; any
    problem with the folder just means no cache."""
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket) -> None:
            try:
                super().load_bytecode(bucket)
            except Exception:  # unreadable or corrupt entry: compile again
                bucket.reset()

        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except Exception:  # read-only or full disk: no cache
                pass

    base = os.environ.get("CTIMOD_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "ctimod")
    folder = os.path.join(base, f"templates-{__version__}")
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return QuietCache(folder)


@lru_cache(maxsize=1)
def environment():
    """The jinja2 environment for every generated file (one per process: templates compile once)."""
    import jinja2

    root = resources.files("ctimod.lwc_templates")
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: root.joinpath(name).read_text(encoding="utf-8")),
        autoescape=jinja2.select_autoescape(["xml", "html", "xml.j2", "html.j2"], default_for_string=False),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
        bytecode_cache=_bytecode_cache())
    env.filters["js_comment"] = js_comment
    env.filters["js_string"] = js_string
    env.filters["xml_text"] = xml_text
    env.filters["xml_comment"] = xml_comment
    return env


# ---------------------------------------------------------------------------------------- entry
def generate(plan: Plan) -> Generated:
    env = environment()
    out = Generated()
    _dial_edits(plan)
    lwc_js = _mark_platform_restrictions(plan, out, _module_with_carry(plan, out, LWC, lambda: _lwc_js(plan, env)))
    files = [GeneratedFile("sfdx-project.json", env.get_template("bundle/sfdx-project.json.j2").render(
        name=plan.lwc_name, api_version=API_VERSION), "json")]
    base = f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}"
    files.append(GeneratedFile(f"{base}.js", lwc_js, "js"))
    files.append(GeneratedFile(f"{base}.html", env.get_template("lwc/component.html.j2").render(version=__version__),
                               "html"))
    targets = ["lightning__UtilityBar", "lightning__RecordPage", "lightning__VoiceExtension"]
    if not plan.options.utility_bar:
        targets.remove("lightning__UtilityBar")
    files.append(GeneratedFile(f"{base}.js-meta.xml", env.get_template("lwc/component.js-meta.xml.j2").render(
        version=__version__, adapter=plan.adapter, api_version=API_VERSION, label=_label(plan.class_name),
        description=f"Salesforce Voice component migrated by ctimod from the Open CTI adapter {plan.adapter}",
        targets=targets), "xml"))
    connector_js = _module_with_carry(plan, out, CONNECTOR, lambda: _connector_js(plan, env, out))
    _locate_conversions(plan)
    files.extend(_connector_files(plan, env, connector_js))
    files.extend(_apex_files(plan, env))
    files.extend(_channel_files(plan, env))
    files.extend(_contact_center(plan, env, out))
    out.files = files
    return out


def _locate_conversions(plan: Plan) -> None:
    """Every call lands where the code around it went: a moved function, dial(), init() or carried code."""
    targets = []
    for unit in plan.units:
        home = LWC if unit.home == LWC else CONNECTOR
        where = (f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js: {unit.name}()" if home == LWC
                 else f"connector/src/connector.js: {'dial()' if unit.home == 'dial' else 'init()'}")
        targets.append((unit.file, unit.node.start_byte, unit.node.end_byte, home, where))
    for home in (LWC, CONNECTOR):
        for declaration, file in getattr(plan, "carried", {}).get(home, {}).values():
            where = (f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js" if home == LWC
                     else "connector/src/connector.js") + f": {declaration.name} (carried)"
            targets.append((file, declaration.node.start_byte, declaration.node.end_byte, home, where))
    for conversion in plan.conversions:
        if conversion.home in (LWC, CONNECTOR):
            continue
        node = conversion.site.node
        for file, start, end, home, where in targets:
            if file is conversion.site.file and start <= node.start_byte and node.end_byte <= end:
                conversion.home, conversion.location = home, where
                break
        else:
            conversion.reason = conversion.reason or (
                "the legacy code around this call was not moved: it is neither UI logic for the LWC nor code the "
                "connector needs")


DOCUMENT_QUERIES = {"querySelector", "querySelectorAll", "getElementById", "getElementsByClassName",
                    "getElementsByTagName", "getElementsByTagNameNS", "getElementsByName"}
PLATFORM_NOTES = {
    "@lwc/lwc/no-document-query": "a component cannot query the page's DOM; use this.template.querySelector or a "
                                  "template binding",
    "@lwc/lwc/no-inner-html": "innerHTML is blocked in Lightning Web Components; bind the text in the template",
    "@lwc/lwc/no-async-operation": "timers in a component must be justified; keep this one only if still needed",
    "no-alert": "alert, confirm and prompt are blocked in Lightning; use lightning/alert, lightning/confirm or "
                "lightning/prompt",
}


def _mark_platform_restrictions(plan: Plan, out: Generated, module: str) -> str:
    """Moved legacy code that a Lightning platform rule forbids gets a TODO and a scoped lint exception."""
    data = module.encode("utf-8")
    tree = parser("javascript").parse(data)
    by_line: dict[int, set[str]] = {}
    for node in nodes_of_kinds(tree.root_node, tree.language,
                               ["call_expression", "assignment_expression", "augmented_assignment_expression"]):
        rule = None
        if node.type == "call_expression":
            function = node.child_by_field_name("function")
            name = text(data, function) if function is not None else ""
            bare = name.split(".", 1)[1] if name.startswith("window.") else name
            if function is not None and function.type == "member_expression":
                obj = text(data, function.child_by_field_name("object"))
                prop = text(data, function.child_by_field_name("property"))
                if obj in ("document", "window.document") and prop in DOCUMENT_QUERIES:
                    rule = "@lwc/lwc/no-document-query"
                elif prop == "insertAdjacentHTML":
                    rule = "@lwc/lwc/no-inner-html"
            if bare in ("setTimeout", "setInterval", "requestAnimationFrame"):
                rule = "@lwc/lwc/no-async-operation"
            elif bare in ("alert", "confirm", "prompt"):
                rule = "no-alert"
        elif node.type in ("assignment_expression", "augmented_assignment_expression"):
            left = node.child_by_field_name("left")
            if left is not None and left.type == "member_expression" and \
                    text(data, left.child_by_field_name("property")) in ("innerHTML", "outerHTML"):
                rule = "@lwc/lwc/no-inner-html"
        if rule:
            by_line.setdefault(node.start_point[0], set()).add(rule)
    if not by_line:
        return module
    lines = module.split("\n")
    target = f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js"
    shift = 0
    for index in sorted(by_line):
        rules = sorted(by_line[index])
        indent = re.match(r"[ \t]*", lines[index + shift]).group(0)
        notes = "; ".join(PLATFORM_NOTES[r] for r in rules)
        lines.insert(index + shift, f"{indent}// eslint-disable-next-line {', '.join(rules)} -- TODO(ctimod): {notes}")
        shift += 1
        for rule in rules:
            out.platform_flags.append(PlatformFlag(target, index + shift + 1, rule, PLATFORM_NOTES[rule]))
    return "\n".join(lines)


def _label(class_name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", class_name)[:80]


# ---------------------------------------------------------------------------------------- LWC
def _method_name_comment(plan: Plan, unit: Unit) -> str:
    where = unit.legacy
    legacy = function_name(unit.file.data, unit.node) if unit.node.type != "expression_statement" else None
    if legacy is None and unit.node.type in ("function_expression", "arrow_function", "function"):
        legacy = callback_context_name(unit.file.data, unit.node)
    described = f"{legacy}()" if legacy else "top-level code"
    return f"// ctimod: moved from {js_comment(where)} ({js_comment(described)})."


def _callers(plan: Plan, unit: Unit) -> list[str]:
    legacy = function_name(unit.file.data, unit.node) if unit.node.type != "expression_statement" else None
    if not legacy:
        return []
    found = []
    pattern = re.compile(rb"(?<![\w$])" + re.escape(legacy.encode()) + rb"(?![\w$])")
    for file in plan.files.values():
        for match in pattern.finditer(file.data):
            if unit.file is file and unit.node.start_byte <= match.start() < unit.node.end_byte:
                continue
            node = file.node(match.start(), match.end())
            if node is None or node.type not in ("identifier", "property_identifier"):
                continue
            declaration = node.parent
            if declaration is not None and declaration.child_by_field_name("name") == node:
                continue
            found.append(f"{file.display}:{file.line(match.start())}")
    return found[:3]


def _unit_method(plan: Plan, unit: Unit) -> str:
    params, body, is_expression = unit_signature(plan, unit, LWC)
    if unit.node.type not in ("function_declaration", "function_expression", "function", "arrow_function",
                              "method_definition", "generator_function_declaration", "generator_function"):
        indent = line_indent(unit.file.source, unit.node.start_byte)
        body = "{\n" + indent + body + "\n" + indent[:-4] + "}" if len(indent) >= 4 else "{\n    " + body + "\n}"
    elif is_expression:
        body = "{\n        return " + body + ";\n    }"
    prefix = "async " if is_async(unit.file, unit.node) else ""
    star = "*" if unit.node.type.startswith("generator") or any(c.type == "*" for c in unit.node.children[:3]) else ""
    comment = _method_name_comment(plan, unit)
    lines = [f"    {comment}"]
    if unit.trigger is None:
        callers = _callers(plan, unit)
        where = f" (the legacy code called it at {', '.join(callers)})" if callers else ""
        lines.append(f"    // TODO(ctimod): nothing in the component calls this yet{js_comment(where)}.")
    if b"`" not in unit.file.source[unit.node.start_byte:unit.node.end_byte]:
        body = reindent(body, "    ", force=True)
    lines.append(f"    {prefix}{star}{unit.name}({params}) {body}")
    method = "\n".join(lines)
    error = parse_error("class Probe {\n" + method + "\n}\n")
    if error is None:
        return method
    return _failed_method(plan, unit, comment, error - 1)


def parse_error(source: str) -> int | None:
    """Line of the first syntax error in ``source`` (JavaScript), or None."""
    from .verify import first_error

    found = first_error(parser("javascript").parse(source.encode("utf-8")))
    return found[0] if found else None


def _failed_method(plan: Plan, unit: Unit, comment: str, line: int) -> str:
    """Moved code that does not parse is not written: a stub says so (and whose fault it is)."""
    if unit.node.has_error:
        reason = (f"the legacy code of {unit.name}() ({unit.legacy}) has syntax errors, so ctimod could not move "
                  "it; fix the legacy code and convert again, or port it by hand")
        thrown = f"ctimod could not migrate {unit.name}(): its legacy code does not parse"
    else:
        reason = (f"ctimod produced code for {unit.name}() ({unit.legacy}) that does not parse (line {line} of the "
                  "method); this is a ctimod bug, please report it; port this function by hand")
        thrown = f"ctimod could not migrate {unit.name}()"
    for conversion in unit.conversions:
        conversion.status = "failed"
        conversion.todo = reason
    plan.failures = getattr(plan, "failures", []) + [reason]
    return "\n".join([f"    {comment}", f"    // TODO(ctimod): {js_comment(reason)}.",
                      f"    {unit.name}() {{", f"        throw new Error({js_string(thrown)});", "    }"])


def _unit_call(unit: Unit, file: str) -> list[str]:
    params = legacy_params(unit.file, unit.node) if unit.node.type != "expression_statement" else []
    args, missing = [], []
    for name in params:
        mapped = next((value for pattern, value in PARAM_MAP if pattern.match(name)), None)
        if mapped is None:
            missing.append(name)
        args.append(DETAIL_OBJECT if mapped == "OBJECT" else (mapped or "undefined"))
    call = f"this.{unit.name}({', '.join(args)});"
    if missing:
        return [f"        // TODO(ctimod): the legacy vendor event gave {unit.name}() "
                f"{', '.join(missing)}; pass them from the toolkit event and uncomment:",
                f"        // {call}"]
    note = "        // ctimod: the legacy adapter ran this when its vendor reported the call"
    if params:
        note += "; check the arguments mapped from the toolkit event"
    return [note + ".", f"        {call}"]


def _lwc_js(plan: Plan, env) -> str:
    bundle = plan.bundle
    units = plan.units_in(LWC)
    methods = [_unit_method(plan, unit) for unit in units]  # renders conversions: fills imports/helpers
    events = sorted({u.trigger for u in units if u.trigger in EVENT_NAMES} |
                    ({"callstarted", "callended"} if "ctimodToolkitHandlers" in bundle.lwc_helpers else set()),
                    key=list(EVENT_NAMES).index)
    connected = [u for u in units if u.trigger == "connected"]
    if bundle.navigation:
        bundle.lwc_import("lightning/navigation", "NavigationMixin")
    for helper in _module_helpers(bundle.module_helpers[LWC]):
        if helper in HELPER_IMPORTS:
            bundle.lwc_import(HELPER_IMPORTS[helper][0], *HELPER_IMPORTS[helper][1])
    macros = env.get_template("lwc/methods.js.j2").make_module()
    helper_members = []
    if "ctimodAppViewInfo" in bundle.lwc_helpers:
        helper_members.append(macros.ctimodAppViewInfo())
        if "ctimodNavigation" in bundle.lwc_helpers:
            helper_members.append(macros.ctimodNavigation())
        else:
            helper_members.insert(0, macros.ctimodPageRefWire())
    if "ctimodVisibleRecordIds" in bundle.lwc_helpers:
        helper_members.append(macros.ctimodVisibleRecordIds())
    if "ctimodSearchAndPop" in bundle.lwc_helpers:
        local = [n for n, m in bundle.lwc_default_imports.items() if m.endswith("CtimodSoftphoneSearch.search")]
        helper_members.append(macros.ctimodSearchAndPop(local[0]))
    if "ctimodToolkitHandlers" in bundle.lwc_helpers:
        helper_members.append(macros.ctimodToolkitHandlers())

    imports = ["import { LightningElement, api" + (", wire" if bundle.lwc_wires or "ctimodAppViewInfo" in
                                                   bundle.lwc_helpers else "") + " } from 'lwc';"]
    for module in sorted(bundle.lwc_imports):
        imports.append(f"import {{ {', '.join(sorted(bundle.lwc_imports[module]))} }} from '{module}';")
    for local, module in sorted(bundle.lwc_default_imports.items(), key=lambda kv: kv[1]):
        imports.append(f"import {local} from '{module}';")
    base = "NavigationMixin(LightningElement)" if bundle.navigation else "LightningElement"

    stubs = getattr(plan, "stubs", {}).get(LWC, "")
    if stubs:
        imports = imports + ["", stubs]
    lines = [
        "/*",
        f" * {plan.lwc_name} — Salesforce Voice component generated by ctimod {__version__} from the Open CTI",
        f" * adapter \"{js_comment(plan.adapter)}\". The Voice toolkit delivers call events; the adapter's",
        " * UI-side logic moved into the methods below. Search for TODO(ctimod); MIGRATION.md lists every change.",
        " */",
        *imports,
        "",
        f"export default class {plan.class_name} extends {base} {{",
        "    @api recordId;",
        "    @api objectApiName;",
        "    status = 'Waiting for a call';",
    ]
    for name in sorted(bundle.lwc_wires):
        lines.append(f"    {bundle.lwc_wires[name]}")
    lines.append("    toolkit;")
    lines.append("")
    lines.append("    get cardTitle() {")
    lines.append(f"        return {js_string(_label(plan.class_name))};")
    lines.append("    }")
    if connected:
        lines += ["", "    connectedCallback() {",
                  "        // ctimod: the legacy adapter registered these when it started."]
        for unit in connected:
            lines += _unit_call(unit, "")
        lines.append("    }")
    lines += ["", "    renderedCallback() {", "        if (this.toolkit) {", "            return;", "        }",
              "        this.toolkit = this.template.querySelector('lightning-service-cloud-voice-toolkit-api');"]
    if events:
        lines.append("        if (this.toolkit) {")
        for event in events:
            lines.append(f"            this.toolkit.addEventListener('{event}', this.{EVENT_NAMES[event]});")
        lines.append("        }")
    lines += ["    }", "", "    disconnectedCallback() {"]
    if events:
        lines.append("        if (this.toolkit) {")
        for event in events:
            lines.append(f"            this.toolkit.removeEventListener('{event}', this.{EVENT_NAMES[event]});")
        lines.append("        }")
    lines += ["        this.toolkit = undefined;", "    }"]
    for event in events:
        handler = EVENT_NAMES[event]
        lines += ["", f"    {handler} = (event) => {{", "        const detail = event.detail || {};"]
        label = {"callstarted": "Call started", "callconnected": "Call connected", "callended": "Call ended"}[event]
        lines.append(f"        this.status = `{label} ${{detail.participant || ''}}`.trim();")
        if "ctimodToolkitHandlers" in bundle.lwc_helpers and event in ("callstarted", "callended"):
            lines.append(f"        this.ctimodRunToolkitListeners('{event}', detail);")
        for unit in units:
            if unit.trigger == event:
                lines += _unit_call(unit, "")
        lines.append("    };")
    for member in helper_members:
        lines += ["", _member(member)]
    for method in methods:
        lines += ["", method]
    lines.append("}")
    carried = carried_text(plan, LWC)
    if carried:
        lines += ["", "// ---------------------------------------------------------------------------------------",
                  "// Carried over from the legacy adapter because the moved code uses it.",
                  "// ---------------------------------------------------------------------------------------",
                  carried]
    helpers = _helpers_text(env, bundle.module_helpers[LWC])
    if helpers:
        lines += ["", helpers.rstrip()]
    return "\n".join(lines) + "\n"


def _member(text_: str) -> str:
    """A class member rendered by a macro, indented as a member (macros drop their first indent)."""
    text_ = str(text_).strip("\n").rstrip()
    return text_ if text_.startswith("    ") else "    " + text_


def _module_helpers(names: set[str]) -> list[str]:
    out: list[str] = []

    def add(name):
        for dependency in HELPER_DEPENDENCIES.get(name, []):
            add(dependency)
        if name not in out:
            out.append(name)

    for name in sorted(names):
        add(name)
    return out


def _helpers_text(env, names: set[str]) -> str:
    if not names:
        return ""
    module = env.get_template("helpers/module.js.j2").make_module()
    return "\n\n".join(getattr(module, name)().strip() for name in _module_helpers(names)) + "\n"


# ---------------------------------------------------------------------------------------- carrying
def _module_with_carry(plan: Plan, out: Generated, home: str, build) -> str:
    """Build a module; carry legacy declarations its moved code needs until nothing more can be carried.

    Names that still have no definition get a stand-in (``ctimodMissing``, which warns when used) so
    the file loads and runs, and a TODO above every statement that uses them.
    """
    carried: dict[tuple, Declaration] = {}
    plan.carried = getattr(plan, "carried", {})
    plan.carried[home] = carried
    plan.stubs = getattr(plan, "stubs", {})
    plan.stubs[home] = ""
    for _ in range(12):
        module = build()
        free = _free_names(module)
        added = False
        for name in free:
            declaration, file = _legacy_declaration(plan, name)
            if declaration is None or declaration.kind == "param" or \
                    (file.display, declaration.declarator.start_byte) in carried:
                continue
            if home == LWC and not _carriable_to_lwc(plan, file, declaration, set()):
                continue
            carried[(file.display, declaration.declarator.start_byte)] = (declaration, file)
            added = True
        if not added:
            break
    out.carried[home] = sorted(f"{d.name} ({f.display}:{f.line(d.node.start_byte)})" for d, f in carried.values())
    free = sorted(set(free))
    if not free:
        return module
    origins = {name: _origin(plan, name, home) for name in free}
    plan.bundle.module_helpers[home].add("ctimodMissing")
    lines = ["// TODO(ctimod): the moved code uses these names, which this file does not define. Each is a",
             "// stand-in that warns when used; replace it with the real thing (see the TODOs at the uses)."]
    for name in free:
        kind, where = origins[name][:2]
        literal = js_string(where)
        # `let`: the moved code may assign to it, as the legacy code did.
        if kind == "global":
            lines.append(f"let {name} = globalThis.{name} || ctimodMissing('{name}', {literal});")
        else:
            lines.append(f"let {name} = ctimodMissing('{name}', {literal});")
    plan.stubs[home] = "\n".join(lines)
    module = build()
    return _flag_free_names(plan, out, home, module, origins)


def _origin(plan: Plan, name: str, home: str) -> tuple[str, str, str]:
    """(kind, where, why) for a name the moved code uses without a definition."""
    declaration, file = _legacy_declaration(plan, name, params=True)
    if declaration is not None and declaration.kind == "param":
        owner = declaration.node
        owner_name = function_name(file.data, owner) or callback_context_name(file.data, owner) or "a function"
        where = f"{file.display}:{file.line(owner.start_byte)}"
        return ("param", f"a parameter of {owner_name}() at {where}",
                f"`{name}` was a parameter of {owner_name}() ({where}), the legacy code around the moved code; "
                "pass the value in or drop its use")
    if declaration is not None:
        where = f"{file.display}:{file.line(declaration.node.start_byte)}"
        why = f"`{name}` was defined in the legacy adapter ({where}) and is not available here"
        if home == LWC:
            why += " (legacy state and DOM code stay out of the component)"
        return ("declared", where, why)
    if home == CONNECTOR:
        return ("global", "a global of the legacy page",
                f"`{name}` was a global of the legacy page (a vendor SDK?): load it in connector/index.html or "
                "import it here")
    return ("global", "a global of the legacy page",
            f"`{name}` was a global of the legacy page: a Lightning component cannot read page globals; load the "
            "library with lightning/platformResourceLoader or remove the dependency")


def _free_names(module: str) -> list[str]:
    data = module.encode("utf-8")
    tree = parser("javascript").parse(data)
    names = ScopeWalker(data).free_names(tree.root_node)
    return [f.name for f in names]


def _lookup_starts(plan: Plan) -> list[tuple]:
    """The code that moved (units, then carried declarations), one node per scope: nodes in the same
    scope resolve every name alike. Cached until something more is carried."""
    carried = getattr(plan, "carried", {})
    key = (len(plan.units),) + tuple(len(carried.get(home, {})) for home in (CONNECTOR, LWC))
    cached = getattr(plan, "lookup_starts", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    candidates = [(unit.node, unit.file) for unit in plan.units]
    for home in (CONNECTOR, LWC):
        candidates += [(d.declarator, f) for d, f in carried.get(home, {}).values()]
    starts, scopes = [], set()
    for node, file in candidates:
        scope = enclosing_scope(node)
        if scope not in scopes:
            scopes.add(scope)
            starts.append((node, file))
    plan.lookup_starts = (key, starts)
    return starts


def _legacy_declaration(plan: Plan, name: str, params: bool = False):
    """Where the legacy adapter declared ``name``, searched from the code that moved.

    A parameter of a function *around* moved code is returned only with ``params``.
    """
    fallback = (None, None)
    for node, file in _lookup_starts(plan):
        declaration = find_declaration(file.data, name, node)
        if declaration is None:
            continue
        if declaration.kind != "param":
            return declaration, file
        if fallback[0] is None:
            fallback = (declaration, file)
    return fallback if params else (None, None)


def _carriable_to_lwc(plan: Plan, file, declaration: Declaration, seen: set) -> bool:
    """Only constants and pure helper functions travel into the LWC; state and DOM code does not."""
    key = (file.display, declaration.declarator.start_byte)
    if key in seen:
        return True
    seen.add(key)
    node = declaration.declarator
    if declaration.kind in ("var", "let", "const"):
        value = unwrap(node.child_by_field_name("value"))
        if value is None:
            return False
        if value.type in ("arrow_function", "function_expression", "function"):
            node = value
        else:
            # Only constants travel: module-level state would be shared by every component instance.
            return declaration.kind == "const" and _literal(value) and (
                value.type in ("string", "number", "true", "false", "null", "regex", "template_string")
                or re.fullmatch(r"[A-Z][A-Z0-9_]*", declaration.name) is not None)
    elif declaration.kind != "function":
        return False
    walker = ScopeWalker(file.data, file.language_at(node.start_byte))
    for free in walker.free_names(node, builtins=True):
        if free.name in BROWSER_ONLY or free.name == "sforce":
            return False
        if free.name in BUILTINS:
            continue
        inner = find_declaration(file.data, free.name, node)
        if inner is None or inner.kind == "param" or not _carriable_to_lwc(plan, file, inner, seen):
            return False
    return True


def _literal(node) -> bool:
    node = unwrap(node)
    if node is None:
        return False
    if node.type in ("string", "number", "true", "false", "null", "regex"):
        return True
    if node.type == "template_string":
        return not any(c.type == "template_substitution" for c in node.named_children)
    if node.type == "array":
        return all(_literal(c) for c in node.named_children if c.type != "comment")
    if node.type == "object":
        return all(c.type == "comment" or (c.type == "pair" and _literal(c.child_by_field_name("value")))
                   for c in node.named_children)
    if node.type == "unary_expression":
        return _literal(node.named_children[-1]) if node.named_children else False
    return False


def carried_text(plan: Plan, home: str) -> str:
    entries = sorted(getattr(plan, "carried", {}).get(home, {}).values(),
                     key=lambda df: (df[1].display, df[0].node.start_byte))
    chunks = []
    seen_statements = set()
    for declaration, file in entries:
        where = f"// ctimod: carried from {js_comment(file.display)}:{file.line(declaration.node.start_byte)}"
        if declaration.kind in ("function", "class"):
            body = plan.renderer.node(file, declaration.node, home)
        else:
            keyword = "var" if declaration.kind == "var" else declaration.kind
            statement_key = (file.display, declaration.declarator.start_byte)
            if statement_key in seen_statements:
                continue
            seen_statements.add(statement_key)
            body = f"{keyword} {plan.renderer.node(file, declaration.declarator, home)};"
        indent = line_indent(file.source, declaration.node.start_byte)
        chunk = where + "\n" + reindent(" " * len(indent) + body, "").lstrip()
        if parse_error(chunk) is not None:
            continue  # broken legacy code is not carried; its name gets a ctimodMissing stand-in
        chunks.append(chunk)
    return "\n\n".join(chunks)


def _flag_free_names(plan: Plan, out: Generated, home: str, module: str, origins: dict) -> str:
    """Put a TODO above each statement that uses a name the new home does not define."""
    data = module.encode("utf-8")
    tree = parser("javascript").parse(data)
    target = (f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js" if home == LWC
              else "connector/src/connector.js")
    uses = _all_uses(data, tree.root_node, set(origins))
    inserts = []
    shift = 0
    for start, names in sorted(uses.items()):
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        own_line = not data[line_start:start].strip()
        notes = [origins[name][2] for name in sorted(set(names))]
        added = len(notes) if own_line else 0
        for name in sorted(set(names)):
            kind, where, why = origins[name]
            out.free_names.append(FreeName(home, name, target, line + shift + added,
                                           where if kind != "global" else None, why))
        shift += added
        inserts.append((start, notes, own_line))
    out_bytes = data
    for start, notes, own_line in sorted(inserts, reverse=True):
        line_start = out_bytes.rfind(b"\n", 0, start) + 1
        if not own_line:
            comment = "/* TODO(ctimod): " + "; ".join(js_comment(n) for n in notes) + " */ "
        else:
            indent = out_bytes[line_start:start].decode()
            comment = "".join(f"// TODO(ctimod): {js_comment(n)}\n{indent}" for n in notes)
        out_bytes = out_bytes[:start] + comment.encode() + out_bytes[start:]
    return out_bytes.decode("utf-8")


def _all_uses(data: bytes, root, names: set[str]) -> dict[int, list[str]]:
    """Statement start -> free names used in it, for every use (not just the first)."""
    if not names:
        return {}
    from .legacy import statement_of

    walker = ScopeWalker(data)
    result: dict[int, list[str]] = {}
    # The stubs for ``names`` are declared at the top: those declarations do not count.
    for node, name in walker.undeclared(root, root_declared=walker.declared(root) - names):
        if name in names:
            result.setdefault(statement_of(node).start_byte, []).append(name)
    return result


# ---------------------------------------------------------------------------------------- connector
def _dial_edits(plan: Plan) -> None:
    """Inside dial(): payload fields renamed to Contact fields, a bare return means 'did not dial'."""
    for unit in plan.units_in("dial"):
        fn, file = unit.node, unit.file
        params = legacy_params(file, fn)
        if params and params[0] != "{...}":
            _rename_payload(plan, file, fn, params[0], classic=unit.conversions[0].use.family == "classic")
        for node in _walk_same_function(fn):
            if node.type == "return_statement" and not [c for c in node.named_children if c.type != "comment"]:
                plan.renderer.add(file, Edit(node.start_byte, node.end_byte, "return CTIMOD_NOT_DIALLED;",
                                             homes=(CONNECTOR,), why="dial-declined"))


def _walk_same_function(fn):
    stack = list(fn.children)
    while stack:
        node = stack.pop()
        yield node
        if node.type in ("function_declaration", "function_expression", "function", "arrow_function",
                         "method_definition", "class_body"):
            continue
        stack.extend(node.children)


def _references(file, fn, name: str, declarator) -> list:
    out = []
    pattern = re.compile(rb"(?<![\w$])" + re.escape(name.encode()) + rb"(?![\w$])")
    for match in pattern.finditer(file.data, fn.start_byte, fn.end_byte):
        node = file.node(match.start(), match.end())
        if node is None or node.type != "identifier":
            continue
        declaration = find_declaration(file.data, name, node)
        if declaration is not None and declaration.declarator == declarator and node != declarator and \
                node.parent is not None and node.parent.type not in ("formal_parameters", "required_parameter") and \
                node.parent.child_by_field_name("name") != node:
            out.append(node)
    return out


def _rename_payload(plan: Plan, file, fn, param: str, classic: bool) -> None:
    declaration = find_declaration(file.data, param, fn.child_by_field_name("body") or fn)
    if declaration is None:
        return
    pending = [(param, declaration.declarator)]
    bare = False
    done = set()
    while pending:
        name, declarator = pending.pop()
        if (name, declarator.start_byte) in done:
            continue
        done.add((name, declarator.start_byte))
        for ref in _references(file, fn, name, declarator):
            parent = ref.parent
            if parent is not None and parent.type == "member_expression" and \
                    parent.child_by_field_name("object") == ref:
                prop = file.text(parent.child_by_field_name("property"))
                call = parent.parent.parent if parent.parent is not None else None
                if prop == "result" and call is not None and call.type == "call_expression" and \
                        file.text(call.child_by_field_name("function")) == "JSON.parse":
                    plan.renderer.add(file, Edit(call.start_byte, call.end_byte, "contact", homes=(CONNECTOR,),
                                                 why="classic-payload"))
                    holder = call.parent
                    if holder is not None and holder.type == "variable_declarator":
                        target = holder.child_by_field_name("name")
                        if target is not None and target.type == "identifier":
                            pending.append((file.text(target), holder))
                    continue
                if prop in PAYLOAD_FIELDS:
                    plan.renderer.add(file, Edit(parent.start_byte, parent.end_byte,
                                                 f"contact.{PAYLOAD_FIELDS[prop]}", homes=(CONNECTOR,),
                                                 why="payload-field"))
                else:
                    plan.renderer.add(file, Edit(
                        parent.start_byte, parent.end_byte,
                        f"undefined /* TODO(ctimod): click-to-dial payload.{js_comment(prop)} has no "
                        "Contact field */", homes=(CONNECTOR,), why="payload-field"))
            elif name == param:
                bare = True
    if bare:
        plan.dial_prelude = (f"const {param} = {{ number: contact.phoneNumber, recordId: contact.recordId, "
                             "recordName: contact.name };")


def _vendor_hints(plan: Plan) -> dict[str, str]:
    """Legacy functions whose names suggest a connector method (dial, hold, mute...): method -> where."""
    cached = getattr(plan, "vendor_hints", None)
    if cached is not None:
        return cached
    hints: dict[str, str] = {}
    for file in plan.files.values():
        for region in file.regions:
            found = nodes_of_kinds(region.tree.root_node, region.tree.language,
                                   ["function_declaration", "method_definition", "pair", "variable_declarator"])
            # Outer before inner, later before earlier (the order this search has always used).
            for node in sorted(found, key=lambda n: (-n.end_byte, n.start_byte)):
                name_node = node.child_by_field_name("name") or node.child_by_field_name("key")
                if name_node is not None and (node.type in ("function_declaration", "method_definition") or
                                              _is_function_value(node)):
                    name = file.text(name_node).strip("'\"")
                    snake = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", name).lower()
                    for method, pattern in VENDOR_HINTS:
                        if method not in hints and re.search(pattern, snake):
                            hints[method] = f"{name}() at {file.display}:{file.line(node.start_byte)}"
    plan.vendor_hints = hints
    return hints


def _is_function_value(node) -> bool:
    value = unwrap(node.child_by_field_name("value"))
    return value is not None and value.type in ("function_expression", "function", "arrow_function")


def _connector_js(plan: Plan, env, out: Generated) -> str:
    api = plan.options.connector_api
    methods = env.get_template("connector/methods.js.j2").make_module()
    hints = _vendor_hints(plan)
    plan.dial_prelude = getattr(plan, "dial_prelude", None)
    dial_units = plan.units_in("dial")
    chosen = next((u for u in dial_units if u.conversions[0].use.family == "lightning"), None) or \
        (dial_units[0] if dial_units else None)
    if chosen is not None:
        body = plan.renderer.node(chosen.file, chosen.node.child_by_field_name("body"), CONNECTOR)
        if chosen.node.child_by_field_name("body").type != "statement_block":
            body = "{\n    return " + body + ";\n}"
        lines = ["        // ctimod: the legacy listener, run with Salesforce's Contact (number -> contact.phoneNumber)."]
        if plan.dial_prelude:
            lines.append("        " + plan.dial_prelude)
        lines.append("        const outcome = (() => " + reindent(body, "        ") + ")();")
        lines += ["        if (outcome === CTIMOD_NOT_DIALLED) {",
                  "            throw new Error('The legacy click-to-dial logic did not dial this number');",
                  "        }", "        await outcome;", "        return ctimodOutboundCall(contact);"]
        for other in dial_units:
            if other is not chosen:
                lines.insert(0, f"        // TODO(ctimod): another click-to-dial listener ({js_comment(other.legacy)}) was not "
                                "moved; merge its logic here if it differs.")
        dial_body = "\n".join(lines)
        dial_legacy = chosen.legacy
        if parse_error("async function probe(contact) {\n" + dial_body + "\n}\n") is not None:
            reason = (f"the legacy click-to-dial listener ({chosen.legacy}) has syntax errors, so ctimod could not "
                      "move it into dial(); fix the legacy code and convert again, or port it by hand")
            for conversion in chosen.conversions:
                conversion.status, conversion.todo = "failed", reason
            dial_body = (f"        // TODO(ctimod): {js_comment(reason)}.\n"
                         "        void contact;\n        throw new Error('dial() could not be migrated');")
    else:
        dial_body = ("        // TODO(ctimod): the legacy adapter registered no click-to-dial listener; start an "
                     "outbound call\n        // with your vendor SDK here, then resolve with ctimodOutboundCall(contact).\n"
                     "        void contact;\n        throw new Error('dial() is not implemented yet');")
        dial_legacy = None
    init_body = _init_body(plan)
    module_helpers = set(plan.bundle.module_helpers[CONNECTOR])
    telephony = [name for name in TELEPHONY_METHODS] + (V4_TELEPHONY if api == 4 else V3_ONLY)
    telephony_methods = [_member(getattr(methods, name)(api, hints.get(name))) for name in telephony]
    vendor_methods = [_member(getattr(methods, name)(api, hints.get(name))) for name in V4_VENDOR] if api == 4 else []
    carried = carried_text(plan, CONNECTOR)
    stubs = getattr(plan, "stubs", {}).get(CONNECTOR, "")
    if stubs:
        carried = stubs + ("\n\n" + carried if carried else "")
    notes = list(plan.bundle.connector_notes)
    for unit in plan.units_in(LWC):
        if unit.trigger in ("callstarted", "callconnected", "callended"):
            event = {"callstarted": "CALL_STARTED", "callconnected": "CALL_CONNECTED", "callended": "HANGUP"}[
                unit.trigger]
            notes.append(f"Publish {event} when your vendor reports it: the legacy adapter handled that moment in "
                         f"{unit.legacy}, whose UI logic now runs in the LWC on the toolkit event.")
    text_ = env.get_template("connector/connector.js.j2").render(
        version=__version__, adapter=plan.adapter, api=api, notes=sorted(set(notes)),
        imports=sorted(set(RESULT_CLASSES[api])), helpers=_helpers_text(env, module_helpers).rstrip(),
        carried=carried, connector_class="Connector", telephony_class="PhoneConnector",
        init_body=init_body, dial_body=dial_body, dial_legacy=dial_legacy,
        telephony_methods=telephony_methods, vendor_methods=vendor_methods)
    return text_


def _init_body(plan: Plan) -> str:
    units = plan.units_in("init")
    lines = ["        ctimodConnectorConfig = connectorConfig || {};"]
    if not units:
        lines += ["        // TODO(ctimod): the legacy adapter did not read call center settings; read your vendor's",
                  "        // settings from connectorConfig ('/<section>/<item>' keys) here.",
                  "        return new InitResult({});"]
        return "\n".join(lines)
    rendered = []
    for index, unit in enumerate(units, 1):
        classic = unit.conversions[0].use.family == "classic"
        node = unit.node
        if node.type == "method_definition":
            params = plan.renderer.node(unit.file, node.child_by_field_name("parameters"), CONNECTOR)
            fn = "function " + params + " " + plan.renderer.node(unit.file, node.child_by_field_name("body"),
                                                                   CONNECTOR)
        else:
            fn = plan.renderer.node(unit.file, node, CONNECTOR)
        shim = ("{ result: JSON.stringify(ctimodConnectorConfig), error: null }" if classic
                else "{ success: true, returnValue: ctimodConnectorConfig, errors: null }")
        rendered.append((unit, fn, shim, index))
    waits = any("ctimodInitialized()" in fn for _, fn, _, _ in rendered) or \
        "ctimodInitialized()" in carried_text(plan, CONNECTOR)
    if waits:
        lines += ["        // ctimod: the legacy code signalled readiness with notifyInitializationComplete();",
                  "        // init() resolves then (ctimodInitialized), or after CTIMOD_INIT_TIMEOUT_MS.",
                  "        const ready = new Promise((resolve) => {",
                  "            ctimodReadyResolve = resolve;",
                  "            setTimeout(() => ctimodInitialized(), CTIMOD_INIT_TIMEOUT_MS);",
                  "        });"]
    for unit, fn, shim, index in rendered:
        lines.append(f"        // ctimod: the getCallCenterSettings callback, moved from {js_comment(unit.legacy)}. The "
                     "contact")
        lines.append("        // center settings arrive with the same flat keys ('/reqGeneralInfo/reqInternalName', ...).")
        lines.append(f"        const settingsCallback{index} = " + reindent(fn, "        ") + ";")
        lines.append("        try {")
        lines.append(f"            settingsCallback{index}.call(this, {shim});")
        lines.append("        } catch (error) {")
        lines.append("            // Open CTI swallowed errors thrown by callbacks; so does init(), so Salesforce still gets")
        lines.append("            // the connector. TODO(ctimod): the legacy settings code failed here; see the console.")
        lines.append("            console.error('ctimod: the legacy getCallCenterSettings callback failed', error);")
        lines.append("        }")
    lines.append("        return " + ("ready;" if waits else "new InitResult({});"))
    body = "\n".join(lines)
    if parse_error("async function probe(connectorConfig) {\n" + body + "\n}\n") is not None:
        reason = (f"the legacy getCallCenterSettings callback ({units[0].legacy}) has syntax errors, so ctimod "
                  "could not move it into init(); fix the legacy code and convert again, or port it by hand")
        for unit in units:
            for conversion in unit.conversions:
                conversion.status, conversion.todo = "failed", reason
        body = ("        ctimodConnectorConfig = connectorConfig || {};\n"
                f"        // TODO(ctimod): {js_comment(reason)}.\n        return new InitResult({{}});")
    return body


def _connector_files(plan: Plan, env, connector_js: str) -> list[GeneratedFile]:
    api = plan.options.connector_api
    package = re.sub(r"[^a-z0-9-]+", "-", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", plan.lwc_name).lower()).strip("-")
    return [
        GeneratedFile("connector/package.json", env.get_template("connector/package.json.j2").render(
            package_name=f"{package or 'voice'}-connector", adapter=plan.adapter, base_version=BASE_VERSIONS[api]),
            "json"),
        GeneratedFile("connector/src/index.js", env.get_template("connector/index.js.j2").render(
            version=__version__, connector_class="Connector"), "js"),
        GeneratedFile("connector/src/connector.js", connector_js, "js"),
        GeneratedFile("connector/index.html", env.get_template("connector/index.html.j2").render(
            version=__version__, title=f"{plan.adapter} connector"), "html"),
    ]


# ---------------------------------------------------------------------------------------- apex, channels
def _apex_files(plan: Plan, env) -> list[GeneratedFile]:
    files = []
    meta = env.get_template("apex/class.cls-meta.xml.j2").render(api_version=API_VERSION)
    for name in sorted(plan.bundle.apex):
        if name == "CtimodSoftphoneSearch":
            content = env.get_template("apex/search.cls.j2").render(version=__version__)
        else:
            methods = []
            for method in sorted(plan.bundle.apex[name].values(), key=lambda m: m.name):
                types = getattr(method, "types", None) or ["String"] * len(method.params)
                signature = ", ".join(f"{t} {p}" for t, p in zip(types, method.params))
                todo = None
                if not method.literal_params:
                    todo = ("runApex built its query string at run time: give this method the real parameters "
                            "and parse methodParams no more.")
                methods.append({"name": method.name, "returns": method.returns, "signature": signature,
                                "arguments": ", ".join(method.params), "legacy": method.legacy,
                                "legacy_class": getattr(method, "legacy_class", name), "todo": todo})
            content = env.get_template("apex/class.cls.j2").render(version=__version__, name=name, methods=methods)
        files.append(GeneratedFile(f"force-app/main/default/classes/{name}.cls", content, "apex"))
        files.append(GeneratedFile(f"force-app/main/default/classes/{name}.cls-meta.xml", meta, "xml"))
    return files


def _channel_files(plan: Plan, env) -> list[GeneratedFile]:
    files = []
    for channel in sorted(plan.bundle.message_channels):
        base = channel[:-3] if channel.endswith("__c") else channel
        if "__" in base:
            continue  # another namespace's channel: imported, not ours to write
        files.append(GeneratedFile(
            f"force-app/main/default/messageChannels/{base}.messageChannel-meta.xml",
            env.get_template("metadata/messageChannel.xml.j2").render(
                version=__version__, label=base, fields=sorted(plan.bundle.channel_fields.get(channel, ())),
                description=f"Lightning Message Service channel migrated by ctimod from {plan.adapter}"), "xml"))
    return files


# ---------------------------------------------------------------------------------------- contact center
def _contact_center(plan: Plan, env, out: Generated) -> list[GeneratedFile]:
    source = plan.call_centers[0] if plan.call_centers else None
    definition = source[1] if source else None
    internal = (definition.internal_name if definition and definition.internal_name else plan.class_name)
    internal = re.sub(r"[^A-Za-z0-9]", "", internal) or "Voice"
    if not internal[0].isalpha():
        internal = "V" + internal
    internal = (internal + "Voice")[:40]
    display = ((definition.display_name or definition.internal_name) if definition else plan.adapter) or plan.adapter
    general = [("reqInternalName", "InternalName", internal), ("reqDisplayName", "Display Name", f"{display} (Voice)"),
               ("reqVendorInfoApiName", "Vendor Information API Name", internal)]
    hvcc = [("reqTelephonyIntegrationCertificate", "Telephony Integration Certificate", "")]
    retired, carried, custom_general = [], [], []
    vendor_sections: dict[str, list] = {}
    labels: dict[str, str] = {}
    if definition:
        for item in definition.items:
            if item.name in OPEN_CTI_ONLY_ITEMS:
                retired.append({"section": item.section, "name": item.name, "value": item.value})
            elif item.section == "reqGeneralInfo":
                if item.name in ("reqInternalName", "reqDisplayName"):
                    continue
                if item.name.startswith("req"):
                    retired.append({"section": item.section, "name": item.name, "value": item.value})
                else:
                    custom_general.append(item)
            elif item.section == "reqDialingOptions":
                if item.name == "reqLongDistPrefix":
                    hvcc.append(("reqLongDistPrefix", item.label or "Long Distance Prefix", item.value or ""))
                vendor_sections.setdefault("reqDialingOptions", []).append(item)
            elif item.section == "customSettings":
                retired.append({"section": item.section, "name": item.name, "value": item.value})
            else:
                vendor_sections.setdefault(item.section, []).append(item)
        if custom_general:
            vendor_sections.setdefault("ctimodGeneralSettings", []).extend(custom_general)
            labels["ctimodGeneralSettings"] = "Settings carried from reqGeneralInfo"
    sections = [
        {"name": "reqGeneralInfo", "label": "General Information",
         "items": [{"name": n, "label": label, "value": v} for n, label, v in general]},
        {"name": "reqHvcc", "label": "SCV Settings",
         "items": [{"name": n, "label": label, "value": v} for n, label, v in hvcc]},
    ]
    for name, items in vendor_sections.items():
        sections.append({"name": name, "label": labels.get(name, name), "items": [
            {"name": i.name, "label": i.label or i.name, "value": i.value or ""} for i in items]})
        carried.extend({"section": name, "name": i.name, "value": i.value} for i in items)
    for index, section in enumerate(sections):
        section["sort_order"] = index
        for position, item in enumerate(section["items"]):
            item["sort_order"] = position
    out.contact_center = {"source": source[0] if source else None, "internal_name": internal, "retired": retired,
                          "carried": carried}
    content = env.get_template("metadata/contactCenter.xml.j2").render(
        version=__version__, source=source[0] if source else "no call center file (defaults)", sections=sections)
    return [GeneratedFile(f"contact-center/{internal}.xml", content, "xml")]


__all__ = ["generate", "Generated", "GeneratedFile", "FreeName", "environment"]
