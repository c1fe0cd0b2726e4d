"""Alias resolution: follow the API object from every name that can hold it to its calls.

The finder never walks whole trees. It searches the source text for the names that can reach
the API (``sforce`` first, then every alias it discovers), asks tree-sitter for the node at each
hit, and evaluates upwards from there: member accesses extend an attribute path
(``sforce`` -> ``sforce.opencti`` -> ``sforce.opencti.screenPop``), a call of a member path is a
use, and an assignment, declaration, destructuring, ``return``, object property, class field or
AMD/IIFE parameter binds a new alias whose own occurrences are searched in the next round. Alias
resolution is scope-aware (see :mod:`.scopes`), and rounds repeat until no alias changes. Values
are *sets* of paths, so one alias can hold either family
(``isLightning ? sforce.opencti : sforce.interaction``); the call's shape then decides.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import ENUMS, Family
from ..inventory import ApiUse, Problem
from ..parse import ParsedSource, Region
from . import arguments, modules
from .locate import SHALLOW, Locator
from .paths import FN, ROOT, Path, bindable, choose, extend, family_of, mixed, path_kind, shape
from .scopes import WHOLE_FILE, Scopes, scope_range
from .syntax import FUNCTION_VALUES, FUNCTIONS, GLOBAL_OBJECTS, PASS_THROUGH, arguments_of, key_name, text

MAX_ROUNDS = 8
# A name assigned the API in more places than this holds every value at each reference: which of them reach
# it is worked out per reference from each assignment, so a generated file assigning one name thousands of
# times, each read thousands of times, would take minutes (3,000 reassignments, each followed by a call: 14 s).
ORDERED_ASSIGNMENTS = 32
_ROOT_VALUES = frozenset([ROOT])
_NEVER = object()
_WORD_CHARACTERS = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$"
_WORD_BYTES = frozenset(_WORD_CHARACTERS)
# After a name: an assignment to it (``=``, not ``==`` or ``=>``; ``+=``, ``||=``...; ``++``), or the end of
# its place in a destructuring pattern (``[cti] =``, ``({cti} =``), spaces and comments (of up to 256
# characters: each occurrence followed by an unclosed one would otherwise read to the end of the file) aside.
_ASSIGNED_AFTER = re.compile(rb"(?:\s|/\*[\s\S]{0,256}?\*/)*"
                             rb"(?:=(?![=>])|(?:\*\*|<<|>>>?|&&|\|\||\?\?|[-+*/%&|^])=|\+\+|--|[,}\]])")
# Before a name: a prefix update (``++cti``).
_UPDATED_BEFORE = re.compile(rb"(?:\+\+|--)\s*$")
# Before a member access: a prefix update (``++this.cti``) or ``delete`` (``delete this.cti``).
_DELETED_OR_UPDATED_BEFORE = re.compile(rb"(?:\+\+|--|\bdelete)\s*$")
# What a name in a destructuring pattern climbs through to the assignment or declaration giving it its value.
_PATTERN_PLACES = frozenset(("array_pattern", "object_pattern", "rest_pattern"))
# Compound assignments that keep the value the name held when it is an object (an API object is truthy and
# not nullish): ``cti ||= x`` assigns x only when cti is falsy.
_KEEPING = frozenset(("||=", "??="))
# Those that give the name the value on their right: ``cti &&= x`` (when cti is truthy, as an API object is).
_LOGICAL_ASSIGNMENTS = frozenset(("||=", "??=", "&&="))


class _Occurrence:
    """A name where the API may be: what its last evaluation took in, and what it recorded.

    Rounds repeat until no alias changes; an occurrence whose input (the paths its name holds, and
    how the names it assigned to resolve) is unchanged is not evaluated again: its records stand.
    Slotted, with its record lists made only when something is recorded (a dense file has a
    hundred thousand occurrences).
    """

    __slots__ = ("region", "node", "name", "declares", "seen", "depends", "uses", "sites", "jump", "chain")

    def __init__(self, region: Region, node, name: str, declares: bool = False, jump: tuple | None = None,
                 chain: tuple | None = None):
        self.region = region
        # A name followed by member accesses and a call (``alias.member(``, ``this.cti.member(``, or through
        # a getter's call, ``getApi().member(``), confirmed in the tree: (the call, its function, the
        # member names, whether through a getter), see UseFinder._chain.
        self.chain = chain
        # A literal chain read from the text (``sforce.opencti.screenPop(``): (the call or the constant's
        # member expression, the call's function or None, the path), evaluated without the climb.
        self.jump = jump
        self.node = node  # the identifier-like node
        self.name = name
        self.declares = declares  # an identifier that declares a binding: nothing to evaluate
        self.seen = _NEVER  # the paths its last evaluation started from
        self.depends = _NO_DEPENDS  # name -> Scopes.versions when the evaluation resolved it
        self.uses = _NOTHING
        self.sites = _NOTHING


_NO_DEPENDS: dict = {}
# What gives ``this`` its own value (an arrow function does not).
_THIS_BINDERS = frozenset(("function_expression", "function", "function_declaration", "generator_function",
                           "generator_function_declaration", "method_definition", "class_body"))
_NOTHING: tuple = ()
# ``sforce`` followed by a dotted chain without spaces, and whether a call's '(' follows.
_CHAIN = re.compile(rb"sforce((?:\.[A-Za-z_$][\w$]*){1,4})(\()?")
# After a name: member accesses without spaces, then a call.
_AFTER = re.compile(rb"((?:\.[A-Za-z_$][\w$]*){1,3})\(")


@lru_cache(maxsize=4096)
def _constants(values: frozenset) -> tuple:
    """The enum constants among the paths."""
    return tuple(path for path in values if path_kind(path) in ("constant", "unknown-constant"))


@lru_cache(maxsize=4096)
def _missing(values: frozenset) -> tuple:
    """The members the API does not have among the paths (a read of one is reported)."""
    return tuple(path for path in values if path and path[0] != FN and path_kind(path) == "unknown-member")


@lru_cache(maxsize=4096)
def _split(values: frozenset) -> tuple[frozenset, frozenset]:
    """A called value's paths: (what its getters return, the API paths it calls)."""
    return (frozenset(p[1:] for p in values if p and p[0] == FN),
            frozenset(p for p in values if p and p[0] != FN))


_CALLED = frozenset(("member-call", "member", "unknown-member"))
# What code runs in, for the assignments that reach a reference (see UseFinder._reaching): a function runs
# at times straight-line reading cannot tell (and so does a class's field initialiser).
_FRAMES = FUNCTIONS | {"program", "class_body"}
_STATEMENT_LISTS = frozenset(("program", "statement_block", "switch_case", "switch_default", "class_static_block"))
_PAGE_SCRIPTS = "page scripts"  # the frame of every inline script's top level in a page
_LOOPS = frozenset(("for_statement", "for_in_statement", "while_statement", "do_statement"))


_interned = lru_cache(maxsize=4096)(sys.intern)


def _assign(assigned: dict, paths: frozenset, target) -> bool:
    """Record that ``target`` (None: nowhere in particular) assigns ``paths``, in {offset: [paths, target]};
    whether anything changed."""
    at = -1 if target is None else target.start_byte
    entry = assigned.get(at)
    if entry is None:
        assigned[at] = [paths, target]
        return True
    if paths <= entry[0]:
        return False
    entry[0] = entry[0] | paths
    return True


def _number_key(text: str) -> str | None:
    """The property key a number literal names when it is a whole number, as JavaScript writes it (``1.0``, ``1e0``,
    ``0x1`` -> ``'1'``), or None (a fraction; a legacy octal ``01``, which strict mode refuses)."""
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        return None
    try:
        value = int(text, 0) if text[:2].lower() in ("0x", "0o", "0b") else float(text)
    except ValueError:
        return None
    if isinstance(value, float) and not (value.is_integer() and abs(value) < 2 ** 53):
        return None
    return str(int(value))


def _string_key(data: bytes, index) -> str | None:
    """The key a subscript's index names when it is a plain string: ``'cti'``, ``"cti"``, or a template literal
    without substitutions (`` `cti` ``); None for anything else (a computed key, an escape sequence)."""
    if index is None or index.type not in ("string", "template_string"):
        return None
    if any(child.is_named and child.type != "string_fragment" for child in index.children):
        return None  # an escape sequence, a ${substitution}
    return data[index.start_byte + 1:index.end_byte - 1].decode("utf-8", "replace")


def _reads_literal(value) -> bool:
    """Whether the value is an element or property read of an array or object literal (``[a, api][i]``)."""
    if value is None or value.type not in ("member_expression", "subscript_expression"):
        return False
    literal = value.child_by_field_name("object")
    while literal is not None and literal.type == "parenthesized_expression" and literal.named_children:
        literal = literal.named_children[0]
    return literal is not None and literal.type in ("array", "object")


@lru_cache(maxsize=4096)
def _dotted(path: Path) -> str:
    return sys.intern(".".join(path))


@lru_cache(maxsize=4096)
def _family_value(path: Path) -> str:
    family = family_of(path)
    return family.value if family else "lightning"


def _start_of(occ: _Occurrence) -> int:
    return occ.node.start_byte


@lru_cache(maxsize=4096)
def _chain_path(dotted: bytes, is_call: bool) -> tuple[Path, bool] | None:
    """The path of a literal chain whose evaluation :meth:`UseFinder._jump` can do: a call of a member
    (the chain followed by '('), or an enum constant (followed by neither '(' nor more chain)."""
    path = ("sforce",)
    for part in dotted.decode("ascii", "replace").split(".")[1:]:
        path = path + (part,)
        kind = path_kind(path)
        if kind == "dead":
            return None
        if kind in ("constant", "unknown-constant"):
            if is_call or path[-1] != part or len(path) != 4:
                return None
    kind = path_kind(path)
    if is_call and kind in ("member", "unknown-member"):
        return path, True
    if not is_call and kind in ("constant", "unknown-constant"):
        return path, False
    return None


def _name_spans(data: bytes, name: bytes, start: int, end: int) -> list[tuple[int, int]]:
    r"""Where ``name`` is written as a whole word between ``start`` and ``end``: the spans the regex
    ``name(?![\w$])`` finds there, less those preceded by a word character. A literal search (no regex to
    compile for each name: a file's aliases are names of its own) with both boundaries checked here."""
    spans = []
    size = len(name)
    find = data.find
    at = find(name, start, end)
    while at >= 0:
        after = at + size
        if after < end and data[after] in _WORD_BYTES:
            at = find(name, at + 1, end)  # (where the regex would try next after a failed match)
            continue
        if not at or data[at - 1] not in _WORD_BYTES:
            spans.append((at, after))
        at = find(name, after, end)
    return spans


_WORD_RUN = re.compile(rb"[A-Za-z0-9_$]+")
# New names in one round past this many are found by one pass over the words of each region (see
# _names_spans) instead of a search each: a generated literal of 50,000 keys holding the API makes 50,000
# member names, each searched through the whole file (28 s). Below it, a search each is cheaper (the pass
# reads every word in Python: 2M of them in a 4 MB line of ``a=1;``).
BATCHED_NAMES = 64


def _names_spans(data: bytes, names: set[bytes], start: int, end: int) -> dict[bytes, list[tuple[int, int]]]:
    """What :func:`_name_spans` gives for each of ``names`` (each made of word characters only), from one
    pass over the maximal runs of word characters between ``start`` and ``end``: a whole-word occurrence
    is such a run, but for one starting at ``start`` right after a word character (which the search rejects
    as well)."""
    found: dict[bytes, list[tuple[int, int]]] = {}
    for match in _WORD_RUN.finditer(data, start, end):
        word = match.group()
        if word in names:
            at, after = match.span()
            if at == start and at and data[at - 1] in _WORD_BYTES:
                continue
            spans = found.get(word)
            if spans is None:
                found[word] = [(at, after)]
            else:
                spans.append((at, after))
    return found


@dataclass(slots=True)
class _Walk:
    """How a value reached the current node, for the use's ``via`` and ``receiver``."""

    via: str  # literal | alias
    mixed: bool = False  # the value ever held more than one family


_LITERAL_WALK = _Walk("literal")  # (read only: a literal chain's call records with it, nothing changes it)
# (read only as well: what a chain's call is recorded with, by (via, mixed))
_WALKS = {(via, is_mixed): _Walk(via, is_mixed) for via in ("literal", "alias") for is_mixed in (False, True)}


@lru_cache(maxsize=4096)
def _member_names(dotted: bytes) -> tuple[str, ...]:
    """The member names of ``.a.b`` (ASCII: see _AFTER)."""
    return tuple(dotted[1:].decode("ascii").split("."))


@lru_cache(maxsize=4096)
def _chain_plan(values: frozenset, names: tuple) -> tuple | None:
    """Where ``values`` followed through the member ``names`` leads, as UseFinder._chain reads it: None
    when a step stops the value or reaches an enum constant (the climb then runs), else (whether a value
    on the way held more than one family, the getters' results, the API paths called, and the one member
    path when that is all of them)."""
    reached, is_mixed = values, False
    for name in names:
        reached = extend(reached, name)
        if not reached or _constants(reached):
            return None
        is_mixed = is_mixed or mixed(reached)
    returned, api_paths = _split(reached)
    member = None
    if len(api_paths) == 1:
        for path in api_paths:
            if path_kind(path) in ("member", "unknown-member"):
                member = path
    return is_mixed, returned, api_paths, member


class UseFinder:
    """Finds the Open CTI uses of one parsed file (all its script regions share aliases)."""

    def __init__(self, parsed: ParsedSource, imported: dict[tuple, frozenset] | None = None):
        self.parsed = parsed
        self.data = parsed.data
        self.display = parsed.source.display
        self.locator = Locator()
        self.parent = self.locator.parent
        self.scopes = Scopes(self.locator)
        self.values: dict[tuple, frozenset] = {}  # declaration key -> paths (every assignment's)
        # declaration key -> {where it is assigned (the target's offset, -1 unknown): [paths, the target]}:
        # a name assigned in more than one place holds, at each reference, what reaches it (see _reaching).
        self.assigned: dict[tuple, dict[int, list]] = {}
        self._reach: dict[tuple, tuple] = {}  # (key, reference id) -> (assignments known, offsets reaching)
        self._every_assignment: dict[tuple, tuple] = {}  # key -> see _all_assignments
        self._others: dict[str, tuple] = {}  # name -> (scope version, see _other_assignments)
        self._assignment_facts: dict[int, tuple] = {}  # target id -> see _assignment
        # A page's inline scripts run one after the other: their top levels are one frame (see _frame).
        self._scripts = frozenset(r.tree.root_node.id for r in parsed.regions if r.kind == "script")
        self.members: dict[str, frozenset] = {}  # property name -> paths (this.x, obj.x, {x: ...})
        # property name -> {where it is given the API (-1: nowhere in particular): [paths, the member access
        # written to, or None]}: ``this.x`` read in a function holds what reaches it there (see _member_at).
        self.member_assigned: dict[str, dict[int, list]] = {}
        self._every_member: dict[str, tuple] = {}  # name -> (assignments known, others, them all by offset)
        self._member_facts: dict[int, tuple] = {}  # target id -> see _member_assignment
        self._literal_keys: dict[int, dict] = {}  # array or object literal id -> see _keys_of
        self.names: set[str] = {"sforce"}
        self.default_export: frozenset = frozenset()
        # Where an API object (not a call of a member) appears: (start, end, kind) with kind
        # 'bound' (assigned, returned, passed on), 'guard' (`sforce.opencti && ...`) or 'value'.
        self.sites: set[tuple[int, int, str]] = set()
        self._occurrences: dict[str, list[_Occurrence]] = {}
        # name -> {region index: its spans}, found with others in one pass (see _round), until _find takes them
        self._batched: dict[str, list] = {}
        self._blocks: dict[int, tuple] = {}  # node id -> see _block
        self._changed = False
        self._current: _Occurrence | None = None  # the occurrence being evaluated (records go to it)
        self._global_parameters: dict[tuple, bool] = {}  # (function id, index) -> called with the global object
        self.uses: list[ApiUse] = []
        for factory, index, path in modules.amd_parameters(self.data, parsed.regions):
            self._bind_parameter(factory, index, frozenset([path]))
        # Bindings imported from other modules of the same project: {(local name, its offset): paths}.
        # Each is assigned where it is declared (``var {cti} = require('./api')``), so a later ``cti = null``
        # is ordered after it as any assignment is; an ES import cannot be assigned to.
        for (name, offset), paths in (imported or {}).items():
            self.values[(name, offset)] = frozenset(paths)
            target = self._declared_at(name, offset)
            self.assigned[(name, offset)] = {offset if target is not None else -1: [frozenset(paths), target]}
            self.scopes.declare(name, WHOLE_FILE, (name, offset))
            self.names.add(name)

    def _declared_at(self, name: str, offset: int):
        """The name written at ``offset`` (an import's local name), or None."""
        end = offset + len(name.encode())
        for region in self.parsed.regions:
            if region.start_byte <= offset < region.end_byte:
                node = region.tree.root_node.descendant_for_byte_range(offset, end)
                if node is not None and node.start_byte == offset and node.end_byte == end \
                        and node.type in ("identifier", "shorthand_property_identifier_pattern"):
                    return node
        return None

    # ------------------------------------------------------------------ driver
    def run(self) -> list[ApiUse]:
        # A round in which no alias changed is final, and its records stand.
        occurrences: list[_Occurrence] = []
        for _ in range(MAX_ROUNDS):
            self._changed = False
            occurrences = self._round()
            if not self._changed:
                break
        seen: set[tuple] = set()
        add = seen.add
        uses, sites = [], set()
        append = uses.append
        for occ in occurrences:
            if occ.uses:
                for use in occ.uses:
                    key = (use.start_byte, use.end_byte, use.api, use.kind)
                    if key not in seen:
                        add(key)
                        append(use)
            if occ.sites:
                sites.update(occ.sites)
        self.uses, self.sites = uses, sites
        arguments.attach_variants(self.uses)
        self.uses.sort(key=lambda u: (u.start_byte, u.kind != "call", u.api))
        return self.uses

    def _round(self) -> list[_Occurrence]:
        names = sorted(self.names | set(self.members))
        new = [name for name in names if name not in self._occurrences]
        if len(new) > BATCHED_NAMES:
            self._batch(new)
        occurrences = []
        for name in names:
            occurrences.extend(self._find(name))  # new names' declarations are registered here
        for occ in occurrences:
            self._evaluate_occurrence(occ)
        return occurrences

    @property
    def too_deep(self) -> list[tuple[int, int]]:
        """Byte ranges of constructs nested past the depth limit, where the API was not looked for."""
        return sorted(self.locator.too_deep)

    def _batch(self, names: list[str]) -> None:
        """Finds the spans of ``names`` made of word characters by one pass over each region's words."""
        wanted = {}
        for name in names:
            encoded = name.encode()
            if encoded and not encoded.translate(None, _WORD_CHARACTERS):
                wanted[encoded] = name
        if not wanted:
            return
        batched = self._batched
        for name in wanted.values():
            batched[name] = {}  # region index -> spans (none where absent)
        keys = wanted.keys()
        for index, region in enumerate(self.parsed.regions):
            for word, spans in _names_spans(self.data, keys, region.start_byte, region.end_byte).items():
                batched[wanted[word]][index] = spans

    def _find(self, name: str) -> list[_Occurrence]:
        cached = self._occurrences.get(name)
        if cached is not None:
            return cached
        found: list[_Occurrence] = []
        batched = self._batched.pop(name, None)
        for index, region in enumerate(self.parsed.regions):
            if batched is not None:
                spans = batched.get(index, [])
            else:
                spans = _name_spans(self.data, name.encode(), region.start_byte, region.end_byte)
            block = None
            if spans:
                spans, block = self._literal_chains(region, spans, found, name)
            for node in self.locator.locate(region.tree.root_node, spans, block):
                if node is None:
                    continue
                kind = node.type
                if kind == "identifier":
                    # Declarations first, so references can be resolved to their innermost binding.
                    found.append(_Occurrence(region, node, name, declares=self.scopes.declare_at(name, node)))
                elif kind in ("property_identifier", "shorthand_property_identifier",
                              "shorthand_property_identifier_pattern"):
                    # (a pattern's name is evaluated as nothing: it is read for the assignments, see
                    # _other_assignments)
                    found.append(_Occurrence(region, node, name))
                elif kind == "string_fragment":  # window['sforce'], this['cti'], holder['api']
                    found.append(_Occurrence(region, node, name))
        found.sort(key=_start_of)
        self._occurrences[name] = found
        return found

    def _literal_chains(self, region: Region, spans: list, found: list, name: str) -> tuple[list, tuple | None]:
        """The common cases read from the text, each confirmed in the tree by one descent of a cursor
        (which also gives the nesting depth): ``sforce.opencti.member(`` and
        ``sforce.opencti.SCREENPOP_TYPE.URL`` written without spaces, evaluated as the climb would
        (:meth:`_jump`); and any name followed by ``.member(`` (``alias.screenPop(``,
        ``this.cti.refreshView(``), whose value is looked up as usual and followed to the call
        without the steps between (:meth:`_chain`). Returns the positions left for the general search, and
        the block it last descended through (see :meth:`.Locator.locate`), or None."""
        data = self.data
        root = region.tree.root_node
        cursor = root.walk()
        # The block: the node holding the statement of the last position found from the root (the
        # parent of its call's or constant's parent), its depth, and its children's ranges. Positions
        # come in text order, so the next ones usually lie in the same block (a function body): the
        # descent starts at the child holding the position, found by bisection, instead of at the
        # root, whose path crosses the big blocks of the file (tree-sitter finds the child holding a
        # position by scanning the children one by one: thousands in a call-dense function). From a
        # node holding the position, the descent reaches the node the root's would.
        block = None  # (start, end, depth, children, their ends, the node)
        shallow = SHALLOW
        parents = self.locator._parents
        left = []
        size = len(name)
        for span in spans:
            start, end_of_name = span
            literal = after = None
            if name == "sforce" and (start == 0 or data[start - 1] not in b".?#"):
                match = _CHAIN.match(data, start, region.end_byte)
                if match is not None:
                    literal = _chain_path(match.group(1), match.group(2) is not None)
            getter = False
            if literal is None:
                after = _AFTER.match(data, end_of_name, region.end_byte)
                if after is None:
                    if data[end_of_name:end_of_name + 3] == b"().":  # a getter's result: getApi().member(
                        after = _AFTER.match(data, end_of_name + 2, region.end_byte)
                        getter = after is not None
                    if after is None:
                        left.append(span)
                        continue
            depth = 0
            from_root = True
            if block is not None and block[0] <= start < block[1]:
                k = bisect_right(block[4], start)
                if k < len(block[3]) and block[3][k].start_byte <= start:
                    cursor.reset(block[3][k])  # (the climbs below stay inside it: checked)
                    depth = block[2] + 1
                    from_root = False
            if from_root:
                cursor.reset(root)
            while cursor.goto_first_child_for_byte(start) is not None:
                depth += 1
                if depth >= shallow:
                    break
            else:
                leaf = cursor.node
                kind = leaf.type
                if leaf.start_byte != start or leaf.end_byte != end_of_name:
                    pass
                elif literal is not None:
                    path, is_call = literal
                    end = match.end(1)
                    if kind == "identifier" and size == 6:
                        climbed = True
                        for _ in range(len(path) - (0 if is_call else 1)):
                            climbed = cursor.goto_parent() and climbed
                        top = cursor.node
                        if not climbed:
                            pass
                        elif is_call:
                            function = top.child(0) if top.type == "call_expression" else None
                            ok = function is not None and function.type == "member_expression" and \
                                function.start_byte == start and function.end_byte == end and top.start_byte == start
                        else:
                            function = None
                            ok = top.type == "member_expression" and top.start_byte == start and top.end_byte == end
                        if climbed and ok and not top.has_error:
                            found.append(_Occurrence(region, leaf, "sforce", jump=(top, function, path)))
                            if from_root and cursor.goto_parent() and cursor.goto_parent():
                                block = self._block(cursor.node, cursor.depth)
                            continue
                elif kind == "identifier" or (kind == "property_identifier" and not getter):
                    first = leaf
                    climbed = True
                    if kind == "property_identifier" or getter:
                        climbed = cursor.goto_parent()
                        first = cursor.node  # obj.name, or name() for a getter
                    names = _member_names(after.group(1))
                    for _ in names:
                        climbed = cursor.goto_parent() and climbed
                    function = cursor.node
                    climbed = cursor.goto_parent() and climbed
                    call = cursor.node
                    begin = first.start_byte
                    if climbed and (first is leaf or (not getter and first.type == "member_expression"
                                                      and first.end_byte == end_of_name)
                                    or (getter and first.type == "call_expression" and first.start_byte == start
                                        and first.end_byte == end_of_name + 2
                                        and first.child(0).end_byte == end_of_name)) \
                            and function.type == "member_expression" and function.start_byte == begin \
                            and function.end_byte == after.end(1) and call.type == "call_expression" \
                            and call.start_byte == begin and not call.has_error:
                        if first is not leaf:
                            parents[leaf.id] = first
                        # (an identifier that is the object of a member access declares nothing)
                        found.append(_Occurrence(region, leaf, name, chain=(call, function, names, getter)))
                        if from_root and cursor.goto_parent() and cursor.goto_parent():
                            block = self._block(cursor.node, cursor.depth)
                        continue
            left.append(span)
        return left, block

    def _block(self, node, depth: int) -> tuple:
        """A node's range, depth, children and their ends, and the node (kept: each name's search uses them).
        A child's start is read when a position falls in it (a call-dense function has thousands)."""
        known = self._blocks.get(node.id)
        if known is None:
            children = node.children
            known = self._blocks[node.id] = (node.start_byte, node.end_byte, depth, children,
                                             [c.end_byte for c in children], node)
        return known

    # ------------------------------------------------------------------ values
    def _text(self, node) -> str:
        return text(self.data, node)

    def _bind_key(self, key: tuple, paths: frozenset, target=None) -> None:
        """``key`` is assigned ``paths`` at ``target`` (the node written to; None: nowhere in particular)."""
        paths = bindable(paths)
        if not paths:
            return
        old = self.values.get(key, frozenset())
        new = old | paths
        if new != old:
            self.values[key] = new
            self._changed = True
        assigned = self.assigned.get(key)
        if assigned is None:
            self.assigned[key] = {-1 if target is None else target.start_byte: [paths, target]}
        elif _assign(assigned, paths, target):
            self._changed = True  # (what reaches a reference may change: even to fewer paths)
        if key[0] not in self.names:
            self.names.add(key[0])
            self._changed = True

    def _value_at(self, key: tuple, node) -> frozenset | None:
        """The paths the name declared at ``key`` holds at the reference ``node``: every assignment's when
        it is assigned in one place (the usual case), else those of the assignments that can reach it."""
        values = self.values.get(key)
        if values is None:
            return None
        assigned = self.assigned.get(key)
        if assigned is None or len(assigned) > ORDERED_ASSIGNMENTS:
            return values  # (past ORDERED_ASSIGNMENTS: every value, as for an assignment in a branch)
        every = self._all_assignments(key, assigned)  # (a new tuple when what it holds changes)
        assigned = every[2]
        if len(assigned) < 2 or len(assigned) > ORDERED_ASSIGNMENTS:
            return values
        memo = (key, node.id)
        known = self._reach.get(memo)
        if known is None or known[0] is not every:
            known = self._reach[memo] = (every, self._reaching(assigned, node))
        reaching = known[1]
        if reaching is None:
            return values
        out = frozenset()
        for at in reaching:
            out = out | assigned[at][0]
        return out

    def _all_assignments(self, key: tuple, assigned: dict) -> tuple:
        """The name's assignments of the API (``assigned``) and those of other values (``cti = null``, found
        by :meth:`_other_assignments`: no paths), by offset: (how many of the API, the scope version, them)."""
        name = key[0]
        version = (self.scopes.versions.get(name), len(self.members))  # (see _other_assignments)
        known = self._every_assignment.get(key)
        if known is None or known[0] != len(assigned) or known[1] != version:
            others = self._other_assignments(name, version).get(key)
            if others:
                every = {at: [frozenset(), target] for at, target in others.items()}
                every.update(assigned)  # (an assignment found to give the API holds its paths)
            else:
                every = assigned
            known = self._every_assignment[key] = (len(assigned), version, every)
        return known

    def _other_assignments(self, name: str, version) -> dict:
        """The plain assignments and initialised declarations of ``name`` (``cti = null``, ``var cti = 0``),
        by the declaration each assigns: {key: {offset: the target}}; one that gives the API (seen by then)
        is an entry of ``assigned`` as well. Found once a name (and scope version) among the name's
        occurrences, by the text after each (``=``) before the tree is asked."""
        known = self._others.get(name)
        if known is not None and known[0] == version:
            return known[1]
        data = self.data
        match = _ASSIGNED_AFTER.match
        before = _UPDATED_BEFORE.search
        resolve = self.scopes.resolve
        found: dict[tuple, dict] = {}
        for occ in self._occurrences.get(name, ()):
            node = occ.node
            if occ.chain is not None or occ.jump is not None \
                    or node.type not in ("identifier", "shorthand_property_identifier_pattern") \
                    or (match(data, node.end_byte) is None
                        and before(data, max(0, node.start_byte - 16), node.start_byte) is None):
                continue
            assigning = self._assigning(node)
            # (``cti ||= x`` keeps the value: only its API, if any, is an entry, of ``assigned``)
            if assigning is not None and assigning[0] and not self._unfollowed(node, assigning[1]):
                found.setdefault(resolve(name, node), {})[node.start_byte] = node
        self._others[name] = (version, found)
        return found

    def _unfollowed(self, node, unit) -> bool:
        """Whether the destructuring ``unit`` gives the name ``node`` a value the finder may not follow, so the
        API may still be what it holds: one read from an array or object literal (``[a, b] = [b, a]``), or
        a member of a name that holds the API as some object's member (``({cti} = holder)``, see members); or,
        not destructuring, a read of such a literal the finder does not follow (``cti = [a, api][i]``, see
        _literal_read)."""
        parent = self.parent(node)
        value = unit.child_by_field_name("value" if unit.type == "variable_declarator" else "right")
        while value is not None and value.type in PASS_THROUGH and value.named_children:
            value = value.named_children[0]
        if parent is unit:
            return self._gives_its_value(unit) and _reads_literal(value)
        if value is None or value.type in ("array", "object"):
            return True
        if parent.type == "assignment_pattern":  # (``{key: cti = fallback}``)
            parent = self.parent(parent)
        if node.type == "shorthand_property_identifier_pattern":
            member = self._text(node)
        elif parent is not None and parent.type == "pair_pattern":
            member = key_name(self.data, parent.child_by_field_name("key"))
        else:
            return False  # (an array's element: by its index)
        return member in self.members

    def _assigning(self, target) -> tuple | None:
        """How the name ``target`` is given a value where it is written: (whether the value it held is replaced,
        the assignment, declarator or update doing it), or None where it is not assigned (a read). Replaced:
        ``cti = x``, ``var cti = x``, a place in a destructuring pattern of either (``[cti] = list``,
        ``({cti} = other)``, ``({key: cti = d} = other)``), an arithmetic compound assignment (``cti += 1``:
        a number or string), ``cti &&= x`` (an API object is truthy), ``cti++``; kept: ``cti ||= x`` and
        ``cti ??= x`` (they assign only a falsy or nullish name, which an API object is not)."""
        parent_of = self.parent
        node, parent = target, parent_of(target)
        while parent is not None:
            kind = parent.type
            if kind in _PATTERN_PLACES or (kind == "pair_pattern" and parent.child_by_field_name("value") == node) \
                    or (kind in ("assignment_pattern", "object_assignment_pattern")
                        and parent.child_by_field_name("left") == node):
                node, parent = parent, parent_of(parent)
                continue
            break
        if parent is None:
            return None
        kind = parent.type
        if kind == "assignment_expression":
            return (True, parent) if parent.child_by_field_name("left") == node else None
        if kind == "variable_declarator":
            if parent.child_by_field_name("name") != node or parent.child_by_field_name("value") is None:
                return None
            return True, parent
        if node is not target:
            return None  # (a pattern of a parameter, a for-of, a catch clause...)
        return self._updating(node, parent)

    def _updating(self, node, parent) -> tuple | None:
        """(whether the value is replaced, ``parent``) where ``parent`` gives ``node`` a value made from the one it
        held: a compound assignment (``x += 1``; ``x ||= v`` and ``x ??= v`` keep an API value), an update
        (``x++``); else None."""
        kind = parent.type
        if kind == "augmented_assignment_expression" and parent.child_by_field_name("left") == node:
            operator = parent.child_by_field_name("operator")
            return (operator is None or self._text(operator) not in _KEEPING), parent
        if kind == "update_expression":
            return True, parent
        return None

    def _gives_its_value(self, unit) -> bool:
        """Whether the assignment or declarator ``unit`` gives its target the value on its right (``= v``, ``&&= v``
        on an API object, a declaration's initial value), not one made from it (``+= v``, ``++``)."""
        kind = unit.type
        if kind == "augmented_assignment_expression":
            operator = unit.child_by_field_name("operator")
            return operator is not None and self._text(operator) in _LOGICAL_ASSIGNMENTS
        return kind in ("assignment_expression", "variable_declarator")

    def _member_assigning(self, access) -> tuple | None:
        """How the member ``access`` (``this.x``, ``window.x``) is given a value where it is written, as a name is
        (see _assigning): replaced by ``this.x = v``, an arithmetic compound assignment (``this.x += ''``),
        ``this.x &&= v``, an update (``this.x++``, ``--this.x``) and ``delete this.x`` (undefined after it); kept by
        ``this.x ||= v`` and ``this.x ??= v``. None where it is read."""
        parent = self.parent(access)
        if parent is None:
            return None
        kind = parent.type
        if kind == "assignment_expression":
            return (True, parent) if parent.child_by_field_name("left") == access else None
        if kind == "unary_expression":
            operator = parent.child_by_field_name("operator")
            if operator is not None and self._text(operator) == "delete":
                return True, parent
            return None
        return self._updating(access, parent)

    def _reaching(self, assigned: dict, node, fact_of=None) -> tuple | None:
        """Which of a name's assignments can give it its value at ``node`` (their offsets), read from
        straight-line code only: an assignment that is a statement of a statement list holding the
        reference, in the same function and before it, is the value there (the last such one wins), and
        an assignment before it in the same function is then overwritten. What cannot be decided that
        way is kept: assignments after it on the way (in a branch, a loop, a try), in other functions
        (they may run at any time) or in a loop holding the reference (a later iteration). None when no
        assignment is known to reach it (a use before every assignment): all of them are kept then. ``fact_of``:
        where an assignment happens (:meth:`_assignment`, the default)."""
        fact_of = fact_of or self._assignment
        lists, loops, frame = set(), [], None
        for ancestor in self.locator.ancestors(node):
            kind = ancestor.type
            if kind in _FRAMES:
                frame = ancestor.id
                if kind == "program":
                    lists.add(frame)
                    if frame in self._scripts:
                        frame = _PAGE_SCRIPTS
                break
            if kind in _STATEMENT_LISTS:
                lists.add(ancestor.id)
            elif kind in _LOOPS:
                loops.append((ancestor.start_byte, ancestor.end_byte))
        where = node.start_byte
        facts = {}
        last = None  # (the last assignment that is the value here: its start, its offset)
        for at, (_, target) in assigned.items():
            fact = facts[at] = fact_of(target)
            if fact is not None and fact[0] == frame and fact[1] in lists and fact[3] <= where:
                if last is None or fact[2] > last[0]:
                    last = (fact[2], at)
        reaching = []
        for at, fact in facts.items():
            if fact is None or fact[0] != frame:
                reaching.append(at)  # (another function's, or an import's: it may have run at any time)
                continue
            start, end = fact[2], fact[3]
            if last is not None:
                if at == last[1]:
                    reaching.append(at)
                    continue
                if start < last[0]:
                    continue  # overwritten by the last one on every way here
            if end <= where:
                reaching.append(at)  # after the last one (or with none), on some way here
            elif any(a <= start < b and (last is None or not a <= last[0] < b) for a, b in loops):
                reaching.append(at)  # later in a loop that holds both: it reaches the next iteration
        if last is None and not any(facts[at] is None or facts[at][0] != frame or facts[at][3] <= where
                                    for at in reaching):
            return None
        return tuple(reaching)

    def _assignment(self, target) -> tuple | None:
        """Where an assignment to ``target`` happens: (the function holding it, the statement list it is a
        statement of or None, the start and end of the assignment or declarator), or None (no node)."""
        if target is None:
            return None
        known = self._assignment_facts.get(target.id)
        if known is not None:
            return known
        parent_of = self.parent
        unit = target
        listed = None
        if target.type in ("member_expression", "subscript_expression"):
            assigning = self._member_assigning(target)  # (window.x = ..., this.x += ..., this['x'] = ...)
        else:
            assigning = self._assigning(target)
        if assigning is not None:
            replaces, unit = assigning
            statement = parent_of(unit)
            if unit.type == "variable_declarator":
                if statement is not None and statement.type not in ("lexical_declaration", "variable_declaration"):
                    statement = None
            else:
                while statement is not None and statement.type == "parenthesized_expression":
                    statement = parent_of(statement)  # (``({cti} = other);``)
                if statement is not None and statement.type != "expression_statement":
                    statement = None
            if statement is not None and replaces:
                holder = parent_of(statement)
                if holder is not None and holder.type in _STATEMENT_LISTS:
                    listed = holder.id
        frame = None
        for ancestor in self.locator.ancestors(target):
            if ancestor.type in _FRAMES:
                frame = ancestor.id
                if frame in self._scripts:
                    frame = _PAGE_SCRIPTS
                break
        known = self._assignment_facts[target.id] = (frame, listed, unit.start_byte, unit.end_byte)
        return known

    def _bind_member(self, name: str, paths: frozenset, target=None) -> None:
        """Objects' member ``name`` is given ``paths``; ``target``: the member access written to (``this.x = ...``,
        ``obj.x = ...``), or None (an object literal's property, a class field, a method...)."""
        paths = bindable(paths)
        if not paths:
            return
        old = self.members.get(name, frozenset())
        new = old | paths
        if new != old:
            self.members[name] = new
            self._changed = True
        if _assign(self.member_assigned.setdefault(name, {}), paths, target):
            self._changed = True  # (what reaches a read may change: even to fewer paths)

    @staticmethod
    def _this_member(access) -> bool:
        """Whether the member access is ``this.x`` (``this`` is the same object all through a function)."""
        obj = access.child_by_field_name("object")
        return obj is not None and obj.type == "this" and (
            access.child_by_field_name("property") is not None or access.type == "subscript_expression")

    def _member_at(self, name: str, access) -> frozenset | None:
        """The paths the member ``name`` holds at the read ``this.name`` (``access``): ordered as a variable's
        assignments are (see _reaching), where ``this.name = x`` statements of the function holding the read are
        the straight-line ones, and any other way the member is given the API (another object's ``obj.name = x``,
        an object literal's property, a class field, another function) may reach it; else every value."""
        values = self.members.get(name)
        assigned = self.member_assigned.get(name)
        if values is None or assigned is None or len(assigned) > ORDERED_ASSIGNMENTS:
            return values
        occurrences = self._occurrences.get(name, ())
        known = self._every_member.get(name)
        if known is None or known[0] != len(assigned) or known[1] is not occurrences:
            others = self._other_member_assignments(name, occurrences)
            every = {at: [frozenset(), target] for at, target in others.items()}
            every.update(assigned)  # (an assignment found to give the API holds its paths)
            known = self._every_member[name] = (len(assigned), occurrences, every)
        every = known[2]
        if len(every) < 2 or len(every) > ORDERED_ASSIGNMENTS:
            return values
        memo = ("this", name, access.id)  # (a variable's are (its key, the reference's id))
        reach = self._reach.get(memo)
        if reach is None or reach[0] is not known:
            reach = self._reach[memo] = (known, self._reaching(every, access, self._member_assignment))
        if reach[1] is None:
            return values
        out = frozenset()
        for at in reach[1]:
            out = out | every[at][0]
        return out

    def _member_assignment(self, target) -> tuple | None:
        """Where a member is assigned (see _assignment): ``this.x = ...`` is a statement as a variable's assignment
        is; ``obj.x = ...`` (obj may be this object, or not) is ordered as an assignment in a branch: it may reach a
        read after it, and a later ``this.x = ...`` statement overwrites it."""
        if target is None:
            return None
        known = self._member_facts.get(target.id)
        if known is None:
            fact = self._assignment(target)
            known = self._member_facts[target.id] = \
                fact if self._this_member(target) else (fact[0], None, fact[2], fact[3])
        return known

    def _other_member_assignments(self, name: str, occurrences) -> dict:
        """The statements ``this.name = x`` among the name's occurrences, by offset: {offset: the access}
        (those giving the API are entries of member_assigned as well), and those that replace the value as a name's
        do (``this.name += ''``, ``this.name++``, ``this.name &&= x``; ``delete this.name`` too: see
        _member_assigning). One whose value the finder may not follow (a read of an array or object literal,
        ``this.cti = [a, api][i]``, ``this.cti &&= [a, api][i]``) is left out: the API may stay."""
        data = self.data
        match = _ASSIGNED_AFTER.match
        before = _DELETED_OR_UPDATED_BEFORE.search
        found: dict[int, object] = {}
        for occ in occurrences:
            node = occ.node
            if occ.chain is not None:
                continue
            if node.type == "property_identifier":
                access = self.parent(node)
                if access is None or access.type != "member_expression" or access.end_byte != node.end_byte:
                    continue
            elif node.type == "string_fragment":
                access = self._keyed_read(node, name)  # this['name'] = ...
                if access is None:
                    continue
            else:
                continue
            if not self._this_member(access):
                continue
            if match(data, access.end_byte) is None \
                    and before(data, max(0, access.start_byte - 16), access.start_byte) is None:
                continue
            assigning = self._member_assigning(access)
            if assigning is None or not assigning[0]:
                continue  # (``this.cti ||= x`` keeps the value: only its API, if any, is an entry)
            unit = assigning[1]
            if self._gives_its_value(unit):
                value = unit.child_by_field_name("right")
                while value is not None and value.type in PASS_THROUGH and value.named_children:
                    value = value.named_children[0]
                if _reads_literal(value):
                    continue
            found[access.start_byte] = access  # (``+= ''``, ``++``, ``delete``: a number, a string, undefined)
        return found

    # ------------------------------------------------------------------ evaluation
    def _is_global(self, node) -> bool:
        """``window``, ``top``, ``parent.window``...: the global object."""
        while node is not None:
            while node is not None and node.type in PASS_THROUGH:
                node = node.named_children[0] if node.named_children else None
            if node is None:
                return False
            if node.type == "identifier":
                name = self._text(node)
                return name in GLOBAL_OBJECTS or self._global_parameter(node, name)
            if node.type != "member_expression":
                return False
            prop = node.child_by_field_name("property")
            if prop is None or self._text(prop) not in ("top", "parent", "window", "self"):
                return False
            node = node.child_by_field_name("object")
        return False

    def _global_parameter(self, node, name: str) -> bool:
        """Whether the identifier is a parameter of an immediately invoked function called with the
        global object there: ``(function (global) { global.sforce... })(window)`` (also ``this`` at
        the top level, ``self``, ``globalThis``, or a parameter that is itself such a parameter)."""
        for ancestor in self.locator.ancestors(node):
            if ancestor.type not in FUNCTIONS:
                continue
            index = self._parameter_index(ancestor, name)
            if index is None:
                continue  # (the innermost function declaring the name as a parameter decides)
            key = (ancestor.id, index)
            known = self._global_parameters.get(key)
            if known is None:
                self._global_parameters[key] = False  # (a cycle cannot occur: arguments lie outside)
                known = self._global_parameters[key] = self._global_argument(ancestor, index)
            return known
        return False

    def _parameter_index(self, function, name: str) -> int | None:
        params_node = function.child_by_field_name("parameters")
        if params_node is None:
            single = function.child_by_field_name("parameter")
            params = [single] if single is not None else []
        else:
            params = [c for c in params_node.named_children if c.type != "comment"]
        for index, param in enumerate(params):
            if param.type in ("required_parameter", "optional_parameter"):
                param = param.child_by_field_name("pattern") or param
            if param.type == "assignment_pattern":
                param = param.child_by_field_name("left") or param
            if param.type == "identifier" and self._text(param) == name:
                return index
        return None

    def _global_argument(self, function, index: int) -> bool:
        """Whether ``function`` is called where it is written with the global object at ``index``."""
        parent_of = self.parent
        callee, call = function, parent_of(function)
        while call is not None and call.type == "parenthesized_expression":
            callee, call = call, parent_of(call)
        if call is None or call.type != "call_expression" or call.start_byte != callee.start_byte \
                or call.child_by_field_name("function") != callee:
            return False
        args = arguments_of(call.child_by_field_name("arguments"))
        if index >= len(args):
            return False
        arg = args[index]
        if arg.type == "this":
            # ``this`` outside every function (arrow functions keep it) and class is the global object.
            return not any(a.type in _THIS_BINDERS for a in self.locator.ancestors(arg))
        return self._is_global(arg)

    def _evaluate_occurrence(self, occ: _Occurrence) -> None:
        if occ.jump is not None:
            if occ.seen is not _ROOT_VALUES:  # evaluated once: the literal chain always holds the root
                occ.seen, occ.depends, occ.uses, occ.sites = _ROOT_VALUES, _NO_DEPENDS, _NOTHING, _NOTHING
                self._current = occ
                self._jump(occ)
                self._current = None
            elif occ.depends and not all(self.scopes.versions.get(n) == v for n, v in occ.depends.items()):
                occ.seen = _NEVER
                self._evaluate_occurrence(occ)
            return
        node = occ.node
        name = occ.name
        kind = node.type
        if kind == "identifier":
            if occ.declares:
                return
            if name == "sforce":
                start, values, via = node, _ROOT_VALUES, "literal"
            else:
                start, values, via = node, self._value_at(self.scopes.resolve(name, node), node), "alias"
        elif kind == "shorthand_property_identifier":
            if name == "sforce":
                self._bind_member(name, _ROOT_VALUES)
            else:
                paths = self._value_at(self.scopes.resolve(name, node), node)
                if paths:
                    self._bind_member(name, paths)
            return
        elif kind == "string_fragment":  # window['sforce'], global['sforce']; this['cti'], holder['api']
            subscript = self._keyed_read(node, name)
            if subscript is None:
                return
            obj = subscript.child_by_field_name("object")
            start, values, via = subscript, None, "alias"
            if name == "sforce" and self._is_global(obj):
                values, via = _ROOT_VALUES, "literal"
            elif obj.type == "this":
                values = self._member_at(name, subscript)
            elif obj.type == "identifier":
                values = self.members.get(name)
        else:  # property_identifier: window.sforce, this.alias, obj.alias
            parent = self.parent(node)
            if parent is None or parent.type != "member_expression" or parent.end_byte != node.end_byte:
                return  # (a property_identifier ending where its member access ends is its property)
            obj = parent.child_by_field_name("object")
            start, values, via = parent, None, "alias"
            if name == "sforce" and self._is_global(obj):
                values, via = _ROOT_VALUES, "literal"
            elif obj is not None and obj.type == "this":
                values = self._member_at(name, parent)
            elif obj is not None and obj.type == "identifier":
                values = self.members.get(name)
        if values == occ.seen and (not occ.depends or
                                   all(self.scopes.versions.get(n) == v for n, v in occ.depends.items())):
            return  # evaluated before with the same input: its records and bindings stand
        occ.seen, occ.depends, occ.uses, occ.sites = values, _NO_DEPENDS, _NOTHING, _NOTHING
        if not values:
            return
        self._current = occ
        if occ.chain is not None:
            self._chain(start, values, via, occ.chain)
        else:
            self._climb(start, values, _Walk(via, via == "alias" and mixed(values)))
        self._current = None

    def _keyed_read(self, fragment, name: str):
        """The subscript ``obj['name']`` (or ``obj[`name`]``) whose whole key is the string ``fragment``, or None."""
        string = self.parent(fragment)
        subscript = self.parent(string) if string is not None else None
        if subscript is None or subscript.type != "subscript_expression" or _string_key(self.data, string) != name \
                or subscript.child_by_field_name("index") != string:
            return None
        return subscript if subscript.child_by_field_name("object") is not None else None

    def _chain(self, start, values: frozenset, via: str, chain: tuple) -> None:
        """What :meth:`_climb` does from ``start`` up member accesses to a call, without the steps (and,
        for ``getApi().member(``, through the getter's call first): when a step would stop the value,
        read an enum constant or record a call of the getter itself, the climb itself runs."""
        call, function, names, through_getter = chain
        is_mixed = via == "alias" and mixed(values)
        reached, reached_via = values, via
        if through_getter:
            # (the climb's step at the getter's call: what it returns goes on, as an alias)
            reached, called = _split(values)
            if called or not reached:
                return self._climb(start, values, _Walk(via, is_mixed))
            reached_via = "alias"
        plan = _chain_plan(reached, names)
        if plan is None:
            return self._climb(start, values, _Walk(via, is_mixed))
        mixed_on_the_way, returned, api_paths, member = plan
        is_mixed = is_mixed or mixed_on_the_way
        # (recording reads a walk and never changes it: a shared one will do)
        walk = _WALKS[reached_via, is_mixed]
        if member is not None:
            # (what _record_call does with one path of a member: the usual case)
            # (the chain was read from the text with '(' right after it: the call's arguments follow its function)
            self._record_chosen(call, function, member, arguments_of(call.child(1)), "namespace", walk)
        elif api_paths:
            self._record_call(call, function, api_paths, walk)
        if returned:
            self._climb(call, returned, _Walk("alias", is_mixed))
        return None

    def _jump(self, occ: _Occurrence) -> None:
        """What :meth:`_climb` from ``sforce`` does on a literal chain, without the steps up to it:
        record the call; or record the constant and climb on from it."""
        top, function, path = occ.jump
        if function is not None:
            # (what _record_call does with one path of a member: the only kind _chain_path gives a call)
            # (the receiver is the chain's text before the member: the path's names, as written)
            # (and its arguments, read from the text as '(' right after it, follow its function)
            self._record_chosen(top, function, path, arguments_of(top.child(1)),
                                "namespace", _LITERAL_WALK, _dotted(path[:-1]))
            return
        walk = _Walk("literal")
        parent = self.parent(top)
        if parent is not None and parent.type == "pair":
            # The value of an object's property (``{type: sforce.opencti.SCREENPOP_TYPE.URL}``): the climb
            # would bind the property's name to the constant, which binding drops (see bindable).
            self._record_constant(top, path, walk)
            return
        values = frozenset((path,))
        if not self._is_assignment_target(top):
            self._record_constant(top, path, walk)
        self._climb(top, values, walk)

    def _climb(self, node, values: frozenset, walk: _Walk) -> None:
        parent_of = self.parent
        chain = node  # the API expression itself, before &&, ||, ?: or parentheses around it
        while True:
            parent = parent_of(node)
            if parent is None:
                return self._stop(chain, values, "end", walk.via)
            kind = parent.type
            # (the object of a member access and the function of a call are their parent's first child:
            # the only child starting where the parent starts)
            if kind in ("member_expression", "subscript_expression") and node.start_byte == parent.start_byte:
                if parent.has_error and not node.has_error and self._mention_between(parent):
                    # A mention of the API in broken code between the object and its member
                    # (``sforce.opencti sforce.opencti.x()`` reads as sforce.opencti[ERROR sforce].opencti.x):
                    # the member is that mention's, read from its text (see .recover), not the value's.
                    return self._stop(chain, values, "broken", walk.via)
                if kind == "member_expression":
                    prop = parent.child_by_field_name("property")
                    name = self._text(prop) if prop is not None else ""
                else:
                    name = _string_key(self.data, parent.child_by_field_name("index"))
                    if name is None:
                        return self._stop(chain, values, "dynamic", walk.via)
                extended = extend(values, name)
                if not extended:
                    return self._stop(chain, values, "dead", walk.via)
                values = extended
                walk.mixed = walk.mixed or mixed(values)
                node = chain = parent
                constants = _constants(values)
                if constants and not self._is_assignment_target(node):
                    for path in constants:
                        self._record_constant(node, path, walk)
                continue
            if kind in PASS_THROUGH:
                if kind != "parenthesized_expression" and chain is node:
                    chain = parent
                node = parent
                continue
            if kind == "binary_expression":
                operator = parent.child_by_field_name("operator")
                op = self._text(operator) if operator is not None else ""
                if (op == "&&" and parent.child_by_field_name("right") == node) or op in ("||", "??"):
                    node = parent
                    continue
                return self._stop(chain, values, "guard", walk.via)
            if kind == "ternary_expression" and parent.child_by_field_name("condition") != node:
                node = parent
                continue
            if kind == "sequence_expression" and parent.named_children and parent.named_children[-1] == node:
                node = parent
                continue
            if kind == "call_expression" and node.start_byte == parent.start_byte:
                returned, api_paths = _split(values)
                if api_paths:
                    self._record_call(parent, node, api_paths, walk)
                if returned:
                    values = returned
                    walk = _Walk("alias", walk.mixed)
                    node = chain = parent
                    continue
                return None
            if kind == "augmented_assignment_expression" and parent.child_by_field_name("right") == node:
                operator = parent.child_by_field_name("operator")
                if operator is None or self._text(operator) not in _LOGICAL_ASSIGNMENTS:
                    return self._stop(chain, values, "context", walk.via)  # (``x += api``: a string)
                kind = "assignment_expression"  # (``cti ||= api`` gives cti the API when it held none)
            if kind in ("array", "pair"):
                # A literal read where it is written (``[sforce.opencti][0]``, ``({a: sforce.opencti}).a``) holds
                # the element or property it reads.
                read = self._literal_read(node, parent)
                if read is not None:
                    node = chain = read
                    continue
            if kind in ("arguments", "variable_declarator", "assignment_expression", "pair", "field_definition",
                        "public_field_definition", "return_statement", "arrow_function", "export_statement") \
                    and not self._is_assignment_target(node):
                self._site(chain, values, "bound")
                # (an assignment goes on: where it stops reports it)
                if kind != "assignment_expression" and _missing(values):
                    self._missing_members(chain, values, walk.via)
            if kind == "arguments":
                call = parent_of(parent)
                hook = self._hook_name(call) if call is not None else None
                if hook and parent.named_children and parent.named_children[0] == node:
                    # React: useCallback(fn) is fn; useMemo(() => x) is x.
                    if hook == "useMemo":
                        values = frozenset(p[1:] for p in values if p and p[0] == FN)
                    if values:
                        node = call
                        continue
                    return None
                self._bind_argument(parent, node, values)
                return None
            if kind == "variable_declarator" and parent.child_by_field_name("value") == node:
                target = parent.child_by_field_name("name")
                if target is not None:
                    self._bind_pattern(target, values)
                return None
            if kind == "assignment_expression":
                if parent.child_by_field_name("right") == node:
                    left = parent.child_by_field_name("left")
                    if left is not None:
                        self._bind_target(left, values)
                    node = parent
                    continue
                return None  # assigning *to* an API path: a shim or externs file, not a use
            if kind == "pair" and parent.child_by_field_name("value") == node:
                key = parent.child_by_field_name("key")
                if key is not None:
                    self._bind_member(key_name(self.data, key), values)
                return None
            if kind in ("field_definition", "public_field_definition") and parent.child_by_field_name("value") == node:
                prop = parent.child_by_field_name("property") or parent.child_by_field_name("name")
                if prop is not None:
                    self._bind_member(self._text(prop), values)
                return None
            function = None
            if kind == "return_statement":
                function = self.scopes.enclosing(node, FUNCTIONS)
                if function is None or function.type == "program":
                    return None
            elif kind == "arrow_function" and parent.child_by_field_name("body") == node:
                function = parent
            if function is not None:
                # A function that returns an API object is a 'getter' of it; a function expression is
                # a value like any other: follow it (declarator, property, IIFE...).
                values = self._bind_function_result(function, values)
                if not values:
                    return None
                node = chain = function
                walk = _Walk("alias")
                continue
            if kind == "export_statement" and parent.child_by_field_name("value") == node:
                self.default_export |= values
                return None
            return self._stop(chain, values, "context", walk.via)

    def _literal_read(self, node, parent):
        """The access reading ``node`` out of the literal ``parent`` it is written in, or None: an array's element
        by its index (``[a, api][1]``, no spread before it), an object's property by its key (``({k: api}).k``,
        ``{k: api}['k']``, no later property that may give the key another value)."""
        if parent.type == "array":
            literal = parent
        elif parent.child_by_field_name("value") == node:
            literal = self.parent(parent)
            if literal is None or literal.type != "object":
                return None
        else:
            return None
        outer, access = literal, self.parent(literal)
        while access is not None and access.type == "parenthesized_expression":
            outer, access = access, self.parent(access)
        if access is None or access.start_byte != outer.start_byte:
            return None
        read = None
        if access.type == "member_expression":
            prop = access.child_by_field_name("property")
            read = self._text(prop) if prop is not None and prop.type == "property_identifier" else None
        elif access.type == "subscript_expression":
            index = access.child_by_field_name("index")
            if index is not None and index.type == "number":
                read = _number_key(self._text(index))
            elif index is not None and index.type == "string":
                read = self._text(index)[1:-1]
        if read is None:
            return None
        keys = self._literal_keys.get(literal.id)
        if keys is None:
            keys = self._literal_keys[literal.id] = self._keys_of(literal)
        return access if keys.get((parent if parent is not literal else node).id) == read else None

    def _keys_of(self, literal) -> dict:
        """The key each element or property of a literal is read by, by node id (once per literal: a literal may
        hold thousands): an array's elements before any spread, by index; an object's pairs with a plain key that
        no later property may give another value."""
        keys: dict[int, str] = {}
        if literal.type == "array":
            index = 0
            for child in literal.children:
                if child.type == ",":
                    index += 1
                elif child.type == "spread_element":
                    break
                elif child.is_named and child.type != "comment":
                    keys[child.id] = str(index)
            return keys
        seen: set[str] = set()
        for child in reversed(literal.named_children):
            if child.type == "comment":
                continue
            if child.type != "pair":
                break  # (a spread, a method, a shorthand property...: may give an earlier key a value)
            key_node = child.child_by_field_name("key")
            if key_node is None or key_node.type not in ("property_identifier", "string", "number"):
                break
            key = key_name(self.data, key_node)
            if key not in seen:
                seen.add(key)
                keys[child.id] = key
        return keys

    def _mention_between(self, access) -> bool:
        """Whether a member access holds, between its object and its member, broken code naming sforce."""
        data = self.data
        return any(child.is_error and data.find(b"sforce", child.start_byte, child.end_byte) >= 0
                   for child in access.children)

    def _site(self, node, values, kind: str) -> None:
        if any(p and p[0] != FN and path_kind(p) not in ("constant", "unknown-constant") for p in values):
            current = self._current
            if current.sites is _NOTHING:
                current.sites = []
            current.sites.append((node.start_byte, node.end_byte, kind))

    def _stop(self, node, values, reason: str, via: str) -> None:
        """The value goes no further; a read of a non-existent member is still a use to report (reached
        ``via`` a literal chain or an alias)."""
        target = self._is_assignment_target(node)
        if not target:
            self._site(node, values, "guard" if reason == "guard" else "value")
        parent = self.parent(node)
        if target or (parent is not None and parent.type == "expression_statement"):
            return None  # a shim assigning the API, or a Closure externs declaration (`sforce.opencti.X;`)
        self._missing_members(node, values, via)
        return None

    def _missing_members(self, node, values, via: str) -> None:
        """A read of a member the API does not have (``api.SCREENPOP_TYPE`` of Classic) is a use to report,
        wherever its value goes: a statement's end, a variable, an argument, a property, a return."""
        missing = _missing(values)
        if missing and node.type in ("member_expression", "subscript_expression"):
            for path in missing:
                self._record_reference(node, path, via)

    def _is_assignment_target(self, node) -> bool:
        parent = self.parent(node)
        while parent is not None and parent.type in PASS_THROUGH:
            node, parent = parent, self.parent(parent)
        return parent is not None and parent.type in ("assignment_expression", "augmented_assignment_expression") \
            and parent.child_by_field_name("left") == node

    # ------------------------------------------------------------------ binding
    def _bind_pattern(self, target, values: frozenset) -> None:
        todo = [(target, values)]
        while todo:
            target, values = todo.pop()
            if target.type == "identifier":
                name = self._text(target)
                self.scopes.declare_at(name, target)
                self._bind_key((name, target.start_byte), values, target)
            elif target.type == "object_pattern":
                for child in target.named_children:
                    if child.type == "shorthand_property_identifier_pattern":
                        name = self._text(child)
                        key = (name, child.start_byte)
                        self.scopes.declare(name, scope_range(self.scopes.pattern_scope(child)), key)
                        self._bind_key(key, extend(values, name), child)
                    elif child.type == "pair_pattern":
                        key_node = child.child_by_field_name("key")
                        value_node = child.child_by_field_name("value")
                        if key_node is not None and value_node is not None:
                            todo.append((value_node, extend(values, key_name(self.data, key_node))))
                    elif child.type == "object_assignment_pattern":
                        left = child.child_by_field_name("left")
                        if left is not None and left.type == "shorthand_property_identifier_pattern":
                            name = self._text(left)
                            self._bind_key((name, left.start_byte), extend(values, name), left)
                            self.scopes.declare(name, scope_range(self.scopes.pattern_scope(left)),
                                                (name, left.start_byte))
            elif target.type == "assignment_pattern":
                left = target.child_by_field_name("left")
                if left is not None:
                    todo.append((left, values))

    def _bind_target(self, left, values: frozenset) -> None:
        while left.type in PASS_THROUGH and left.named_children:
            left = left.named_children[0]
        if left.type == "identifier":
            name = self._text(left)
            if name == "sforce":
                return
            # Where the value lands depends on how the name resolves: re-evaluate when that changes.
            current = self._current
            if current.depends is _NO_DEPENDS:
                current.depends = {}
            current.depends[name] = self.scopes.versions.get(name)
            self._bind_key(self.scopes.resolve(name, left), values, left)
        elif left.type in ("member_expression", "subscript_expression"):
            obj = left.child_by_field_name("object")
            if left.type == "member_expression":
                prop = left.child_by_field_name("property")
                name = self._text(prop) if prop is not None else None
            else:  # this['cti'] = ..., holder['api'] = ...
                name = _string_key(self.data, left.child_by_field_name("index"))
            if name is None or obj is None:
                return
            if self._is_global(obj) and name != "sforce":
                self._bind_key((name, -1), values, left)  # window.x = ... makes a global x
            self._bind_member(name, values, left)
        elif left.type in ("object_pattern", "array_pattern"):
            self._bind_pattern(left, values)

    def _bind_function_result(self, function, values: frozenset) -> frozenset:
        """A function that returns an API object: its own value is a 'getter' of that object.
        Returns the getter's paths when the function is an expression to follow further."""
        returned = frozenset((FN,) + p for p in values if p)
        if not returned:
            return frozenset()
        name_node = function.child_by_field_name("name")
        if function.type in ("function_declaration", "generator_function_declaration") and name_node is not None:
            name = self._text(name_node)
            self.scopes.declare_at(name, name_node)
            self._bind_key((name, name_node.start_byte), returned, name_node)
            return frozenset()
        if function.type == "method_definition" and name_node is not None:
            # A getter's member is what it returns (``get cti() { return sforce.opencti; }``: this.cti is the API);
            # a method's is a function returning it.
            getter = any(child.type == "get" for child in function.children if child.start_byte < name_node.start_byte)
            self._bind_member(self._text(name_node), values if getter else returned)
            return frozenset()
        return returned

    def _hook_name(self, call) -> str | None:
        function = call.child_by_field_name("function")
        if function is None:
            return None
        if function.type == "member_expression":
            function = function.child_by_field_name("property")
        name = self._text(function) if function is not None else ""
        return name if name in ("useCallback", "useMemo") else None

    def _bind_argument(self, arguments_node, node, values: frozenset) -> None:
        """An API object passed into an immediately invoked function binds that parameter."""
        call = self.parent(arguments_node)
        if call is None or call.type != "call_expression":
            return
        function = call.child_by_field_name("function")
        while function is not None and function.type in PASS_THROUGH and function.named_children:
            function = function.named_children[0]
        if function is None or function.type not in FUNCTION_VALUES:
            return
        args = arguments_of(arguments_node)
        index = next((i for i, a in enumerate(args) if a == node), None)
        if index is None:
            return
        self._bind_parameter(function, index, values)

    def _bind_parameter(self, function, index: int, values: frozenset) -> None:
        params_node = function.child_by_field_name("parameters")
        if params_node is None:
            single = function.child_by_field_name("parameter")
            params = [single] if single is not None else []
        else:
            params = [c for c in params_node.named_children if c.type != "comment"]
        if index >= len(params):
            return
        param = params[index]
        if param.type in ("required_parameter", "optional_parameter"):
            param = param.child_by_field_name("pattern") or param
        if param.type == "assignment_pattern":
            param = param.child_by_field_name("left") or param
        if param.type == "identifier":
            name = self._text(param)
            key = (name, param.start_byte)
            self.scopes.declare(name, scope_range(function), key)
            if name != "sforce":
                self._bind_key(key, values, param)
        elif param.type == "object_pattern":
            self._bind_pattern(param, values)

    # ------------------------------------------------------------------ recording
    def _use(self, node, api: str, family: str, kind: str, via: str, receiver: str) -> ApiUse:
        use = ApiUse(self.display, 0, 0, 0, 0, _interned(api), family, kind, via, receiver[:120])
        use.start_byte = node.start_byte
        use.end_byte = node.end_byte
        return use

    def _add(self, use: ApiUse) -> None:
        current = self._current
        if current.uses is _NOTHING:
            current.uses = []
        current.uses.append(use)

    def _record_constant(self, node, path: Path, walk: _Walk) -> None:
        api = _dotted(path)
        obj = node.child_by_field_name("object")
        receiver = self._text(obj) if obj is not None else ""
        use = self._use(node, api, Family.LIGHTNING.value, "constant", walk.via, receiver)
        if path_kind(path) == "unknown-constant":
            use.problems.append(Problem("unknown-constant",
                                        f"{path[2]} has no key {path[3]}; keys are "
                                        + ", ".join(sorted(ENUMS[path[2]].values()))))
        self._add(use)

    def _record_reference(self, node, path: Path, via: str) -> None:
        api = ".".join(path)
        family = family_of(path)
        obj = node.child_by_field_name("object")
        use = self._use(node, api, family.value if family else "lightning", "reference", via,
                        self._text(obj) if obj is not None else "")
        self._add(use)

    def _record_call(self, call, function, paths: frozenset, walk: _Walk) -> None:
        if len(paths) == 1:
            # (the usual case: one member of one family, called directly)
            for path in paths:
                kind = path_kind(path)
            if kind == "member" or kind == "unknown-member":
                call_args = arguments_of(call.child_by_field_name("arguments"))
                basis = "namespace"
            elif kind == "member-call":
                return self._record_call_of(call, function, paths, walk)
            else:
                return None
        else:
            return self._record_call_of(call, function, paths, walk)
        self._record_chosen(call, function, path, call_args, basis, walk)

    def _record_call_of(self, call, function, paths: frozenset, walk: _Walk) -> None:
        kinds = [(path, path_kind(path)) for path in paths]
        if not any(kind in _CALLED for _, kind in kinds):
            return
        args = arguments_of(call.child_by_field_name("arguments"))
        candidates = []
        for path, kind in kinds:
            if kind == "member-call":
                member_path = path[:-1]
                member_args = args[1:] if path[-1] == "call" else None
                candidates.append((member_path, path_kind(member_path), member_args))
            elif kind in ("member", "unknown-member"):
                candidates.append((path, kind, args))
        chosen, basis = choose(candidates, shape(candidates[0][2]))
        path, kind, call_args = chosen
        self._record_chosen(call, function, path, call_args, basis, walk)

    def _record_chosen(self, call, function, path: Path, call_args, basis: str, walk: _Walk,
                       receiver: str | None = None) -> None:
        if receiver is None:
            if function.type == "member_expression":
                # (the object of a member access is its first child)
                receiver = self.data[function.start_byte:function.child(0).end_byte].decode("utf-8", "replace")
            else:
                receiver = self._text(function)
        api = _dotted(path)
        use = ApiUse(self.display, 0, 0, 0, 0, api, _family_value(path), "call", walk.via, receiver[:120])
        use.start_byte = call.start_byte
        use.end_byte = call.end_byte
        if walk.mixed and basis == "namespace":
            basis = "member-name"
        use.family_basis = basis
        # (shape(call_args) and options_of, with the first argument's type read once)
        if call_args is None:
            use.shape = "positional"
        elif not call_args:
            use.shape = "none"
        elif len(call_args) == 1 and call_args[0].type == "object":
            use.shape = "object"
            use.options = arguments.options_of(self.data, call_args)
        else:
            use.shape = "positional"
        if not (use.shape == "object" and arguments.nothing_to_check(api, tuple(use.options))):
            for value, constant in arguments.check_arguments(self.data, use, path, call_args, function):
                self._add(self._use(value, constant, "lightning", "constant", "string-literal", ""))
        current = self._current
        if current.uses is _NOTHING:
            current.uses = []
        current.uses.append(use)
