"""Questions about a large part of a tree are answered from the tree's one query of TREE_KINDS (legacy._shared):
the answers must be those of asking tree-sitter about that part alone, and must belong to the tree asked about."""

from __future__ import annotations

import pytest

from ctimod import legacy
from ctimod.parse import parser

PAD = "  // " + "x" * legacy.SHARED_PART + "\n"  # makes the code around it a large part of its tree

MODULE = """import def, { imported, other as renamed } from './lib';
export { renamed as exported };
const { shorthand, key: value, ...rest } = imported;
let [first, [second = def], ...others] = value;
class Holder extends Base {
  method(param, { inner } = {}, ...more) {
    outer: for (var index in more) {
      if (index) { continue outer; }
      break outer;
    }
    try { missing(param, inner, index); } catch ({ message }) { report(message, undeclaredInCatch); }
    const arrow = single => single + free1;
    const made = new Holder();
    const klass = class LocalName {}, view = <div />;
    report(MANY);
    return function named(a = free2, [b] = []) { return named(a, b, made, this.field, arguments); };
  }
}
const Expr = class Inner { run() { return Inner; } };
function hoisting() { return hoisted + later; var hoisted = 1; }
var later = <Widget prop={shorthand} />;
label: while (free3) { break label; }
""".replace("    outer: for", PAD + "    outer: for").replace("MANY", ", ".join(["param"] * 70))


def _tree(source: str):
    data = source.encode()
    tree = parser("javascript").parse(data)
    assert not tree.root_node.has_error
    return data, tree


@pytest.fixture(autouse=True)
def _fresh():
    legacy.forget_trees()
    yield
    legacy.forget_trees()


def _answers(data, root, language):
    walker = legacy.ScopeWalker(data, language)
    undeclared = [(node.start_byte, name) for node, name in walker.undeclared(root)]
    free = [(f.name, f.node.start_byte) for f in walker.free_names(root, builtins=True)]
    kinds = {}
    for kind in ("identifier", "member_expression", "function_expression", "variable_declaration", "comment"):
        found = legacy.nodes_of_kinds(root, language, [kind], any_order=True)
        kinds[kind] = sorted((n.start_byte, n.end_byte) for n in found)
    return undeclared, free, kinds


def _answers_alone(data, root, language, monkeypatch):
    with monkeypatch.context() as patched:
        patched.setattr(legacy, "_shared", lambda root, language: None)  # every question asks tree-sitter
        legacy.forget_trees()
        return _answers(data, root, language)


def _method(tree):
    return next(n for n in legacy.nodes_of_kinds(tree.root_node, tree.language, ["method_definition"])
                if n.child_by_field_name("name").text == b"method")


def test_a_whole_tree_and_a_large_part_are_answered_as_when_asked_alone(monkeypatch):
    data, tree = _tree(MODULE)
    method = _method(tree)
    assert legacy._shared(tree.root_node, tree.language) is not None
    assert legacy._shared(method, tree.language) is not None  # (the test asks what it means to)
    for root in (tree.root_node, method):
        legacy.forget_trees()
        shared = _answers(data, root, tree.language)
        assert shared == _answers_alone(data, root, tree.language, monkeypatch)
    names = {name for _, name in shared[0]}
    # (a check that the answers are the analysis' and not empty: the method's free names, none of its own)
    assert {"missing", "report", "undeclaredInCatch", "free1", "free2", "Holder"} <= names
    assert not names & {"param", "inner", "more", "message", "arrow", "single", "made", "named", "a", "b",
                        "LocalName", "div", "klass", "view"}  # (declared, or names that are no reference)


def test_a_part_as_large_as_its_tree_is_not_its_tree(monkeypatch):
    """A function that is the whole file has the program's bytes: the program is not one of its scopes (the
    program declares ``f``, the function does not)."""
    source = "function f(a) {\n" + PAD + "  return f(a) + g;\n}"
    data, tree = _tree(source)
    function = tree.root_node.named_children[0]
    assert (function.start_byte, function.end_byte) == (tree.root_node.start_byte, tree.root_node.end_byte)
    legacy.nodes_of_kinds(tree.root_node, tree.language, ["identifier"], any_order=True)  # the tree's query ran
    found = [name for _, name in legacy.ScopeWalker(data, tree.language).undeclared(function)]
    assert found == ["f", "g"]
    assert legacy.nodes_of_kinds(function, tree.language, ["program", "function_declaration"], any_order=True) \
        == [function]
    assert _answers(data, function, tree.language) == _answers_alone(data, function, tree.language, monkeypatch)


def test_answers_are_nodes_of_the_tree_asked_about():
    """Two trees of the same text: each gets its own nodes (no answer kept for one tree serves the other)."""
    data, first = _tree(MODULE)
    _, second = _tree(MODULE)
    for tree in (first, second):
        method = _method(tree)
        mine = set(legacy.nodes_of_kinds(tree.root_node, tree.language, ["identifier"]))
        found = [node for node, _ in legacy.ScopeWalker(data, tree.language).undeclared(method)]
        assert found and all(node in mine for node in found)
        parents = legacy._identifier_parents(method, tree.language)
        assert parents and all(node in mine for node in parents)
