"""The BYOT connector: connector/src/connector.js from connector/connector.js.j2, its parts written by
the codemods that own them (dial, init), and the connector's package files."""

from __future__ import annotations

import re

from .. import __version__
from ..codemod import CONNECTOR, LWC, ConnectorContext, Needs, registered
from ..legacy import RUN_CACHES, nodes_of_kinds, unwrap
from .common import carried_text, helpers_text, lands, member, member_stubs, parse_error, stubs_text
from .templates import environment

BASE_VERSIONS = {3: "3.6.2", 4: "^4.8.1"}
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
PUBLISHED = {"callstarted": "CALL_STARTED", "callconnected": "CALL_CONNECTED", "callended": "HANGUP"}
VENDOR_KIND = {"callstarted": "incoming", "callconnected": "connected", "callended": "ended"}


def _head(renderer, moved, node, text: str | None) -> None:
    """ConnectorContext.head: what the connector writes before ``node`` of moved code, or (None) that it holds
    none of that code."""
    if text is None:
        renderer.drop(moved.file.display, CONNECTOR, moved.node.start_byte, moved.node.end_byte)
    else:
        renderer.heads[(moved.file.display, CONNECTOR, node.start_byte)] = text


def module(plan, renderer, needs: Needs, page_scripts: list[str] = ()) -> tuple[str, list, list]:
    """The connector's JavaScript, the conversions whose connector part failed (with why), and those
    whose part a person must finish (with why). ``page_scripts``: the vendor scripts connector/index.html
    loads (:func:`page_scripts`)."""
    from ..vendors import page_globals  # noqa: PLC0415
    from ..vendors._status import for_plan as status_for_plan, todo_text as status_todo  # noqa: PLC0415

    provided = page_globals(plan.vendor, plan.homes[CONNECTOR].missing, page_scripts)
    env = environment()
    api = plan.options.connector_api
    methods = env.get_template("connector/methods.js.j2").make_module()
    hints = _vendor_hints(plan)
    parts: dict[str, str] = {}
    notes: list[str] = []
    failures: list = []
    cautions: list = []
    # The codemods that own connector parts, then the vendor surface recognised in the legacy code.
    for codemod in [*registered(), *([plan.vendor] if plan.vendor is not None else [])]:
        own = getattr(codemod, "id", None)
        context = ConnectorContext(
            api=api, moved=[m for m in plan.moved_to(CONNECTOR) if m.conversions[0].codemod == own],
            conversions=[c for c in plan.conversions if c.codemod == own],
            landed=lambda codemod_id: [c for c in plan.conversions if c.codemod == codemod_id and
                                       c.home == CONNECTOR],
            render=lambda moved, node: renderer.node(moved.file, node, CONNECTOR, needs), parse_error=parse_error,
            missing=frozenset(m.name for m in plan.homes[CONNECTOR].missing if not m.value),
            continuations=frozenset(m.name for m in plan.homes[CONNECTOR].missing if m.kind == "param" and not m.value),
            provided=provided, page_scripts=tuple(page_scripts),
            render_range=lambda file, start, end: renderer.render(file, start, end, CONNECTOR, needs),
            lands=lambda file, node: lands(plan, CONNECTOR, file, node),
            head=lambda moved, node, text: _head(renderer, moved, node, text),
            within=lambda moved: [c for c in plan.conversions if c.home == CONNECTOR and c.site is not None
                                  and c.site.file is moved.file and not any(c is m for m in moved.conversions)
                                  and moved.node.start_byte <= c.site.node.start_byte < moved.node.end_byte])
        contributed = codemod.connector_parts(context)
        parts.update(contributed.parts)
        notes += contributed.notes
        failures += contributed.failures
        cautions += contributed.cautions
    joined: dict[int, tuple] = {}  # one conversion's cautions from several codemods (click-to-dial, the vendor)
    for conversion, why in cautions:
        known = joined.get(id(conversion))
        joined[id(conversion)] = (conversion, f"{known[1]} {why}" if known and why not in known[1] else
                                  known[1] if known else why)
    cautions = list(joined.values())
    changes = status_for_plan(plan)
    if changes and not parts.get("method.setAgentStatus"):
        # the legacy code changed the vendor agent's state: setAgentStatus fails with the TODO naming it
        parts["method.setAgentStatus.todo"] = status_todo(changes)
    telephony = TELEPHONY_METHODS + (V4_TELEPHONY if api == 4 else V3_ONLY)
    caps, caps_todo = capabilities(parts)
    telephony_methods = [member(getattr(methods, name)(api, hints.get(name), parts.get(f"method.{name}"),
                                                       parts.get(f"method.{name}.todo"),
                                                       **({"caps": caps, "caps_todo": caps_todo}
                                                          if name in CAPABILITY_METHODS else {})))
                         for name in telephony]
    vendor_methods = [member(getattr(methods, name)(api, hints.get(name), parts.get(f"method.{name}"),
                                                    parts.get(f"method.{name}.todo")))
                      for name in V4_VENDOR] if api == 4 else []
    carried = carried_text(plan, renderer, CONNECTOR, needs)
    stubs = stubs_text(plan, CONNECTOR)
    if stubs:
        carried = stubs + ("\n\n" + carried if carried else "")
    vendor_publishes = plan.vendor.published() if plan.vendor is not None else {}
    for moved in plan.moved_to(LWC):
        if moved.trigger in PUBLISHED and not vendor_publishes.get(VENDOR_KIND[moved.trigger]):
            notes.append(f"Publish {PUBLISHED[moved.trigger]} when your vendor reports it: the legacy adapter handled "
                         f"that moment in {moved.legacy}, whose UI logic now runs in the LWC on the toolkit event.")
    text = env.get_template("connector/connector.js.j2").render(
        version=__version__, adapter=plan.adapter, api=api, notes=sorted(set(notes)),
        imports=sorted(set(RESULT_CLASSES[api]) | set(parts.get("imports", "").split())), helpers=helpers_text(env, needs).rstrip(),
        carried=carried, connector_class="Connector", telephony_class="PhoneConnector", parts=parts,
        telephony_methods=telephony_methods, vendor_methods=vendor_methods,
        telephony_fields=member_stubs(plan, CONNECTOR, "telephony"), connector_fields=member_stubs(plan, CONNECTOR, "connector"))
    return text, failures, cautions


# Capability flags the connector declares, and the methods that must all run vendor code for the flag to be
# true (Salesforce shows the button of a true flag; its method must do what the button says).
CAPABILITIES = {"hasMute": ("mute", "unmute"), "hasRecord": ("pauseRecording", "resumeRecording"),
                "hasMerge": ("conference",), "hasSwap": ("swap",)}
CAPABILITY_METHODS = ("getCapabilities", "getVoiceCapabilities")


def capabilities(parts: dict) -> tuple[dict[str, bool], list[str]]:
    """The capability flags (true only where every method behind the flag runs code, i.e. the legacy
    vendor code was wired into it) and a TODO line for each flag held back only because of that (hasMute:
    the template used to declare it)."""
    caps = {flag: all(parts.get(f"method.{m}") for m in needed) for flag, needed in CAPABILITIES.items()}
    todo = []
    if not caps["hasMute"]:
        missing = [f"{m}()" for m in CAPABILITIES["hasMute"] if not parts.get(f"method.{m}")]
        fail = "fails with its TODO" if len(missing) == 1 else "fail with their TODOs"
        todo.append(f"hasMute is false because {' and '.join(missing)} {fail}: Salesforce would show a mute "
                    "button that does nothing. Set it to true once mute() and unmute() call your vendor.")
    return caps, todo


# The template's plumbing that only some conversions use (a codemod's part refers to it).
PLUMBING = ("CTIMOD_NOT_DIALLED", "CTIMOD_INIT_TIMEOUT_MS", "ctimodInitialized", "ctimodReadyResolve", "ctimodNotDialled")


def legacy_name(name: str) -> bool:
    """Whether a top-level name of the connector may be legacy code's (kept even when unused), not one of
    ctimod's own pieces (dropped once nothing uses it: the template's plumbing, the vendor runtime when no
    listener publishes through it)."""
    return name not in PLUMBING and not name.startswith("ctimod")


_HINT_PATTERNS: list = []  # VENDOR_HINTS compiled: (method, pattern)
_CAMEL_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HINTS: dict = {}  # id(plan) -> (plan, its files, their hints): the connector is rendered several times per convert
RUN_CACHES.append(_HINTS)


def _vendor_hints(plan) -> dict[str, str]:
    """Legacy functions whose names suggest a connector method (hold, mute...): method -> where. Read once per
    plan and set of legacy files; callers only read the answer."""
    files = [(display, id(file)) for display, file in plan.files.items()]
    known = _HINTS.get(id(plan))
    if known is not None and known[0] is plan and known[1] == files:
        return known[2]
    if not _HINT_PATTERNS:
        _HINT_PATTERNS.extend((method, re.compile(pattern)) for method, pattern in VENDOR_HINTS)
    hints: dict[str, str] = {}
    for file in plan.files.values():
        for region in file.regions:
            found = nodes_of_kinds(region.tree.root_node, region.tree.language,
                                   ["function_declaration", "method_definition", "pair", "variable_declarator"],
                                   any_order=True)
            # Outer before inner, later before earlier (the order this search has always used).
            for node in sorted(found, key=lambda n: (-n.end_byte, n.start_byte)):
                name_node = node.child_by_field_name("name") or node.child_by_field_name("key")
                if name_node is not None and (node.type in ("function_declaration", "method_definition") or
                                              _is_function_value(node)):
                    name = file.text(name_node).strip("'\"")
                    snake = _CAMEL_HUMP.sub("_", name).lower()
                    for method, pattern in _HINT_PATTERNS:
                        if method not in hints and pattern.search(snake):
                            hints[method] = f"{name}() at {file.display}:{file.line(node.start_byte)}"
    _HINTS[id(plan)] = (plan, files, hints)
    return hints


def _is_function_value(node) -> bool:
    value = unwrap(node.child_by_field_name("value"))
    return value is not None and value.type in ("function_expression", "function", "arrow_function")


def legacy_markup(plan) -> list:
    """The elements of the legacy pages (parsed once per convert; :func:`page` selects from them)."""
    from ..vendors.page import page_markup  # noqa: PLC0415

    excluded = getattr(plan, "excluded", None) or {}
    return page_markup([f for display, f in sorted(plan.files.items()) if display not in excluded])


def page(plan, connector_js: str, markup: list | None = None):
    """What the legacy page loaded that the connector needs: vendor script tags, iframes, and the
    elements the connector's code (or the vendor SDK) looks up by id; ``markup`` is :func:`legacy_markup`."""
    from ..vendors.page import page_assets  # noqa: PLC0415

    # (the method names and TODO texts of ctimodTodo(...) calls are not element ids)
    looked_up = re.sub(r"return ctimodTodo\(.*\);\n", "", connector_js)
    used = set(re.findall(r"""['"`]#?([A-Za-z][\w-]*)['"`]""", looked_up))
    if plan.vendor is not None:
        used |= plan.vendor.page_ids
    # The adapter's own code is what the plan analysed (the connector carries it); every other script the
    # legacy page loaded (a vendor SDK, a library such as libphonenumber) is carried as a script tag.
    return page_assets(markup if markup is not None else legacy_markup(plan), sorted(plan.files), used)


def with_placeholders(assets, ids):
    """``assets`` with a bare element for each id of a legacy page that is not among the files, which the
    connector's code only writes to (render.marks.mark_missing_elements): that code then runs as it did."""
    from ..vendors.page import Tag  # noqa: PLC0415

    for ident in ids:
        assets.elements.append(Tag("div", [("id", ident)],
                                   "written to by the connector code (text, class or style) and on the legacy page, "
                                   "which is not among the adapter files"))
    return assets


def page_scripts(assets) -> list[str]:
    """The vendor scripts connector/index.html loads (as the legacy page loaded them), of a :func:`page`."""
    return [dict(tag.attrs).get("src", "") for tag in assets.scripts if dict(tag.attrs).get("src")]


def package_files(plan, connector_js: str, assets) -> list[tuple[str, str, str]]:
    """(path, content, kind) of the connector's files; ``assets`` is the :func:`page` index.html carries."""
    env = environment()
    api = plan.options.connector_api
    package = re.sub(r"[^a-z0-9-]+", "-", re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", plan.lwc_name).lower()).strip("-")
    return [
        ("connector/package.json", env.get_template("connector/package.json.j2").render(
            package_name=f"{package or 'voice'}-connector", adapter=plan.adapter, base_version=BASE_VERSIONS[api]),
         "json"),
        ("connector/src/index.js", env.get_template("connector/index.js.j2").render(
            version=__version__, connector_class="Connector"), "js"),
        ("connector/src/connector.js", connector_js, "js"),
        ("connector/index.html", env.get_template("connector/index.html.j2").render(
            version=__version__, title=f"{plan.adapter} connector", page=assets), "html"),
    ]
