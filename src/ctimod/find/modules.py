"""Modules: how the API enters a file (AMD/RequireJS dependencies) and leaves it (ES exports).

* ``define(['sforce'], function (sf) {...})`` and RequireJS shims
  (``shim: {cti: {exports: 'sforce.opencti'}}``) make a factory parameter the API.
* ``export const api = sforce.opencti`` / ``import {api} from './api'`` and relative
  ``require('./api')`` make up a file's :class:`ModuleInterface`, which the scan uses to follow
  API objects from one module into the modules importing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .paths import ROOT, Path, path_kind
from .syntax import FUNCTION_VALUES, arguments_of, key_name, text

_AMD_CALL = re.compile(rb"(?:define|require)\s*\(")
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_AMD_DEPENDENCIES = re.compile(
    rb"(?<![\w$.])(define|requirejs|require)\s*\(\s*(?:['\"][^'\"\n]{0,200}['\"]\s*,\s*)?\[")
_SHIM = re.compile(rb"""(["']?)([\w$.-]+)\1\s*:\s*\{\s*[^{}]*?exports\s*:\s*["']([\w$.]+)["']""")
_RELATIVE_REQUIRE = re.compile(rb"\brequire\s*\(\s*(['\"])(\.{1,2}/[^'\"]+)\1\s*\)")


# ------------------------------------------------------------------ AMD / RequireJS
def amd_parameters(data: bytes, regions) -> Iterator[tuple[object, int, Path]]:
    """(factory function, parameter index, API path) for each AMD dependency that is the API."""
    if (b"define" not in data and b"require" not in data) or not _AMD_CALL.search(data):
        return
    shims = shim_exports(data)
    for region in regions:
        root = region.tree.root_node
        for match in _AMD_DEPENDENCIES.finditer(data, region.start_byte, region.end_byte):
            node = root.named_descendant_for_byte_range(match.start(1), match.end(1))
            if node is None or node.type != "identifier" or node.parent is None:
                continue
            call = node.parent
            if call.type != "call_expression" or call.child_by_field_name("function") != node:
                continue
            args = arguments_of(call.child_by_field_name("arguments"))
            deps = next((a for a in args if a.type == "array"), None)
            factory = next((a for a in args if a.type in FUNCTION_VALUES), None)
            if deps is None or factory is None:
                continue
            for index, dep in enumerate(c for c in deps.named_children if c.type != "comment"):
                if dep.type != "string":
                    continue
                module = text(data, dep)[1:-1]
                path = shims.get(module)
                if path is None and module.rsplit("/", 1)[-1].lower() in ("sforce", "sforce.js"):
                    path = ROOT
                if path is not None:
                    yield factory, index, path


def shim_exports(data: bytes) -> dict[str, Path]:
    """RequireJS ``shim: {name: {exports: 'sforce.opencti'}}`` entries."""
    out: dict[str, Path] = {}
    if b"exports" not in data or b"shim" not in data:
        return out
    for match in _SHIM.finditer(data):
        exported = match.group(3).decode().split(".")
        if exported and exported[0] == "sforce":
            path = tuple(exported)
            if path == ROOT or path_kind(path) in ("namespace", "prefix"):
                out[match.group(2).decode()] = path
    return out


# ------------------------------------------------------------------ ES modules and require()
@dataclass
class ModuleInterface:
    """What a file exports that holds the API, and what it imports from relative modules."""

    exports: dict[str, frozenset] = field(default_factory=dict)  # exported name -> paths
    imports: list[tuple[str, str, str, int]] = field(default_factory=list)  # (local, imported, module, offset)


def module_interface(finder) -> ModuleInterface:
    """The interface of the file ``finder`` (a finished :class:`~.aliases.UseFinder`) analysed."""
    interface = ModuleInterface()
    data = finder.data
    if b"export" not in data and b"import" not in data and b"require" not in data:
        return interface
    for region in finder.parsed.regions:
        root = region.tree.root_node
        for start in sorted(_words(data, b"export", region.start_byte, region.end_byte)
                            + _words(data, b"import", region.start_byte, region.end_byte)):
            node = root.descendant_for_byte_range(start, start + 6)
            statement = node.parent if node is not None else None
            if statement is None or statement.start_byte != start:
                continue
            if statement.type == "export_statement":
                _exports_of(finder, statement, interface.exports)
            elif statement.type == "import_statement":
                _imports_of(data, statement, interface.imports)
        if b"require" not in data:
            continue
        for match in _RELATIVE_REQUIRE.finditer(data[region.start_byte:region.end_byte]):
            start = region.start_byte + match.start()
            node = root.named_descendant_for_byte_range(start, start + 7)
            call = node.parent if node is not None else None
            holder = call.parent if call is not None else None
            if holder is None or holder.type != "variable_declarator" or holder.child_by_field_name("value") != call:
                continue
            module = match.group(2).decode("utf-8", "replace")
            target = holder.child_by_field_name("name")
            if target is not None and target.type == "object_pattern":
                for child in target.named_children:
                    if child.type == "shorthand_property_identifier_pattern":
                        name = text(data, child)
                        interface.imports.append((name, name, module, child.start_byte))
                    elif child.type == "pair_pattern":
                        key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
                        if key is not None and value is not None and value.type == "identifier":
                            interface.imports.append((text(data, value), key_name(data, key), module,
                                                      value.start_byte))
    return interface


def _words(data: bytes, word: bytes, start: int, end: int) -> list[int]:
    """Offsets of ``word`` as a whole word in data[start:end] (a plain search: fast on any size)."""
    found = []
    at = data.find(word, start, end)
    while at >= 0:
        after = at + len(word)
        if (at == 0 or data[at - 1] not in _WORD_BYTES) and (after >= len(data) or data[after] not in _WORD_BYTES):
            found.append(at)
        at = data.find(word, after, end)
    return found


def _exports_of(finder, statement, exports: dict[str, frozenset]) -> None:
    data = finder.data
    is_default = any(child.type == "default" for child in statement.children)
    declaration = statement.child_by_field_name("declaration")
    value = statement.child_by_field_name("value")
    names: list[tuple[str, object]] = []  # (exported name, identifier node)
    if declaration is not None:
        if declaration.type in ("lexical_declaration", "variable_declaration"):
            for declarator in declaration.named_children:
                if declarator.type == "variable_declarator":
                    target = declarator.child_by_field_name("name")
                    if target is not None and target.type == "identifier":
                        names.append((text(data, target), target))
        else:
            target = declaration.child_by_field_name("name")
            if target is not None:
                names.append(("default" if is_default else text(data, target), target))
    elif value is not None and value.type == "identifier":
        names.append(("default", value))
    elif value is not None and finder.default_export:
        exports["default"] = finder.default_export
    for child in statement.named_children:
        if child.type == "export_clause":
            for spec in child.named_children:
                if spec.type == "export_specifier":
                    local = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    if local is not None:
                        names.append((text(data, alias or local), local))
    for exported, node in names:
        name = text(data, node)
        key = finder.scopes.resolve(name, node)
        if key == (name, -1):
            key = (name, node.start_byte)
        paths = finder.values.get(key)
        if paths:
            exports[exported] = paths


def _imports_of(data: bytes, statement, imports: list) -> None:
    source = statement.child_by_field_name("source")
    if source is None:
        return
    module = text(data, source)[1:-1]
    if not module.startswith("."):
        return
    for clause in statement.named_children:
        if clause.type != "import_clause":
            continue
        for child in clause.named_children:
            if child.type == "identifier":
                imports.append((text(data, child), "default", module, child.start_byte))
            elif child.type == "named_imports":
                for spec in child.named_children:
                    if spec.type != "import_specifier":
                        continue
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias")
                    local = alias or name
                    if name is not None and local is not None:
                        imports.append((text(data, local), text(data, name), module, local.start_byte))
