"""Argument checks: does a call pass what its member takes?

Lightning members take one options object (``screenPop({type, params, callback})``); Classic
members take positional arguments. A call gets a :class:`Problem` for an unknown member, an
unknown, misspelt or missing option, the wrong style of arguments, or an enum value given as an
unknown string; a problem that is safe to correct carries a :class:`Fix`.
"""

from __future__ import annotations

import bisect
import difflib
import sys
from functools import lru_cache

from .. import catalog
from ..catalog import ENUMS, Family
from ..inventory import ApiUse, Fix, Problem
from .paths import Path
from .syntax import FUNCTION_VALUES, key_name, text

# Members whose enum option may be a string literal: (option, enum).
ENUM_OPTIONS = {"screenPop": ("type", "SCREENPOP_TYPE"), "searchAndScreenPop": ("callType", "CALL_TYPE")}


_KEY_NAMES: dict[bytes, str] = {}  # an options object's key as written -> its name (see options_of)


def options_of(data: bytes, args) -> list[str]:
    """The keys of a call's single options object ('...' for a spread)."""
    if len(args) != 1 or args[0].type != "object":
        return []
    keys = []
    intern = sys.intern
    names = _KEY_NAMES
    for child in args[0].named_children:
        kind = child.type
        if kind == "pair":
            key = child.child(0)  # (a pair's key is its first child)
            if key is not None:
                # (key_name, inlined and kept by the key's text: a dense file has a key every few lines; a key
                # written with a quote is a string, any other is not, so the text alone says its name)
                written = data[key.start_byte:key.end_byte]
                name = names.get(written)
                if name is None:
                    name = written.decode("utf-8", "replace")
                    name = intern(name[1:-1] if key.type == "string" else name)
                    if len(names) > 4096:
                        names.clear()
                    names[written] = name
                keys.append(name)
        elif kind == "shorthand_property_identifier":
            keys.append(intern(data[child.start_byte:child.end_byte].decode("utf-8", "replace")))
        elif kind == "method_definition":
            name = child.child_by_field_name("name")
            if name is not None:
                keys.append(text(data, name))
        elif kind == "spread_element":
            keys.append("...")
    return keys


@lru_cache(maxsize=4096)
def nothing_to_check(api: str, keys: tuple) -> bool:
    """Whether :func:`check_arguments` finds no problem and no constant in a call of ``api`` with one
    options object of these keys (the usual call: documented options, the required ones given)."""
    member = catalog.lookup(api)
    if member is None or member.family is not Family.LIGHTNING:
        return False
    if "..." in keys:
        return True
    if any(key not in member.options for key in keys):
        return False
    if any(key not in keys and not (key == "listener" and "callback" in keys) for key in member.required):
        return False
    enum_key = ENUM_OPTIONS.get(member.name)
    return not (enum_key and enum_key[0] in keys)


def _pair(data: bytes, args, key: str):
    if len(args) != 1 or args[0].type != "object":
        return None
    for child in args[0].named_children:
        if child.type == "pair":
            key_node = child.child_by_field_name("key")
            if key_node is not None and key_name(data, key_node) == key:
                return child
    return None


def _option_value(data: bytes, args, key: str):
    pair = _pair(data, args, key)
    return pair.child_by_field_name("value") if pair is not None else None


def _key_node(data: bytes, args, key: str):
    pair = _pair(data, args, key)
    return pair.child_by_field_name("key") if pair is not None else None


def _fix(node, replacement: str) -> Fix:
    return Fix(replacement, node.start_byte, node.end_byte)


def check_arguments(data: bytes, use: ApiUse, path: Path, args, function=None) -> list[tuple[object, str]]:
    """Add the call's problems to ``use``; returns the enum constants it names as string literals
    ((the string node, the constant's api)), which are uses of their own. ``function`` is the
    called expression (a misspelt member's name is fixed in its property)."""
    member = catalog.lookup(use.api)
    if member is None:
        prop = function.child_by_field_name("property") if function is not None and \
            function.type == "member_expression" else None
        suggestion = catalog.suggest(path[:-1], path[-1])
        hint = f"; did you mean {'.'.join(path[:-1])}.{suggestion}?" if suggestion else ""
        fix = None
        if suggestion and prop is not None and prop.type == "property_identifier" and \
                suggestion.lower() == path[-1].lower():
            fix = _fix(prop, suggestion)  # only a change of case is safe to propose
        use.problems.append(Problem("invalid-member",
                                    f"{use.api} is not a documented Open CTI member{hint}", fix))
        return []
    if args is None:
        return []
    if member.family is Family.LIGHTNING:
        return _check_lightning(data, use, member, args)
    if len(args) == 1 and args[0].type == "object" and member.params:
        use.problems.append(Problem(
            "object-to-classic",
            f"{use.api} takes positional arguments ({', '.join(member.params)}), not one options object"))
    return []


def _check_lightning(data: bytes, use: ApiUse, member, args) -> list[tuple[object, str]]:
    if not args:
        missing = list(member.required)
        if missing:
            use.problems.append(Problem("missing-option", f"{member.name} needs {{{', '.join(missing)}}}"))
        return []
    if len(args) > 1 or args[0].type != "object":
        first = args[0].type
        what = "a function was" if first in FUNCTION_VALUES else "positional arguments were"
        if len(args) == 1 and args[0].type in ("identifier", "member_expression", "call_expression"):
            return []  # an options object built elsewhere: cannot check statically
        use.problems.append(Problem(
            "positional-to-lightning",
            f"{member.name} takes one options object ({', '.join(member.options)}); "
            f"{what} passed in the Classic style"))
        return []
    keys = use.options
    if "..." in keys:
        return []
    for key in keys:
        if key in member.options:
            continue
        key_node = _key_node(data, args, key)
        if key == "callback" and "listener" in member.options:
            use.problems.append(Problem(
                "wrong-option-name", f"{member.name} takes `listener:`, not `callback:`; the handler is never called",
                _fix(key_node, "listener") if key_node is not None and "listener" not in keys else None))
        elif key == "listener" and "callback" in member.options and "listener" not in member.options:
            use.problems.append(Problem(
                "wrong-option-name", f"{member.name} takes `callback:`, not `listener:`",
                _fix(key_node, "callback") if key_node is not None and "callback" not in keys else None))
        else:
            close = difflib.get_close_matches(key, member.options, n=1, cutoff=0.6)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            fix = _fix(key_node, close[0]) if close and key_node is not None and close[0] not in keys else None
            use.problems.append(Problem("unknown-option", f"{member.name} has no option `{key}`{hint}", fix))
    for key in member.required:
        if key not in keys and not (key == "listener" and "callback" in keys):
            use.problems.append(Problem("missing-option", f"{member.name} needs `{key}:`"))
    # Enum values given as string literals ('sobject', 'inbound').
    constants = []
    enum_key = ENUM_OPTIONS.get(member.name)
    if enum_key and enum_key[0] in keys:
        value = _option_value(data, args, enum_key[0])
        if value is not None and value.type == "string":
            literal = text(data, value)[1:-1]
            table = ENUMS[enum_key[1]]
            if literal in table:
                constants.append((value, f"sforce.opencti.{enum_key[1]}.{table[literal]}"))
                if member.name == "screenPop":
                    use.variant = table[literal]
            else:
                use.problems.append(Problem(
                    "unknown-enum-value",
                    f"'{literal}' is not a known {enum_key[1]} value ({', '.join(sorted(table))})"))
        elif value is not None and member.name == "screenPop":
            use.variant = f"@{value.start_byte}:{value.end_byte}"  # resolved by attach_variants
    return constants


def attach_variants(uses: list[ApiUse]) -> None:
    """A screenPop's type given as a constant: take the constant use inside its `type:` value."""
    constants = sorted((u for u in uses if u.kind == "constant" and ".SCREENPOP_TYPE." in u.api),
                       key=lambda u: u.start_byte)
    starts = [c.start_byte for c in constants]
    for use in uses:
        if use.variant and use.variant.startswith("@"):
            start, end = (int(x) for x in use.variant[1:].split(":"))
            # (bisected: a file of thousands of screenPops must not compare each with every constant)
            inside = [c for c in constants[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
                      if c.end_byte <= end][:2]
            use.variant = inside[0].api.rsplit(".", 1)[1] if len(inside) == 1 else "dynamic"
