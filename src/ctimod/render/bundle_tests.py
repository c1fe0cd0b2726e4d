"""Stage: render. The behavioural tests every bundle ships (issue 12 items 3-4).

* ``force-app/main/default/lwc/<name>/__tests__/<name>.test.js``: a Jest test per component, run by
  ``npm run test:unit`` (``@salesforce/sfdx-lwc-jest``). It mounts the component, then dispatches
  each toolkit event the component listens to from its ``<lightning-service-cloud-voice-toolkit-api>``
  with the ``detail`` the toolkit documents, and asserts that nothing threw (listener exceptions,
  rejected promises, uses of a ``ctimodMissing`` stand-in) and the expected effects: the status line
  the component shows, and for the legacy code the event runs, the Salesforce call each Open CTI call
  it made unconditionally became (the page reference navigated to, the record created, the Apex
  search called with the caller's number...).
* ``connector/test/``: the handshake and call-flow harness ``ctimod verify`` runs, as the
  connector's ``npm test`` (``node --test``), so a user keeps it after editing the connector.

Expected effects come from the legacy code (the plan): an Open CTI call in a legacy function that
a toolkit event runs, on every path through it (not under a condition, in a callback or after an
early return), must have its Salesforce counterpart happen when the event is dispatched. A call
the report flags (manual, dropped, failed) is not asserted; the test says so in a comment.
"""

from __future__ import annotations

import json
import re
from importlib import resources

from ..codemod import LWC
from ..escape import js_comment, js_string

COMPONENTS = re.compile(r"^(?P<root>.*/lwc/(?P<name>[A-Za-z][A-Za-z0-9_]*))/(?P=name)\.js$")
LISTENER = re.compile(r"this\.toolkit\.addEventListener\('([a-z]+)',\s*this\.([A-Za-z_$][\w$]*)\)")
# The detail the toolkit documents per event (opencti-scv-api.md §4.2).
DETAILS = {
    "callstarted": {"callId": "ctimod-test-call-1", "callType": "inbound", "participant": "+15551234567"},
    "callconnected": {"callId": "ctimod-test-call-1", "callType": "inbound", "participant": "+15551234567"},
    "callended": {"callId": "ctimod-test-call-1"},
    "hold": {"callId": "ctimod-test-call-1", "participant": "+15551234567"},
    "resume": {"callId": "ctimod-test-call-1", "participant": "+15551234567"},
    "mute": {"callId": "ctimod-test-call-1"},
    "unmute": {"callId": "ctimod-test-call-1"},
    "participantadded": {"callId": "ctimod-test-call-1", "participant": "+15557654321"},
    "participantremoved": {"callId": "ctimod-test-call-1", "participant": "+15557654321"},
    "wrapupended": {"callId": "ctimod-test-call-1"},
}
# The one record the generated phone search finds in the tests (so an inbound call pops it).
SEARCH_CLASS = "CtimodSoftphoneSearch"
MATCH_ID = "003000000000001AAA"
# `lightning/*` modules @salesforce/sfdx-lwc-jest 7 has stubs for, among those generated code imports.
JEST_STUBS = {"lightning/navigation", "lightning/uiRecordApi", "lightning/messageService",
              "lightning/pageReferenceUtils", "lightning/platformWorkspaceApi", "lightning/platformShowToastEvent",
              "lightning/serviceCloudVoiceToolkitApi", "lightning/uiObjectInfoApi", "lightning/empApi"}
# What the utility bar API's functions resolve to in the tests (its documented shapes).
UTILITY_RESULTS = {"getInfo": {"id": "ctimod-test-utility", "utilityVisible": False, "panelVisible": False},
                   "getAllUtilityInfo": [], "getEnclosingUtilityId": "ctimod-test-utility",
                   "isUtilityPoppedOut": False}
# The Salesforce call an Open CTI call becomes in the component, as (module, function) candidates:
# at least one of them must be called. `navigate` is NavigationMixin.Navigate.
EFFECTS = {
    "screenPop": ("a navigation", [("lightning/navigation", "navigate")]),
    "searchAndScreenPop": ("the Apex phone search", [(f"@salesforce/apex/{SEARCH_CLASS}.search", "default")]),
    "saveLog": ("a record saved", [("lightning/uiRecordApi", "createRecord"), ("lightning/uiRecordApi", "updateRecord")]),
    "setSoftphonePanelVisibility": ("the utility panel opened or minimised",
                                    [("lightning/platformUtilityBarApi", "open"),
                                     ("lightning/platformUtilityBarApi", "minimize")]),
    "setSoftphonePanelLabel": ("the utility label updated", [("lightning/platformUtilityBarApi", "updatePanel"),
                                                             ("lightning/platformUtilityBarApi", "setUtilityLabel")]),
    "setSoftphonePanelIcon": ("the utility icon updated", [("lightning/platformUtilityBarApi", "updatePanel"),
                                                           ("lightning/platformUtilityBarApi", "setUtilityIcon")]),
    "refreshView": ("the page's records refreshed", [("lightning/uiRecordApi", "notifyRecordUpdateAvailable")]),
}
# Nodes under which a legacy call does not run every time the function runs.
_CONDITIONAL = {"if_statement", "ternary_expression", "switch_statement", "for_statement", "for_in_statement",
                "while_statement", "do_statement", "try_statement", "catch_clause", "function_declaration",
                "function_expression", "function", "arrow_function", "method_definition", "generator_function",
                "generator_function_declaration"}
_EXITS = {"return_statement", "throw_statement", "break_statement", "continue_statement"}


def kebab(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower()


# ------------------------------------------------------------------------- the component's imports
def _imports(text: str) -> dict[str, dict]:
    """module -> {"default": local or None, "named": [(imported, local)]} of a generated component."""
    from ..parse import parse_text

    data = text.encode("utf-8")
    out: dict[str, dict] = {}
    for statement in parse_text(data).root_node.named_children:
        if statement.type != "import_statement":
            continue
        source = statement.child_by_field_name("source")
        if source is None:
            continue
        module = data[source.start_byte + 1:source.end_byte - 1].decode("utf-8")
        entry = out.setdefault(module, {"default": None, "named": []})
        for clause in statement.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    entry["default"] = data[part.start_byte:part.end_byte].decode("utf-8")
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or name
                        out[module]["named"].append((data[name.start_byte:name.end_byte].decode("utf-8"),
                                                     data[alias.start_byte:alias.end_byte].decode("utf-8")))
    return out


# ----------------------------------------------------------------------- what the legacy code did
def _unconditional(call, function) -> bool:
    """Does ``call`` run every time ``function`` (a legacy function or statement node) runs to its end?"""
    from ..legacy import parent_of

    node = call
    while node is not None and node != function:
        parent = parent_of(node)
        if parent is None:
            return False
        if node.type in _CONDITIONAL and node != call:
            return False
        if parent.type == "binary_expression" and parent.child_by_field_name("right") == node:
            operator = parent.child_by_field_name("operator")
            if operator is not None and operator.type in ("&&", "||", "??"):
                return False
        if parent.type in ("statement_block", "program"):
            for sibling in parent.named_children:
                if sibling == node:
                    break
                if _exits(sibling):
                    return False
        node = parent
    return node == function


def _exits(node) -> bool:
    """Can this statement leave the function early (a return or throw not inside a nested function)?"""
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type in _EXITS:
            return True
        if current.type in _CONDITIONAL - {"if_statement", "switch_statement", "try_statement", "catch_clause",
                                           "for_statement", "for_in_statement", "while_statement", "do_statement",
                                           "ternary_expression"}:
            continue  # a nested function's return is its own
        stack.extend(current.named_children)
    return False


def expected_effects(result) -> dict[str, list[dict]]:
    """toolkit event (or 'connected', the mount) -> the Salesforce effects the legacy code it runs must
    have: [{api, legacy, what, candidates}] for asserted ones, [{api, legacy, skipped}] for the rest."""
    plan = result.plan
    outcomes = {id(o.conversion): o for o in getattr(result, "conversions", [])}
    out: dict[str, list[dict]] = {}
    for moved in plan.moved_to(LWC):
        if not moved.trigger or not moved.called:
            continue
        for conversion in moved.conversions:
            site = conversion.site
            member = conversion.use.api.rsplit(".", 1)[-1]
            if site is None or member not in EFFECTS or conversion.home != LWC or conversion.superseded:
                continue
            where = f"{site.file.display}:{site.file.line(site.node.start_byte)}"
            entry = {"api": conversion.use.api, "legacy": where, "method": moved.name}
            outcome = outcomes.get(id(conversion))
            if not _unconditional(site.node, moved.node):
                continue  # runs only on some paths: the detail alone does not say it must happen
            if (outcome is None or outcome.status != "converted" or str(outcome.safety) in ("drop", "invalid")
                    or outcome.summary.startswith("removed")):
                entry["skipped"] = (f"the report says: {outcome.safety} — {outcome.summary}" if outcome
                                    else "the report does not list it as converted")
            else:
                entry["what"], entry["candidates"] = EFFECTS[member]
                entry["with"] = _arguments(member, site, moved)
            out.setdefault(moved.trigger, []).append(entry)
    return out


def _options(site) -> dict:
    """The pairs of the object literal a legacy call passes ({key: value node})."""
    arguments = site.node.child_by_field_name("arguments")
    first = next(iter(arguments.named_children), None) if arguments is not None else None
    if first is None or first.type != "object":
        return {}
    out = {}
    for pair in first.named_children:
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        name = site.file.data[key.start_byte:key.end_byte].decode("utf-8").strip("'\"")
        out[name] = pair.child_by_field_name("value")
    return out


def _value(node, site, moved):
    """What a legacy expression evaluates to when the toolkit event runs the moved function, as JSON,
    when that is known without running it: a literal, or a parameter (or its field) the binding fills
    from the event's detail. ``...`` (Ellipsis) when it is not known."""
    text = site.file.data[node.start_byte:node.end_byte].decode("utf-8")
    if node.type == "string":
        return text[1:-1] if "\\" not in text else ...
    if node.type == "number":
        try:
            return json.loads(text)
        except ValueError:
            return ...
    if node.type in ("true", "false"):
        return node.type == "true"
    parameters = moved.node.child_by_field_name("parameters")
    if parameters is None or moved.binding is None or moved.binding.arguments is None:
        return ...
    names = [site.file.data[p.start_byte:p.end_byte].decode("utf-8") for p in parameters.named_children]
    detail = DETAILS.get(moved.trigger, {})
    if node.type == "identifier" and text in names:
        argument = moved.binding.arguments[names.index(text)] if names.index(text) < len(moved.binding.arguments) else ""
        match = re.fullmatch(r"detail\.(\w+)", argument.strip())
        return detail.get(match.group(1), ...) if match else ...
    if node.type == "member_expression":
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        base = site.file.data[obj.start_byte:obj.end_byte].decode("utf-8")
        field = site.file.data[prop.start_byte:prop.end_byte].decode("utf-8")
        if obj.type == "identifier" and base in names and names.index(base) < len(moved.binding.arguments):
            argument = moved.binding.arguments[names.index(base)]
            match = re.search(r"(?<![\w$])" + re.escape(field) + r":\s*detail\.(\w+)", argument)
            return detail.get(match.group(1), ...) if match else ...
    return ...


def _arguments(member: str, site, moved) -> dict:
    """What the Salesforce call must have been given, where the legacy call shows it."""
    options = _options(site)
    if member == "searchAndScreenPop" and "searchParams" in options:
        searched = _value(options["searchParams"], site, moved)
        call_type = options.get("callType")
        kind = site.file.data[call_type.start_byte:call_type.end_byte].decode("utf-8").lower() if call_type else ""
        inbound = "inbound" in kind
        deferred = options.get("deferred")
        later = deferred is not None and site.file.data[deferred.start_byte:deferred.end_byte] != b"false"
        out = {"pop": inbound and "outbound" not in kind and not later}
        if searched is not ... and searched is not None:
            out["search"] = {"searchParams": str(searched)}
            if inbound or "outbound" in kind:
                out["search"]["callType"] = "inbound" if inbound else "outbound"
        return out
    if member == "saveLog" and "value" in options and options["value"].type == "object":
        fields = {}
        for pair in options["value"].named_children:
            if pair.type == "pair":
                key = pair.child_by_field_name("key")
                fields[site.file.data[key.start_byte:key.end_byte].decode("utf-8").strip("'\"")] = pair
        api_name = _value(fields["entityApiName"].child_by_field_name("value"), site, moved) if (
            "entityApiName" in fields) else ...
        if "Id" in fields or api_name is ... or not isinstance(api_name, str):
            return {}
        return {"record": {"apiName": api_name, "fields": sorted(k for k in fields if k != "entityApiName")}}
    return {}


# ---------------------------------------------------------------- stand-ins a listener reaches
_STAND_IN = re.compile(r"^[ \t]*(?:(?:let|var|const)[ \t]+)?([A-Za-z_$][\w$]*)[ \t]*=[ \t]*ctimodMissing\("
                       r"(['\"])(.+?)\2,", re.M)
# Members the component runs when it is mounted (the test's first case).
_MOUNT = ("constructor", "connectedCallback", "renderedCallback")


def stand_ins(js: str) -> dict[str, tuple[str, bool]]:
    """The component's ctimodMissing stand-ins: the name its error gives ('ui', 'this.wrapUp') ->
    (the binding that holds it, whether it is a class field)."""
    found: dict[str, tuple[str, bool]] = {}
    # Only a line holding a ctimodMissing( call can hold a stand-in (a match never crosses a line): those
    # lines are searched, not the whole module.
    at = js.find("ctimodMissing(")
    while at >= 0:
        line_start, line_end = js.rfind("\n", 0, at) + 1, js.find("\n", at)
        line_end = len(js) if line_end < 0 else line_end
        for match in _STAND_IN.finditer(js, line_start, line_end):
            found[match.group(3)] = (match.group(1), match.group(3).startswith("this."))
        at = js.find("ctimodMissing(", line_end)
    return found


def _members(js: str) -> dict[str, tuple[set, set, set]]:
    """The component class's methods and function-valued fields: name -> (the names it reads, the
    properties it reads, the properties it calls), from the syntax tree (strings and comments do not count;
    a name only assigned, ``current = {...}``, is not read)."""
    from ..legacy import nodes_of_kinds
    from ..parse import parse_text

    data = js.encode("utf-8")
    text = lambda node: data[node.start_byte:node.end_byte].decode("utf-8", "replace")  # noqa: E731
    out: dict[str, tuple[set, set, set]] = {}
    stack = [parse_text(data).root_node]
    while stack:
        node = stack.pop()
        if node.type not in ("class_declaration", "class"):
            stack.extend(node.named_children)
            continue
        body = node.child_by_field_name("body")
        for member in body.named_children if body is not None else []:
            name = member.child_by_field_name("name") if member.type == "method_definition" else (
                member.child_by_field_name("property") if member.type == "field_definition" else None)
            value = member.child_by_field_name("value") if member.type == "field_definition" else member
            if name is None or value is None or (member.type == "field_definition" and value.type not in (
                    "arrow_function", "function_expression", "function")):
                continue
            names, properties, calls = set(), set(), set()
            for current in nodes_of_kinds(value, None, ("identifier", "property_identifier")):
                parent = current.parent
                if current.type == "identifier":
                    assigned = parent is not None and parent.type == "assignment_expression" and \
                        parent.child_by_field_name("left") == current
                    if not assigned:
                        names.add(text(current))
                elif current.type == "property_identifier" and parent is not None and \
                        parent.type == "member_expression":
                    properties.add(text(current))
                    holder = parent.parent
                    if holder is not None and holder.type == "call_expression" and \
                            holder.child_by_field_name("function") == parent:
                        calls.add(text(current))
            out[text(name)] = (names, properties, calls)
    return out


def reached_stand_ins(js: str, starts) -> list[str]:
    """The stand-ins (by the name their error gives) the code of the members ``starts`` may read, following
    the component's own methods it calls (a listener it registers is not run)."""
    found = stand_ins(js)
    if not found:
        return []
    members = _members(js)
    seen, pending, reached = set(), [s for s in starts if s in members], set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        names, properties, calls = members[name]
        pending += [c for c in calls if c in members and c not in seen]
        for error_name, (binding, field) in found.items():
            if (binding in properties) if field else (binding in names):
                reached.add(error_name)
    return sorted(reached)


# --------------------------------------------------------------------------------- the Jest test
def lwc_test(name: str, js: str, html: str, effects: dict[str, list[dict]]) -> str:
    from .lwc import EVENTS
    from .templates import environment

    imports = _imports(js)
    labels = {event: label for event, _handler, label in EVENTS}
    shows_status = "{status}" in html
    listened = list(dict.fromkeys(LISTENER.findall(js)))
    mocks, mock_names = [], {}
    for module, entry in sorted(imports.items()):
        if module.startswith("@salesforce/apex/"):
            value = ({MATCH_ID: {"Id": MATCH_ID, "Name": "Ada Lovelace", "object": "Contact"}}
                     if module == f"@salesforce/apex/{SEARCH_CLASS}.search" else None)
            mocks.append({"module": module, "kind": "apex", "value": json.dumps(value)})
            mock_names[(module, "default")] = f"require({js_string(module)}).default"
        elif module == "lightning/platformUtilityBarApi" or (module.startswith("lightning/") and module not in JEST_STUBS):
            functions = [(n, json.dumps(UTILITY_RESULTS.get(n, True))) for n, _local in entry["named"]
                         if n != "EnclosingUtilityId"]
            mocks.append({"module": module, "kind": "functions", "functions": functions,
                          "wire": any(n == "EnclosingUtilityId" for n, _local in entry["named"])})
            for imported, _local in entry["named"]:
                mock_names[(module, imported)] = f"require({js_string(module)}).{imported}"
        elif module == "lightning/uiRecordApi":
            for imported, _local in entry["named"]:
                mock_names[(module, imported)] = f"require('lightning/uiRecordApi').{imported}"
    navigation = "lightning/navigation" in imports
    if navigation:
        mock_names[("lightning/navigation", "navigate")] = "require('lightning/navigation').ctimodNavigate"
    cases = [{"event": "connected", "title": "mounts without an error", "effects": [],
              "stand_ins": reached_stand_ins(js, _MOUNT)}]
    for event, handler in listened:
        cases.append({"event": event, "handler": handler, "detail": json.dumps(DETAILS.get(event, {})),
                      "documented": event in DETAILS, "label": labels.get(event) if shows_status else None,
                      "participant": DETAILS.get(event, {}).get("participant", ""), "effects": [],
                      "stand_ins": reached_stand_ins(js, [handler])})
    for case in cases:
        # A case whose code reads a stand-in fails there until a person replaces it: the test asserts that
        # only those stand-ins throw (naming what MIGRATION.md lists), and a test.todo says what is left.
        if case["stand_ins"]:
            what = "mounting" if case["event"] == "connected" else f"the {case['handler']} listener"
            names = ", ".join(case["stand_ins"])
            case["title"] = (f"{'mounts' if case['event'] == 'connected' else case['event']}: TODO(ctimod) {what} "
                             f"reaches the stand-ins for {names}, which throw naming what the migration could not "
                             "bring; nothing else fails")
            case["todo"] = (f"{'mount' if case['event'] == 'connected' else case['event']}: replace the stand-ins "
                            f"for {names} (TODO(ctimod) in the component, listed in MIGRATION.md), then assert "
                            "that nothing throws" + (" and the legacy effects" if effects.get(case["event"]) else ""))
        elif case["event"] != "connected":
            case["title"] = (f"{case['event']}: the {case['handler']} listener runs without an error"
                             + (" and has the legacy effects" if effects.get(case["event"]) else ""))
    for case in cases:
        for effect in effects.get(case["event"], []):
            effect = {"skipped": "", "missing": "", "what": "", "calls": [], "with": {}, **effect}
            checks = []
            given = effect["with"]
            apex = mock_names.get((f"@salesforce/apex/{SEARCH_CLASS}.search", "default"))
            if given.get("search") and apex:
                checks.append(f"expect({apex}).toHaveBeenCalledWith(expect.objectContaining("
                              f"{json.dumps(given['search'])}));")
            if given.get("pop") and apex and ("lightning/navigation", "navigate") in mock_names:
                reference = {"type": "standard__recordPage", "attributes": {"recordId": MATCH_ID, "actionName": "view"}}
                checks.append(f"expect({mock_names[('lightning/navigation', 'navigate')]}).toHaveBeenCalledWith("
                              f"{json.dumps(reference)}, undefined); // the one match the search found")
            if given.get("record") and ("lightning/uiRecordApi", "createRecord") in mock_names:
                record = given["record"]
                fields = ", ".join(f"{json.dumps(f)}: expect.anything()" for f in record["fields"])
                checks.append(f"expect({mock_names[('lightning/uiRecordApi', 'createRecord')]}).toHaveBeenCalledWith("
                              f"expect.objectContaining({{ apiName: {json.dumps(record['apiName'])}, "
                              f"fields: expect.objectContaining({{ {fields} }}) }}));")
            effect["checks"] = checks
            if "candidates" in effect:
                calls = [mock_names[c] for c in effect["candidates"] if c in mock_names]
                if not calls:
                    effect["missing"] = ", ".join(f"{m} {f}" for m, f in effect["candidates"])
                effect["calls"] = calls
            case["effects"].append(effect)
    env = environment()
    return env.get_template("project/lwc.test.js.j2").render(
        name=name, tag=f"c-{kebab(name)}", mocks=mocks, navigation=navigation, cases=cases,
        stand_in_names=json.dumps(sorted(stand_ins(js)), ensure_ascii=True),
        toolkit="toolkit" in js and "lightning-service-cloud-voice-toolkit-api" in html,
        js_string=js_string, js_comment=js_comment)


def lwc_tests(result, files) -> list[tuple[str, str]]:
    """(path, content) of the Jest test of every generated component."""
    by_path = {f.path: f.content for f in files}
    plan = getattr(result, "plan", None)
    out = []
    for path, content in sorted(by_path.items()):
        match = COMPONENTS.match(path)
        if not match or "/__tests__/" in path:
            continue
        name = match.group("name")
        html = by_path.get(f"{match.group('root')}/{name}.html", "")
        effects = expected_effects(result) if plan is not None and name == plan.lwc_name else {}
        test_path = f"{match.group('root')}/__tests__/{name}.test.js"
        if test_path not in by_path:
            out.append((test_path, lwc_test(name, content, html, effects)))
    return out


# -------------------------------------------------------------------------------- the connector
CONNECTOR_TEST_FILES = {"connector/test/harness.cjs": "connector-harness.cjs",
                        "connector/test/recorder.cjs": "recorder.cjs",
                        "connector/test/connector.test.cjs": "connector-test.cjs"}
JSDOM = "^26.1.0"


def page_globals(texts) -> list[str]:
    """Names connector code reads from its page (``globalThis.X``, ``window.X``, ``self.X``): the vendor
    SDK the connector page loads, which the call-flow test stands recorders in for."""
    from ..parse import parse_text

    names: set[str] = set()
    for text in texts:
        data = text.encode("utf-8") if isinstance(text, str) else text
        stack = [parse_text(data).root_node]
        while stack:
            node = stack.pop()
            stack.extend(node.children)
            if node.type != "member_expression":
                continue
            obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
            if obj is None or prop is None or obj.type != "identifier" or prop.type != "property_identifier":
                continue
            if data[obj.start_byte:obj.end_byte] in (b"globalThis", b"window", b"self"):
                names.add(data[prop.start_byte:prop.end_byte].decode("utf-8"))
    return sorted(names)


def connector_tests(files, wired=(), todos=()) -> list[tuple[str, str]]:
    """connector/test/ (the harness, its options) for a bundle with a connector. ``wired``: the connector
    methods that run the legacy adapter's vendor code (migration.json's vendor methods marked wired), which
    the test skips, as verify does, when they fail for want of a vendor call the flow never made. ``todos``:
    the TODOs migration.json lists that the connector fails with on purpose (``ctimod TODO: ...``, such as
    the vendor set-up), which the test reports as TODOs, as verify does."""
    by_path = {f.path: f.content for f in files}
    if "connector/src/index.js" not in by_path:
        return []
    out = []
    for path, script in CONNECTOR_TEST_FILES.items():
        out.append((path, resources.files("ctimod.nodejs").joinpath(script).read_text(encoding="utf-8")))
    sources = [c for p, c in sorted(by_path.items()) if p.startswith("connector/src/") and p.endswith(".js")]
    options = {"stubs": page_globals(sources)}
    if wired:
        options["wired"] = sorted(wired)
    # The stand-ins the connector declares (MIGRATION.md lists each name the migration could not bring), and the
    # state it reads that nothing sets (ctimodUnset): code that fails only through them is a TODO of the
    # migration, as `ctimod verify` reports it.
    missing = sorted({m.group(2) for text in sources
                      for m in re.finditer(r"ctimod(?:Missing|Unset)\((['\"])(.+?)\1,", text)})
    if missing:
        options["missing"] = missing
    if todos:
        options["todos"] = list(todos)
    centers = [c for p, c in sorted(by_path.items()) if p.startswith("contact-center/") and p.endswith(".xml")]
    if centers:  # init() gets the contact center's settings, as Salesforce hands them over (as verify does)
        from ..callcenter import connector_config  # noqa: PLC0415

        options["config"] = connector_config(centers[0].encode("utf-8"))
    out.append(("connector/test/options.json", json.dumps(options, indent=2) + "\n"))
    return out


def with_test_script(package_json: str) -> str:
    """The connector's package.json with ``npm test`` (the call-flow test) and what it needs."""
    try:
        document = json.loads(package_json)
    except ValueError:
        return package_json
    if not isinstance(document, dict):
        return package_json
    scripts = document.setdefault("scripts", {})
    if isinstance(scripts, dict):
        scripts.setdefault("test", "node --test test/connector.test.cjs")
    dev = document.setdefault("devDependencies", {})
    if isinstance(dev, dict):
        dev.setdefault("jsdom", JSDOM)
        dev.setdefault("esbuild", "^0.24.0")
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
