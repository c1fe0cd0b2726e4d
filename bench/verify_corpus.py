"""Full ``ctimod verify`` over every corpus adapter: how many bundles pass, and why the others do not.

From the repository root, in a venv with ``pip install -e '.[test]'`` and ``npm ci`` done:

    python bench/verify_corpus.py                      # convert all of corpus/ into /tmp, verify each
    python bench/verify_corpus.py --only twilio-client-classic,widget-sdk-events
    python bench/verify_corpus.py --no-convert         # verify the bundles converted last time again
    python bench/verify_corpus.py --groups connector,lwc-jest   # only some check groups (not a full verify)

Each adapter is converted with the CLI (``ctimod convert corpus/NAME -o OUT/NAME --force``, connector
API 4) into a folder outside any checkout (default /tmp/ctimod-verify-corpus), then verified with
every check group and the real 4.x connector base (``/work/shared/vendor/scv-connector-base-4.8.1``
by default, as the tests find it; ``--connector-base`` to change). A bundle *passes* when no row
failed and no check group was skipped for a missing tool (verify's exit 0 with every check run); TODO rows (connector methods
left to write, which ``--strict`` fails) are counted separately. Prints one line per bundle (the
failing checks and the first reason of each) and the wall/CPU seconds per check group; ``--json``
writes the same as JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT.parent / "shared" / "vendor" / "scv-connector-base-4.8.1"


def convert(name: str, out: Path) -> tuple[int, str]:
    proc = subprocess.run([sys.executable, "-m", "ctimod", "convert", f"corpus/{name}", "-o", str(out), "--force",
                           "--connector-api", "4", "--no-diffs"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    lines = [line for line in (proc.stderr or proc.stdout).splitlines() if line.strip()]
    return proc.returncode, lines[-1] if lines else ""


def summarise(name: str, report) -> dict:
    failed = [r for r in report.results if r.result == "failed"]
    # A group that could not run (its tool is missing) is not a full verify; a connector step verify
    # skips by design (a wired vendor method the flow cannot drive) is listed, as verify lists it.
    from ctimod.verify import CHECKS

    skipped = [r for r in report.results if r.result == "skipped" and r.check in CHECKS]
    step_skips = [r for r in report.results if r.result == "skipped" and r.check not in CHECKS]
    todo = [r for r in report.results if r.result == "todo"]
    # A group's summary row ("code-analyzer ." failed: N file(s)...) only repeats its file rows.
    reasons = [f"{r.check} {r.file}{':' + str(r.line) if r.line else ''}: {r.message}" for r in failed
               if not (r.check == "code-analyzer" and r.file == "." and "file(s) with severity" in r.message)]
    return {"bundle": name, "passed": not failed and not skipped and bool(report.results),
            "strict": not failed and not skipped and not step_skips and not todo and bool(report.results),
            "failed_checks": sorted({r.check for r in failed}), "reasons": reasons,
            "skipped": [f"{r.check}: {r.message}" for r in skipped],
            "step_skips": [f"{r.check}: {r.message.split(';')[0]}" for r in step_skips],
            "todo": [f"{r.check}: {r.message.split(':')[0]}" for r in todo],
            "timings": {g: [round(w, 1), round(c, 1)] for g, (w, c) in report.timings.items()}}


def code_analyzer_batch(out: Path, names: list[str]) -> tuple[dict, tuple[float, float]]:
    """Code Analyzer over the folder of all the bundles once: (its output, (wall, CPU) seconds per bundle)."""
    from ctimod.toolchain import find_node, find_toolchain, run_script

    toolchain = find_toolchain()
    began = time.perf_counter()
    data = run_script(find_node((20,), toolchain), toolchain, "code-analyzer.cjs", str(out), timeout=3600)
    wall = time.perf_counter() - began
    print(f"Code Analyzer over {len(names)} bundles: {wall:.0f} s wall, {data.get('cpuSeconds', 0):.0f} s CPU",
          flush=True)
    return data, (wall / max(1, len(names)), data.get("cpuSeconds", 0.0) / max(1, len(names)))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/ctimod-verify-corpus", help="where the bundles are written")
    parser.add_argument("--only", help="comma-separated corpus adapter names")
    parser.add_argument("--groups", help="comma-separated verify check groups (default: all)")
    parser.add_argument("--no-convert", action="store_true", help="verify the bundles already in --out")
    parser.add_argument("--connector-base", default=str(BASE))
    parser.add_argument("--jobs", type=int, default=2, help="check groups run at once per bundle")
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument("--batch-code-analyzer", action="store_true",
                        help="run Code Analyzer once over all the bundles (one start-up of PMD and ESLint instead of "
                             "one per bundle) and split its findings per bundle; the other checks run per bundle")
    args = parser.parse_args(argv)

    from ctimod.verify import CHECKS, code_analyzer_results, verify

    out = Path(args.out)
    if ROOT in out.resolve().parents:
        parser.error("--out must be outside the checkout (ctimod honours .gitignore)")
    names = args.only.split(",") if args.only else sorted(p.name for p in (ROOT / "corpus").iterdir() if p.is_dir())
    groups = tuple(args.groups.split(",")) if args.groups else None
    rows = []
    batch = None
    if args.batch_code_analyzer and (groups is None or "code-analyzer" in groups):
        if not args.no_convert:
            for name in names:
                code, last = convert(name, out / name)
                print(f"converted {name} (exit {code})", flush=True)
        groups = tuple(g for g in (groups or CHECKS) if g != "code-analyzer")
        batch = code_analyzer_batch(out, names)
    for name in names:
        bundle = out / name
        began = time.perf_counter()
        if not args.no_convert and batch is None:
            code, last = convert(name, bundle)
            if not (bundle / "sfdx-project.json").is_file():
                rows.append({"bundle": name, "passed": False, "strict": False, "failed_checks": ["convert"],
                             "reasons": [f"convert exit {code}, no bundle: {last}"], "skipped": [], "step_skips": [], "todo": [],
                             "timings": {}})
                print(f"FAIL {name}: convert exit {code}, no bundle: {last}", flush=True)
                continue
        if not (bundle / "sfdx-project.json").is_file():
            rows.append({"bundle": name, "passed": False, "strict": False, "failed_checks": ["convert"],
                         "reasons": ["no bundle"], "skipped": [], "step_skips": [], "todo": [], "timings": {}})
            print(f"FAIL {name}: no bundle", flush=True)
            continue
        report = verify(str(bundle), connector_base=args.connector_base, groups=groups, jobs=args.jobs)
        if batch is not None:
            data, seconds = batch
            mine = dict(data, violations=[dict(v, file=v["file"][len(name) + 1:]) for v in data.get("violations", [])
                                          if (v.get("file") or "").startswith(name + "/")])
            report.results += code_analyzer_results(bundle.resolve(), mine)
            report.timings["code-analyzer"] = seconds
        row = summarise(name, report)
        row["seconds"] = round(time.perf_counter() - began, 1)
        rows.append(row)
        state = "PASS" if row["passed"] else "FAIL"
        extra = ", ".join(filter(None, [f"{len(row['todo'])} TODO rows" if row["todo"] else "",
                                        f"{len(row['step_skips'])} steps skipped" if row["step_skips"] else ""]))
        extra = f" ({extra})" if extra else ""
        print(f"{state} {name}{extra} [{row['seconds']} s]" + (": " + ", ".join(row["failed_checks"]) if
                                                               row["failed_checks"] else ""), flush=True)
        for reason in row["reasons"][:8]:
            print(f"    {reason[:300]}", flush=True)
        for reason in row["skipped"]:
            print(f"    skipped {reason[:300]}", flush=True)
    passed = sum(r["passed"] for r in rows)
    strict = sum(r["strict"] for r in rows)
    print(f"\n{passed} of {len(rows)} bundles pass the full verify ({strict} also with --strict)")
    by_check: dict[str, int] = {}
    for r in rows:
        for check in r["failed_checks"]:
            by_check[check] = by_check.get(check, 0) + 1
    print("bundles failing per check: " + ", ".join(f"{c} {n}" for c, n in sorted(by_check.items(), key=lambda x: -x[1])))
    groups_seen = sorted({g for r in rows for g in r["timings"]})
    for group in groups_seen:
        walls = [r["timings"][group][0] for r in rows if group in r["timings"]]
        cpus = [r["timings"][group][1] for r in rows if group in r["timings"]]
        print(f"  {group}: wall median {statistics.median(walls):.1f} s, max {max(walls):.1f} s; "
              f"CPU median {statistics.median(cpus):.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"bundles": rows, "passed": passed, "strict": strict,
                                               "total": len(rows)}, indent=2) + "\n", encoding="utf-8")
    return 0 if passed == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
