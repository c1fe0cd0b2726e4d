"""Plan conversions: run the codemods over one adapter and decide where each piece of code goes.

Input: the files that make up one adapter (scanned with the same discover/load/parse/find stages
as ``ctimod scan``). Output: a :class:`Plan` — every Open CTI call with its :class:`Conversion`,
the legacy functions that move into the LWC ("units"), the click-to-dial listener and settings
callback that move into the connector, and the edits the renderer splices into legacy text.
Nothing is written here; :mod:`ctimod.generate` turns a plan into files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .catalog import ENUMS, Disposition
from .codemod import CONNECTOR, LWC, Bundle, CallSite, Codemod, Conversion, Edit, LegacyFile, Renderer, codemod_for
from .discover import discover
from .inventory import CallCenter, Diagnostic, FileReport
from .escape import js_comment
from .legacy import (Declaration, callback_context_name, enclosing_function, find_declaration, function_name,
                     identifier_from, is_function, nodes_of_kinds, text, unwrap)
from .load import DEFAULT_MAX_FILE_SIZE, load

# Codemods whose calls run in the LWC: the legacy function around them moves there.
UI_CODEMODS = {"screen-pop", "search-and-pop", "save-log", "run-apex", "softphone-panel", "page-info", "refresh",
               "lms", "softphone-layout", "console-cti"}
LIFECYCLE = {"constructor", "connectedCallback", "disconnectedCallback", "renderedCallback", "render",
             "errorCallback", "template", "dispatchEvent", "addEventListener", "removeEventListener"}
TRIGGER_WORDS = [
    ("callended", re.compile(r"end|hang|disconnect|wrap|complete|finish|bye|drop|after", re.I)),
    ("callconnected", re.compile(r"connect|answer|accept|establish|talk", re.I)),
    ("callstarted", re.compile(r"ring|incoming|inbound|offer|alert|invite|arriv|new.?call|start", re.I)),
]


@dataclass
class ConvertOptions:
    name: str | None = None  # LWC bundle name
    connector_api: int = 4
    utility_bar: bool = True
    max_file_size: int = DEFAULT_MAX_FILE_SIZE


@dataclass
class Unit:
    """A legacy function (or statement) moved into a new home."""

    file: LegacyFile
    node: object  # function node, or a statement for top-level code
    name: str
    home: str  # lwc | dial | init
    trigger: str | None = None
    conversions: list[Conversion] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.file.display, self.node.start_byte, self.node.end_byte)

    @property
    def legacy(self) -> str:
        return f"{self.file.display}:{self.file.line(self.node.start_byte)}"


@dataclass
class Plan:
    adapter: str  # human name of the adapter
    lwc_name: str
    class_name: str
    options: ConvertOptions
    files: dict[str, LegacyFile]
    reports: list[FileReport]
    call_centers: list[tuple[str, CallCenter, bytes]]
    conversions: list[Conversion]
    units: list[Unit]
    bundle: Bundle
    renderer: Renderer
    diagnostics: list[tuple[str, Diagnostic]] = field(default_factory=list)
    apex_sources: dict[str, str] = field(default_factory=dict)  # legacy Apex class name (lower) -> source

    def units_in(self, home: str) -> list[Unit]:
        return [u for u in self.units if u.home == home]


# ---------------------------------------------------------------------------------------- naming
# Members the generated component defines itself; a moved legacy function never takes these names.
GENERATED_MEMBERS = {"recordId", "objectApiName", "status", "toolkit", "cardTitle", "handleCallStarted",
                     "handleCallConnected", "handleCallEnded", "pageRef", "wiredPageReference", "utilityId",
                     "messageContext", "isConsoleNavigation", "template"}
RESERVED_JS = set("""break case catch class const continue debugger default delete do else enum export extends false
finally for function if implements import in instanceof interface let new null package private protected public
return static super switch this throw true try typeof var void while with yield await""".split())


def lwc_name_for(raw: str) -> str:
    """A valid LWC bundle name: starts with a lower-case letter, letters/digits/single underscores."""
    words = re.findall(r"[A-Za-z0-9]+", raw)
    if not words:
        words = ["voice", "softphone"]
    name = words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:])
    name = re.sub(r"^[^a-z]+", "", name) or "voice"
    if not name[0].islower():
        name = "c" + name
    if name in RESERVED_JS:
        name += "Voice"
    return name[:40]


def class_name_for(lwc_name: str) -> str:
    return lwc_name[:1].upper() + lwc_name[1:]


def adapter_name(paths: list[str]) -> str:
    """The adapter's name: the real name of the first folder or file (extensions dropped), however the path was
    spelt. ``convert .`` inside ``acme-softphone``, ``convert ../acme-softphone`` and a link to it all give
    ``acme-softphone``. Shown escaped (a name may hold any bytes)."""
    from .escape import display_path

    first = os.path.realpath(paths[0])
    base = os.path.basename(first)
    if not os.path.isdir(first):
        base = re.sub(r"(\.[A-Za-z0-9-]+)+$", "", base)
    return display_path(base) or "adapter"


# ---------------------------------------------------------------------------------------- loading
def load_adapter(paths: list[str], options: ConvertOptions):
    """discover -> load -> parse -> find, keeping trees (unlike scan, which keeps only results)."""
    from .callcenter import parse_call_center
    from .scan import analyse_source

    found = discover(paths)
    files: dict[str, LegacyFile] = {}
    reports: list[FileReport] = []
    centers: list[tuple[str, CallCenter, bytes]] = []
    diagnostics: list[tuple[str, Diagnostic]] = list(found.diagnostics)
    for missing in found.missing:
        diagnostics.append((missing, Diagnostic("error", "not-found", f"{missing}: no such file or folder")))
    for candidate in found.candidates:
        loaded = load(candidate, options.max_file_size)
        if isinstance(loaded, FileReport):
            reports.append(loaded)
            continue
        if loaded.language == "callcenter":
            definition, diags = parse_call_center(loaded.data)
            report = FileReport(path=loaded.display, language="callcenter",
                                status="analysed" if definition else "unreadable", size=loaded.size,
                                encoding=loaded.encoding, diagnostics=loaded.diagnostics + diags,
                                call_center=definition)
            reports.append(report)
            if definition is not None:
                centers.append((loaded.display, definition, loaded.data))
            continue
        try:
            report, parsed = analyse_source(loaded)
        except Exception as exc:  # one bad file never stops the conversion
            reports.append(FileReport(path=loaded.display, language=loaded.language, status="failed",
                                      diagnostics=[Diagnostic("error", "analysis-failed",
                                                              f"{type(exc).__name__}: {exc}")]))
            continue
        reports.append(report)
        if parsed is not None and parsed.regions:
            files[loaded.display] = LegacyFile(display=loaded.display, data=parsed.data, source=loaded.data,
                                               regions=parsed.regions, uses=report.uses, sites=parsed.sites)
    return files, reports, centers, diagnostics


# ---------------------------------------------------------------------------------------- planning
def make_plan(paths: list[str], options: ConvertOptions) -> Plan:
    files, reports, centers, diagnostics = load_adapter(paths, options)
    name = options.name or lwc_name_for(adapter_name(paths))
    plan = Plan(adapter=adapter_name(paths), lwc_name=name, class_name=class_name_for(name), options=options,
                files=files, reports=reports, call_centers=centers, conversions=[], units=[], bundle=Bundle(),
                renderer=Renderer(files), diagnostics=diagnostics)
    plan.bundle.utility_bar = options.utility_bar
    plan.apex_sources = _apex_sources(paths)
    for file in files.values():
        for use in file.uses:
            if use.kind == "call":
                _convert_call(plan, file, use)
            elif use.kind == "constant" and use.via != "string-literal":
                _constant_edit(plan, file, use)
        for start, end, kind in file.sites:
            _site_edit(plan, file, start, end, kind)
    for file in files.values():
        if any(region.language in ("typescript", "tsx") for region in file.regions):
            _typescript_edits(plan, file)
    _connector_units(plan)
    _lwc_units(plan)
    _unit_reference_edits(plan)
    _arrow_edits(plan)
    return plan


def _apex_sources(paths: list[str]) -> dict[str, str]:
    """The adapter's own Apex classes (runApex targets), to reuse their webService signatures."""
    found: dict[str, str] = {}
    files = []
    for path in paths:
        if os.path.isdir(path):
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in (".git", "node_modules"))
                files += [os.path.join(folder, n) for n in sorted(names) if n.lower().endswith(".cls")]
        elif path.lower().endswith(".cls"):
            files.append(path)
    for path in files:
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read(2_000_000)
        except OSError:
            continue
        match = re.search(r"\bclass\s+(\w+)", text)
        if match:
            found.setdefault(match.group(1).lower(), text)
    return found


def _convert_call(plan: Plan, file: LegacyFile, use) -> None:
    node = file.call_node(use)
    if node is None:
        return
    site = CallSite(use, file, node)
    codemod: Codemod = codemod_for(use.api)
    try:
        conversion = codemod.convert(site, plan)
    except Exception as exc:  # a codemod bug is a failed conversion, never a crash
        conversion = Conversion(use=use, codemod=codemod.id, safety=Disposition.MANUAL.value,
                                summary="conversion failed", status="failed",
                                todo=f"ctimod could not convert this call ({type(exc).__name__}: {exc}); "
                                     "port it by hand")
    conversion.site = site
    plan.conversions.append(conversion)

    def produce(renderer, home, conversion=conversion):
        producer = conversion.lwc if home == LWC else conversion.connector
        if producer is None:
            why = js_comment(conversion.reason or conversion.todo or "")
            return f"void 0 /* ctimod: {js_comment(use.api)} has no {home} equivalent: {why} */"
        try:
            return producer(renderer, home)
        except Exception as exc:
            conversion.status = "failed"
            conversion.todo = f"ctimod could not convert this call ({type(exc).__name__}: {exc}); port it by hand"
            return f"void 0 /* TODO(ctimod): conversion of {js_comment(use.api)} failed; see MIGRATION.md */"

    statement = node.parent
    if statement is not None and statement.type == "expression_statement" and \
            [c for c in statement.named_children if c.type != "comment"] == [node]:
        # A call that is a whole statement: a removed call leaves a comment, not `void 0;`.
        in_block = statement.parent is not None and statement.parent.type in (
            "statement_block", "program", "switch_case", "switch_default", "class_static_block")
        semicolon = file.data[statement.end_byte - 1:statement.end_byte] == b";"

        def produce_statement(renderer, home, produce=produce):
            text = produce(renderer, home)
            if text.startswith("void 0 /*") and text.endswith("*/"):
                comment = text[len("void 0 "):]
                return "// " + comment[2:-2].strip() if in_block and "\n" not in comment else comment + ";"
            return text + (";" if semicolon else "")

        plan.renderer.add(file, Edit(statement.start_byte, statement.end_byte, produce_statement, why=use.api))
        return
    plan.renderer.add(file, Edit(node.start_byte, node.end_byte, produce, why=use.api))


def _constant_edit(plan: Plan, file: LegacyFile, use) -> None:
    _, enum, key = use.api.rsplit(".", 2)
    values = {v: k for k, v in ENUMS.get(enum, {}).items()}
    if key not in values:
        plan.renderer.add(file, Edit(use.start_byte, use.end_byte,
                                     f"undefined /* ctimod: {js_comment(use.api)} does not exist in Open CTI */", why=use.api))
        return
    literal = f"'{values[key]}'"
    plan.renderer.add(file, Edit(use.start_byte, use.end_byte, f"{literal} /* was {js_comment(use.api)} */", why=use.api))


def _site_edit(plan: Plan, file: LegacyFile, start: int, end: int, kind: str) -> None:
    """An API object that is not a member call (an alias, a feature check)."""
    node = file.node(start, end)
    if node is None:
        return
    original = file.text(node).replace("*/", "* /")
    if "\n" in original or len(original) > 60:
        original = original.split("\n")[0][:57] + "..."
    # The Voice APIs that replace Open CTI are always there: feature checks and aliases read `true`
    # (every call made through an alias was converted on its own). `sforce.opencti && x` is just `x`.
    parent = node.parent
    if kind == "guard" and parent is not None and parent.type == "binary_expression" and \
            parent.child_by_field_name("left") == node and file.text(parent.child_by_field_name("operator")) == "&&":
        right = parent.child_by_field_name("right")
        plan.renderer.add(file, Edit(start, right.start_byte, f"/* ctimod: was {js_comment(original)} && */ ",
                                     why="open-cti-reference"))
        return
    replacement = f"true /* ctimod: was {js_comment(original)} */"
    if node.type == "parenthesized_expression":
        replacement = f"({replacement})"
    plan.renderer.add(file, Edit(start, end, replacement, why="open-cti-reference"))


# ---------------------------------------------------------------------------------------- units
def _function_of(file: LegacyFile, node):
    """A callback given as a name is followed to its declaration."""
    node = unwrap(node)
    if node is None:
        return None
    if is_function(node) or node.type == "method_definition":
        return node
    if node.type == "identifier":
        declaration = find_declaration(file.data, file.text(node), node)
        return _declared_function(declaration)
    if node.type == "call_expression":  # handler.bind(this)
        function = node.child_by_field_name("function")
        if function is not None and function.type == "member_expression":
            prop = function.child_by_field_name("property")
            if prop is not None and file.text(prop) == "bind":
                return _function_of(file, function.child_by_field_name("object"))
    if node.type == "member_expression":  # this.handleDial
        prop = node.child_by_field_name("property")
        if prop is not None:
            return _method_named(file, node, file.text(prop))
    return None


def _declared_function(declaration: Declaration | None):
    if declaration is None:
        return None
    if declaration.kind == "function":
        return declaration.declarator
    if declaration.kind in ("var", "let", "const"):
        value = unwrap(declaration.declarator.child_by_field_name("value"))
        if is_function(value):
            return value
    return None


def _method_named(file: LegacyFile, at, name: str):
    current = at.parent
    while current is not None and current.type not in ("class_body", "object", "program"):
        current = current.parent
    if current is None or current.type == "program":
        return None
    for member in current.named_children:
        if member.type == "method_definition":
            member_name = member.child_by_field_name("name")
            if member_name is not None and file.text(member_name) == name:
                return member
        elif member.type == "pair":
            key = member.child_by_field_name("key")
            value = unwrap(member.child_by_field_name("value"))
            if key is not None and file.text(key).strip("'\"") == name and is_function(value):
                return value
    return None


def _connector_units(plan: Plan) -> None:
    for conversion in plan.conversions:
        site = conversion.site
        role = getattr(conversion, "connector_role", None)
        if role is None:
            continue
        handler = site.handler("listener", "callback")
        function = _function_of(site.file, handler) if handler is not None else None
        if function is None:
            conversion.todo = (conversion.todo or "") + (
                f" The {role} handler could not be followed to a function; write its logic in the connector's "
                f"{'dial()' if role == 'dial' else 'init()'} by hand.")
            conversion.safety = Disposition.MANUAL.value if conversion.safety == "auto" else conversion.safety
            continue
        unit = Unit(site.file, function, name=role, home=role, conversions=[conversion])
        if not any(u.key == unit.key for u in plan.units):
            plan.units.append(unit)
        conversion.home = CONNECTOR
        conversion.location = f"connector/src/connector.js: {'dial()' if role == 'dial' else 'init()'}"


def _inside(node, outer) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _is_open_cti_handler(plan: Plan, file: LegacyFile, function) -> bool:
    """Is this function passed straight to an Open CTI call (so it moves with that call)?"""
    parent = function.parent
    while parent is not None and parent.type in ("parenthesized_expression",):
        parent = parent.parent
    if parent is not None and parent.type == "pair":
        parent = parent.parent  # the options object
        if parent is not None and parent.type == "object":
            parent = parent.parent
    if parent is None or parent.type != "arguments":
        return False
    call = parent.parent
    return any(c.site.file is file and c.site.node == call for c in plan.conversions)


def _unit_for_call(plan: Plan, file: LegacyFile, node) -> Unit:
    function = enclosing_function(node)
    while function is not None:
        if not _is_open_cti_handler(plan, file, function):
            name = function_name(file.data, function) or callback_context_name(file.data, function)
            if name:
                return Unit(file, function, name, LWC)
        function = enclosing_function(function)
    statement = node
    while statement.parent is not None and statement.parent.type not in ("program", "statement_block"):
        statement = statement.parent
    return Unit(file, statement, f"legacyScript{file.line(statement.start_byte)}", LWC)


def _lwc_units(plan: Plan) -> None:
    connector_units = [u for u in plan.units if u.home in ("dial", "init")]
    found: dict[tuple, Unit] = {}
    for conversion in plan.conversions:
        site = conversion.site
        if conversion.codemod not in UI_CODEMODS:
            continue
        if any(u.file is site.file and _inside(site.node, u.node) for u in connector_units):
            continue  # runs in the connector (where UI calls become TODOs)
        unit = _unit_for_call(plan, site.file, site.node)
        unit = found.setdefault(unit.key, unit)
        unit.conversions.append(conversion)
    # A unit nested in another unit moves with the outer one.
    units = list(found.values())
    outer = [u for u in units if not any(o is not u and o.file is u.file and _inside(u.node, o.node)
                                         and (o.node.start_byte, o.node.end_byte) != (u.node.start_byte,
                                                                                       u.node.end_byte)
                                         for o in units)]
    for unit in units:
        if unit not in outer:
            host = next(o for o in outer if o.file is unit.file and _inside(unit.node, o.node))
            host.conversions.extend(unit.conversions)
    names: set[str] = set(LIFECYCLE) | GENERATED_MEMBERS
    for unit in sorted(outer, key=lambda u: (u.file.display, u.node.start_byte)):
        base = unit.name if re.fullmatch(r"[A-Za-z_$][\w$]*", unit.name) else identifier_from(unit.name, "on")
        if base in LIFECYCLE or base in RESERVED_JS or base in GENERATED_MEMBERS or base.startswith("ctimod"):
            base = base + "Legacy"
        candidate, n = base, 2
        while candidate in names:
            candidate, n = f"{base}{n}", n + 1
        names.add(candidate)
        unit.name = candidate
        unit.trigger = _trigger(unit)
        for conversion in unit.conversions:
            conversion.home = LWC
            conversion.location = f"force-app/main/default/lwc/{plan.lwc_name}/{plan.lwc_name}.js: {unit.name}()"
        plan.units.append(unit)


def _trigger(unit: Unit) -> str | None:
    for event, pattern in TRIGGER_WORDS:
        if pattern.search(unit.name):
            return event
    hints = [c.trigger for c in unit.conversions if c.trigger]
    for event in ("connected", "callstarted", "callconnected", "callended"):
        if event in hints:
            return event
    return None


TS_REMOVED_STATEMENTS = {"interface_declaration", "type_alias_declaration", "ambient_declaration",
                         "function_signature", "abstract_method_signature", "method_signature", "index_signature"}
TS_REMOVED_NODES = {"type_annotation", "type_arguments", "type_parameters", "implements_clause",
                    "accessibility_modifier", "override_modifier", "omitting_type_annotation",
                    "opting_type_annotation", "asserts_annotation", "type_predicate_annotation"}


def _typescript_edits(plan: Plan, file: LegacyFile) -> None:
    """Moved TypeScript lands in JavaScript files: strip the types with splice edits.

    Type annotations, type arguments and parameters, casts (`x as T`, `<T>x`, `x!`), access modifiers,
    `readonly`, interfaces, type aliases and `declare` statements are removed; enums become frozen
    objects. Everything else keeps its bytes.
    """
    for region in file.regions:
        if region.language not in ("typescript", "tsx"):
            continue
        stack = [region.tree.root_node]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind in TS_REMOVED_STATEMENTS or (kind == "import_statement" and
                                                 any(c.type == "type" for c in node.children[:2])):
                plan.renderer.add(file, Edit(node.start_byte, node.end_byte, "", why="typescript"))
                continue
            if kind in TS_REMOVED_NODES:
                plan.renderer.add(file, Edit(node.start_byte, node.end_byte, "", why="typescript"))
                continue
            if kind in ("as_expression", "satisfies_expression", "non_null_expression"):
                inner = node.named_children[0] if node.named_children else None
                if inner is not None:
                    plan.renderer.add(file, Edit(inner.end_byte, node.end_byte, "", why="typescript"))
            elif kind == "type_assertion" and node.named_children:
                inner = node.named_children[-1]
                plan.renderer.add(file, Edit(node.start_byte, inner.start_byte, "", why="typescript"))
            elif kind == "enum_declaration":
                plan.renderer.add(file, Edit(node.start_byte, node.end_byte, _enum_object(file, node),
                                             why="typescript"))
                continue
            for child in node.children:
                if child.type in ("readonly", "declare", "abstract") and not child.is_named:
                    plan.renderer.add(file, Edit(child.start_byte, child.end_byte, "", why="typescript"))
                elif child.type == "?" and kind in ("optional_parameter", "public_field_definition",
                                                    "property_signature"):
                    plan.renderer.add(file, Edit(child.start_byte, child.end_byte, "", why="typescript"))
                elif child.type == "!" and kind == "public_field_definition":
                    plan.renderer.add(file, Edit(child.start_byte, child.end_byte, "", why="typescript"))
            stack.extend(node.children)


def _enum_object(file: LegacyFile, node) -> str:
    name = node.child_by_field_name("name")
    body = node.child_by_field_name("body")
    pairs, counter = [], 0
    for member in (body.named_children if body is not None else []):
        if member.type == "comment":
            continue
        key = member.child_by_field_name("name") if member.type == "enum_assignment" else member
        value = member.child_by_field_name("value") if member.type == "enum_assignment" else None
        key_text = file.text(key) if key is not None else "_"
        if value is not None:
            value_text = file.text(value)
            if value.type == "number":
                try:
                    counter = int(value_text) + 1
                except ValueError:
                    pass
        else:
            value_text = str(counter)
            counter += 1
        pairs.append(f"{key_text}: {value_text}")
    return f"const {file.text(name)} = Object.freeze({{ {', '.join(pairs)} }});"


def _unit_reference_edits(plan: Plan) -> None:
    """Inside the LWC, a call of another moved function becomes a call of its method."""
    lwc_units = plan.units_in(LWC)
    by_declaration: dict[tuple, Unit] = {}
    for unit in lwc_units:
        declared = unit.node
        by_declaration[(unit.file.display, declared.start_byte)] = unit
        holder = declared.parent
        if holder is not None and holder.type == "variable_declarator":
            by_declaration[(unit.file.display, holder.start_byte)] = unit
    legacy_names = {}
    for unit in lwc_units:
        legacy = function_name(unit.file.data, unit.node) if unit.node.type != "expression_statement" else None
        if legacy:
            legacy_names.setdefault(legacy, []).append(unit)
    if not legacy_names:
        return
    pattern = re.compile(rb"(?<![\w$.])(" + b"|".join(re.escape(n.encode()) for n in legacy_names) + rb")(?![\w$])")
    for unit in lwc_units:
        data = unit.file.data
        for match in pattern.finditer(data, unit.node.start_byte, unit.node.end_byte):
            node = unit.file.node(match.start(), match.end())
            if node is None or node.type != "identifier":
                continue
            declaration = find_declaration(data, match.group(1).decode(), node)
            target = None
            if declaration is not None:
                key = (unit.file.display, declaration.declarator.start_byte)
                target = by_declaration.get(key)
            if target is None or target is unit and node.parent is not None and node.parent.child_by_field_name(
                    "name") == node:
                continue
            parent = node.parent
            called = parent is not None and parent.type == "call_expression" and \
                parent.child_by_field_name("function") == node
            replacement = f"this.{target.name}" if called else f"this.{target.name}.bind(this)"
            plan.renderer.add(unit.file, Edit(node.start_byte, node.end_byte, replacement, homes=(LWC,),
                                              why="moved-function"))


def _uses_own_this(file: LegacyFile, fn) -> bool:
    """Does a function use its own `this` or `arguments` (so it cannot become an arrow function)?"""
    stack = list(fn.children)
    while stack:
        node = stack.pop()
        if node.type in ("function_expression", "function", "function_declaration", "method_definition",
                         "generator_function", "generator_function_declaration", "class_body"):
            continue
        if node.type == "this" or (node.type == "identifier" and file.text(node) == "arguments"):
            return True
        stack.extend(node.children)
    return False


def _arrow_edits(plan: Plan) -> None:
    """In the LWC, `this` is the component: legacy callbacks inside moved code become arrow functions.

    Converted calls use `this` (this[NavigationMixin.Navigate], this.messageContext); a legacy
    `function (response) {...}` callback would hide it. Functions that use their own `this` or
    `arguments`, named function expressions and generators keep their form.
    """
    for unit in plan.units_in(LWC):
        for node in nodes_of_kinds(unit.node, unit.file.language_at(unit.node.start_byte),
                                   ["function_expression", "function"]):
            if node == unit.node or node.child_by_field_name("name") is not None:
                continue
            if any(c.type == "*" for c in node.children) or _uses_own_this(unit.file, node):
                continue
            params = node.child_by_field_name("parameters")
            body = node.child_by_field_name("body")
            if params is None or body is None:
                continue
            is_async = any(c.type == "async" for c in node.children[:1])
            file = unit.file

            def produce(renderer, home, file=file, params=params, is_async=is_async):
                return ("async " if is_async else "") + renderer.node(file, params, home) + " => "

            plan.renderer.add(file, Edit(node.start_byte, body.start_byte, produce, homes=(LWC,), why="arrow"))


def unit_signature(plan: Plan, unit: Unit, home: str) -> tuple[str, str, bool]:
    """(parameters text, body text, body is an expression) of a unit, rendered for ``home``."""
    file, node = unit.file, unit.node
    if node.type not in ("function_declaration", "function_expression", "function", "arrow_function",
                         "method_definition", "generator_function_declaration", "generator_function"):
        return "", plan.renderer.node(file, node, home), False
    params = node.child_by_field_name("parameters")
    single = node.child_by_field_name("parameter")
    if params is not None:
        params_text = plan.renderer.node(file, params, home)[1:-1]
    elif single is not None:
        params_text = plan.renderer.node(file, single, home)
    else:
        params_text = ""
    body = node.child_by_field_name("body")
    body_text = plan.renderer.node(file, body, home)
    return params_text, body_text, body.type != "statement_block"


def is_async(file: LegacyFile, node) -> bool:
    return bool(node.children) and any(c.type == "async" for c in node.children[:2])


def legacy_params(file: LegacyFile, node) -> list[str]:
    from .legacy import pattern_names

    params = node.child_by_field_name("parameters")
    single = node.child_by_field_name("parameter")
    items = [single] if single is not None else (params.named_children if params is not None else [])
    names = []
    for item in items:
        found = pattern_names(file.data, item)
        names.append(found[0] if len(found) == 1 and item.type in ("identifier", "required_parameter",
                                                                    "assignment_pattern") else "{...}")
    return names


__all__ = ["ConvertOptions", "Plan", "Unit", "make_plan", "lwc_name_for", "unit_signature", "text"]
