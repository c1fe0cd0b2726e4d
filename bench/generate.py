"""A seeded synthetic corpus for the benchmark: Open CTI adapters mixed with ordinary code.

* adapters: JavaScript files and Visualforce pages that call Open CTI in every form the
  scanner handles (literal, window., optional chaining, aliases, this-members, getters,
  destructuring, AMD, Classic positional, console CTI), wrapped in a softphone's worth of logic;
* libraries and pages with no Open CTI at all (utility modules, UI widgets, HTML pages);
* a few megabyte-sized minified bundles, some with Open CTI and some without.

The same seed gives byte-identical files. Nothing here is copied from real adapters.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = ("agent call queue route record contact account lead case phone dial answer hold mute transfer "
         "status presence session token vendor bridge frame message event handler config settings log "
         "timer retry state store widget panel button label value item list map index count total").split()

LIGHTNING_CALLS = [
    "{api}.screenPop({{ type: {api}.SCREENPOP_TYPE.SOBJECT, params: {{ recordId: {id} }}, callback: {cb} }});",
    "{api}.screenPop({{ type: 'url', params: {{ url: '/apex/{word}?id=' + {id} }} }});",
    "{api}.searchAndScreenPop({{ searchParams: {num}, callType: {api}.CALL_TYPE.INBOUND, deferred: false, callback: {cb} }});",
    "{api}.saveLog({{ value: {{ entityApiName: 'Task', Subject: 'Call ' + {num}, CallDurationInSeconds: {n} }}, callback: {cb} }});",
    "{api}.runApex({{ apexClass: '{Word}Service', methodName: 'find{Word}', methodParams: 'phone=' + {num}, callback: {cb} }});",
    "{api}.onClickToDial({{ listener: function (payload) {{ vendor.dial(payload.number, payload.recordId); }} }});",
    "{api}.enableClickToDial({{ callback: {cb} }});",
    "{api}.refreshView();",
    "{api}.setSoftphonePanelVisibility({{ visible: true }});",
    "{api}.getCallCenterSettings({{ callback: function (r) {{ settings = r.returnValue; }} }});",
    "{api}.notifyInitializationComplete();",
    "{api}.getAppViewInfo({{ callback: {cb} }});",
]
CLASSIC_CALLS = [
    "sforce.interaction.screenPop('/' + {id}, true, {cb});",
    "sforce.interaction.cti.onClickToDial(function (r) {{ var d = JSON.parse(r.result); vendor.dial(d.number); }});",
    "sforce.interaction.saveLog('Task', 'Subject=Call&WhoId=' + {id}, {cb});",
    "sforce.interaction.runApex('{Word}Service', 'find', 'phone=' + {num}, {cb});",
    "sforce.interaction.cti.enableClickToDial({cb});",
    "sforce.interaction.setVisible(true, {cb});",
    "sforce.console.cti.setCallAttachedData({id}, JSON.stringify({{ ani: {num} }}), 'INBOUND', {cb});",
]
ALIASES = [
    ("var {alias} = window.sforce && window.sforce.opencti;", "{alias}"),
    ("const {alias} = window.sforce.opencti;", "{alias}"),
    ("const get{Alias} = () => window.sforce?.opencti;", "get{Alias}()"),
    ("this.{alias} = sforce.opencti;", "this.{alias}"),
    ("", "sforce.opencti"),
    ("", "window.sforce.opencti"),
    ("", "window?.sforce?.opencti"),
]


class Writer:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.declared: dict[str, set[str]] = {}  # indent (one scope each) -> the names declared in it

    def _declare(self, name: str, indent: str) -> str:
        """``name``, or ``name2``, ``name3`` ... where the scope at ``indent`` declares it already: a second
        ``const x`` (or a ``class x`` after ``var x``) in one scope is a syntax error (``node --check`` fails), so
        the carried legacy code would fail verify. Renaming draws nothing from the random stream: everything
        else generated stays as it was."""
        names = self.declared.setdefault(indent, set())
        unique, n = name, 2
        while unique in names:
            unique, n = f"{name}{n}", n + 1
        names.add(unique)
        return unique

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def name(self) -> str:
        first, second = self.word(), self.word()
        return first + second.capitalize()

    def filler(self, lines: int, indent: str = "    ") -> list[str]:
        """Ordinary code: the logic around the API, or a library with no Open CTI at all."""
        out = []
        while len(out) < lines:
            kind = self.rng.randrange(8)
            v, w = self.name(), self.name()
            if kind in (0, 1, 4, 5):
                v = self._declare(v, indent)
            elif kind == 2:
                v = self._declare(v.capitalize(), indent)
            if kind == 0:
                out += [f"{indent}function {v}({w}, options) {{",
                        f"{indent}    var result = [];",
                        f"{indent}    for (var i = 0; i < {w}.length; i++) {{",
                        f"{indent}        if ({w}[i] && {w}[i].{self.word()} !== undefined) {{ result.push({w}[i]); }}",
                        f"{indent}    }}",
                        f"{indent}    return options && options.sort ? result.sort() : result;",
                        f"{indent}}}"]
            elif kind == 1:
                out += [f"{indent}const {v} = {{ {self.word()}: {self.rng.randint(1, 999)}, "
                        f"{self.word()}: '{self.word()}-{self.rng.randint(1, 99)}', enabled: {str(self.rng.random() > 0.5).lower()} }};"]
            elif kind == 2:
                out += [f"{indent}class {v.capitalize()} {{",
                        f"{indent}    constructor({w}) {{ this.{w} = {w}; this.count = 0; }}",
                        f"{indent}    {self.word()}() {{ this.count += 1; return this.{w} + ':' + this.count; }}",
                        f"{indent}}}"]
            elif kind == 3:
                out += [f"{indent}// {self.word()} {self.word()}: keep the {self.word()} in sync with the {self.word()}"]
            elif kind == 4:
                out += [f"{indent}async function {v}(url) {{",
                        f"{indent}    const response = await fetch(url + '/{self.word()}', {{ method: 'POST' }});",
                        f"{indent}    if (!response.ok) {{ throw new Error('{self.word()} failed: ' + response.status); }}",
                        f"{indent}    return response.json();",
                        f"{indent}}}"]
            elif kind == 5:
                out += [f"{indent}var {v} = [{', '.join(str(self.rng.randint(0, 9999)) for _ in range(12))}];"]
            elif kind == 6:
                out += [f"{indent}document.addEventListener('{self.word()}', function (event) {{",
                        f"{indent}    var el = document.getElementById('{self.word()}-{self.word()}');",
                        f"{indent}    if (el) {{ el.textContent = String(event.detail || ''); }}",
                        f"{indent}}});"]
            else:
                out += [f"{indent}{v} = {w} ? {w}.map(function (x) {{ return x * {self.rng.randint(2, 9)}; }}) : [];"]
        return out

    def filler_line(self, indent: str) -> str:
        """One line of ordinary code (a statement that fits on a line)."""
        v, w = self.name(), self.name()
        kind = self.rng.randrange(4)
        if kind == 0:
            return (f"{indent}var {v} = {{ {self.word()}: {self.rng.randint(1, 999)}, "
                    f"{self.word()}: '{self.word()}-{self.rng.randint(1, 99)}' }};")
        if kind == 1:
            return f"{indent}// {self.word()} {self.word()}: keep the {self.word()} in sync with the {self.word()}"
        if kind == 2:
            return f"{indent}if (ctx.{w} && ctx.{w}.length > {self.rng.randint(1, 9)}) {{ settings.{v} = ctx.{w}.slice(1); }}"
        return f"{indent}ctx.{v} = ctx.{w} ? String(ctx.{w}).trim() : '{self.word()}';"

    def call(self, api: str) -> str:
        template = self.rng.choice(LIGHTNING_CALLS)
        return template.format(api=api, id=f"ctx.{self.word()}Id", num=f"ctx.{self.word()}Number",
                               n=self.rng.randint(10, 900), cb=f"on{self.name().capitalize()}", word=self.word(),
                               Word=self.word().capitalize())

    def adapter_js(self, calls: int) -> str:
        self.declared = {}
        alias_def, alias_use = self.rng.choice(ALIASES)
        alias = self.name()
        alias_def = alias_def.format(alias=alias, Alias=alias.capitalize())
        api = alias_use.format(alias=alias, Alias=alias.capitalize())
        lines = ["/* synthetic benchmark adapter (ctimod bench) */", "(function () {", "    'use strict';",
                 "    var settings = {};", "    var ctx = {};", "    var vendor = window.VendorPhone;"]
        if alias_def.startswith("this."):
            lines += ["    function Adapter() {", "        " + alias_def, "    }",
                      "    Adapter.prototype.handle = function (ctx) {"]
            body_indent = "        "
        else:
            if alias_def:
                lines.append("    " + alias_def)
            lines.append("    function handle(ctx) {")
            body_indent = "        "
        for _ in range(calls):
            lines += self.filler(self.rng.randint(3, 12), body_indent)
            if self.rng.random() < 0.8:
                lines.append(body_indent + self.call(api))
            else:
                template = self.rng.choice(CLASSIC_CALLS)
                lines.append(body_indent + template.format(
                    id=f"ctx.{self.word()}Id", num=f"ctx.{self.word()}Number", cb=f"on{self.name().capitalize()}",
                    Word=self.word().capitalize()))
        lines.append("    }" + (";" if alias_def.startswith("this.") else ""))
        lines += self.filler(self.rng.randint(40, 120))
        lines.append("})();")
        return "\n".join(lines) + "\n"

    def library_js(self, lines: int) -> str:
        self.declared = {}
        return "/* synthetic library (ctimod bench) */\n" + "\n".join(self.filler(lines, "")) + "\n"

    def page(self, with_api: bool) -> str:
        script = self.adapter_js(self.rng.randint(3, 8)) if with_api else self.library_js(self.rng.randint(30, 90))
        apex = "<apex:page controller=\"{0}Controller\">".format(self.name().capitalize()) if with_api else "<html>"
        close = "</apex:page>" if with_api else "</html>"
        loader = ('<apex:includeScript value="/support/api/45.0/lightning/opencti_min.js"/>\n' if with_api else "")
        return (f"{apex}\n{loader}<div id=\"{self.word()}\">{{!$User.FirstName}}</div>\n"
                f"<script type=\"text/javascript\">\n{script}</script>\n{close}\n")

    def minified(self, size: int, with_api: bool) -> str:
        parts = ["/* synthetic minified bundle (ctimod bench) */\n!function(){"]
        total = 0
        counter = 0
        while total < size:
            counter += 1
            if with_api and counter % 40 == 0:
                chunk = ("var o=window.sforce.opencti;o.screenPop({type:o.SCREENPOP_TYPE.SOBJECT,params:{recordId:"
                         f"r{counter}}}}});")
            else:
                a, b = f"a{counter % 97}", f"b{counter % 89}"
                chunk = (f"function f{counter}({a},{b}){{var i=0,n={a}.length;for(;i<n;i++)if({a}[i]==={b})return i;"
                         f"return -1}}var c{counter}=[{','.join(str(self.rng.randint(0, 999)) for _ in range(8))}];")
            parts.append(chunk)
            total += len(chunk)
        parts.append("}();\n")
        return "".join(parts)


    # --- call-dense legacy modules: a call every few lines ---------------------------------------
    def dense_module(self, calls: int) -> str:
        """A legacy module with a call every two to four lines: both families, literal and aliased."""
        alias, holder = self.name(), self.name()
        lines = ["/* synthetic call-dense legacy module (ctimod bench) */", "(function (global) {", "    'use strict';",
                 f"    var {alias} = global.sforce && global.sforce.opencti;",
                 "    var classic = sforce.interaction;",
                 f"    function get{alias.capitalize()}() {{ return window.sforce.opencti; }}",
                 f"    var {holder} = {{ api: sforce.opencti }};",
                 "    var ctx = {}, settings = {};"]
        receivers = [alias, "sforce.opencti", "window.sforce.opencti", f"get{alias.capitalize()}()",
                     f"{holder}.api", "this.cti"]
        lines.append(f"    function Handler{alias.capitalize()}() {{ this.cti = sforce.opencti; }}")
        lines.append(f"    Handler{alias.capitalize()}.prototype.run = function (ctx) {{")
        for index in range(calls):
            lines += [self.filler_line("        ") for _ in range(self.rng.randint(1, 3))]
            if self.rng.random() < 0.75:
                lines.append("        " + self.call(self.rng.choice(receivers)))
            else:
                template = self.rng.choice(CLASSIC_CALLS).replace("sforce.interaction.screenPop",
                                                                  "classic.screenPop")
                lines.append("        " + template.format(
                    id=f"ctx.{self.word()}Id", num=f"ctx.{self.word()}Number", cb=f"on{self.name().capitalize()}",
                    Word=self.word().capitalize()))
        lines.append("    };")
        lines.append(f"    global.Handler{alias.capitalize()} = Handler{alias.capitalize()};")
        lines.append("})(window);")
        return "\n".join(lines) + "\n"


def generate_call_dense(root: Path, seed: int = 2028, megabytes: int = 16) -> dict:
    """Legacy modules with Open CTI calls every few lines (replaced); returns {files, bytes, adapter_files}."""
    import shutil

    if root.exists():
        shutil.rmtree(root)
    writer = Writer(seed + 7)
    target = megabytes * 1024 * 1024
    written = {"files": 0, "bytes": 0, "adapter_files": 0}
    index = 0
    while written["bytes"] < target:
        index += 1
        # Mostly modules of 20-200 KB; every 40th a large one (about 1 MB).
        calls = writer.rng.randint(100, 900) if index % 40 else 4000
        data = writer.dense_module(calls).encode("utf-8")
        path = root / f"legacy-{index // 50:03d}" / f"{writer.name()}-{index}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written["files"] += 1
        written["adapter_files"] += 1
        written["bytes"] += len(data)
    return written


def minified_adapter(folder: Path, seed: int = 2028, line_bytes: int = 60_000) -> Path:
    """An adapter shipped as a minified production bundle: one line of >= ``line_bytes`` and its page."""
    writer = Writer(seed + 11)
    parts = ["!function(){\"use strict\";var o=window.sforce.opencti,c={},s={};"]
    counter = 0
    while sum(len(p) for p in parts) < line_bytes:
        counter += 1
        if counter % 25 == 0:
            parts.append(f"function p{counter}(e){{o.screenPop({{type:o.SCREENPOP_TYPE.SOBJECT,"
                         f"params:{{recordId:e.id}},callback:function(r){{c.r{counter}=r.success}}}})}}")
        elif counter % 25 == 7:
            parts.append(f"function l{counter}(e){{o.saveLog({{value:{{entityApiName:'Task',Subject:'Call '+e.n,"
                         f"WhoId:e.id}},callback:function(r){{s.l=r}}}})}}")
        elif counter % 25 == 13:
            parts.append(f"function d{counter}(){{o.onClickToDial({{listener:function(e){{c.n=e.number}}}});"
                         "o.enableClickToDial({callback:function(){}})}")
        elif counter % 25 == 19:
            parts.append(f"function v{counter}(){{o.setSoftphonePanelVisibility({{visible:!0}})}}")
        else:
            a, b = f"a{counter % 97}", f"b{counter % 89}"
            parts.append(f"function f{counter}({a},{b}){{var i=0,n={a}.length;for(;i<n;i++)if({a}[i]==={b})"
                         f"return i;return-1}}var k{counter}=[{','.join(str(writer.rng.randint(0, 999)) for _ in range(8))}];")
    parts.append("o.notifyInitializationComplete()}();")
    adapter = folder / "minified-bundle-adapter"
    (adapter / "staticresources").mkdir(parents=True, exist_ok=True)
    (adapter / "pages").mkdir(parents=True, exist_ok=True)
    (adapter / "staticresources" / "softphone.min.js").write_text("".join(parts) + "\n", "utf-8")
    (adapter / "pages" / "Softphone.page").write_text(
        '<apex:page showHeader="false" sidebar="false">\n'
        '<apex:includeScript value="/support/api/52.0/lightning/opencti_min.js"/>\n'
        '<apex:includeScript value="{!$Resource.softphone}"/>\n'
        '<div id="phone"></div>\n'
        '<script>\n  sforce.opencti.getCallCenterSettings({ callback: function (r) { window.settings = r.returnValue; } });\n'
        '</script>\n</apex:page>\n', "utf-8")
    return adapter


def generate(root: Path, seed: int = 2028, megabytes: int = 42) -> dict:
    """Write the corpus under ``root`` (replaced); returns {files, bytes, adapter_files}."""
    import shutil

    if root.exists():
        shutil.rmtree(root)
    writer = Writer(seed)
    target = megabytes * 1024 * 1024
    written = {"files": 0, "bytes": 0, "adapter_files": 0}

    def put(rel: str, text: str, adapter: bool = False) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        written["files"] += 1
        written["bytes"] += len(data)
        written["adapter_files"] += int(adapter)

    for index in range(3):
        put(f"static/bundle-{index}.min.js", writer.minified(2 * 1024 * 1024 + index * 300_000, with_api=index != 1),
            adapter=index != 1)
    index = 0
    while written["bytes"] < target:
        index += 1
        folder = f"project-{index // 60:03d}"
        choice = writer.rng.random()
        if choice < 0.25:
            put(f"{folder}/adapters/{writer.name()}-{index}.js", writer.adapter_js(writer.rng.randint(8, 40)), True)
        elif choice < 0.30:
            put(f"{folder}/pages/{writer.name().capitalize()}{index}.page", writer.page(True), True)
        elif choice < 0.40:
            put(f"{folder}/web/{writer.name()}-{index}.html", writer.page(False))
        else:
            put(f"{folder}/lib/{writer.name()}-{index}.js", writer.library_js(writer.rng.randint(150, 900)))
    return written


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/corpus")
    print(generate(out))
