"""Property-based tests: random and mutated JavaScript, HTML/Visualforce and call center XML through scan and
convert. Whatever the input: no uncaught exception, every file accounted for in the output, generated code that
parses, and nothing written outside OUTDIR (inputs untouched).

On CI (CI=1) the examples are derandomized so a run is reproducible; locally they are random, and hypothesis keeps
failing examples in .hypothesis/ to replay them first. CTIMOD_PROPERTY_SCALE=N runs N times as many examples.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st

from ctimod.convert import ConvertOptions, bundle_files, convert
from ctimod.escape import display_path
from ctimod.parse import parser
from ctimod.scan import ScanOptions, scan
from ctimod.write import write_bundle

from .conftest import CORPUS

PROFILE = dict(deadline=None, derandomize=bool(os.environ.get("CI")), database=None if os.environ.get("CI") else
               settings.default.database, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# CTIMOD_PROPERTY_SCALE=20 explores twenty times as many examples (for a long local run).
SCALE = max(1, int(os.environ.get("CTIMOD_PROPERTY_SCALE", "1") or 1))

OPEN_CTI = [
    "sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: {recordId: id}, callback: cb});",
    "sforce.opencti.screenPop({type: 'url', params: {url: '/apex/x?id=' + id}});",
    "sforce.opencti.runApex({apexClass: 'AccountLookup', methodName: 'find', methodParams: 'phone=' + n, "
    "callback: function (r) { done(r.returnValue); }});",
    "sforce.opencti.runApex({apexClass: cls, methodName: m, methodParams: p, callback: cb});",
    "sforce.interaction.screenPop('/' + id, true, cb);",
    "sforce.interaction.cti.onClickToDial(function (r) { var d = JSON.parse(r.result); vendor.dial(d.number); });",
    "sforce.opencti.onClickToDial({listener: function (p) { vendor.dial(p.number, p.recordId); }});",
    "sforce.opencti.getCallCenterSettings({callback: function (r) { settings = r.returnValue; }});",
    "var api = window.sforce && window.sforce.opencti;",
    "api.saveLog({value: {entityApiName: 'Task', Subject: 'Call ' + n, WhoId: id}, callback: cb});",
    "sforce.interaction.saveLog('Task', 'Subject=Call&WhoId=' + id, cb);",
    "const {screenPop, refreshView} = sforce.opencti;",
    "refreshView();",
    "sforce.opencti.notifyInitializationComplete();",
    "sforce.console.cti.setCallAttachedData(id, JSON.stringify({ani: n}), 'INBOUND', cb);",
    "sforce.opencti['screenPop']({type: 'url', params: {url: u}});",
    "sforce.opencti.noSuchMember();",
    "sforce.interaction.runApex('Svc', 'go', 'a=1', cb);",
    "define(['opencti'], function (o) { o.refreshView(); });",
    "this.api = sforce.opencti; this.api.enableClickToDial({callback: cb});",
    "sforce.opencti.searchAndScreenPop({searchParams: n, callType: sforce.opencti.CALL_TYPE.INBOUND, "
    "deferred: false, callback: cb});",
    "sforce.opencti.publish({channelName: 'Phone__c', message: {state: s}});",
    "sforce.opencti.setSoftphonePanelVisibility({visible: true});",
    "window?.sforce?.opencti?.getAppViewInfo({callback: cb});",
    # Escapes are decoded as JavaScript decodes them: NUL, lone surrogates, '/' and astral characters in values.
    "sforce.opencti.runApex({apexClass: 'A\\u005fB\\x2f\\uD800', methodName: 'm\\u{1F600}', methodParams: '\\0',"
    " callback: cb});",
    "sforce.opencti.screenPop({type: 'url', params: {url: '\\x2f\\u2028\\'\\\n*\\/x'}});",
]
CODE = ["function f(a, b) {", "}", "{", "(", ")", "[", "]", "`", "${", "'", '"', "/*", "*/", "//", "=>",
        "async function g() {", "await x;", "if (x) {", "} else {", "return;", "var x = 1;", "let y = x || {};",
        "</script>", "]]>", "\u2028", "\x00", "é", "\U0001F600", "class A { m() {", "x = y ? z : w;", "/re/g;",
        "try {", "} catch (e) {", "*/alert(1)/*", "module.exports = {", "import x from './y';", "export default {",
        "<%= erb %>", "{!$User.Id}", "{{ jinja }}", "#!/usr/bin/env node", "\ufeff"]
SEPARATORS = ["", " ", "\n", ";\n", "\n\n", "\t"]

fragment = st.one_of(st.sampled_from(OPEN_CTI), st.sampled_from(CODE), st.text(max_size=12))
javascript = st.lists(st.tuples(fragment, st.sampled_from(SEPARATORS)), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))

CORPUS_SOURCES = sorted(str(p.relative_to(CORPUS)) for p in CORPUS.rglob("*")
                        if p.is_file() and p.suffix in (".js", ".page", ".html", ".xml", ".cmp", ".ts")
                        and p.stat().st_size < 60_000)


@st.composite
def mutated(draw) -> bytes:
    """A corpus file with random cuts, duplications, insertions and truncation."""
    data = bytearray((CORPUS / draw(st.sampled_from(CORPUS_SOURCES))).read_bytes())
    for _ in range(draw(st.integers(0, 6))):
        if not data:
            break
        kind = draw(st.sampled_from(["cut", "dup", "insert", "bytes", "truncate"]))
        at = draw(st.integers(0, len(data)))
        size = draw(st.integers(0, 200))
        if kind == "cut":
            del data[at:at + size]
        elif kind == "dup":
            data[at:at] = data[at:at + size]
        elif kind == "insert":
            data[at:at] = draw(fragment).encode("utf-8", "surrogatepass")
        elif kind == "bytes":
            data[at:at] = draw(st.binary(max_size=16))
        else:
            del data[at:]
    return bytes(data)


@st.composite
def page(draw) -> str:
    head = draw(st.sampled_from(["<apex:page controller=\"C\">", "<html><body>", "<aura:component>", "", "<div"]))
    script_open = draw(st.sampled_from(['<script>', '<script type="text/javascript">', '<script src="/x.js">',
                                        '<apex:includeScript value="/support/api/59.0/lightning/opencti_min.js"/>'
                                        '<script>', '<script type="text/template">', '<SCRIPT>']))
    body = draw(javascript)
    close = draw(st.sampled_from(["</script>", "", "</scr", "</script >"]))
    attribute = draw(st.sampled_from(["", '<button onclick="sforce.opencti.refreshView()">r</button>',
                                      '<a href="javascript:sforce.opencti.screenPop({type: \'url\'})">x</a>']))
    tail = draw(st.sampled_from(["</apex:page>", "</body></html>", "</aura:component>", "", "<!--"]))
    return f"{head}\n{attribute}\n{script_open}\n{body}\n{close}\n{tail}"


xml_text = st.text(st.characters(blacklist_categories=["Cs"]), max_size=20)


@st.composite
def call_center(draw) -> str:
    doctype = draw(st.sampled_from(["", '<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
                                    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', "<!DOCTYPE callCenter>"]))
    items = []
    for _ in range(draw(st.integers(0, 6))):
        name = draw(st.sampled_from(["reqInternalName", "reqDisplayName", "reqAdapterUrl", "reqUseApi",
                                     "reqSoftphoneHeight", "reqSoftphoneWidth", "reqSalesforceCompatibilityMode",
                                     "reqSalesforceCompatabilityMode", "vendorKey"]))
        value = draw(st.one_of(xml_text, st.sampled_from(["&b;", "&e;", "<![CDATA[x]]>", "Lightning", "Classic",
                                                          "https://phone.example/x", "300"])))
        items.append(f'<item sortOrder="{draw(st.integers(-1, 9))}" name="{name}" label="L">{value}</item>')
    section = draw(st.sampled_from(["reqGeneralInfo", "reqDialingOptions", "vendorSection", ""]))
    body = f'<section sortOrder="0" name="{section}" label="S">{"".join(items)}</section>'
    text = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<callCenter>{body}</callCenter>'
    cut = draw(st.integers(0, len(text)))
    return text if draw(st.booleans()) else text[:cut]


# Any bytes a file system allows: characters, and bytes that are not UTF-8 (lone surrogates, as os.fsdecode gives them).
name_text = st.text(st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"])
                    | st.sampled_from([chr(0xDC80 + i) for i in range(128)]), max_size=12)
content = st.one_of(javascript.map(lambda t: ("js", t)), mutated().map(lambda b: ("mut", b)),
                    page().map(lambda t: ("page", t)), call_center().map(lambda t: ("xml", t)),
                    st.binary(max_size=300).map(lambda b: ("bin", b)))
EXTENSIONS = {"js": [".js", ".ts", ".resource"], "mut": [".js"], "page": [".page", ".html", ".cmp"],
              "xml": [".xml"], "bin": [".js", ".page", ".xml"]}


@st.composite
def adapter_tree(draw) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for index in range(draw(st.integers(1, 4))):
        kind, value = draw(content)
        extension = draw(st.sampled_from(EXTENSIONS[kind]))
        if kind == "mut":
            extension = ".xml" if value.lstrip().startswith(b"<?xml") else extension
        name = f"f{index}{draw(name_text)}{extension}"
        if len(os.fsencode(name)) > 200:
            name = f"f{index}{extension}"
        files[name] = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return files


def _write_tree(root: Path, files: dict[str, bytes]) -> None:
    root.mkdir(parents=True)
    for name, data in files.items():
        (root / name).write_bytes(data)


def _listing(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@settings(max_examples=300 * SCALE, **PROFILE)
@given(adapter_tree())
def test_scan_accounts_for_every_file_and_never_raises(files):
    base = Path(tempfile.mkdtemp(prefix="ctimod-prop-"))
    try:
        _write_tree(base / "in", files)
        cwd = os.getcwd()
        os.chdir(base)
        try:
            result = scan(["in"], ScanOptions(jobs=1))
        finally:
            os.chdir(cwd)
        for report in result.files:
            event(f"status {report.status}")
        reported = sorted(f.path for f in result.files)
        # Names are shown escaped (control characters, bytes that are not UTF-8): as the file system gives them.
        assert reported == sorted(f"in/{display_path(os.fsdecode(os.fsencode(name)))}" for name in files)
        assert not [f for f in result.files if f.status == "failed"], [f.diagnostics for f in result.files]
        from ctimod.report import jsonfmt

        document = json.loads(jsonfmt.render(result))
        assert len(document["files"]) == len(files)
    finally:
        shutil.rmtree(base)


@settings(max_examples=150 * SCALE, **PROFILE)
@given(adapter_tree())
def test_convert_writes_only_inside_outdir_and_everything_it_writes_parses(files):
    base = Path(tempfile.mkdtemp(prefix="ctimod-prop-"))
    try:
        adapter = base / "in"
        _write_tree(adapter, files)
        before = _listing(adapter)
        result = convert([str(adapter)], ConvertOptions())
        inputs = {r.path for r in result.plan.reports}
        # Names escaped, relative to the adapter's root (generated files never hold the machine's paths).
        shown = {display_path(os.fsdecode(os.fsencode(name))) for name in files}
        assert inputs == shown, "a file was not accounted for"
        assert not [r for r in result.plan.reports if r.status == "failed"]
        # ctimod's own output always parses: no generated file dropped, no moved function given up on because
        # of what ctimod wrote (broken legacy code is the only acceptable reason).
        assert not result.dropped_files, result.dropped_files
        assert not [c.todo for c in result.conversions if c.todo and "ctimod bug" in c.todo]
        out = base / "out"
        if result.plan.files or result.plan.call_centers:  # otherwise the CLI stops with exit 2
            event(f"bundle written, {len(result.conversions) // 5 * 5}+ conversions")
            written = write_bundle(str(out), [(f.path, f.content) for f in bundle_files(result)], [str(adapter)])
            assert written
            document = json.loads((out / "migration.json").read_text("utf-8"))
            assert len(document["conversions"]) == len(result.conversions)
            for path in out.rglob("*"):
                assert out == path or out in path.resolve().parents
                if path.suffix == ".js":
                    assert not parser("javascript").parse(path.read_bytes()).root_node.has_error, path
                elif path.suffix == ".xml":
                    SafeET.fromstring(path.read_bytes())
        assert sorted(p.name for p in base.iterdir()) == (["in", "out"] if out.exists() else ["in"])
        assert _listing(adapter) == before, "an input was changed"
    finally:
        shutil.rmtree(base)


# ------------------------------------------------------------------------------------------------------------------
# Hostile structure (issue 16): constructs nested deep, markup nested deep, many calls. Each example runs the CLI
# in a child process under a timeout (a hang fails the example instead of the suite) and is checked for what a user
# notices: the exit code (never 3), the nesting finding with its line, and every call accounted for in
# migration.json (converted at its line, or inside a construct the finding names).
from ctimod.find import MAX_DEPTH  # noqa: E402
from ctimod.parse import MAX_MARKUP_DEPTH  # noqa: E402

from .test_hostile_trees import ctimod as run_ctimod  # noqa: E402
from .test_hostile_trees import text as cli_text  # noqa: E402

# No shrinking or explaining: each step would be another child process of seconds (the examples are small
# parameters, readable as they are).
HOSTILE = dict(PROFILE, max_examples=6 * SCALE, phases=[Phase.explicit, Phase.reuse, Phase.generate])
CLI_TIMEOUT = 240  # seconds: a hang, not a slow machine (each example takes a few seconds)
# Open CTI calls that convert wherever they stand: (expression, the API migration.json names).
CALLS = [("sforce.opencti.screenPop({type: 'url', params: {url: '/x'}})", "sforce.opencti.screenPop"),
         ("sforce.opencti.refreshView()", "sforce.opencti.refreshView"),
         ("sforce.opencti.setSoftphonePanelVisibility({visible: true})",
          "sforce.opencti.setSoftphonePanelVisibility"),
         ("sforce.interaction.screenPop('/001x', true)", "sforce.interaction.screenPop")]
# Wrappers around an expression and around a statement: (opening, closing). Each adds at most 3 tree levels.
EXPRESSION_WRAPPERS = {"arrays": ("[", "]"), "objects": ("{k: ", "}"), "binary": ("1 + (", ")"),
                       "parens": ("(", ")"), "calls": ("f(", ")"), "functions": ("function () { return ", "; }"),
                       "arrows": ("() => ", "")}
STATEMENT_WRAPPERS = {"blocks": ("{", "}"), "ifs": ("if (x) ", ""), "functions": ("function g() { ", " }")}
SHALLOW = 2000  # wrappers: at most 3 levels each, so under MAX_DEPTH tree levels: analysed and converted


def _wrapped(kinds: list[str], wrappers: dict, depth: int, inner: str) -> str:
    """``inner`` inside ``depth`` wrappers, cycling through ``kinds`` from the outside in."""
    if not kinds or not depth:
        return inner
    opening = "".join(wrappers[kinds[i % len(kinds)]][0] for i in range(depth))
    closing = "".join(wrappers[kinds[i % len(kinds)]][1] for i in reversed(range(depth)))
    return opening + inner + closing


@st.composite
def deep_file(draw) -> dict:
    """A JavaScript file: ordinary adapter functions with calls, then one line holding a construct nested
    ``depth`` deep (statements outside, expressions inside, kinds mixed) around a call, then more calls."""
    deep = draw(st.booleans())
    depth = draw(st.integers(MAX_DEPTH + 1, 100_000) if deep else st.integers(1, SHALLOW))
    statements = draw(st.lists(st.sampled_from(sorted(STATEMENT_WRAPPERS)), max_size=2, unique=True))
    expressions = draw(st.lists(st.sampled_from(sorted(EXPRESSION_WRAPPERS)), max_size=3, unique=True))
    if not statements and not expressions:
        expressions = [draw(st.sampled_from(sorted(EXPRESSION_WRAPPERS)))]
    inner_depth = depth if not statements else draw(st.integers(0, depth)) if expressions else 0
    call, api = draw(st.sampled_from(CALLS))
    construct = _wrapped(statements, STATEMENT_WRAPPERS, depth - inner_depth,
                         "var a = " + _wrapped(expressions, EXPRESSION_WRAPPERS, inner_depth, call) + ";")
    before = draw(st.lists(st.sampled_from(CALLS), max_size=3))
    after = draw(st.lists(st.sampled_from(CALLS), max_size=3))
    lines = [f"function p{i}() {{ {c}; }}" for i, (c, _) in enumerate(before)] + [construct] + \
        [f"function q{i}() {{ {c}; }}" for i, (c, _) in enumerate(after)]
    line = len(before) + 1  # the construct's line
    calls = [(n + 1, a) for n, (_, a) in enumerate(before)] + [(line + 1 + n, a) for n, (_, a) in enumerate(after)]
    event(f"{'deep' if deep else 'shallow'}: {'+'.join(statements + expressions)}")
    return {"text": "\n".join(lines) + "\n", "deep": deep, "line": line,
            "calls": calls + ([] if deep else [(line, api)])}


def _converted(out: Path) -> list[tuple[str, int, str]]:
    document = json.loads((out / "migration.json").read_text("utf-8"))
    assert not [c for c in document["conversions"] if c["status"] == "failed"], document["conversions"]
    return sorted((c["file"], c["line"], c["api"]) for c in document["conversions"])


@settings(**HOSTILE)
@given(st.lists(deep_file(), min_size=1, max_size=3))
def test_constructs_nested_deep_are_findings_with_their_line_and_every_other_call_converts(files):
    base = Path(tempfile.mkdtemp(prefix="ctimod-prop-deep-"))
    try:
        (base / "adapter").mkdir()
        for index, file in enumerate(files):
            (base / "adapter" / f"f{index}.js").write_text(file["text"], "utf-8")
        proc = run_ctimod("convert", "adapter", "-o", "out", "--no-diffs", cwd=base, timeout=CLI_TIMEOUT)
        shown = cli_text(proc)
        assert proc.returncode == 0 and "Traceback" not in shown, shown[-3000:]
        for index, file in enumerate(files):
            finding = f"f{index}.js: nesting deeper than {MAX_DEPTH} at line {file['line']}: not analysed"
            assert (finding in shown) == file["deep"], shown[-3000:]
        assert _converted(base / "out") == sorted((f"f{index}.js", line, api) for index, file in enumerate(files)
                                                 for line, api in file["calls"])
    finally:
        shutil.rmtree(base)


def _markup_finding(tags: list[str], depth: int) -> str | None:
    """What the finding says of ``tags`` nested ``depth`` deep in a page: past MAX_MARKUP_DEPTH levels, or
    past what tree-sitter-html keeps of its open tags (one byte for an HTML element, two and the name else)."""
    from ctimod.parse import _KNOWN_TAGS, SCANNER_BYTES

    names = ["apex:page"] + [tags[i % len(tags)].lower() for i in range(depth - 1)]
    saved = 0
    for level, name in enumerate(names[:MAX_MARKUP_DEPTH + 1], 1):
        known = name.encode() in _KNOWN_TAGS
        saved += 1 if known else 2 + len(name)
        if level > MAX_MARKUP_DEPTH:
            return f"deeper than {MAX_MARKUP_DEPTH}"
        if saved > SCANNER_BYTES and not known:
            return f"{level} deep in tags such as <{name}>, more than the HTML parser keeps track of,"
    return None


@settings(**HOSTILE)
@given(st.booleans().flatmap(lambda deep: st.tuples(
    st.just(deep), st.integers(MAX_MARKUP_DEPTH + 1, 100_000) if deep else st.integers(1, MAX_MARKUP_DEPTH - 10))),
    st.lists(st.sampled_from(["div", "span", "section", "apex:outputPanel", "c:callControls"]), min_size=1,
             max_size=3),
    st.lists(st.sampled_from(CALLS), min_size=1, max_size=4))
def test_markup_nested_deep_is_a_finding_with_its_line_and_its_scripts_convert(deep_depth, tags, calls):
    deep, depth = deep_depth
    event("deep" if deep else "shallow")
    opening = "".join(f"<{tags[i % len(tags)]}>" for i in range(depth))
    closing = "".join(f"</{tags[i % len(tags)]}>" for i in reversed(range(depth)))
    inside = "".join(f"{c};\n" for c, _ in calls[:-1])
    page = (f"<apex:page>\n{opening}<script>\n{inside}</script>{closing}\n<script>\n{calls[-1][0]};\n</script>\n"
            "</apex:page>\n")
    base = Path(tempfile.mkdtemp(prefix="ctimod-prop-markup-"))
    try:
        (base / "adapter").mkdir()
        (base / "adapter" / "Phone.page").write_text(page, "utf-8")
        proc = run_ctimod("convert", "adapter", "-o", "out", "--no-diffs", cwd=base, timeout=CLI_TIMEOUT)
        shown = cli_text(proc)
        assert proc.returncode == 0 and "Traceback" not in shown, shown[-3000:]
        finding = _markup_finding(tags, depth + 1)  # (inside <apex:page>)
        event(f"finding: {finding.split(' in tags')[0] if finding else None}")
        assert (f"Phone.page: markup nested {finding} at line 2: its structure was not analysed" in shown
                if finding else "markup nested" not in shown), shown[-3000:]
        expected = [("Phone.page", 3 + n, api) for n, (_, api) in enumerate(calls[:-1])]
        expected.append(("Phone.page", 4 + len(calls), calls[-1][1]))  # after </script>, <script>
        assert _converted(base / "out") == sorted(expected)
    finally:
        shutil.rmtree(base)


@st.composite
def many_calls(draw) -> dict:
    """Up to a few hundred calls shaped as adapters hold them: a function each, one minified line, calls nested in
    calls, a page's script; over one to three files."""
    files = {}
    calls = []
    for index in range(draw(st.integers(1, 3))):
        shape = draw(st.sampled_from(["functions", "minified", "nested", "page"]))
        chosen = draw(st.lists(st.sampled_from(CALLS), min_size=1, max_size=150))
        if shape == "nested":  # sforce.opencti.screenPop( nested: every call an argument of the one around it
            chosen = [CALLS[0]] * len(chosen)
            body = "function pop() {\n    " + "sforce.opencti.screenPop(" * len(chosen) + \
                "{type: 'url', params: {url: '/x'}}" + ")" * len(chosen) + ";\n}\n"
            calls += [(f"f{index}.js", 2, api) for _, api in chosen]
        elif shape == "minified":
            body = "".join(f"function p{i}(r){{var t=r+{i};{c};return t}}" for i, (c, _) in enumerate(chosen)) + "\n"
            calls += [(f"f{index}.js", 1, api) for _, api in chosen]
        elif shape == "functions":
            body = "".join(f"function p{i}(r) {{ {c}; return r; }}\n" for i, (c, _) in enumerate(chosen))
            calls += [(f"f{index}.js", 1 + i, api) for i, (_, api) in enumerate(chosen)]
        else:
            body = "<apex:page>\n<script>\n" + "".join(f"{c};\n" for c, _ in chosen) + "</script>\n</apex:page>\n"
            calls += [(f"f{index}.page", 3 + i, api) for i, (_, api) in enumerate(chosen)]
        files[f"f{index}.page" if shape == "page" else f"f{index}.js"] = body
        event(f"shape {shape}")
    limit = draw(st.one_of(st.none(), st.integers(1, len(calls) + 5)))
    return {"files": files, "calls": sorted(calls), "limit": limit}


@settings(**dict(HOSTILE, max_examples=8 * SCALE))
@given(many_calls())
def test_every_call_is_converted_at_its_line_or_the_call_limit_is_named(adapter):
    base = Path(tempfile.mkdtemp(prefix="ctimod-prop-many-"))
    try:
        (base / "adapter").mkdir()
        for name, body in adapter["files"].items():
            (base / "adapter" / name).write_text(body, "utf-8")
        limit = adapter["limit"]
        proc = run_ctimod("convert", "adapter", "-o", "out", "--no-diffs", "--merge",
                          *(["--max-calls", str(limit)] if limit else []), cwd=base, timeout=CLI_TIMEOUT)
        shown = cli_text(proc)
        assert "Traceback" not in shown, shown[-3000:]
        count = len(adapter["calls"])
        if limit is not None and count > limit:
            event("over the call limit")
            assert proc.returncode == 2, shown[-3000:]
            assert f"{count:,} Open CTI calls, over the limit of {limit:,} that one conversion plans" in shown
            assert not (base / "out").exists()
            return
        assert proc.returncode == 0, shown[-3000:]
        assert _converted(base / "out") == adapter["calls"]
    finally:
        shutil.rmtree(base)


# Redaction's quick test (a line without what any secret pattern needs is returned as it is) never lets a secret
# through: on lines made of secrets, near-secrets and code, redact() masks exactly what the full substitutions mask.
SECRET_PARTS = ["var apiKey = 'sk_live_abcdefghijklmnop1234';", "token: \"AbCdEf1234567890GhIjKlMnOp\"",
                "AKIAABCDEFGHIJKLMNOP", "eyJhbGciOiJIUzI1.eyJzdWIiOiIxMjM0.SflKxwRJSMeKKF2QT4", "API-KEY: 'abcdefgh12'",
                "Bearer abcdefghijKLMNOPQRST0123456789", "ACabcdef0123456789abcdef0123456789", "ApI_kEy='aaaaaaaa1'",
                "'Zx9Qw2Er7Ty4Ui1Op3As5Df6Gh8Jk'", "password = 'hunter2hunter2'", "`qW3eR5tY7uI9oP1aS3dF5gH7jK9l`",
                "pwd=\"Abc123Def456Ghi\"", "ſecret = 'abcdefgh1234'", "credentıal='Zx9Qw2Er7Ty4'", "x = 1;", " ", "'",
                "sforce.opencti.screenPop({type: 'url', params: {url: '/x'}});"]


@settings(max_examples=300 * SCALE, **PROFILE)
@given(st.lists(st.one_of(st.sampled_from(SECRET_PARTS), st.text(max_size=6)), max_size=10).map("".join))
def test_redaction_masks_what_the_full_substitutions_mask(line):
    from ctimod.assess import _redact, redact

    assert redact(line) == _redact(line)
