"""Code carried from the legacy adapter against the lint rules (issue 12 item 5).

What a user sees: carried code rewritten where the rewrite provably keeps its meaning, otherwise a
scoped `// eslint-disable-next-line RULE -- TODO(ctimod): ...` right above the line (never a file-wide
disable), and every one of them listed in MIGRATION.md, migration.json and report.html. The rewrites
are run against the legacy code in Node; the real ESLint and Code Analyzer find nothing left.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from ctimod.render.lint import LintNote, tidy_carried

from .conftest import run_cli
from .node_support import require_node

LEGACY = """var lastCount = 0;

function onIncoming(call) {
    var count = call.count;
    if (count == 0) {
        return;
    }
    if (!call.vip == !call.known) {
        lastCount = count;
    }
    if (call.number == null) {
        return;
    }
    if (typeof call.id == 'string') {
        lastCount += 1;
    }
    var minutes = parseInt(Date.now() / 60000);
    var extension = parseInt(call.extension);
    try {
        minutes += JSON.parse(call.data).minutes;
    } catch (e) {
        minutes = 0;
    }
    switch (call.kind) {
        case 'a':
            lastCount = 1;
            break;
        case 'b':
            lastCount = 2;
            break;
    }
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.URL,
                               params: { url: '/' + call.id + '?m=' + minutes + '&x=' + extension } });
}

window.vendorPhone.on('incoming', onIncoming);
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    root = tmp_path_factory.mktemp("carried-lint")
    (root / "src").mkdir()
    (root / "src" / "softphone.js").write_text(LEGACY, encoding="utf-8")
    proc = run_cli("convert", str(root / "src"), "-o", str(root / "out"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root / "out"


def lwc_lines(bundle):
    return (bundle / "force-app/main/default/lwc/src/src.js").read_text(encoding="utf-8").split("\n")


def line_of(lines, text):
    found = [i for i, line in enumerate(lines) if text in line]
    assert len(found) == 1, (text, found)
    return found[0]


def test_what_cannot_be_rewritten_gets_a_scoped_disable_with_a_todo_right_above_it(bundle):
    lines = lwc_lines(bundle)
    # `count` may be the string '0': `===` would change what the legacy code did, so it stays and is marked
    at = line_of(lines, "if (count == 0) {")
    assert lines[at - 1].strip().startswith("// eslint-disable-next-line eqeqeq -- TODO(ctimod): `==` converts types")
    # parseInt of text: '0x1A' reads as hexadecimal without a radix, so no radix is invented
    at = line_of(lines, "var extension = parseInt(call.extension);")
    assert lines[at - 1].strip().startswith("// eslint-disable-next-line radix -- TODO(ctimod): parseInt without a radix")
    text = "\n".join(lines)
    assert "/* eslint-disable" not in text and "eslint-disable " not in text.replace("eslint-disable-next-line ", "")


def test_what_keeps_its_meaning_is_rewritten(bundle):
    text = "\n".join(lwc_lines(bundle))
    assert "if (!call.vip === !call.known) {" in text  # both sides are booleans
    assert "var minutes = parseInt(Date.now() / 60000, 10);" in text  # a number's text is never hexadecimal
    assert "} catch {" in text  # the caught error was never read
    assert re.search(r"break;\n\s+default: // ctimod: other values do nothing, as in the legacy code\n\s+break;\n\s+}",
                     text)
    # what eqeqeq's "smart" option allows stays as the legacy author wrote it
    assert "if (call.number == null) {" in text and "if (typeof call.id == 'string') {" in text


def test_every_rewrite_and_every_todo_is_in_the_report(bundle):
    lines = lwc_lines(bundle)
    document = json.loads((bundle / "migration.json").read_text(encoding="utf-8"))
    lint = {(row["rule"], row["action"]): row for row in document["lint"]
            if row["file"] == "force-app/main/default/lwc/src/src.js"}
    assert set(lint) == {("eqeqeq", "todo"), ("eqeqeq", "rewritten"), ("radix", "todo"), ("radix", "rewritten"),
                         ("no-unused-vars", "rewritten"), ("default-case", "rewritten"), ("no-unused-vars", "todo")}
    assert "count == 0" in lines[lint[("eqeqeq", "todo")]["line"] - 1]
    assert "parseInt(call.extension)" in lines[lint[("radix", "todo")]["line"] - 1]
    assert "parseInt(Date.now() / 60000, 10)" in lines[lint[("radix", "rewritten")]["line"] - 1]
    assert "catch {" in lines[lint[("no-unused-vars", "rewritten")]["line"] - 1]
    # lastCount is the moved handler's own state (nothing else uses it), carried with it: written, never read
    state = lint.pop(("no-unused-vars", "todo"))
    assert lines[state["line"] - 1] == "var lastCount = 0;" and state["legacy"] == "softphone.js:1"
    assert all(row["legacy"] == "softphone.js:3" for row in lint.values())
    assert document["summary"]["lint_todos"] == 3
    markdown = (bundle / "MIGRATION.md").read_text(encoding="utf-8")
    section = markdown.split("## Carried legacy code and the lint rules")[1].split("\n## ")[0]
    row = lint[("radix", "todo")]
    assert (f"| force-app/main/default/lwc/src/src.js:{row['line']} | `radix` | scoped `eslint-disable-next-line` + "
            "TODO(ctimod) | parseInt without a radix") in section
    row = lint[("radix", "rewritten")]
    assert (f"| force-app/main/default/lwc/src/src.js:{row['line']} | `radix` | rewritten, same meaning | "
            "`parseInt(Date.now() / 60000)` becomes `parseInt(Date.now() / 60000, 10)`") in section
    html = (bundle / "report.html").read_text(encoding="utf-8")
    table = html.split('id="lint"')[1].split("</table>")[0]
    assert table.count('data-action="todo"') == 3 and table.count('data-action="rewritten"') == 4
    assert "<code>eqeqeq</code>" in table


@pytest.mark.node
def test_the_real_eslint_finds_nothing_left_in_carried_code(bundle):
    require_node()
    from ctimod.verify import verify

    report = verify(str(bundle), groups=("lwc",))
    lint = [r for r in report.results if r.check == "lwc-eslint"]
    assert [(r.result, r.message, r.details) for r in lint] == [("passed", "", [])]


# ------------------------------------------------------------------ the rewrites keep the meaning
CASES = {  # a carried function per rewrite; Node runs the legacy and the rewritten one on every input
    "radix_number": "function f(a) { return parseInt(+a); }",
    "radix_math": "function f(a) { return parseInt(Math.floor(a)) + parseInt(-5); }",
    "radix_literal": "function f(a) { return [parseInt('0012') + parseInt(' -7'), a]; }",
    "eqeqeq_booleans": "function f(a, b) { return [!a == !b, (a < b) != (b < a)]; }",
    "eqeqeq_strings": "function f(a, b) { return ('x' + a) == ('x' + b); }",
    "void_zero": "function f(a) { var r = [void 0, a]; return r; }",
    "void_statement": "function f(a) { var n = 0; void (n = a); return n; }",
    "let_void": "function f(a) { const out = [a]; for (const x of [1, 2]) { let v = void 0; out.push(v); v = x; } return out; }",
    "unused_catch": "function f(a) { try { return JSON.parse(a); } catch (e) { return 'bad'; } }",
    "default_case": "function f(a) { var r = 'none'; switch (a) { case 1: r = 'one'; break; case '1': return 'text'; }\n"
                    "  return r; }",
    "redeclared": "function f(a) { var r = 1; if (a) { var r = 2; } for (var i = 0; i < 2; i++) { var r = r + i; }\n"
                  "  return r; }",
    "redeclared_loop": "function f(a) { var out = []; var k = 'before'; for (var k in [a, a]) { out.push(k); }\n"
                       "  for (var j of [1, 2]) { out.push(j); } for (var j of [3]) { out.push(j); } return [out, k, j]; }",
    "eqeqeq_template": "function f(a) { return [`x${a}` == 'x1', `y` != a + '', `0` == `${a}`]; }",
}
INPUTS = ["0x1A", " 0x10", "010", "12abc", "", "1e3", 5, -3.7, 1e21, 0, -0, None, True, False, [], {}, "x", 1, "1"]


def carried_module(body: str) -> str:
    return f"// ctimod: carried from legacy.js:1\n{body}\nexport default f;\n"


@pytest.mark.node
def test_rewrites_keep_the_meaning_when_run():
    node = require_node()
    pairs, rewritten = {}, set()
    for name, body in CASES.items():
        notes: list[LintNote] = []
        module, _ = tidy_carried("force-app/main/default/lwc/x/x.js", "lwc", carried_module(body), notes)
        assert any(n.action == "rewritten" for n in notes), (name, notes)
        assert all(n.action == "rewritten" for n in notes), (name, notes)  # nothing left to mark
        assert module != carried_module(body)
        rewritten.add(name)
        pairs[name] = [body, module.split("\n", 1)[1].rsplit("export default f;", 1)[0]]
    script = ("const pairs = " + json.dumps(pairs) + "; const inputs = " + json.dumps(INPUTS) + ";\n"
              "const out = {};\n"
              "const run = (src, a, b) => { const f = new Function(src + '\\nreturn f;')();"
              " try { return JSON.stringify(f(a, b)); } catch (e) { return 'throws ' + e.constructor.name; } };\n"
              "for (const [name, [legacy, now]] of Object.entries(pairs)) {\n"
              "  out[name] = [];\n"
              "  for (const a of inputs) for (const b of [inputs[0], inputs[6], inputs[11]]) {\n"
              "    const x = run(legacy, a, b), y = run(now, a, b); if (x !== y) out[name].push([a, b, x, y]); } }\n"
              "console.log(JSON.stringify(out));\n")
    proc = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    differences = json.loads(proc.stdout)
    assert differences == {name: [] for name in CASES}


@pytest.mark.parametrize("body, rule", [
    ("function f(a, b) { return a == b; }", "eqeqeq"),  # unknown types: 0 == '0'
    ("function f(a) { return a.length == 0; }", "eqeqeq"),  # a.length may be anything
    ("function f(a) { return parseInt(a); }", "radix"),  # '0x1A' is 26 without a radix, 0 with 10
    ("function f(a) { return parseInt(a.length); }", "radix"),  # not provably a number
    ("function f(a) { return parseInt(a * 2); }", "radix"),  # a BigInt times 2 ... is not a number
    ("function f(a) { for (;;) { var v = void 0; if (a(v)) { return v; } v = 1; } }", "no-void"),  # var in a loop
    ("function f(a) { switch (a) { case 1: a = 2; } return a; }", "default-case"),  # falls through to the end
    ("function f() { var n = 0, n = 1; return n; }", "no-redeclare"),  # two declarators: not rewritten
    ("function f(o, k) { return o.hasOwnProperty(k); }", "no-prototype-builtins"),  # o may shadow it
])
def test_what_would_change_meaning_is_not_rewritten_but_marked(body, rule):
    notes: list[LintNote] = []
    module, moved = tidy_carried("force-app/main/default/lwc/x/x.js", "lwc", carried_module(body), notes)
    assert [(n.rule, n.action) for n in notes] == [(rule, "todo")]
    lines = module.split("\n")
    assert lines[1].startswith(f"// eslint-disable-next-line {rule} -- TODO(ctimod): ") and lines[2] == body.split("\n")[0]
    assert notes[0].line == 3 and moved(2) == 3


def test_code_ctimod_wrote_and_code_that_is_not_carried_are_left_alone():
    module = ("function mine(a) { return a == 1 ? parseInt(a) : 0; }\n"
              "// ctimod: carried from legacy.js:4\n"
              "function legacy(a) { return ctimodRespond(parseInt(a /* ctimod: was x */)); }\n"
              "export default legacy;\n")
    notes: list[LintNote] = []
    assert tidy_carried("connector/src/connector.js", "lwc", module, notes)[0] == module and notes == []


def test_a_line_that_starts_inside_a_template_literal_is_listed_not_marked():
    body = "function f(o) {\n    return `a\n${o.hasOwnProperty('k')}`;\n}"
    notes: list[LintNote] = []
    module, _ = tidy_carried("connector/src/connector.js", "connector", carried_module(body), notes)
    assert module == carried_module(body)  # a comment there would become part of the string
    assert [(n.rule, n.action, n.line) for n in notes] == [("no-prototype-builtins", "listed", 4)]
    assert "not marked in the code" in notes[0].note


def test_a_directive_already_above_the_line_is_extended_not_stacked():
    body = ("function f(el, o) {\n"
            "    // eslint-disable-next-line @lwc/lwc/no-inner-html -- TODO(ctimod): innerHTML is blocked\n"
            "    el.innerHTML = o.hasOwnProperty('k');\n}")
    notes: list[LintNote] = []
    module, moved = tidy_carried("force-app/main/default/lwc/x/x.js", "lwc", carried_module(body), notes)
    lines = module.split("\n")
    assert lines[2] == ("    // eslint-disable-next-line @lwc/lwc/no-inner-html, no-prototype-builtins -- TODO(ctimod): "
                        "innerHTML is blocked; calls hasOwnProperty on the object itself; "
                        "`Object.prototype.hasOwnProperty.call(object, ...)` is the safe form (it differs only for "
                        "objects that shadow hasOwnProperty or have no prototype)")
    assert lines[3] == "    el.innerHTML = o.hasOwnProperty('k');" and moved.inserts == []


SLOPPY_THIS = """\
function onIncoming(number) {
    this.lastNumber = number;
    this.count = (this.count || 0) + 1;
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.URL, params: { url: '/search?q=' + number } });
}
sforce.opencti.onClickToDial({ listener: function (payload) { CALL; } });
"""


def _carried_connector(tmp_path, legacy: str) -> tuple[str, list]:
    adapter = tmp_path / "phone"
    adapter.mkdir()
    (adapter / "phone.js").write_text(legacy, encoding="utf-8")
    proc = run_cli("convert", str(adapter), "-o", str(tmp_path / "out"), "--no-diffs")
    assert proc.returncode == 0, proc.stderr
    missing = json.loads((tmp_path / "out" / "migration.json").read_text())["free_names"]
    return (tmp_path / "out" / "connector" / "src" / "connector.js").read_text(), missing


def test_a_carried_function_reading_this_where_it_was_the_page_s_global_object_keeps_its_meaning(tmp_path):
    # Called on its own in a script without strict mode, the legacy function's `this` was the page's global object;
    # carried into the connector's module as written it would be undefined there (dial() threw a TypeError while its
    # row said converted). The connector's copy reads globalThis, and run both ways it leaves the same globals.
    node = require_node()
    connector, missing = _carried_connector(tmp_path, SLOPPY_THIS.replace("CALL", "onIncoming(payload.number)"))
    carried = re.search(r"\nfunction onIncoming\(number\) \{\n.*?\n\}\n", connector, re.S).group(0)
    assert "globalThis.lastNumber = number;" in carried and "this." not in carried.replace("globalThis.", "")
    assert ("// ctimod: `this` was the legacy page's global object in this function (called on its own, not in strict "
            "mode): globalThis\n// ctimod: carried from phone.js:1\nfunction onIncoming") in connector
    assert not [m for m in missing if m["name"] == "onIncoming"]
    legacy = SLOPPY_THIS.split("sforce.opencti.screenPop")[0] + "}\n"
    script = ("const vm = require('vm'); const fs = require('fs');\n"
              f"const legacy = vm.createContext({{}}); vm.runInContext({json.dumps(legacy)} + 'onIncoming(\"555\"); "
              "onIncoming(\"556\");', legacy);\n"
              f"const now = vm.createContext({{}}); vm.runInContext('\"use strict\";' + {json.dumps(carried)} + "
              "'onIncoming(\"555\"); onIncoming(\"556\");', now);\n"
              "console.log(JSON.stringify([[legacy.lastNumber, legacy.count], [now.lastNumber, now.count]]));\n")
    proc = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [["556", 2], ["556", 2]]


@pytest.mark.parametrize("call, strict, why", [
    ("setTimeout(onIncoming, 0, payload.number)", False,
     "onIncoming() reads `this`, which depends on how it is called, and the legacy code uses it otherwise than as "
     "onIncoming(...) (phone.js:7)"),
    ("onIncoming(payload.number)", True, "`this` in onIncoming() was undefined in the legacy code (strict mode)"),
])
def test_a_function_reading_this_that_cannot_keep_its_meaning_stays_behind_a_stand_in(tmp_path, call, strict, why):
    legacy = ("'use strict';\n" if strict else "//\n") + SLOPPY_THIS.replace("CALL", call)
    connector, missing = _carried_connector(tmp_path, legacy)
    assert "\nfunction onIncoming(number) {" not in connector
    (entry,) = [m for m in missing if m["name"] == "onIncoming" and m["home"] == "connector"]
    assert entry["note"] == f"`onIncoming` was defined in the legacy adapter (phone.js:2) and is not available here: {why}"
