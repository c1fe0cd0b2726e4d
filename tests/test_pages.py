"""JavaScript inside pages: Visualforce, HTML, ERB, Jinja, Aura markup."""

from __future__ import annotations

import json
import re

from .conftest import run_cli


def _page(scan_tree, name, text):
    result = scan_tree({name: text})
    (report,) = [f for f in result.files if f.path == name]
    return report


def test_visualforce_merge_fields_do_not_break_parsing_and_positions_are_in_the_file(scan_tree):
    report = _page(scan_tree, "Phone.page", """<apex:page controller="PhoneController">
  <apex:includeScript value="/support/api/29.0/interaction.js"/>
  <script type="text/javascript">
    var maxLines = {!maxLines};
    var user = '{!$User.Id}';
    sforce.interaction.screenPop('/' + '{!recordId}', true, function () {});
  </script>
  <script>
    sforce.interaction.cti.enableClickToDial(function (r) {});
  </script>
</apex:page>
""")
    assert report.status == "analysed"
    calls = [(u.api, u.line, u.column) for u in report.calls]
    assert calls == [("sforce.interaction.screenPop", 6, 5), ("sforce.interaction.cti.enableClickToDial", 9, 5)]
    assert [(s.url, s.family, s.api_version, s.line) for s in report.script_loads] == [
        ("/support/api/29.0/interaction.js", "classic", "29.0", 2)]
    # The snippet is the original text, merge field and all.
    assert report.calls[0].snippet == "sforce.interaction.screenPop('/' + '{!recordId}', true, function () {});"


def test_commented_out_scripts_and_loads_in_pages_are_ignored(scan_tree):
    report = _page(scan_tree, "page.html", """<html><body>
<!-- <script src="/support/api/45.0/interaction.js"></script>
<script>sforce.interaction.screenPop('/001');</script> -->
<script src="https://acme.my.salesforce.com/support/api/45.0/lightning/opencti_min.js"></script>
<script type="text/template"><div>sforce.opencti.screenPop({})</div></script>
<script>sforce.opencti.refreshView();</script>
</body></html>
""")
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]
    assert [(s.url, s.family) for s in report.script_loads] == [
        ("/support/api/45.0/lightning/opencti_min.js", "lightning")]


def test_event_handler_attributes_and_javascript_urls(scan_tree):
    report = _page(scan_tree, "buttons.html", """<button onclick="sforce.opencti.setSoftphonePanelVisibility({visible: false});">x</button>
<a href="javascript:sforce.interaction.refreshPage(function(){})">refresh</a>
""")
    assert [(u.api, u.line) for u in report.calls] == [("sforce.opencti.setSoftphonePanelVisibility", 1),
                                                       ("sforce.interaction.refreshPage", 2)]


HANDLERS_OF_ALIASES = """<html><head>
<script>var cti = sforce.opencti;</script>
</head><body onload="window.panel = sforce.opencti;">
<button onclick="cti.refreshView()">refresh</button>
<a href="javascript:panel.setSoftphonePanelVisibility({visible: true})">show</a>
<button onclick="if (">broken, and naming no alias</button>
<button onclick="cti = 1; other.refreshView()">not the API</button>
</body></html>
"""


def test_event_handlers_using_an_alias_the_pages_scripts_or_handlers_set(tmp_path):
    # A handler naming no sforce is read when it names an alias the page's inline scripts set (or another
    # handler sets): its calls are inventory rows, as in a script, and convert gives each a row. A handler
    # naming no alias is not read (its syntax error is not the page's).
    (tmp_path / "phone.html").write_text(HANDLERS_OF_ALIASES)
    scanned = run_cli("scan", str(tmp_path / "phone.html"), "--format", "json")
    (entry,) = json.loads(scanned.stdout)["files"]
    rows = [(u["line"], u["api"], u["via"], u["receiver"]) for u in entry["uses"] if u["kind"] == "call"]
    assert rows == [(4, "sforce.opencti.refreshView", "alias", "cti"),
                    (5, "sforce.opencti.setSoftphonePanelVisibility", "alias", "panel")]
    assert entry["status"] == "analysed" and entry["error_ranges"] == []
    converted = run_cli("convert", str(tmp_path / "phone.html"), "-o", str(tmp_path / "out"), "--no-diffs")
    assert converted.returncode in (0, 1), converted.stderr
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())
    assert [(r["line"], r["api"]) for r in plan["conversions"]] == [(line, api) for line, api, _, _ in rows]


def test_erb_tags_inside_scripts(scan_tree):
    report = _page(scan_tree, "softphone.erb", """<script src="<%= @origin %>/support/api/40.0/lightning/opencti_min.js"></script>
<script>
  var config = <%= @config.to_json %>;
  var ext = '<%= @agent.extension %>';
  sforce.opencti.onClickToDial({listener: function (p) { dial(p.number, ext); }});
</script>
""")
    assert report.status == "analysed"
    assert [u.api for u in report.calls] == ["sforce.opencti.onClickToDial"]
    assert [s.api_version for s in report.script_loads] == ["40.0"]


def test_jinja_tags_inside_scripts(scan_tree):
    report = _page(scan_tree, "softphone.html", """<script>
  var settings = {{ settings|tojson }};
  {% if debug %}console.log('debug');{% endif %}
  sforce.opencti.saveLog({value: {entityApiName: 'Task', Subject: '{{ agent.name }}'}});
</script>
""")
    assert report.status == "analysed"
    assert [u.api for u in report.calls] == ["sforce.opencti.saveLog"]


def test_aura_markup_expressions_and_script_loads(scan_tree):
    report = _page(scan_tree, "Cti.cmp", """<aura:component>
  <ltng:require scripts="{!join(',', $Resource.Sdk, '/support/api/48.0/lightning/opencti_min.js')}"
                afterScriptsLoaded="{!c.onLoad}"/>
</aura:component>
""")
    assert [(s.url, s.api_version) for s in report.script_loads] == [
        ("/support/api/48.0/lightning/opencti_min.js", "48.0")]


def test_a_broken_script_block_does_not_hide_the_next_one(scan_tree):
    report = _page(scan_tree, "legacy.html", """<script>
  var cfg = { a: 1 b: 2 };
  sforce.interaction.saveLog('Task', 'Subject=x', cb);
</script>
<script>
  sforce.interaction.setVisible(true, function () {});
</script>
""")
    assert report.status == "partial"
    assert "sforce.interaction.setVisible" in [u.api for u in report.calls]
    assert report.error_ranges[0].line == 2


def test_a_script_that_never_closes_is_reported(scan_tree):
    report = _page(scan_tree, "open.html", "<html><script>\nsforce.opencti.refreshView();\n")
    assert "unclosed-script" in [d.code for d in report.diagnostics]
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]


def test_static_resource_is_sniffed(scan_tree):
    result = scan_tree({
        "staticresources/Bridge.resource": "(function(){ sforce.opencti.enableClickToDial(); })();",
        "staticresources/Page.resource": "<html><script>sforce.opencti.refreshView();</script></html>",
        "staticresources/Bridge.resource-meta.xml": "<?xml version='1.0'?><StaticResource/>",
    })
    by_path = {f.path: f for f in result.files}
    assert [u.api for u in by_path["staticresources/Bridge.resource"].calls] == ["sforce.opencti.enableClickToDial"]
    assert by_path["staticresources/Page.resource"].language == "page"
    assert by_path["staticresources/Bridge.resource-meta.xml"].status == "no-open-cti"


def test_vue_single_file_component_with_typescript(scan_tree):
    report = _page(scan_tree, "Phone.vue", """<template><button @click="pop">{{ label }}</button></template>
<script setup lang="ts">
const pop = (): void => { window.sforce.opencti.screenPop({type: 'url', params: {url: '/x'}} as any); };
</script>
""")
    assert [u.api for u in report.calls] == ["sforce.opencti.screenPop"]


def test_character_references_in_event_handlers_are_read_as_the_browser_decodes_them(scan_tree):
    """The browser decodes an attribute before its script runs: `&#39;url&#39;` is the string 'url', `&amp;&amp;`
    is `&&`. Read undecoded, such a handler was a syntax error and its calls were not analysed. Positions stay
    those of the page."""
    page = ("<apex:page>\n"
            '<button id="pop" onclick="sforce.opencti.screenPop({type: &#39;url&#39;, params: {url: '
            '&quot;/apex/x?a=1&amp;b=2&quot;}, callback: function (r) { if (r.success &amp;&amp; r.returnValue) '
            '{ sforce.opencti.refreshView(); } }})">Pop</button>\n'
            "<a href='javascript:sforce.opencti.setSoftphonePanelVisibility({visible: &#x74;rue, callback: "
            "function (r) { return r.success &amp&amp; &quot;&lt;ok&gt;&quot;; }})'>show</a>\n"
            "<div onclick=\"var s = &apos;caf&eacute;&apos;;\n  sforce.opencti.setSoftphonePanelHeight({heightPX: "
            "&#52;00})\">x</div>\n"
            "</apex:page>\n")
    report = _page(scan_tree, "Phone.page", page)
    assert report.status == "analysed" and not report.error_ranges, report.diagnostics
    lines = page.split("\n")

    def at(line, needle, nth=0):
        column = -1
        for _ in range(nth + 1):
            column = lines[line - 1].index(needle, column + 1)
        return line, column + 1

    found = [(u.api, (u.line, u.column), (u.end_line, u.end_column)) for u in report.uses]
    pop_end = at(2, '}})">')
    assert found == [
        ("sforce.opencti.screenPop", at(2, "sforce"), (2, pop_end[1] + 3)),
        ("sforce.opencti.SCREENPOP_TYPE.URL", at(2, "&#39;url"), (2, at(2, ", params")[1])),
        ("sforce.opencti.refreshView", at(2, "sforce", 1), (2, at(2, "; } }})")[1])),
        ("sforce.opencti.setSoftphonePanelVisibility", at(3, "sforce"), (3, at(3, "'>show")[1])),
        ("sforce.opencti.setSoftphonePanelHeight", at(5, "sforce"), (5, at(5, '">x')[1])),
    ], found
    assert report.uses[0].variant == "URL" and report.uses[0].options == ["type", "params", "callback"]
    assert "screenPop({type: &#39;url&#39;, params" in report.uses[1].snippet  # the page's own text


def test_a_named_reference_an_equals_sign_or_letter_follows_is_text_in_a_handler(scan_tree):
    """HTML's rule for attributes: `&copy=2` (no ';', then '='), `&ampx` and `&notit;` (`&not` then a letter)
    stay as written; `&amp;`, `&lt` and `&#x27;` are read; a line break written as a reference is left as written
    (the page keeps its lines)."""
    from ctimod.charrefs import references

    assert [(s, e, d) for s, e, d in references(b"'?a=1&copy=2&ampx&amp;y&lt&#10;&#x27;&notit;'")] == [
        (17, 22, b"&"), (23, 26, b"<"), (31, 37, b"'")]


def test_convert_carries_a_handler_as_the_browser_ran_it(tmp_path):
    """The handler's decoded JavaScript is what the component's method holds (`&&`, '/apex/x?a=1&b=2'), not its
    references (they were syntax errors: the call failed, exit 1); report.html escapes it again; the side-by-side
    shows the page's line as written."""
    from ctimod.convert import ConvertOptions, bundle_files, convert

    adapter = tmp_path / "phone"
    adapter.mkdir()
    (adapter / "Phone.page").write_text(
        "<apex:page>\n"
        '<button id="pop" onclick="sforce.opencti.screenPop({type: &#39;url&#39;, params: {url: '
        '&quot;/apex/x?a=1&amp;b=2&quot;}, callback: function (r) { if (r.success &amp;&amp; r.returnValue) '
        '{ console.log(&apos;&lt;/script&gt;&lt;b&gt;ok&apos;); } }})">Pop</button>\n'
        "</apex:page>\n", encoding="utf-8")
    result = convert([str(adapter)], ConvertOptions())
    assert not result.any_failed, [c.reason for c in result.failed]
    files = {f.path: f.content for f in bundle_files(result)}
    lwc = files["force-app/main/default/lwc/phone/phone.js"]
    assert ("this[NavigationMixin.Navigate]({ type: 'standard__webPage', attributes: { url: \"/apex/x?a=1&b=2\" } }), "
            "(r) => { if (r.success && r.returnValue) { console.log('</script><b>ok'); } })") in lwc
    assert "&amp;" not in lwc and "&#39;" not in lwc
    assert "console.log('</script>" not in files["report.html"]
    assert "console.log(&#39;&lt;/script&gt;&lt;b&gt;ok&#39;)" in files["report.html"]
    (_, diff), = result.diffs
    assert any(legacy.startswith('<button id="pop" onclick="sforce.opencti.screenPop({type: &#39;url&#39;, params')
               for legacy, _, _ in diff.rows), diff.rows


def test_unclosed_comment_openings_reach_the_html_parser_once(scan_tree):
    """tree-sitter-html reads each `<!--` that never closes to the end of the page (40,000 of them: 86 s, in
    scan and again in convert's page markup). Past the first, they are blanked before parsing (positions kept);
    closed comments, and `<!--` in script text, are left as they are; what scan finds is unchanged."""
    from ctimod.parse import blank_unclosed_comments

    head = b"<html><body><!-- closed --><script>var a = 1; <!-- script text\n</script>\n"
    tail = b"\n<button onclick=\"sforce.opencti.setSoftphonePanelVisibility({visible: true})\">x</button>\n" \
        b"<script><!--\nsforce.opencti.refreshView();\n</script>\n</body></html>\n"
    page = head + b"<!--" * 40_000 + tail
    blanked = blank_unclosed_comments(page)
    assert len(blanked) == len(page) and blanked.count(b"<!--") == 4  # the closed one, one in each script, the first
    assert blanked.startswith(head + b"<!--    ") and blanked.endswith(b"    " + tail)
    assert blank_unclosed_comments(head + b"<!--" + tail) == head + b"<!--" + tail  # one unclosed: as it is
    report = _page(scan_tree, "Phone.html", (head + b"<!--" * 40_000 + tail).decode())
    small = _page(scan_tree, "Small.html", (head + b"<!--" * 3 + tail).decode())
    assert [(u.api, u.line, u.column) for u in report.uses] == [(u.api, u.line, u.column) for u in small.uses]
    assert [u.api for u in report.uses] == ["sforce.opencti.setSoftphonePanelVisibility", "sforce.opencti.refreshView"]


def test_a_handler_naming_an_alias_in_markup_nested_too_deep_is_still_read(tmp_path):
    # Past 1,000 nested tags the page's tags are blanked before parsing (its structure is not analysed), but
    # an event handler or javascript: URL naming an alias the page's script sets is still read, as in a
    # page of ordinary depth: its calls are inventory rows at their own lines and columns, and convert
    # gives each a row. A handler of a tag kept as it is (naming sforce) is read as before.
    text = ("<html><body>\n<script>var cti = sforce.opencti;</script>\n" + "<div>" * 1200 + "\n"
            + '<button onclick="cti.refreshView()">Refresh</button>\n'
            + '<a href="javascript:cti.setSoftphonePanelVisibility({visible: true})">Show</a>\n'
            + '<button onclick="sforce.opencti.refreshView()">Again</button>\n'
            + "</div>" * 1200 + "\n</body></html>\n")
    (tmp_path / "phone.html").write_text(text)
    scanned = run_cli("scan", str(tmp_path / "phone.html"), "--format", "json")
    (entry,) = json.loads(scanned.stdout)["files"]
    assert any(d["code"] == "too-deep" for d in entry["diagnostics"])
    rows = [(u["line"], u["column"], u["api"], u["via"]) for u in entry["uses"] if u["kind"] == "call"]
    assert rows == [(4, 18, "sforce.opencti.refreshView", "alias"),
                    (5, 21, "sforce.opencti.setSoftphonePanelVisibility", "alias"),
                    (6, 18, "sforce.opencti.refreshView", "literal")]
    converted = run_cli("convert", str(tmp_path / "phone.html"), "-o", str(tmp_path / "out"), "--no-diffs")
    assert converted.returncode in (0, 1), converted.stderr
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())
    assert [(r["line"], r["api"]) for r in plan["conversions"]] == [(line, api) for line, _, api, _ in rows]


def test_an_unquoted_handler_in_markup_nested_too_deep_is_read_as_in_a_page_of_ordinary_depth(tmp_path):
    # An unquoted on* value or javascript: URL (onclick=cti.refreshView()) is a handler in HTML as a quoted
    # one is: past 1,000 nested tags it keeps its code when its tag is blanked, and gives the rows the same
    # page of ordinary depth gives (scan and convert).
    handlers = ("<button onclick=cti.refreshView()>Refresh</button>\n"
                "<a class=x href=javascript:cti.setSoftphonePanelVisibility({visible:true}) id=y>Show</a>\n")
    found = {}
    for depth in (1, 1200):
        text = ("<html><body>\n<script>var cti = sforce.opencti;</script>\n" + "<div>" * depth + "\n"
                + handlers + "</div>" * depth + "\n</body></html>\n")
        page = tmp_path / f"phone{depth}.html"
        page.write_text(text)
        (entry,) = json.loads(run_cli("scan", str(page), "--format", "json").stdout)["files"]
        assert any(d["code"] == "too-deep" for d in entry["diagnostics"]) == (depth > 1000)
        rows = found[depth] = [(u["line"], u["column"], u["api"], u["via"]) for u in entry["uses"] if u["kind"] == "call"]
        converted = run_cli("convert", str(page), "-o", str(tmp_path / f"out{depth}"), "--no-diffs")
        assert converted.returncode in (0, 1), converted.stderr
        plan = json.loads((tmp_path / f"out{depth}" / "migration.json").read_text())
        assert [(r["line"], r["api"]) for r in plan["conversions"]] == [(line, api) for line, _, api, _ in rows]
    assert found[1200] == found[1] == [(4, 17, "sforce.opencti.refreshView", "alias"),
                                       (5, 28, "sforce.opencti.setSoftphonePanelVisibility", "alias")]


def test_tag_openings_with_no_closing_bracket_after_them_are_not_read_to_the_end_each(monkeypatch):
    """The tag pattern read from each `<a ` that no `>` follows to the end of the page and back (20,000 of
    them after the last `>`: 15 s of scan). Its searches now stop after the last `>`, where any tag ends,
    and the tags found and the comments blanked are the ones the unbounded search gives."""
    import random
    import re

    from ctimod import parse

    def reference_tags(data):  # the search unbounded, as before
        pos = 0
        while (match := parse._TAG.search(data, pos)) is not None:
            if match.group(0) == b"<!--":
                close = data.find(b"-->", match.end())
                pos = match.end() if close < 0 else close + 3  # (one that never closes: the markup after it counts)
                continue
            name, closing = match.group(2).lower(), bool(match.group(1))
            yield match.start(), match.end(), closing, name, bool(match.group(3))
            pos = match.end()
            if name in parse._RAW_TEXT and not closing:
                close = parse._RAW_TEXT[name].search(data, pos)
                if close is None:
                    return
                pos = close.start()

    def reference_blanked(data):  # blank_unclosed_comments with the search unbounded, as before
        last = data.rfind(b"-->")
        buf, first, pos, kept = bytearray(data), True, 0, None
        while (match := parse._TAG.search(data, pos)) is not None:
            pos = match.end()
            if match.group(0) == b"<!--":
                if last >= match.end():
                    pos = data.find(b"-->", match.end()) + 3
                elif first:
                    first, kept = False, match.end()
                else:
                    buf[match.start():match.end()] = b"    "
                continue
            if match.group(2).lower() in parse._RAW_TEXT and not match.group(1):
                close = parse._RAW_TEXT[match.group(2).lower()].search(data, pos)
                if close is None:
                    kept = None
                    break
                pos = close.start()
        if kept is not None:  # then tag openings holding nothing after it and the last '>': spaces (newlines kept)
            for match in re.finditer(rb"<[A-Za-z][\w:.-]*\s*(?=<|\Z)", data[max(kept, data.rfind(b">") + 1):]):
                at = max(kept, data.rfind(b">") + 1)
                for i in range(at + match.start(), at + match.end()):
                    if buf[i] not in (0x0A, 0x0D):
                        buf[i] = 0x20
        return bytes(buf)

    pattern = parse._TAG
    read = []

    class Bounded:
        def search(self, data, pos=0, endpos=None):
            read.append((pos, len(data) if endpos is None else min(endpos, len(data))))
            return pattern.search(data, pos, len(data) if endpos is None else endpos)

    page = b"<html><body><p class=x>t</p><script>var a = '<a ';</script><!-- <!--" + b"<a " * 20_000
    monkeypatch.setattr(parse, "_TAG", Bounded())
    tags = list(parse._tags(page))
    parse.blank_unclosed_comments(page)
    last = page.rfind(b">") + 1
    assert read and all(end <= last for _, end in read)  # it was the whole page: each `<a ` read to its end
    monkeypatch.setattr(parse, "_TAG", pattern)
    assert tags == list(reference_tags(page))
    assert [t[3] for t in tags] == [b"html", b"body", b"p", b"p", b"script", b"script"]
    # Random pages of tag pieces: the same tags and the same blanking as the unbounded search.
    rng = random.Random(11)
    pieces = [b"<a ", b"<a>", b"</a>", b">", b"<!--", b"-->", b"<script>", b"</script", b"<b/>", b"x", b" ", b"\n"]
    for _ in range(3000):
        data = b"".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert list(parse._tags(data)) == list(reference_tags(data)), data
        assert parse.blank_unclosed_comments(data) == reference_blanked(data), data


def _html_given(monkeypatch) -> list[bytes]:
    """Every text the HTML parser is given from now on (tree-sitter-html is where hostile markup costs time)."""
    from ctimod import parse

    given: list[bytes] = []
    real = parse.parser

    def counting(name):
        found = real(name)
        if name != "html":
            return found

        class Html:
            def parse(self, data, *args, **kwargs):
                given.append(data)
                return found.parse(data, *args, **kwargs)

        return Html()

    monkeypatch.setattr(parse, "parser", counting)
    return given


def test_markup_nested_deep_after_a_comment_that_never_closes_is_flattened_before_the_html_parser(monkeypatch):
    """Hostile input: tree-sitter-html reads the markup after a `<!--` that never closes (an ERROR of `<!-`,
    then the tags), but the tag walk stopped there, so `<div>` nested 40,000 deep after one was never flattened:
    5.4 s of quadratic parsing. The tags after it now count: the page the HTML parser reads holds no `<div>`, the
    script's call is found, and the nesting is a too-deep finding."""
    from ctimod import parse
    from ctimod.load import Source

    given = _html_given(monkeypatch)

    page = (b"<apex:page>\n<script>\nsforce.opencti.refreshView();\n</script>\n<!--" + b"<div>" * 2_000 + b"x"
            + b"</div>" * 2_000 + b"</apex:page>\n")
    parsed = parse.parse(Source(display="Phone.page", language="page", data=page, size=len(page), encoding="utf-8",
                                flavor="visualforce"))
    assert [data.count(b"<div>") for data in given] == [0]  # it was [2000]
    assert [d.code for d in parsed.diagnostics] == ["too-deep"]
    assert any(r.kind == "script" for r in parsed.regions)


def test_runs_of_tag_openings_that_never_close_reach_the_html_parser_as_one_tag(monkeypatch, scan_tree):
    """Hostile input: 20,000 `<a x=1 ` (or `<a/`, `<div class=a `) before a script: a browser reads the run as one
    tag (each later `<a` an attribute name), tree-sitter-html each opening into an error at a cost growing with
    the run (5 s of scan, 2 s for `<a/`: quadratic). Such runs (64 or more) reach the parser as spaces (newlines
    and positions kept), up to the opening that closes them or one naming sforce (or a <script>), which stays;
    what scan finds is what it finds in the short page."""
    from ctimod import parse
    from ctimod.load import Source

    script = b"<script>\nsforce.opencti.refreshView();\n</script>\n"
    handler = b'<a x=1 onclick="sforce.opencti.setSoftphonePanelVisibility({visible: true})" '
    for unit in (b"<a x=1 ", b"<a/", b"<div class=a\n", b'<a title="<b>" '):
        given = _html_given(monkeypatch)
        page = b"<apex:page>\n" + unit * 2_000 + handler + unit * 100 + b">\n" + script + b"</apex:page>\n"
        parsed = parse.parse(Source(display="Phone.page", language="page", data=page, size=len(page),
                                    encoding="utf-8", flavor="visualforce"))
        (html,) = given
        assert len(html) == len(page) and html.count(b"\n") == page.count(b"\n")
        # Kept: <apex:page>, the handler's opening, the `<a x=1 >` closing the second run, <script> and the closing
        # tags (each `<b>` in a quoted value is part of the opening that holds it).
        assert html.count(b"<") == 6 + unit.count(b"<") - 1, unit
        blank = re.sub(rb"[^\n]", b" ", unit)
        assert html.startswith(b"<apex:page>\n" + blank * 2_000 + handler + blank * 99 + unit + b">\n")
        assert [r.kind for r in parsed.regions] == ["handler", "script"]
    files = {f.path: f for f in scan_tree({
        "Long.page": (b"<apex:page>\n" + b"<a x=1 " * 20_000 + handler + b">\n" + script + b"</apex:page>\n").decode(),
        "Short.page": (b"<apex:page>\n" + b"<a x=1 " * 2 + handler + b">\n" + script + b"</apex:page>\n").decode(),
    }).files}
    assert [(u.api, u.line) for u in files["Long.page"].uses] == [(u.api, u.line) for u in files["Short.page"].uses] \
        == [("sforce.opencti.setSoftphonePanelVisibility", 2), ("sforce.opencti.refreshView", 4)]
    # Openings in script text are JavaScript (a page building table cells in strings), never blanked, also where
    # a missing '>' before the <script> makes the tag walk read it as an attribute.
    cells = b"".join(b"html += '<td class=c%d ' + v%d + '" % (i, i) + b"';\ncti.refreshView();\n" for i in range(100))
    for before in (b"<apex:page>", b'<apex:page>\n<div class="x"\n'):
        page = before + b"<script>\nvar cti = sforce.opencti, html = '';\n" + cells + b"</script></apex:page>\n"
        assert parse.blank_unclosed_openings(page) == page
    # An opening holding an event handler or a javascript: URL stays (a handler naming an alias the page's script
    # sets is a use), and counts in its run: one every 63 openings does not split the run into short ones.
    alias = b"<apex:page><script>var cti = sforce.opencti;</script>\n"
    page = alias + b"<a x=1 " * 100 + b'<a onclick="cti.refreshView()" ' + b"<a x=1 " * 100 + b">\n" + \
        b"<a x=1 " * 100 + b'<a href="javascript:cti.screenPop({})" ' + b"<a x=1 " * 100 + b">\n</apex:page>\n"
    files = {f.path: f for f in scan_tree({"Alias.page": page.decode()}).files}
    assert [(u.api, u.line) for u in files["Alias.page"].uses] == [
        ("sforce.opencti.refreshView", 2), ("sforce.opencti.screenPop", 3)]
    split = (b"<a x=1 " * 63 + b'<a title="sforce" ') * 100 + b">"
    blanked = parse.blank_unclosed_openings(split)
    assert blanked.count(b"<") == 100 and blanked.count(b'<a title="sforce" ') == 100


def test_tag_openings_after_a_comment_that_never_closes_reach_the_html_parser_as_spaces(monkeypatch):
    """Hostile input: a `<!--` that never closes and then 20,000 `<a ` after the last `>`: tree-sitter-html,
    recovering from the comment, read them into one ERROR at a cost growing with it (3.1 s of scan, quadratic).
    No tag ends after the last `>`, so those openings, holding nothing, reach the parser as spaces (newlines and
    positions kept); the script's call is found as before."""
    from ctimod import parse
    from ctimod.load import Source

    given = _html_given(monkeypatch)

    page = (b"<apex:page>\n<script>\nsforce.opencti.refreshView();\n</script>\n</apex:page>\n<!--"
            + b"<a " * 2_000 + b"<b\n<i")
    parsed = parse.parse(Source(display="Phone.page", language="page", data=page, size=len(page), encoding="utf-8",
                                flavor="visualforce"))
    assert [data.count(b"<") for data in given] == [page.count(b"<", 0, page.rindex(b"<!--") + 1)]  # all 2,002 after
    assert given[0].endswith(b"<!--" + b" " * 6_000 + b"  \n  ") and len(given[0]) == len(page)
    assert any(r.kind == "script" for r in parsed.regions) and not parsed.diagnostics


def test_markup_nested_too_deep_in_tags_with_sforce_handlers_reaches_the_html_parser_flat(tmp_path, monkeypatch):
    """Hostile input: past 1,000 nested tags the tags were blanked, except those whose attributes mention sforce,
    so `<div onclick="sforce.opencti.refreshView()">` nested 10,000 deep still reached tree-sitter-html nested
    (2.4 s of quadratic parsing in scan, 16.8 s of convert at 50,000). They are blanked too, their handlers kept
    as regions: scan and convert read the HTML parser no `<div` (it was 1,200 in each), and give one row per
    handler at its own line and column, as before. A tag naming sforce elsewhere (data-x) is kept as it was."""
    import contextlib
    import io

    from ctimod.cli import main

    given = _html_given(monkeypatch)

    opening = '<div onclick="sforce.opencti.refreshView()">'
    page = tmp_path / "phone.html"
    page.write_text("<html><body>\n<script>var cti = sforce.opencti;</script>\n" + opening * 1200 + "\n"
                    + '<b data-x="sforce.opencti" onclick="cti.refreshView()">K</b>\n' + "</div>" * 1200
                    + "\n</body></html>\n")
    scanned, converted = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(scanned):
        main(["scan", str(page), "--format", "json"])
    with contextlib.redirect_stdout(converted), contextlib.redirect_stderr(io.StringIO()):
        main(["convert", str(page), "-o", str(tmp_path / "out"), "--no-diffs"])
    pages = [data for data in given if len(data) == len(page.read_bytes())]  # (not the generated index.html)
    assert len(pages) == 3  # scan; convert's scan and its read of the page's markup
    assert [data.count(b"<div") for data in pages] == [0, 0, 0]  # it was [1200, 1200, 1200]
    assert [data.count(b"<b ") for data in pages] == [1, 1, 1]
    (entry,) = json.loads(scanned.getvalue())["files"]
    assert any(d["code"] == "too-deep" for d in entry["diagnostics"])
    rows = [(u["line"], u["column"], u["api"], u["via"]) for u in entry["uses"] if u["kind"] == "call"]
    expected = [(3, 15 + len(opening) * i, "sforce.opencti.refreshView", "literal") for i in range(1200)]
    assert rows == expected + [(4, 37, "sforce.opencti.refreshView", "alias")]
    plan = json.loads((tmp_path / "out" / "migration.json").read_text())
    assert [(r["line"], r["api"]) for r in plan["conversions"]] == [(line, api) for line, _, api, _ in rows]


def test_a_long_run_of_empty_tag_openings_after_a_comment_that_never_closes_reaches_the_html_parser_as_spaces(
        monkeypatch):
    """Hostile input: a `<!--` that never closes, then 20,000 `<a ` and a `<a >` (a `>` after them, so they were
    not blanked as openings after the last `>` are): tree-sitter-html read them into one ERROR at a cost growing
    with it (2.3 s of scan, quadratic). A run of 64 or more such openings before a plain tag reaches the parser
    as spaces but for its last (positions kept): the parser gets 2 `<a ` (it got 2,001) and the page's script and
    handler are read as in the same page with a run of 2."""
    from ctimod import parse
    from ctimod.load import Source

    given = _html_given(monkeypatch)

    def page(run):
        return (b"<apex:page>\n<script>\nsforce.opencti.refreshView();\n</script>\n<!--" + b"<a " * run + b"<a >\n"
                + b"<button onclick=\"sforce.opencti.setSoftphonePanelVisibility({visible: true})\">x</button>\n"
                + b"</apex:page>\n")

    def parsed(data):
        return parse.parse(Source(display="Phone.page", language="page", data=data, size=len(data), encoding="utf-8",
                                  flavor="visualforce"))

    long, short = parsed(page(2_000)), parsed(page(1))
    assert [data.count(b"<a ") for data in given] == [2, 2]  # it was [2001, 2]
    assert len(given[0]) == len(page(2_000)) and given[0].endswith(given[1][given[1].index(b"<a "):])
    shift = len(page(2_000)) - len(page(1))
    assert [(r.kind, r.start_byte) for r in short.regions] == [("script", 20), ("handler", 90)]
    assert [(r.kind, r.start_byte - (shift if r.kind == "handler" else 0)) for r in long.regions] == \
        [(r.kind, r.start_byte) for r in short.regions]
    assert [d.code for d in long.diagnostics] == [d.code for d in short.diagnostics]
