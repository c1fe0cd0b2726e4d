"""The finder's fixed point and the shortcuts that locate names: aliases that take several rounds, an
alias assigned twice, shadowed names, names searched as words, positions found from a block, and the
JSON entry a pool worker writes."""

from __future__ import annotations

import json
import random
import re

import pytest

from ctimod.find.aliases import _WORD_BYTES, UseFinder, _name_spans
from ctimod.load import Source
from ctimod.parse import parse

from .conftest import run_cli


def _source(text: str, name: str = "adapter.js") -> Source:
    return Source(display=name, language="javascript", data=text.encode("utf-8"), size=len(text), encoding="utf-8")


def _calls(uses):
    return [(u.line, u.api, u.via, u.receiver, u.family_basis) for u in uses if u.kind == "call"]


def _rounds(text: str) -> tuple[int, list]:
    """How many rounds the finder ran on ``text``, and its uses."""
    finder = UseFinder(parse(_source(text)))
    count = 0
    run_round = finder._round

    def counted():
        nonlocal count
        count += 1
        return run_round()

    finder._round = counted
    uses = finder.run()
    return count, uses


def test_an_alias_chain_written_backwards_is_followed_through_every_round(uses_of):
    # Each alias is declared after the one that uses it, so each round finds one more link: the calls
    # at the top are uses only once the last link (a = window.sforce) has been followed back up.
    text = """function later() { c.screenPop({type: 'url', params: {url: '/x'}}); getApi().refreshView(); holder.api.saveLog({value: {}}); }
var holder = {};
function getApi() { return d; }
var d = c;
var c = b.opencti;
var b = a;
var a = window.sforce;
holder.api = d;
"""
    rounds, _ = _rounds(text)
    assert rounds >= 3
    uses = uses_of(text)
    assert _calls(uses) == [(1, "sforce.opencti.screenPop", "alias", "c", "namespace"),
                            (1, "sforce.opencti.refreshView", "alias", "getApi()", "namespace"),
                            (1, "sforce.opencti.saveLog", "alias", "holder.api", "namespace")]
    assert [u.api for u in uses if u.kind == "constant"] == ["sforce.opencti.SCREENPOP_TYPE.URL"]


def test_an_alias_reassigned_in_straight_line_code_holds_the_value_that_reaches_each_call(uses_of):
    # The later assignment wins after it; a call before it keeps the first value. Each call is then read
    # in its one family ('namespace'): refreshView after the switch to Classic is an invalid Classic member.
    uses = uses_of("""var cti = sforce.opencti;
cti.refreshView();
cti = sforce.interaction;
cti.screenPop('/001', true, function () {});
cti.refreshView();
function f() {
    var api = sforce.interaction, first = api.refreshPage(cb);
    api = sforce.opencti;
    api.screenPop({type: 'url', params: {url: '/x'}});
    if (ready) {
        api.refreshView();
    }
}
""")
    assert _calls(uses) == [(2, "sforce.opencti.refreshView", "alias", "cti", "namespace"),
                            (4, "sforce.interaction.screenPop", "alias", "cti", "namespace"),
                            (5, "sforce.interaction.refreshView", "alias", "cti", "namespace"),
                            (7, "sforce.interaction.refreshPage", "alias", "api", "namespace"),
                            (9, "sforce.opencti.screenPop", "alias", "api", "namespace"),
                            (11, "sforce.opencti.refreshView", "alias", "api", "namespace")]
    assert [(u.line, u.disposition) for u in uses if u.line == 5] == [(5, "invalid")]


def test_an_alias_whose_value_straight_line_code_cannot_decide_holds_every_value_that_may_reach(uses_of):
    # Assigned in a branch, in another function, in a loop after the call, or read in a function that
    # may run at any time: every value that may reach the call is kept, and the call is read as the
    # member of the family that has it ('member-name') or by its shape ('call-shape'), as for an alias
    # that holds either family (isLightning ? sforce.opencti : sforce.interaction).
    uses = uses_of("""var cti = sforce.opencti;
if (classic) { cti = sforce.interaction; }
cti.refreshView();
cti.screenPop('/001', true);
var b = sforce.opencti;
function toClassic() { b = sforce.interaction; }
b.refreshView();
var c = sforce.interaction;
for (var i = 0; i < 2; i++) {
    c.refreshPage(cb);
    c = sforce.opencti;
}
var d = sforce.opencti;
d = sforce.interaction;
setTimeout(function () { d.refreshPage(cb); });
d.refreshPage(cb);
""")
    assert _calls(uses) == [(3, "sforce.opencti.refreshView", "alias", "cti", "member-name"),
                            (4, "sforce.interaction.screenPop", "alias", "cti", "call-shape"),
                            (7, "sforce.opencti.refreshView", "alias", "b", "member-name"),
                            (10, "sforce.interaction.refreshPage", "alias", "c", "member-name"),
                            (15, "sforce.interaction.refreshPage", "alias", "d", "member-name"),
                            (16, "sforce.interaction.refreshPage", "alias", "d", "namespace")]


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("alias", ["cti", "this.cti"])
def test_random_straight_line_and_branch_assignments_match_a_model_of_what_reaches_each_call(uses_of, seed, alias):
    # Statements in one function body (or at the top level): an assignment as a statement replaces the
    # values the variable (or member of `this`) may hold, one in an if block adds to them, and each call holds
    # what reaches it. refreshView is a member of the Lightning family only: with one value it is that family's
    # member ('namespace'; Classic's is invalid), with both the Lightning one ('member-name'). A value that is not
    # the API (null) replaces or adds to them likewise: a call holding only it is no use. So do the statements
    # that give a value made from the one held (`+= ''`, `++`, `--` before or after, `&&= null`), and for a member
    # `delete` (undefined); `||= null` and `??= null` keep it.
    rnd = random.Random(seed)
    families = {"opencti": "sforce.opencti", "interaction": "sforce.interaction"}
    values = {"opencti": "sforce.opencti", "interaction": "sforce.interaction", None: "null"}
    declare = "var " if alias == "cti" else ""
    ending = [f"{alias} += '';", f"{alias} -= 1;", f"{alias}++;", f"--{alias};", f"{alias} &&= null;"]
    if alias != "cti":
        ending.append(f"delete {alias};")
    keeping = [f"{alias} ||= null;", f"{alias} ??= null;"]
    for _ in range(40):
        first = rnd.choice(list(families))
        lines, expected, state = [f"{declare}{alias} = sforce.{first};"], [], {first}
        for _ in range(rnd.randint(1, 12)):
            family = rnd.choice(list(values))
            form = rnd.random()
            if form < 0.2:
                lines.append(f"{alias} = {values[family]};")
                state = {family}
            elif form < 0.3:
                lines.append(f"if (flag) {{ {alias} = {values[family]}; }}")
                state = state | {family}
            elif form < 0.4:
                lines.append(rnd.choice(ending))
                state = {None}
            elif form < 0.45:
                lines.append(f"if (flag) {{ {rnd.choice(ending)} }}")
                state = state | {None}
            elif form < 0.5:
                lines.append(rnd.choice(keeping))
            else:
                lines.append(f"{alias}.refreshView();")
                if state == {None}:
                    continue
                if len(state - {None}) == 1:
                    (only,) = state - {None}
                    expected.append((len(lines), families[only] + ".refreshView", "namespace"))
                else:
                    expected.append((len(lines), "sforce.opencti.refreshView", "member-name"))
        text = "\n".join(lines) + "\n"
        if rnd.random() < 0.5:
            text = "function run() {\n" + text + "}\n"
            expected = [(line + 1, api, basis) for line, api, basis in expected]
        assert [(line, api, basis) for line, api, _, _, basis in _calls(uses_of(text))] == expected, text


def test_an_alias_given_another_value_in_straight_line_code_no_longer_holds_the_api(uses_of):
    # `cti = null` (or any value that is not the API) is ordered as an assignment of the API is: after it in
    # straight-line code the call is no use; before it, or where a branch, a loop or another function may
    # bring the API back, the API value still reaches. A declaration's initial value counts too.
    uses = uses_of("""var cti = sforce.opencti;
cti.refreshView();
cti = null;
cti.refreshView();
var api = sforce.opencti;
api = wrap(api);
api.refreshView();
var late = 0;
late.refreshView();
late = sforce.opencti;
late.refreshView();
var maybe = sforce.opencti;
if (off) { maybe = undefined; }
maybe.refreshView();
function f() { cti.refreshView(); }
var loop = sforce.opencti;
while (more) { loop.refreshView(); loop = next(); }
""")
    assert _calls(uses) == [(2, "sforce.opencti.refreshView", "alias", "cti", "namespace"),
                            (11, "sforce.opencti.refreshView", "alias", "late", "namespace"),
                            (14, "sforce.opencti.refreshView", "alias", "maybe", "namespace"),
                            (15, "sforce.opencti.refreshView", "alias", "cti", "namespace"),
                            (17, "sforce.opencti.refreshView", "alias", "loop", "namespace")]


def test_destructuring_compound_and_update_assignments_are_ordered_as_plain_ones(uses_of):
    # Destructuring (`[c] = list`, `({d} = other)`, `({key: e} = other)`, `var [v] = list`), arithmetic compound
    # assignment (`a += ''`) and update (`b++`, `--u`) give the name a value that is not the API: after them in
    # straight-line code the call is no use. `f ||= x` and `f ??= x` keep an API value (they assign only when
    # it is falsy / nullish) and add x's; `f &&= x` replaces it by x's. `g ||= sforce.opencti` gives the API
    # to a name that held null, and `h &&= sforce.interaction` gives Classic's.
    uses = uses_of("""var a = sforce.opencti;
a += '';
a.refreshView();
var b = sforce.opencti;
b++;
b.refreshView();
var c = sforce.opencti;
[c] = list;
c.refreshView();
var d = sforce.opencti;
({d} = other);
d.refreshView();
var e = sforce.opencti;
({key: e} = other);
e.refreshView();
var f = sforce.opencti;
f ||= other;
f.refreshView();
f ??= other;
f.refreshView();
f &&= other;
f.refreshView();
var g = null;
g ||= sforce.opencti;
g.refreshView();
var h = sforce.opencti;
h &&= sforce.interaction;
h.refreshPage(cb);
var u = sforce.opencti;
--u;
u.refreshView();
var v = sforce.opencti;
var [v] = list;
v.refreshView();
""")
    assert _calls(uses) == [(18, "sforce.opencti.refreshView", "alias", "f", "namespace"),
                            (20, "sforce.opencti.refreshView", "alias", "f", "namespace"),
                            (25, "sforce.opencti.refreshView", "alias", "g", "namespace"),
                            (28, "sforce.interaction.refreshPage", "alias", "h", "namespace")]


def test_a_member_of_this_deleted_updated_or_compound_assigned_holds_no_api_after_it(uses_of):
    # As a variable's (above): `this.a += ''`, `this.b++`, `--this.u`, `this.f &&= other` replace the value, and
    # `delete this.d` leaves undefined; `this.f ||= other` and `??=` keep the API, `this.h &&= sforce.interaction`
    # gives Classic's. Only where it is straight-line code of the function reading it (not in a branch).
    uses = uses_of("""function Phone() {
  this.a = sforce.opencti;
  this.a += '';
  this.a.refreshView();
  this.b = sforce.opencti;
  this.b++;
  this.b.refreshView();
  this.u = sforce.opencti;
  --this.u;
  this.u.refreshView();
  this.d = sforce.opencti;
  delete this.d;
  this.d.refreshView();
  this.f = sforce.opencti;
  this.f ||= other;
  this.f.refreshView();
  this.f ??= other;
  this.f.refreshView();
  this.f &&= other;
  this.f.refreshView();
  this.h = sforce.opencti;
  this.h &&= sforce.interaction;
  this.h.refreshPage(cb);
  this.m = sforce.opencti;
  if (off) { delete this.m; }
  this.m.refreshView();
}
""")
    assert _calls(uses) == [(16, "sforce.opencti.refreshView", "alias", "this.f", "namespace"),
                            (18, "sforce.opencti.refreshView", "alias", "this.f", "namespace"),
                            (23, "sforce.interaction.refreshPage", "alias", "this.h", "namespace"),
                            (26, "sforce.opencti.refreshView", "alias", "this.m", "namespace")]


def test_a_logical_and_assignment_of_a_literal_read_the_finder_does_not_follow_keeps_the_api(uses_of):
    # `cti &&= [other, sforce.opencti][i]` gives the alias what the read gives, which the finder does not follow:
    # as after `cti = [other, sforce.opencti][i]`, the API it held still reaches the call (it was taken away).
    uses = uses_of("""var cti = sforce.opencti;
cti &&= [other, sforce.opencti][i];
cti.refreshView();
function Phone() {
  this.cti = sforce.opencti;
  this.cti &&= [other, sforce.opencti][i];
  this.cti.refreshView();
}
""")
    assert [line for line, *_ in _calls(uses)] == [3, 7]


def test_a_destructuring_whose_value_the_finder_does_not_follow_does_not_take_the_api_away(uses_of):
    # A destructuring reads a value the finder may not follow: an array or object literal (a swap,
    # `[a, cti] = [cti, a]`, or `[cti] = [sforce.opencti]`), or a member whose name holds the API somewhere
    # (`({cti} = holder)` after `holder = {cti: sforce.opencti}`): there it does not take the API value away.
    uses = uses_of("""var a = sforce.opencti, b = sforce.opencti;
[a, b] = [b, a];
a.refreshView();
var holder = {api: sforce.opencti};
var api = sforce.opencti;
({api} = holder);
api.refreshView();
var c = sforce.opencti;
({c} = {c: 1});
c.refreshView();
""")
    assert [line for line, *_ in _calls(uses)] == [3, 7, 10]


def test_a_member_of_this_given_another_value_in_straight_line_code_no_longer_holds_the_api(uses_of):
    # `this.cti = null` ends the API value as `cti = null` does, for `this.cti` read after it in the same
    # function. Where it may come back it stays: another object's member assigned (`other` may be this object),
    # an assignment in a branch, another function (a method, an arrow function), a loop, an object literal's
    # property of the same name; a read through another name (`self.api`) holds every value, as before.
    uses = uses_of("""function Phone(other) {
  this.cti = sforce.opencti;
  this.cti.refreshView();
  this.cti = null;
  this.cti.refreshView();
  other.cti = sforce.opencti;
  this.cti.refreshView();
  this.cti = 0;
  this.cti.refreshView();
}
function Two() {
  this.api = sforce.opencti;
  if (off) { this.api = null; }
  this.api.refreshView();
  this.api = undefined;
  var self = this;
  self.api.refreshView();
  setTimeout(() => { this.api.refreshView(); });
  this.api.refreshView();
}
class C {
  constructor() { this.x = sforce.opencti; }
  run() { this.x.refreshView(); }
}
function Loop() {
  this.l = sforce.opencti;
  while (more) { this.l.refreshView(); this.l = next(); }
}
var holder = {h: sforce.opencti};
function H() { this.h = null; this.h.refreshView(); }
""")
    assert [line for line, *_ in _calls(uses)] == [3, 7, 14, 17, 18, 23, 27, 30]


def test_a_read_of_a_literal_holding_the_api_holds_what_it_reads(uses_of):
    # `[sforce.opencti][0]`, `({a: sforce.opencti}).a` and `{x: sforce.interaction}['x']` read the API out of the
    # literal they are written in: the name assigned them holds it (declared so, or reassigned after holding the
    # API), and a call on the read itself is a use. A read the finder does not follow (a dynamic index, another
    # element, a key given twice, a spread before the element) does not take the API away.
    uses = uses_of("""var a = [sforce.opencti][0];
a.refreshView();
var b = sforce.interaction;
b = ({a: sforce.opencti}).a;
b.refreshView();
var c = sforce.opencti;
c = {x: sforce.interaction}['x'];
c.refreshPage(cb);
[, sforce.opencti][1].refreshView();
var d = sforce.opencti;
d = [null, sforce.opencti][i];
d.refreshView();
var e = sforce.opencti;
e = {k: sforce.opencti, k: null}.k;
e.refreshView();
var f = sforce.opencti;
f = [...more, sforce.opencti][1];
f.refreshView();
var g = sforce.opencti;
g = [sforce.opencti, 0][1];
g.refreshView();
""")
    assert [(line, api, basis) for line, api, _, _, basis in _calls(uses)] == [
        (2, "sforce.opencti.refreshView", "namespace"), (5, "sforce.opencti.refreshView", "namespace"),
        (8, "sforce.interaction.refreshPage", "namespace"), (9, "sforce.opencti.refreshView", "namespace"),
        (12, "sforce.opencti.refreshView", "namespace"), (15, "sforce.opencti.refreshView", "namespace"),
        (18, "sforce.opencti.refreshView", "namespace"), (21, "sforce.opencti.refreshView", "namespace")]


def test_a_literal_holding_the_api_thousands_of_times_is_read_once_for_its_keys(monkeypatch):
    # Each element climbs to the literal and asks which key reads it: the keys are worked out once per literal
    # (counting the commas before each element again was quadratic: 50,000 elements, 1.25 billion steps).
    counted = []
    original = UseFinder._keys_of

    def keys_of(self, literal):
        counted.append(literal.type)
        return original(self, literal)

    monkeypatch.setattr(UseFinder, "_keys_of", keys_of)
    text = ("var c = [" + ", ".join(["sforce.opencti"] * 2000) + "][1999];\nc.refreshView();\n"
            + "var d = ({" + ", ".join(f"k{i}: sforce.interaction" for i in range(300)) + "}).k299;\n"
            + "d.refreshPage(cb);\n")
    uses = UseFinder(parse(_source(text))).run()
    assert [u.api for u in uses if u.kind == "call"] == ["sforce.opencti.refreshView", "sforce.interaction.refreshPage"]
    assert sorted(counted) == ["array", "object"]


def test_a_pages_inline_scripts_run_in_order_for_the_assignments_that_reach_a_call(uses_of):
    # The second script's top level runs after the first's: its reassignment wins after it, and a call
    # before it holds the first script's value.
    uses = uses_of("""<html><body>
<script>var cti = sforce.opencti;</script>
<script>
cti.refreshView();
cti = sforce.interaction;
cti.refreshPage(cb);
</script>
</body></html>
""", name="softphone.html", language="page", flavor="html")
    assert _calls(uses) == [(4, "sforce.opencti.refreshView", "alias", "cti", "namespace"),
                            (6, "sforce.interaction.refreshPage", "alias", "cti", "namespace")]


def test_a_name_assigned_in_more_places_than_are_ordered_holds_every_value(uses_of):
    # Which assignments reach a call is worked out per call from each assignment; past ORDERED_ASSIGNMENTS
    # places the name holds every value (read as for a name assigned in branches), so that a generated file
    # reassigning one name thousands of times costs no more than any other.
    from ctimod.find.aliases import ORDERED_ASSIGNMENTS

    def last_call(places: int):
        lines = ["var cti = sforce.interaction;"] + ["cti = sforce.interaction;"] * (places - 2)
        lines += ["cti = sforce.opencti;", "cti.refreshView();"]
        return _calls(uses_of("\n".join(lines) + "\n"))

    assert last_call(ORDERED_ASSIGNMENTS) == [(ORDERED_ASSIGNMENTS + 1, "sforce.opencti.refreshView", "alias", "cti",
                                               "namespace")]
    assert last_call(ORDERED_ASSIGNMENTS + 1) == [(ORDERED_ASSIGNMENTS + 2, "sforce.opencti.refreshView", "alias", "cti",
                                                   "member-name")]


def test_a_name_shadowed_by_a_parameter_or_a_local_is_not_the_alias(uses_of):
    uses = uses_of("""var api = sforce.opencti;
function handler(api) { api.screenPop({type: 'url', params: {url: '/y'}}); }
function other() { var api = makeClient(); api.refreshView(); }
{ let api = 3; api.saveLog({value: {}}); }
api.enableClickToDial({callback: done});
""")
    assert _calls(uses) == [(5, "sforce.opencti.enableClickToDial", "alias", "api", "namespace")]


def test_an_alias_declared_in_the_middle_of_a_long_function_body(uses_of):
    # Positions inside one block of many statements are found from the statement holding them (the
    # block's children are bisected), and the parents met on the way down are remembered for the climb
    # that binds the alias: the same uses as anywhere else, on the right lines.
    filler = "".join(f"    ctx.v{i} = ctx.w{i} ? String(ctx.w{i}).trim() : 'x';\n" for i in range(40))
    text = ("(function (global) {\n"
            "    sforce.opencti.refreshView();\n" + filler +
            "    var first = global.sforce && global.sforce.opencti;\n" + filler +
            "    var second = { api: sforce.interaction };\n"
            "    first.screenPop({type: 'url', params: {url: '/z'}});\n" + filler +
            "    second.api.screenPop('/001', true);\n"
            "    function getFirst() { return first; }\n"
            "    getFirst().saveLog({value: {}});\n"
            "})(window);\n")
    uses = uses_of(text)
    assert _calls(uses) == [(2, "sforce.opencti.refreshView", "literal", "sforce.opencti", "namespace"),
                            (85, "sforce.opencti.screenPop", "alias", "first", "namespace"),
                            (126, "sforce.interaction.screenPop", "alias", "second.api", "namespace"),
                            (128, "sforce.opencti.saveLog", "alias", "getFirst()", "namespace")]


def test_a_call_nested_past_the_shallow_depth_inside_a_block_is_still_found(uses_of):
    # The finder's descent from a block gives up past SHALLOW levels and the bounded walk from the root
    # takes over: the call 300 brackets deep is found like the one beside it.
    deep = "[" * 300 + "sforce.opencti.refreshView()" + "]" * 300
    text = ("function f() {\n    sforce.opencti.notifyInitializationComplete();\n"
            f"    var x = {deep};\n    sforce.interaction.refreshPage(cb);\n}}\n")
    uses = uses_of(text)
    assert [(u.line, u.api) for u in uses if u.kind == "call"] == [
        (2, "sforce.opencti.notifyInitializationComplete"), (3, "sforce.opencti.refreshView"),
        (4, "sforce.interaction.refreshPage")]


def test_located_positions_remember_the_parents_tree_sitter_gives():
    parsed = parse(_source("function f() {\n" + "".join(f"  a{i}.b(c{i}, [d{i}]);\n" for i in range(30)) + "}\n"))
    finder = UseFinder(parsed)
    root = parsed.regions[0].tree.root_node
    body = root.child(0).child_by_field_name("body")
    block = finder._block(body, 2)  # (program > function_declaration > statement_block)
    spans = [(m.start(), m.end()) for m in re.finditer(rb"d\d+", parsed.data)]
    nodes = list(finder.locator.locate(root, spans, block))
    assert [finder.data[n.start_byte:n.end_byte] for n in nodes] == [parsed.data[s:e] for s, e in spans]
    for node in nodes:
        while node is not None:
            assert finder.locator.parent(node) == node.parent
            node = node.parent


def _regex_spans(data: bytes, name: bytes, start: int, end: int) -> list[tuple[int, int]]:
    pattern = re.compile(re.escape(name) + rb"(?![\w$])")
    return [m.span() for m in pattern.finditer(data, start, end)
            if not m.start() or data[m.start() - 1] not in _WORD_BYTES]


@pytest.mark.parametrize("seed", range(4))
def test_names_are_found_where_the_word_search_finds_them(seed):
    # A name is searched as a word: the spans the regex name(?![\w$]) gives, less those preceded by a
    # word character, names overlapping themselves ("aa" in "aaa") and names at a region's ends included.
    rnd = random.Random(seed)
    for _ in range(5000):
        data = bytes(rnd.choice(b"ab$_.( \n\xc3\xa9") for _ in range(rnd.randint(0, 24)))
        name = bytes(rnd.choice(b"ab$_") for _ in range(rnd.randint(1, 3)))
        start = rnd.randint(0, len(data))
        end = rnd.randint(start, len(data))
        assert _name_spans(data, name, start, end) == _regex_spans(data, name, start, end), (data, name, start, end)


@pytest.mark.parametrize("seed", range(2))
def test_many_names_are_found_in_one_pass_where_each_search_finds_them(seed):
    # Past BATCHED_NAMES new names in a round, the names are found together by one pass over the words
    # of each region: the same spans as a search each, at a region's ends included.
    from ctimod.find.aliases import _names_spans

    rnd = random.Random(seed)
    for _ in range(3000):
        data = bytes(rnd.choice(b"ab$_.( \n\xc3\xa9") for _ in range(rnd.randint(0, 24)))
        names = {bytes(rnd.choice(b"ab$_") for _ in range(rnd.randint(1, 3))) for _ in range(rnd.randint(1, 6))}
        start = rnd.randint(0, len(data))
        end = rnd.randint(start, len(data))
        found = _names_spans(data, names, start, end)
        for name in names:
            assert found.get(name, []) == _name_spans(data, name, start, end), (data, name, start, end)


def test_a_literal_of_thousands_of_keys_holding_the_api_searches_the_file_a_few_times(monkeypatch):
    # Each key holding the API becomes a member name whose occurrences are looked for: one search of the
    # whole file each made 50,000 keys take 28 s. New names past BATCHED_NAMES in a round are found in
    # one pass over the file's words.
    from ctimod.find import aliases

    searches = []
    for function in ("_name_spans", "_names_spans"):
        original = getattr(aliases, function, None)
        if original is not None:
            def counted(*args, _original=original, _function=function):
                searches.append(_function)
                return _original(*args)

            monkeypatch.setattr(aliases, function, counted)
    text = ("var o = {" + ", ".join(f"k{i}: sforce.opencti" for i in range(2000)) + ", 'kx': sforce.interaction};\n"
            + "o.k1999.screenPop(url, true, cb);\no.k1.refreshView();\no.kx.refreshPage(cb);\n")
    uses = UseFinder(parse(_source(text))).run()
    assert [(u.start_byte, u.api) for u in uses if u.kind == "call"] == [
        (text.index("o.k1999"), "sforce.opencti.screenPop"), (text.index("o.k1."), "sforce.opencti.refreshView"),
        (text.index("o.kx"), "sforce.interaction.refreshPage")]
    assert len(searches) < 20, len(searches)


def test_a_workers_json_entry_is_the_text_entry_in_utf8(uses_of):
    from ctimod.inventory import FileReport
    from ctimod.report.jsonfmt import file_text, lean

    long_line = "sforce.opencti.screenPop({type: 'url', params: {url: '/" + "é" * 200 + "'}}); // ünïcode\n"
    uses = uses_of("sforce.opencti.refreshView();\n" + long_line, name="café.js")
    assert any("…" in u.snippet for u in uses)
    for path in ("café.js", "bad-\udcff.js"):  # (a name that is not UTF-8 keeps the entry as text)
        report = FileReport(path=path, language="javascript", status="analysed", size=1, encoding="utf-8",
                            uses=list(uses))
        expected = file_text(report, "    ")
        entry = lean(report).json_entry
        if path == "café.js":
            assert entry == expected.encode("utf-8")
        else:
            assert entry == expected
        assert report.uses == [] and report.tally[0] == len(uses)


def test_getter_calls_followed_by_members_and_the_forms_the_climb_still_reads(uses_of):
    # getX().member( is read like alias.member( when the getter only returns the API; the climb still
    # reads a call of an API member held by a name, a getter's getter, a getter given arguments or
    # written with a space, a constant or a dead end reached through a getter, and a dual-family getter
    # (the call's shape decides).
    uses = uses_of("""var pop = sforce.opencti.screenPop;
pop().then(done);
function getCti() { return sforce.interaction; }
getCti().cti.enableClickToDial(cb);
getCti().SCREENPOP_TYPE.URL;
function getOc() { return isLightning ? sforce.opencti : sforce.interaction; }
getOc().screenPop({type: 'url', params: {url: '/u'}});
getOc().screenPop('/001', true);
function getGetter() { return getOc; }
getGetter()().refreshView();
var notApi = 3;
notApi().refreshView();
getOc(x).refreshView();
getOc() .refreshView();
""")
    assert _calls(uses) == [(2, "sforce.opencti.screenPop", "alias", "pop", "namespace"),
                            (4, "sforce.interaction.cti.enableClickToDial", "alias", "getCti().cti", "namespace"),
                            (7, "sforce.opencti.screenPop", "alias", "getOc()", "call-shape"),
                            (8, "sforce.interaction.screenPop", "alias", "getOc()", "call-shape"),
                            (10, "sforce.opencti.refreshView", "alias", "getGetter()()", "member-name"),
                            (13, "sforce.opencti.refreshView", "alias", "getOc(x)", "member-name"),
                            (14, "sforce.opencti.refreshView", "alias", "getOc()", "member-name")]
    assert [(u.line, u.api, u.kind, u.via) for u in uses if u.kind != "call"] == [
        (5, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias"),
        (7, "sforce.opencti.SCREENPOP_TYPE.URL", "constant", "string-literal")]


def test_a_dead_end_read_says_how_it_was_reached(uses_of):
    # A member Classic does not have, read through the literal namespace, an alias or a getter's result:
    # each is a reference with the via of the way it was reached.
    uses = uses_of("""sforce.interaction.SCREENPOP_TYPE.URL;
var api = sforce.interaction;
api.SCREENPOP_TYPE.URL;
function getCti() { return sforce.interaction; }
getCti().SCREENPOP_TYPE.URL;
""")
    assert [(u.line, u.api, u.kind, u.via, u.receiver) for u in uses] == [
        (1, "sforce.interaction.SCREENPOP_TYPE", "reference", "literal", "sforce.interaction"),
        (3, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias", "api"),
        (5, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias", "getCti()")]


def test_a_dead_end_read_is_reported_wherever_its_value_goes(uses_of):
    # A read of a member the API does not have is reported whether its value goes on to a variable, an
    # argument, a property or a return, as when it is assigned or read further; the variable holding it is
    # then no new use (y.URL), and calling it is (y()).
    uses = uses_of("""var c = sforce.interaction;
var y = c.SCREENPOP_TYPE;
f(c.SCREENPOP_TYPE);
var o = {type: sforce.opencti.NOPE};
function get() { return c.SCREENPOP_TYPE; }
const z = c.SCREENPOP_TYPE, w = 2;
y.URL;
y();
""")
    assert [(u.line, u.column, u.api, u.kind, u.via, u.disposition) for u in uses] == [
        (2, 9, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias", "invalid"),
        (3, 3, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias", "invalid"),
        (4, 16, "sforce.opencti.NOPE", "reference", "literal", "invalid"),
        (5, 25, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias", "invalid"),
        (6, 11, "sforce.interaction.SCREENPOP_TYPE", "reference", "alias", "invalid"),
        (8, 1, "sforce.interaction.SCREENPOP_TYPE", "call", "alias", "invalid")]


def test_a_dead_end_read_held_by_a_variable_fails_a_scan_that_fails_on_invalid(tmp_path):
    (tmp_path / "softphone.js").write_text("var c = sforce.interaction;\nvar kind = c.SCREENPOP_TYPE;\n"
                                           "sforce.interaction.refreshPage();\n")
    proc = run_cli("scan", str(tmp_path / "softphone.js"), "--fail-on", "invalid", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    (entry,) = [u for f in json.loads(proc.stdout)["files"] for u in f["uses"] if u["kind"] == "reference"]
    assert (entry["line"], entry["api"], entry["disposition"]) == (2, "sforce.interaction.SCREENPOP_TYPE", "invalid")
