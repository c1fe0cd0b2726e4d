"""Bad input: every file gets a clear diagnostic, no traceback, and one bad file never stops the run."""

from __future__ import annotations

import os

import pytest

from ctimod.discover import Candidate
from ctimod.load import load

from .conftest import run_cli

GOOD = "sforce.opencti.refreshView();\n"


def _by_path(result):
    return {f.path: f for f in result.files}


def _codes(report):
    return [d.code for d in report.diagnostics]


def test_binary_file_with_a_js_name(scan_tree):
    files = _by_path(scan_tree({"blob.js": bytes(range(256)) * 40, "ok.js": GOOD}))
    assert files["blob.js"].status == "skipped" and "binary" in _codes(files["blob.js"])
    assert files["ok.js"].status == "analysed"


def test_nul_bytes_inside_a_text_file(scan_tree):
    text = b"var a = 1;\n" * 2000 + b"\x00\x00" + b"\nsforce.opencti.refreshView();\n"
    report = _by_path(scan_tree({"nul.js": text}))["nul.js"]
    assert "nul-bytes" in _codes(report)
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_files_are_decoded_with_a_warning(scan_tree, encoding):
    report = _by_path(scan_tree({"wide.js": ("// é\n" + GOOD).encode(encoding)}))["wide.js"]
    assert "non-utf8" in _codes(report)
    assert [(u.api, u.line) for u in report.calls] == [("sforce.opencti.refreshView", 2)]


def test_latin1_file_is_decoded_with_a_warning(scan_tree):
    report = _by_path(scan_tree({"latin.js": "// Société Générale\n".encode("latin-1") + GOOD.encode()}))["latin.js"]
    (warning,) = [d for d in report.diagnostics if d.code == "non-utf8"]
    assert "line 1" in warning.message
    assert report.calls[0].line == 2


def test_empty_and_whitespace_files(scan_tree):
    files = _by_path(scan_tree({"empty.js": "", "blank.page": "  \n\n"}))
    assert _codes(files["empty.js"]) == ["empty"] and _codes(files["blank.page"]) == ["empty"]


def test_oversized_file_is_reported_with_its_mentions(scan_tree):
    big = ("x" * 100 + "\n") * 2000 + "sforce.opencti.screenPop({});"
    report = _by_path(scan_tree({"big.js": big}, max_file_size=100_000))["big.js"]
    assert report.status == "skipped" and "too-large" in _codes(report)
    assert report.unanalysed_mentions == 1
    assert "--max-file-size" in report.diagnostics[0].message


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.js"
    path.write_text(GOOD)
    real_open = open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", deny)
    report = load(Candidate(str(path), "locked.js"))
    assert report.status == "unreadable"
    assert report.diagnostics[0].message == "cannot read file: Permission denied"


def test_syntax_errors_count_the_mentions_that_could_not_be_analysed(scan_tree):
    text = "sforce.opencti.refreshView();\nvar x = 'unterminated sforce.opencti.screenPop(\n"
    report = _by_path(scan_tree({"broken.js": text}))["broken.js"]
    assert report.status == "partial"
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]
    (diag,) = [d for d in report.diagnostics if d.code == "syntax-error"]
    assert diag.line == 2
    assert report.unanalysed_mentions == 1
    assert "1 mention(s) of sforce.opencti/interaction inside code that could not be analysed" in diag.message


def test_unterminated_template_literal_swallows_the_rest(scan_tree):
    text = "sforce.opencti.refreshView();\nvar t = `never closed\nsforce.opencti.screenPop({});\n"
    report = _by_path(scan_tree({"tpl.js": text}))["tpl.js"]
    assert report.status == "partial"
    assert report.calls[0].api == "sforce.opencti.refreshView"
    # The call after the broken literal is either recovered by the parser or counted as unanalysed.
    assert len(report.calls) + report.unanalysed_mentions == 2


def test_deep_nesting_does_not_crash(scan_tree):
    text = "var a = " + "[" * 10000 + "]" * 10000 + ";\n" + "(" * 5000 + "sforce.opencti.refreshView()" + ")" * 5000
    report = _by_path(scan_tree({"deep.js": text}))["deep.js"]
    assert report.status in ("analysed", "partial")
    assert [u.api for u in report.calls] == ["sforce.opencti.refreshView"]


def test_unsupported_language_is_listed_with_its_mention_count(scan_tree):
    cljs = '(ns phone.core)\n(.screenPop js/sforce.opencti (clj->js {}))\n(js/sforce.interaction.saveLog "T" q)\n'
    files = _by_path(scan_tree({"core.cljs": cljs, "util.cljs": "(ns util)"}))
    assert files["core.cljs"].status == "unsupported" and files["core.cljs"].unanalysed_mentions == 2
    assert files["util.cljs"].status == "no-open-cti"


def test_symlink_loop_and_broken_link(scan_tree, tmp_path):
    (tmp_path / "src").mkdir()
    os.symlink("..", tmp_path / "src" / "loop")
    os.symlink("missing.js", tmp_path / "dangling.js")
    files = _by_path(scan_tree({"src/a.js": GOOD}))
    assert files["src/a.js"].status == "analysed"
    assert "symlink-loop" in _codes(files["src/loop"])
    assert "broken-symlink" in _codes(files["dangling.js"])


def test_hostile_file_names(scan_tree):
    names = ["with space.js", "ünïcödé.js", "semi;colon$(rm -rf x)`.js", "quote'\"<tag>.js"]
    files = _by_path(scan_tree({n: GOOD for n in names}))
    for name in names:
        assert files[name].status == "analysed", name


def test_call_center_bombs_do_not_stop_the_scan(scan_tree):
    bomb = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            '<callCenter><section name="s"><item name="i">&b;</item></section></callCenter>')
    files = _by_path(scan_tree({"bomb.xml": bomb, "ok.js": GOOD}))
    assert files["bomb.xml"].status == "unreadable" and _codes(files["bomb.xml"])[-1] == "unsafe-xml"
    assert files["ok.js"].status == "analysed"


def test_no_traceback_reaches_the_user_for_a_tree_of_bad_files(tmp_path):
    (tmp_path / "a.js").write_bytes(b"\xff\xfe\x00garbage\x00" * 100)
    (tmp_path / "b.page").write_text("<apex:page><script>sforce.opencti.", encoding="utf-8")
    (tmp_path / "c.xml").write_text("<callCenter><oops", encoding="utf-8")
    (tmp_path / "d.resource").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    for fmt in ("table", "json", "sarif", "markdown"):
        proc = run_cli("scan", str(tmp_path), "--format", fmt)
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout


# ---------------------------------------------------------------------------------------------------------------
# One tree holding every named hostile case, scanned through the CLI as a user would: exit 0, no traceback, and
# every file accounted for with the diagnostic a user can act on.

def _hostile_tree(root):
    root.mkdir(exist_ok=True)
    chunk = b"function f(a,b){var i=0,n=a.length;for(;i<n;i++)if(a[i]===b)return i;return -1};"
    minified = (b"!function(){var o=window.sforce.opencti;o.screenPop({type:o.SCREENPOP_TYPE.SOBJECT,params:"
                b"{recordId:r}});" + chunk * (20 * 1024 * 1024 // len(chunk) + 1) + b"}();")
    files = {
        "binary.js": bytes(range(256)) * 40,
        "nul.js": b"var a = 1;\n" * 2000 + b"\x00\x00\nsforce.opencti.refreshView();\n",
        "utf16.js": ("// é\n" + GOOD).encode("utf-16"),
        "latin1.js": "// Société\n".encode("latin-1") + GOOD.encode(),
        "minified-20mb.js": minified,
        "deep.js": ("var a = " + "[" * 10000 + "]" * 10000 + ";\n" + GOOD).encode(),
        "template.js": ("sforce.opencti.refreshView();\nvar t = `never closed\nsforce.opencti.screenPop({});\n"
                        ).encode(),
        "unclosed.page": b"<apex:page><script>\nsforce.opencti.refreshView();\nvar x = 1;\n",
        "laughs-callcenter.xml": (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><callCenter><section name="s"><item name="i">&c;</item>'
            b'</section></callCenter>'),
        "external-callcenter.xml": (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><callCenter>'
            b'<section name="s"><item name="i">&e;</item></section></callCenter>'),
        "with space.js": GOOD.encode(),
        "ünïcödé.js": GOOD.encode(),
        "semi;colon$(rm -rf x)`.js": GOOD.encode(),
        "quote'\"<tag>\nnewline.js": GOOD.encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "loop")
    os.symlink("nowhere.js", root / "dangling.js")
    os.mkfifo(root / "pipe.js")
    if os.path.exists("/proc/self/mem"):
        os.symlink("/proc/self/mem", root / "unreadable.js")  # fails to read even for root (EIO)
    return files


def test_a_tree_of_every_hostile_case_is_scanned_with_a_diagnostic_for_each(tmp_path):
    import json

    _hostile_tree(tmp_path / "tree")
    proc = run_cli("scan", "tree", "--format", "json", "-o", "inventory.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    files = {f["path"]: f for f in json.loads((tmp_path / "inventory.json").read_text("utf-8"))["files"]}

    def codes(name):
        return [d["code"] for d in files[f"tree/{name}"]["diagnostics"]]

    assert files["tree/binary.js"]["status"] == "skipped" and "binary" in codes("binary.js")
    assert "nul-bytes" in codes("nul.js") and [u["api"] for u in files["tree/nul.js"]["uses"]] == [
        "sforce.opencti.refreshView"]
    assert "non-utf8" in codes("utf16.js") and files["tree/utf16.js"]["uses"][0]["line"] == 2
    assert "non-utf8" in codes("latin1.js") and files["tree/latin1.js"]["uses"][0]["line"] == 2
    big = files["tree/minified-20mb.js"]
    assert big["status"] == "skipped" and codes("minified-20mb.js") == ["too-large"]
    assert big["unanalysed_mentions"] == 1 and "--max-file-size" in big["diagnostics"][0]["message"]
    assert [u["api"] for u in files["tree/deep.js"]["uses"]] == ["sforce.opencti.refreshView"]
    assert files["tree/template.js"]["status"] == "partial" and "syntax-error" in codes("template.js")
    assert "unclosed-script" in codes("unclosed.page")
    assert files["tree/unclosed.page"]["uses"][0]["api"] == "sforce.opencti.refreshView"
    for bomb in ("laughs-callcenter.xml", "external-callcenter.xml"):
        assert files[f"tree/{bomb}"]["status"] == "unreadable" and codes(bomb)[-1] == "unsafe-xml", bomb
    # A newline in a name is shown escaped (file names never carry control characters into a report).
    for name in ("with space.js", "ünïcödé.js", "semi;colon$(rm -rf x)`.js", "quote'\"<tag>\\nnewline.js"):
        assert files[f"tree/{name}"]["status"] == "analysed", name
    assert "symlink-loop" in codes("sub/loop") and "broken-symlink" in codes("dangling.js")
    assert files["tree/pipe.js"]["status"] == "skipped" and codes("pipe.js") == ["not-a-file"]
    if os.path.exists("/proc/self/mem"):
        # A link out of the tree is not followed unless asked to; followed, the file cannot be read.
        assert files["tree/unreadable.js"]["status"] == "skipped"
        assert codes("unreadable.js") == ["link-outside-root"]
        proc = run_cli("scan", "tree", "--format", "json", "--follow-links", "-o", "followed.json", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        followed = {f["path"]: f for f in json.loads((tmp_path / "followed.json").read_text("utf-8"))["files"]}
        assert followed["tree/unreadable.js"]["status"] == "unreadable"
        assert followed["tree/unreadable.js"]["diagnostics"][0]["message"].startswith("cannot read file:")
    # The table format (the default) survives the same tree.
    table = run_cli("scan", "tree", "--no-progress", cwd=tmp_path)
    assert table.returncode == 0 and "Traceback" not in table.stdout + table.stderr
    assert "minified-20mb.js" in table.stdout


def test_a_file_that_grows_while_it_is_read_is_not_half_analysed(tmp_path, monkeypatch):
    path = tmp_path / "growing.js"
    path.write_text(GOOD)
    real_stat = os.stat

    def shrunk(target, *args, **kwargs):
        result = real_stat(target, *args, **kwargs)
        if str(target) == str(path):  # measured small, then read big
            return os.stat_result((result.st_mode, result.st_ino, result.st_dev, result.st_nlink, result.st_uid,
                                   result.st_gid, 10, result.st_atime, result.st_mtime, result.st_ctime))
        return result

    path.write_text(GOOD * 100)
    monkeypatch.setattr(os, "stat", shrunk)
    report = load(Candidate(str(path), "growing.js"), max_size=200)
    assert report.status == "skipped" and report.diagnostics[0].code == "too-large"
    assert "grew" in report.diagnostics[0].message


@pytest.mark.parametrize(("encoding", "name"), [("ISO-8859-1", "Acmé"), ("Shift_JIS", "Acme 電話"),
                                              ("UTF-16", "Acmé 電話")])
def test_a_call_center_in_the_encoding_it_declares_keeps_its_text_through_convert(tmp_path, encoding, name):
    """A call center that is not UTF-8, as its XML declaration says: the file was decoded by the UTF-8-or-cp1252
    guess (or by its UTF-16 byte order mark) and the XML parser then read that UTF-8 in the declared encoding: the
    contact center's display name came out as 'AcmÃ© (Voice)' or 'Acme 窶彭ﾋ彙 (Voice)', or the UTF-16 file was
    'not well formed: encoding specified in XML declaration is incorrect' (defaults used)."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "Phone.xml").write_bytes(
        (f'<?xml version="1.0" encoding="{encoding}"?>\n<callCenter><section sortOrder="0" name="reqGeneralInfo" '
         'label="General"><item sortOrder="0" name="reqInternalName" label="I">AcmePhone</item>'
         f'<item sortOrder="1" name="reqDisplayName" label="D">{name}</item>'
         '<item sortOrder="2" name="reqAdapterUrl" label="U">/apex/Phone</item></section></callCenter>\n'
         ).encode(encoding))
    (source / "phone.js").write_text(GOOD)
    convert = run_cli("convert", str(source), "-o", str(tmp_path / "out"))
    assert convert.returncode == 0 and "not converted" not in convert.stderr, convert.stderr
    (center,) = (tmp_path / "out" / "contact-center").glob("*.xml")
    assert f'name="reqDisplayName" label="Display Name">{name} (Voice)<' in center.read_text("utf-8")


def test_convert_names_why_a_call_center_was_not_used_not_a_note_before_it(tmp_path):
    """A call center holding a NUL byte is not well formed: convert's warning gave the first finding of the file,
    'contains 1 NUL byte(s); read as spaces', as the reason it was not converted."""
    source = tmp_path / "in"
    source.mkdir()
    (source / "Phone.xml").write_bytes(b'<?xml version="1.0"?>\n<callCenter><section name="reqGeneralInfo">'
                                       b'<item name="reqAdapterUrl">/apex/Ph\x00one</item></section></callCenter>\n')
    (source / "phone.js").write_text(GOOD)
    convert = run_cli("convert", str(source), "-o", str(tmp_path / "out"))
    assert convert.returncode == 0, convert.stderr
    assert "warning: not converted: Phone.xml: call center XML is not well formed: not well-formed (invalid token): " \
           "line 2" in convert.stderr, convert.stderr


def test_a_call_center_declaring_an_unknown_encoding_is_a_finding_in_scan_and_convert(tmp_path):
    # A typo in the XML declaration (encoding="TF-8") was an internal error that stopped convert (exit 3).
    source = tmp_path / "in"
    source.mkdir()
    (source / "Phone.callCenter").write_bytes(
        b'<?xml version="1.0" encoding="TF-8"?>\n<callCenter><section name="reqGeneralInfo">'
        b'<item name="reqAdapterUrl">/apex/Phone</item></section></callCenter>\n')
    (source / "phone.js").write_text(GOOD)
    said = "call center XML cannot be read: it declares the encoding 'TF-8', which does not exist"
    scan = run_cli("scan", str(source), "--no-progress")
    assert scan.returncode == 0 and said in scan.stdout and "internal error" not in scan.stdout + scan.stderr
    convert = run_cli("convert", str(source), "-o", str(tmp_path / "out"))
    assert "internal error" not in convert.stdout + convert.stderr and "Traceback" not in convert.stderr
    assert convert.returncode in (0, 1), convert.stderr
    assert said in (tmp_path / "out" / "MIGRATION.md").read_text()


def test_comment_openers_that_never_close_stop_the_parse_with_a_finding(tmp_path):
    """Hostile input: `cti/*` 10,000 times after a screenPop took 6.3 s of tree-sitter-javascript's lexer, which
    reads from each `/*` that never closes to the end of the file (quadratic: the parser, not ctimod). The parse
    now reads at most REREAD times the file (at least REREAD_FLOOR bytes), counted in the chunks it asks for;
    stopped, the file is listed as not analysed with its mention counted, in scan and in convert. Ordinary files
    parse to the same tree as before."""
    import json

    from ctimod import parse

    from .conftest import ROOT
    from .test_hostile_trees import ctimod, text

    head = b"function pop() { sforce.opencti.screenPop({type: 'url', params: {url: '/x'}}); }\n"
    data = head + b"cti/*" * 10_000
    read = []
    real = parse.parser

    class Counting:
        def __init__(self, language):
            self.parser = real(language)

        def parse(self, source, **options):
            # py-tree-sitter 0.25.0 to 0.26.0 (pyproject allows them) crash (a segmentation fault) on a parse
            # given a read callback and a progress_callback: every JavaScript file was "the parser crashed"
            assert "progress_callback" not in options
            def counted(offset, point):
                chunk = source(offset, point)
                read.append(len(chunk))
                return chunk
            return self.parser.parse(counted, **options)

        def reset(self):
            self.parser.reset()

    parse.parser, saved = Counting, parse.parser
    try:
        assert parse.parse_bounded("javascript", data) is None
        assert sum(read) <= parse.REREAD_FLOOR + 64 * parse.READ_CHUNK  # (unbounded: about 250 MB)
        read.clear()
        for corpus_file in sorted((ROOT / "corpus").rglob("*.js"))[:12]:
            text_bytes = corpus_file.read_bytes()
            assert str(parse.parse_bounded("javascript", text_bytes).root_node) == \
                str(real("javascript").parse(text_bytes).root_node), corpus_file
    finally:
        parse.parser = saved
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.js").write_bytes(data)
    proc = ctimod("scan", "a", "--format", "json", "--no-progress", cwd=tmp_path)
    assert proc.returncode == 0, text(proc)
    (entry,) = json.loads(proc.stdout)["files"]
    assert entry["status"] == "skipped" and entry["unanalysed_mentions"] == 1
    assert [d["code"] for d in entry["diagnostics"]] == ["parse-stopped"]
    proc = ctimod("convert", "a", "-o", "out", "--no-diffs", cwd=tmp_path)
    assert proc.returncode == 2
    assert ("files that could not be used: a.js: the JavaScript parser read this file more than 16 times over and "
            "was stopped (it reads from each comment opener '/*' that never closes to the end of the file: "
            "quadratic); not analysed (1 raw mention(s) of sforce.opencti/interaction)") in text(proc)
