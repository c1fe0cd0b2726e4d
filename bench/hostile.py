"""ctimod convert on hostile structure (issues 16 and 17 item 9): deep nesting, long lines, many calls.

One command (from the repository root, in a venv with ctimod installed):

    python bench/hostile.py                 # every case
    python bench/hostile.py -k nested-calls # cases whose name contains the text
    python bench/hostile.py --list          # the case names

Each case writes one generated adapter into a temporary folder (outside any checkout), runs
``ctimod convert ADAPTER -o OUT --no-diffs`` as a child process with a time limit and reports the
wall time, the peak memory of the child (ru_maxrss), the exit code and the first finding about the
nesting limit or the size limit. The many-calls cases also time ``ctimod scan --format json`` of the
same adapter (issue 15: a scan reports every use, with no call limit), with its peak memory. Results are printed and written to bench/results/hostile-latest.json.

Baselines (the issues' figures, before the fixes): nested screenPop 0.4 s at N=100, 3 s at 300, 88 s
at 1,000; one line alternating code and calls 0.9 / 4.4 / 19 / 40 s at 10 / 20 / 40 / 60 KB, exit 3 at
96 KB (difflib.HtmlDiff); blocks/ifs/parentheses 10,000 deep exit 3 after 51 s / 4 min 20 s / 3 min 18 s;
functions nested deep and a 9 MB file with ~74,000 calls: no answer in 5 min; arrays/binary/objects
10,000 deep and <div> nested deep: exit 3 (RecursionError).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

POP = "sforce.opencti.screenPop({type: 'url', params: {url: '/x'}})"
CALL = "sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.URL, params: {url: '/a'}});"
TOP = "function pop() {\n    " + CALL + "\n}\n"


def nested_calls(n: int) -> str:
    """``sforce.opencti.screenPop(`` nested n deep (each call an argument of the one around it)."""
    return "function pop() {\n    " + "sforce.opencti.screenPop(" * n + "{type: 'url', params: {url: '/x'}}" \
        + ")" * n + ";\n}\n"


def alternating_line(kilobytes: int) -> str:
    """One line alternating ordinary code and screenPop calls, ``kilobytes`` long."""
    parts, size, i = [], 0, 0
    while size < kilobytes * 1024:
        part = f"var v{i} = {i} * 2; if (v{i} > 3) {{ {POP}; }} "
        parts.append(part)
        size += len(part)
        i += 1
    return "function pop() { " + "".join(parts) + "}\n"


def deep(kind: str, depth: int) -> str:
    """One construct nested ``depth`` deep holding an Open CTI call, beside an ordinary adapter function."""
    inner = POP
    if kind == "arrays":
        body = "var a = " + "[" * depth + inner + "]" * depth + ";"
    elif kind == "objects":
        body = "var a = " + "{k: " * depth + inner + "}" * depth + ";"
    elif kind == "binary":
        body = "var a = " + "1 + (" * depth + inner + ")" * depth + ";"
    elif kind == "parens":
        body = "var a = " + "(" * depth + inner + ")" * depth + ";"
    elif kind == "blocks":
        body = "{" * depth + inner + ";" + "}" * depth
    elif kind == "ifs":
        body = "if (x) " * depth + inner + ";"
    elif kind == "functions":
        body = "function f() { " * depth + inner + "; " + "}" * depth
    elif kind == "calls":
        body = "f(" * depth + inner + ")" * depth + ";"
    else:
        raise ValueError(kind)
    return TOP + body + "\n"


def nested_checks(depth: int) -> str:
    """``if (sforce.opencti) { call; if (sforce.opencti) { call; ...`` nested ``depth`` deep in a function
    convert moves: each check is replaced by its branch, which holds the next check (RecursionError from
    about 340 deep before)."""
    return "function init() {\n" + ("if (sforce.opencti) {\n" + CALL + "\n") * depth + "}\n" * depth + \
        "}\ninit();\n"


def nested_arrows(depth: int) -> str:
    """Arrow functions nested ``depth`` deep in a function convert moves, each with a call and lint findings
    (``==``, ``parseInt`` without a radix): 17 s at 400 before the hoisting sweep and the interval check."""
    body = CALL + " if (x == 1) { y = parseInt(z); }\n"
    return "function init(x, y, z) {\n" + ("var f = () => {\n" + body) * depth + "};\n" * depth + "}\ninit();\n"


def deep_page(depth: int) -> str:
    return ("<apex:page>\n" + "<div>" * depth + "\n<script>\n" + TOP + "</script>\n" + "</div>" * depth
            + "\n</apex:page>\n")


def many_calls(megabytes: float, shape: str, calls: int | None = None) -> str:
    """``megabytes`` of code (or ``calls`` functions) with an Open CTI call every ~125 bytes (~70,000 in 9 MB)."""
    per = []
    i = 0
    size = 0
    while (size < megabytes * 1_000_000) if calls is None else (i < calls):
        if shape == "minified":
            piece = f"function p{i}(r){{var t=r+{i};{CALL}return t}}"
        else:
            piece = f"function p{i}(r) {{ var t = r + {i}; {CALL} return t; }}\n"
        per.append(piece)
        size += len(piece)
        i += 1
    code = "".join(per)
    if shape == "page":
        return "<apex:page>\n<script>\n" + code + "</script>\n</apex:page>\n"
    return code + "\n"


def cases() -> dict:
    found = {}
    for n in (100, 300, 1000, 3000):
        found[f"nested-calls-{n}"] = ("a.js", lambda n=n: nested_calls(n))
    for kb in (10, 20, 40, 60, 96):
        found[f"alternating-line-{kb}kb"] = ("a.js", lambda kb=kb: alternating_line(kb))
    for kind in ("arrays", "objects", "binary", "parens", "blocks", "ifs", "functions", "calls"):
        for depth in (1000, 4000, 10_000):
            found[f"deep-{kind}-{depth}"] = ("a.js", lambda kind=kind, depth=depth: deep(kind, depth))
    for depth in (400, 1000, 2000):
        found[f"nested-checks-{depth}"] = ("a.js", lambda depth=depth: nested_checks(depth))
    found["nested-arrows-400"] = ("a.js", lambda: nested_arrows(400))
    found["deep-div-10000"] = ("Phone.page", lambda: deep_page(10_000))
    found["deep-div-100000"] = ("Phone.page", lambda: deep_page(100_000))
    # Tag openings that never close before the next one (a browser reads the run as one tag): 20,000 and 200,000.
    for unit, label in (("<a x=1 ", "attribute"), ("<a/", "slash")):
        for count in (20_000, 200_000):
            found[f"open-tags-{label}-{count // 1000}k"] = (
                "Phone.page", lambda unit=unit, count=count: "<apex:page>\n" + unit * count + ">\n<script>\n" + TOP
                + "</script>\n</apex:page>\n")
    for shape in ("minified", "lines", "page"):
        name = "Phone.page" if shape == "page" else "a.js"
        found[f"many-calls-9mb-{shape}"] = (name, lambda shape=shape: many_calls(9, shape))
        found[f"many-calls-1mb-{shape}"] = (name, lambda shape=shape: many_calls(1, shape))
    # A line of bare mentions that does not parse (recovery reads each mention's line): round-1 hostile input.
    for count in (3000, 30_000):
        found[f"mentions-line-{count // 1000}k"] = ("a.js", lambda count=count: "sforce.opencti " * count + "\n")
    found["many-calls-1000-lines"] = ("a.js", lambda: many_calls(0, "lines", 1000))
    found["many-calls-4900-lines"] = ("a.js", lambda: many_calls(0, "lines", 4900))
    # Past the default call limit, raised: convert's cost per call at scale.
    for count in (10_000, 20_000):
        found[f"many-calls-{count // 1000}k-lines-raised-limit"] = (
            "a.js", lambda count=count: many_calls(0, "lines", count), ["--max-calls", "1000000"])
    return found


def _run(command: list, cwd: str, env: dict, timeout: float) -> tuple[int | None, str, int, float]:
    """Run a child to completion or the time limit: (exit code or None, its output, its peak RSS in kB, its CPU
    seconds: user + system, which a loaded machine does not inflate as it does the wall time)."""
    with tempfile.TemporaryFile() as output:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                status = None
                break
            time.sleep(0.05)
        child.returncode = 0  # reaped above
        output.seek(0)
        shown = output.read().decode("utf-8", "replace")
    code = None if status is None else os.waitstatus_to_exitcode(status)
    return code, shown, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def run_case(name: str, file_name: str, make, timeout: float, extra: list | None = None,
             scan: bool = False) -> dict:
    with tempfile.TemporaryDirectory(prefix="ctimod-hostile-") as tmp:
        adapter = Path(tmp) / "adapter"
        adapter.mkdir()
        text = make()
        (adapter / file_name).write_text(text, "utf-8")
        env = {k: v for k, v in os.environ.items() if k != "CTIMOD_DEBUG"}
        env["COLUMNS"] = "200"
        started = time.monotonic()
        code, shown, peak_kb, cpu = _run([sys.executable, "-m", "ctimod", "convert", str(adapter), "-o",
                                     str(Path(tmp) / "out"), "--no-diffs", *(extra or [])], tmp, env, timeout)
        wall = time.monotonic() - started
        written = (Path(tmp) / "out" / "migration.json").exists()
        conversions = None
        if written:
            conversions = len(json.loads((Path(tmp) / "out" / "migration.json").read_text("utf-8"))["conversions"])
        scanned = {}
        if scan:
            # ctimod scan --format json of the same adapter: every use reported (no call limit).
            inventory = Path(tmp) / "scan.json"
            started = time.monotonic()
            scan_code, _, scan_kb, _ = _run([sys.executable, "-m", "ctimod", "scan", "--format", "json", "--no-progress",
                                          "-o", str(inventory), str(adapter)], tmp, env, timeout)
            scanned = {"scan_exit": scan_code, "scan_seconds": round(time.monotonic() - started, 2),
                       "scan_peak_mb": round(scan_kb / 1024),
                       "scan_uses": sum(len(f["uses"]) for f in json.loads(inventory.read_text("utf-8"))["files"])
                       if inventory.exists() else None}
    note = next((line.strip() for line in shown.splitlines()
                 if "deeper than" in line or "limit" in line or "Traceback" in line or "internal error" in line), "")
    return {"case": name, "bytes": len(text.encode()), "exit": code, "seconds": round(wall, 2),
            "cpu_seconds": round(cpu, 2), "peak_mb": round(peak_kb / 1024), "bundle": written,
            "conversions": conversions, "note": note[:160], **scanned}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-k", default="", help="only cases whose name contains this text")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per case (default 300)")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--json", default=str(HERE / "results" / "hostile-latest.json"), help="where to write the results")
    args = ap.parse_args(argv)
    chosen = {k: v for k, v in cases().items() if args.k in k}
    if args.list:
        print("\n".join(chosen))
        return 0
    results = []
    for name, (file_name, make, *extra) in chosen.items():
        result = run_case(name, file_name, make, args.timeout, *extra, scan=name.startswith("many-calls"))
        results.append(result)
        shown = "timeout" if result["exit"] is None else f"exit {result['exit']}"
        print(f"{name:32} {result['bytes']:>10,} B  {shown:8} {result['seconds']:8.2f} s "
              f"({result['cpu_seconds']:.2f} s CPU)  "
              f"{result['peak_mb']:5} MB  conversions={result['conversions']}  {result['note']}", flush=True)
        if "scan_seconds" in result:
            shown = "timeout" if result["scan_exit"] is None else f"exit {result['scan_exit']}"
            print(f"{'  scan --format json':32} {'':>12}  {shown:8} {result['scan_seconds']:8.2f} s  "
                  f"{result['scan_peak_mb']:5} MB  uses={result['scan_uses']}", flush=True)
    out = Path(args.json)  # (PYTHONPATH=... python bench/hostile.py measures another ctimod)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
