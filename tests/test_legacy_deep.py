"""The legacy code model on generated, deeply nested code: every walk is iterative (no RecursionError, even with
Python's recursion limit far below the nesting depth) and still gives the right answer."""

from __future__ import annotations

import sys

import pytest

from ctimod import legacy
from ctimod.parse import parser


@pytest.fixture
def shallow_stack():
    """Python's recursion limit far below the nesting depth: a recursive walk would fail at once."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(150)
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def parse(source: str):
    data = source.encode()
    tree = parser("javascript").parse(data)
    assert not tree.root_node.has_error
    return data, tree.root_node


def first_function(root):
    return min(legacy.nodes_of_kinds(root, None, sorted(legacy.FUNCTION_TYPES)), key=lambda n: n.start_byte)


def identifier(data, root, name: str, last: bool = False):
    found = [n for n in legacy.nodes_of_kinds(root, None, ["identifier", "shorthand_property_identifier_pattern"])
             if legacy.text(data, n) == name]
    return max(found, key=lambda n: n.start_byte) if last else min(found, key=lambda n: n.start_byte)


def deep_patterns(depth: int, every_kind: bool) -> str:
    """Parameters bound through array and object (and default and rest) patterns nested ``depth`` levels deep."""
    more = (", " + "[" * depth + "d = 1" + "]" * depth + ", ..." + "[" * depth + "e" + "]" * depth) if every_kind else ""
    return ("function f(" + "[" * depth + "a" + "]" * depth + ", {" + "k: {" * depth + "c" + "}" * depth + "}" + more
            + ") {\n  return a + b + c" + (" + d + e" if every_kind else "") + ";\n}\n")


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_parameters_nested_deep_are_found_without_recursion(depth, shallow_stack):
    every_kind = depth <= 10_000  # (the parse alone of 400,000 levels takes seconds)
    data, root = parse(deep_patterns(depth, every_kind))
    function = first_function(root)
    params = function.child_by_field_name("parameters").named_children
    bound = [["a"], ["c"], ["d"], ["e"]] if every_kind else [["a"], ["c"]]
    assert [legacy.pattern_names(data, p) for p in params] == bound
    walker = legacy.ScopeWalker(data)
    assert walker.declared(function) == {name for (name,) in bound}
    assert [f.name for f in walker.free_names(function)] == ["b"]
    declaration = legacy.find_declaration(data, "c", identifier(data, root, "c", last=True))
    assert declaration.kind == "param" and declaration.node == function
    assert legacy.find_declaration(data, "b", identifier(data, root, "b")) is None


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_declarations_destructured_deep_are_found_without_recursion(depth, shallow_stack):
    source = ("function f() {\n  let " + "[" * depth + "a" + "]" * depth + " = z;\n  var " + "{y: " * (depth // 2)
              + "v" + "}" * (depth // 2) + " = w;\n  return a + v + q;\n}\n")
    data, root = parse(source)
    function = first_function(root)
    walker = legacy.ScopeWalker(data)
    assert walker.declared(function) == {"a", "v"}
    assert [f.name for f in walker.free_names(function)] == ["z", "w", "q"]


def test_var_hoisted_out_of_blocks_nested_deep(shallow_stack):
    depth = 10_000
    source = ("function f(x) {\n  " + "{" * depth + " var hoisted = x; function inner() { var notMine = 1; } "
              + "}" * depth + "\n  return hoisted + notMine + y;\n}\n")
    data, root = parse(source)
    function = first_function(root)
    walker = legacy.ScopeWalker(data)
    declared = walker.declared(function)
    assert "hoisted" in declared and "notMine" not in declared
    assert [f.name for f in walker.free_names(function)] == ["notMine", "y"]


def test_upward_walks_through_functions_nested_deep(shallow_stack):
    depth = 300  # twice the recursion limit; each walk up costs a walk down from the root per step (tree-sitter)
    source = ("function outer(p0) {\n" + "".join(f"function g{i}(p{i}) {{ var v{i} = p{i - 1};\n" for i in range(1, depth))
              + "var last = use(p0, v1, unknownName);\n" + "}" * depth + "\n")
    data, root = parse(source)
    use = identifier(data, root, "use")
    innermost = legacy.enclosing_function(use)
    assert legacy.function_name(data, innermost) == f"g{depth - 1}"
    assert legacy.enclosing_scope(use).type == "statement_block"
    assert legacy.text(data, legacy.statement_of(use)).startswith("var last = use(")
    assert legacy.find_declaration(data, "p0", use).declarator.type == "identifier"
    assert legacy.find_declaration(data, "v1", use).kind == "var"
    assert legacy.find_declaration(data, "unknownName", use) is None
    walker = legacy.ScopeWalker(data)
    assert [f.name for f in walker.free_names(first_function(root))] == ["use", "unknownName"]
