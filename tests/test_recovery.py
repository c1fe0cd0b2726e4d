"""Uses in code tree-sitter could not parse are recovered from their literal text (issue 15)."""

from __future__ import annotations

import re

import pytest

from .conftest import corpus_adapters, expected

# The literal call forms, as ast-grep's patterns would see them: sforce.<namespace>.<member>(
LITERAL_CALL = re.compile(r"(?:window\.)?sforce\.(?:opencti|interaction(?:\.cti)?|console\.cti)\.\w+\s*\(")

BROKEN = [(adapter, rel, entry) for adapter in corpus_adapters()
          for rel, entry in sorted(expected(adapter)["files"].items()) if "call_lines" in entry]


def _literal_calls_outside_comments(text: str) -> list[int]:
    """Lines holding a literal call that is not in a // or /* */ comment (the corpus files keep
    their comments on lines of their own or at the end of a line)."""
    lines = []
    in_block = False
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if in_block or stripped.startswith("/*"):
            in_block = "*/" not in stripped
            continue
        if stripped.startswith(("//", "*", "<!--")):
            continue
        for match in LITERAL_CALL.finditer(line):
            if "//" not in line[:match.start()]:
                lines.append(number)
    return lines


def test_the_corpus_has_broken_files_with_expected_lines():
    assert len(BROKEN) >= 2


@pytest.mark.parametrize(("adapter", "rel", "entry"), BROKEN, ids=[f"{a.name}/{r}" for a, r, _ in BROKEN])
def test_every_literal_call_outside_comments_in_broken_code_is_reported_at_its_line(corpus_scan, adapter, rel,
                                                                                    entry):
    (report,) = [f for f in corpus_scan.files if f.path == f"corpus/{adapter.name}/{rel}"]
    calls = [[u.line, u.api, u.status] for u in report.uses if u.kind == "call"]
    assert calls == entry["call_lines"]
    # The author's list is every literal call of the file outside comments.
    text = (adapter / rel).read_text("utf-8")
    assert sorted(line for line, _, _ in entry["call_lines"]) == _literal_calls_outside_comments(text)
    recovered = [u for u in report.uses if u.status == "recovered"]
    assert recovered and report.status == "partial" and report.unanalysed_mentions == 0
    for use in recovered:
        assert use.disposition in ("manual", "invalid")
        assert use.rationale.startswith(("Found in code that does not parse", "Found in page text outside"))
    (note,) = [d for d in report.diagnostics if d.code == "recovered-uses"]
    assert all(str(u.line) in note.message for u in recovered)


def _uses(uses_of, text: str, name: str = "adapter.js"):
    return [(u.line, u.kind, u.api, u.status) for u in uses_of(text, name)]


# An object that lost a key, inside a method of an object literal: tree-sitter turns the next method
# into loose tokens (the shape is what matters; in a smaller file its recovery may keep the call).
MISSING_KEY = ("var Softphone = {\n"
               "    init: function () {\n"
               "        sforce.opencti.enableClickToDial({ callback: function () {} });\n"
               "    },\n"
               "    showList: function (id) {\n"
               "        var opts = {type: 'x', { listViewId: id }};\n"
               "    },\n"
               "    isOpen: function (cb) {\n"
               "        sforce.opencti.isSoftphonePanelVisible({ callback: function (r) { cb(r.returnValue.visible); } });\n"
               "    },\n"
               "    log: function (subject) {\n"
               "        window.sforce.opencti.refreshView();\n"
               "    }\n"
               "};\n")


def test_an_object_missing_a_key_no_longer_hides_the_methods_after_it(uses_of):
    assert _uses(uses_of, MISSING_KEY) == [(3, "call", "sforce.opencti.enableClickToDial", "parsed"),
                                           (9, "call", "sforce.opencti.isSoftphonePanelVisible", "recovered"),
                                           (12, "call", "sforce.opencti.refreshView", "parsed")]
    use = uses_of(MISSING_KEY)[1]
    assert use.shape == "object" and use.options == ["callback"] and use.disposition == "manual"
    assert use.receiver == "sforce.opencti" and use.column == 9


def test_a_comment_broken_across_lines_no_longer_hides_the_call_it_joins(uses_of):
    text = ("function show() {\n"
            "    // shows the panel when a call rings, does nothing\n"
            "    otherwise.\n"
            "    sforce.opencti.setSoftphonePanelVisibility({ visible: true });\n"
            "}\n")
    assert _uses(uses_of, text) == [(4, "call", "sforce.opencti.setSoftphonePanelVisibility", "recovered")]


def test_a_property_named_sforce_on_the_same_line_is_not_a_recovered_use(uses_of):
    text = "var x = vendor.sforce.opencti.screenPop({});\nvar y = {a: 1,, b: 2};\n"
    assert _uses(uses_of, text) == []


def test_a_call_whose_own_arguments_stay_broken_is_read_from_its_tokens(uses_of):
    text = ("var p = {\n"
            "    a: function () { var o = {x: 1, { y: 2 }}; },\n"
            "    b: function () {\n"
            "        sforce.interaction.screenPop('/' + id, true, function (r) { if (r) { }, );\n"
            "    }\n"
            "};\n")
    (use,) = uses_of(text)
    assert (use.line, use.api, use.status, use.kind) == (4, "sforce.interaction.screenPop", "recovered", "call")


def test_a_run_of_mentions_is_read_mention_by_mention_not_as_one_member_path(uses_of):
    # tree-sitter reads `sforce.opencti sforce.opencti.x()` as sforce.opencti[ERROR sforce].opencti.x(): the
    # member is the second mention's, read from its text at its own column (recovered: the code is broken),
    # never a member `opencti` of the API. An alias before a mention of itself is read as before.
    text = ("var a = sforce.opencti sforce.opencti.refreshView();\n"
            "sforce.interaction sforce.interaction sforce.interaction.refreshPage();\n"
            "sforce.opencti.SCREENPOP_TYPE sforce.opencti.screenPop({type: 'url', params: {url: '/x'}});\n"
            "var c = sforce.opencti; c c.refreshView();\n")
    assert [(u.line, u.column, u.kind, u.api, u.status, u.disposition) for u in uses_of(text)] == [
        (1, 24, "call", "sforce.opencti.refreshView", "recovered", "manual"),
        (2, 39, "call", "sforce.interaction.refreshPage", "recovered", "manual"),
        (3, 31, "call", "sforce.opencti.screenPop", "recovered", "manual"),
        (3, 63, "constant", "sforce.opencti.SCREENPOP_TYPE.URL", "recovered", "manual"),
        (4, 25, "call", "sforce.opencti.refreshView", "parsed", "review")]


def test_mentions_in_strings_and_comments_of_broken_code_are_not_uses(uses_of):
    text = ("var p = {\n"
            "    a: function () { var o = {x: 1, { y: 2 }}; },\n"
            "    b: function () {\n"
            "        log('call sforce.opencti.screenPop() later');\n"
            "        // sforce.opencti.refreshView();\n"
            "        /* sforce.opencti.saveLog({}); */\n"
            "    }\n"
            "};\n")
    assert _uses(uses_of, text) == []


def test_recovered_uses_appear_in_every_format(scan_tree):
    import json

    from ctimod.report import jsonfmt, markdown, sarif

    result = scan_tree({"broken.js": MISSING_KEY})
    use = result.uses[1]
    assert use.status == "recovered"
    document = json.loads(jsonfmt.render(result))
    assert document["schema_version"] == "1.4"
    assert [u["status"] for u in document["files"][0]["uses"]] == ["parsed", "recovered", "parsed"]
    assert "recovered from code that does not parse" in markdown.render(result)
    results = sarif.document(result)["runs"][0]["results"]
    assert any(r.get("properties", {}).get("status") == "recovered" and "Recovered from code that does not parse"
               in r["message"]["text"] for r in results)


class _CountingBytes(bytes):
    """bytes that count the single bytes read from them (``data[i]``)."""
    reads = 0

    def __getitem__(self, key):
        if isinstance(key, int):
            _CountingBytes.reads += 1
        return bytes.__getitem__(self, key)


def test_a_long_broken_line_of_mentions_is_read_once_not_once_a_mention():
    """Hostile input: ``sforce.opencti `` repeated on one line that does not parse. Whether each mention
    opens inside a quote or a // comment was decided by reading its line from the start (300,000
    mentions, 4.5 MB: over 90 s); the line is now read once, and the mentions found are the same."""
    from ctimod.load import Source
    from ctimod.scan import analyse_source

    def scan(text: str, counting: bool):
        data = text.encode("utf-8")
        source = Source(display="a.js", language="javascript", data=_CountingBytes(data) if counting else data,
                        size=len(data), encoding="utf-8", flavor=None)
        _CountingBytes.reads = 0
        report, _ = analyse_source(source)
        return report, _CountingBytes.reads

    text = "var o = {x: 1, { y: 2 }};\n" + "sforce.opencti " * 1000 + "'sforce.opencti.screenPop()' " \
        + "sforce.opencti.screenPop({type: 'url', params: {url: '/x'}}) // sforce.opencti.refreshView()\n"
    report, reads = scan(text, True)
    assert reads < 10 * len(text)  # it was about 8,000,000 (a read of the line before each of 1,000 mentions)
    found = [(u.api, u.status, u.line, u.column) for u in report.uses]
    # The call after the quoted one is recovered; the quoted one and the one in the comment are not uses.
    assert ("sforce.opencti.screenPop", "recovered", 2, 15030) in found
    assert [api for api, *_ in found].count("sforce.opencti.screenPop") == 1
    assert "sforce.opencti.refreshView" not in [api for api, *_ in found]
    assert [(u.api, u.status, u.line, u.column) for u in scan(text, False)[0].uses] == found


def test_mentions_in_asks_each_span_list_once_not_once_a_mention():
    """The mentions lying in syntax-error spans were each compared with every span (quadratic in the
    mentions of a file of errors); the spans are now searched by bisection, with the same result."""
    import random

    from ctimod.parse import mentions_in

    class CountingList(list):
        walks = 0

        def __iter__(self):
            CountingList.walks += 1
            return list.__iter__(self)

    data = b"sforce.opencti x " * 500
    spans = CountingList([(i * 17, i * 17 + 5) for i in range(0, 500, 3)])
    assert mentions_in(data, spans) == [i * 17 for i in range(0, 500, 3)]
    assert CountingList.walks <= 2  # it was one walk a mention (501)
    rng = random.Random(7)
    for _ in range(200):
        spans = [(a, a + rng.randrange(0, 60)) for a in (rng.randrange(0, len(data)) for _ in range(rng.randrange(5)))]
        assert mentions_in(data, spans) == [m for m in range(0, len(data), 17) if any(s <= m < e for s, e in spans)]


def test_mentions_on_a_broken_line_are_placed_in_the_tree_by_one_walk_not_a_lookup_from_the_root_each():
    """Hostile input: ``sforce.opencti `` repeated on one line parses as one member expression nested once
    per mention, with an ERROR node at each. Each mention's node was looked up from the root, and each of
    its parents again (tree-sitter keeps no parent links): 30,000 mentions took 23 s of a 27 s scan. One
    cursor walk now answers every mention, each decided as the lookup from the root decides it."""
    import dataclasses

    from ctimod.find import UseFinder
    from ctimod.find.recover import _in_broken_code, _QuoteScan, recover_uses
    from ctimod.load import MENTION, Source
    from ctimod.parse import parse

    class Counted:
        """A tree node that counts the lookups of a node from it (the real node does the work)."""
        lookups = 0

        def __init__(self, node):
            self._node = node

        def descendant_for_byte_range(self, *args):
            Counted.lookups += 1
            return self._node.descendant_for_byte_range(*args)

        def __getattr__(self, name):
            return getattr(self._node, name)

    class CountedTree:
        def __init__(self, tree):
            self.root_node = Counted(tree.root_node)

    mentions = 3000
    text = "sforce.opencti " * mentions + "sforce.opencti.screenPop({type: 'url', params: {url: '/x'}}) " \
        + "'sforce.opencti.refreshView()'\n"
    data = text.encode("utf-8")
    parsed = parse(Source(display="a.js", language="javascript", data=data, size=len(data), encoding="utf-8",
                          flavor=None))
    counted = dataclasses.replace(parsed, regions=[dataclasses.replace(r, tree=CountedTree(r.tree))
                                                   for r in parsed.regions])
    uses = recover_uses(counted, [], UseFinder, "a.js")
    assert Counted.lookups <= 1  # it was one a mention (3,002), each as deep as the mentions after it
    assert [(u.api, u.start_byte) for u in uses if u.kind == "call"] == [("sforce.opencti.screenPop", 15 * mentions)]
    # Every mention is decided as the lookup from the root decides it (the walk's fallback is that lookup).
    root = parsed.regions[0].tree.root_node
    quotes, asked = _QuoteScan(data), _QuoteScan(data)
    positions = [m.start() for m in MENTION.finditer(data)]
    from ctimod.find.recover import _TokenWalk
    walk = _TokenWalk(root)
    decided = [_in_broken_code(root, pos, data, quotes, walk) for pos in positions[-400:]]
    assert decided == [_in_broken_code(root, pos, data, asked) for pos in positions[-400:]]
    assert decided.count(True) >= 398 and not decided[-1]  # the quoted refreshView is not code
