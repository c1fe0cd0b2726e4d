"""ctimod benchmark: scan speed against ast-grep and the tree-sitter floor, memory, CLI start-up, convert.

One command (from the repository root, in a venv):

    pip install -e '.[bench]' && python bench/run.py

It generates a seeded synthetic corpus (bench/generate.py, >= 40 MB by default) and then, on the
same files and interleaved round by round so that the page cache and machine load treat them alike:

  (a) ``ctimod scan --format json`` over the whole corpus (full analysis, JSON written to a file);
  (b) ``ast-grep scan`` in one pass with an inline rule matching every Open CTI call form
      (JavaScript files, and the scripts inside .html/.page files through an sgconfig.yml that
      maps .page to HTML), JSON streamed to a file;
  (c) tree-sitter parse-only of the same files in one Python process (the floor for parsing);
  (d) the same parse-only spread over as many forked processes as ctimod scan uses (largest files
      first): the wall-time floor of any scan that parses with py-tree-sitter on this machine.
      (d)/(b) is the share of ast-grep's time that parsing alone takes before any analysis.

The same three run again on a second, call-dense corpus (legacy modules with an Open CTI call
every few lines, both families, literal and aliased), where per-use cost dominates.

Each is a child process; wall time is measured around it, CPU time (user + system of the whole
process tree) from the rusage of waited-for children, and peak memory is sampled from /proc for
the whole process tree (sum of PSS, so pages shared after fork count once) and read exactly for
the largest single process (``wait4`` rusage). Per-use cost is wall (and CPU) time divided by
the uses ctimod reports. It also times ``ctimod --help`` and ``ctimod convert`` on the largest
corpus adapter, on a generated 2,000-line adapter and on a minified one-line bundle adapter.

Medians are printed and written to bench/results/latest.json (and a dated copy). ``--baseline-src DIR``
also times the scan of another ctimod source tree in the same rounds (before/after figures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (bench/generate.py)

TARGETS = {"scan_vs_ast_grep": 0.7, "call_dense_scan_vs_ast_grep": 1.0, "peak_memory_mb": 300.0,
           "help_seconds": 0.3, "convert_2000_lines_seconds": 1.0, "convert_minified_bundle_seconds": 2.0}

CALL_FORMS = ("sforce.opencti.$M($$$A)", "sforce.interaction.$M($$$A)", "sforce.interaction.cti.$M($$$A)")


def inline_rules() -> str:
    """The one-pass ast-grep rule set: the same `any:` rule for JavaScript and for HTML scripts."""
    rules = []
    for language in ("javascript", "html"):
        patterns = "\n".join(f"    - pattern: {form}" for form in CALL_FORMS)
        rules.append(f"id: open-cti-{language}\nlanguage: {language}\nseverity: info\n"
                     f"message: Open CTI call\nrule:\n  any:\n{patterns}\n")
    return "---\n".join(rules)


# --- measuring a child process -----------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _proc_field_kb(path: str, field: str) -> int | None:
    """The kB value of FIELD ("Pss:", "VmRSS:") in a /proc file, None if absent or unreadable."""
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _memory_kb(pid: int) -> int:
    """PSS of one process in kB (RSS where smaps_rollup is unavailable), 0 once it is gone."""
    pss = _proc_field_kb(f"/proc/{pid}/smaps_rollup", "Pss:")
    if pss is not None:
        return pss
    return _proc_field_kb(f"/proc/{pid}/status", "VmRSS:") or 0


class TreeSampler(threading.Thread):
    """Samples the summed memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.02):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo += _children(pid)
            self.peak_kb = max(self.peak_kb, sum(_memory_kb(p) for p in tree))
            self.stopped.wait(self.interval)


# Run the tools as installed: a normal install has bytecode (.pyc) files; some machines switch writing
# them off, which would make every run pay for compiling ctimod's modules again.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(argv: list[str], cwd: Path | None = None, stdout=subprocess.DEVNULL,
            ok_codes: tuple[int, ...] = (0,), timeout: float | None = None, env: dict | None = None) -> dict:
    """Run argv; returns seconds, peak tree memory (MB) and the largest single process's max RSS (MB).

    Past ``timeout`` seconds the process is killed and the result says ``timed_out``."""
    import resource

    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a chatty tool cannot block on it
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, stdout=stdout, stderr=errors, env=env or CHILD_ENV)
        sampler = TreeSampler(process.pid)
        sampler.start()
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        timed_out = bool(timer) and not timer.is_alive()
        if timer:
            timer.cancel()
        sampler.stopped.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    if timed_out:
        return {"seconds": seconds, "timed_out": True}
    if process.returncode not in ok_codes:
        raise SystemExit(f"bench: {' '.join(argv[:4])} ... exited {process.returncode}:\n{stderr[-2000:]}")
    # CPU of the whole tree: the child's own, and its children's once it waited for them.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_tree_mb": sampler.peak_kb / 1024,
            "max_process_rss_mb": usage.ru_maxrss / 1024}


# --- (c) the parse-only floor, run as its own process -----------------------------------------

_PARSERS: dict = {}


def _parsers():
    """The JavaScript and HTML parsers of this process (made once; a forked worker makes its own)."""
    if not _PARSERS:
        import tree_sitter
        import tree_sitter_html
        import tree_sitter_javascript

        _PARSERS["js"] = tree_sitter.Parser(tree_sitter.Language(tree_sitter_javascript.language()))
        _PARSERS["html"] = tree_sitter.Parser(tree_sitter.Language(tree_sitter_html.language()))
    return _PARSERS["js"], _PARSERS["html"]


def parse_file(path: Path) -> int:
    """Parse one .js file with tree-sitter-javascript, or one page with tree-sitter-html and then
    the JavaScript of each <script> (as ast-grep's HTML injection does). Nothing else."""
    js, html = _parsers()
    if path.suffix == ".js":
        return js.parse(path.read_bytes()).root_node.descendant_count
    if path.suffix not in (".html", ".page"):
        return 0
    nodes = 0
    data = path.read_bytes()
    stack = [html.parse(data).root_node]
    while stack:
        node = stack.pop()
        if node.type == "script_element":
            for child in node.children:
                if child.type == "raw_text":
                    js.included_ranges = [child.range]
                    nodes += js.parse(data).root_node.descendant_count
                    js.included_ranges = []
        else:
            stack.extend(node.children)
    return nodes


def parse_only(root: Path, jobs: int = 1) -> int:
    """Parse every file of the corpus (``parse_file``) and nothing else. With ``jobs`` > 1, in that
    many forked worker processes fed the largest files first, as ``ctimod scan`` feeds its workers:
    the floor of any scan that parses with py-tree-sitter on that many cores."""
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    if jobs <= 1:
        return sum(parse_file(path) for path in paths)
    import multiprocessing

    paths.sort(key=lambda p: -p.stat().st_size)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return sum(pool.imap_unordered(parse_file, paths, chunksize=1))


# --- the benchmark ---------------------------------------------------------------------------

def ast_grep_binary() -> str | None:
    local = Path(sys.executable).parent / "ast-grep"
    return str(local) if local.exists() else shutil.which("ast-grep")


def version_of(argv: list[str]) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def count_json_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for line in handle if line.strip())


def count_scan_uses(path: Path) -> int:
    document = json.loads(path.read_text("utf-8"))
    return sum(len(f.get("uses", [])) for f in document["files"])


def largest_corpus_adapter() -> Path:
    """The corpus adapter with the most source bytes (the first of equals, by name)."""
    def size(adapter: Path) -> int:
        return sum(f.stat().st_size for f in adapter.rglob("*") if f.is_file() and f.name != "expected.json")

    adapters = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_dir())
    return max(adapters, key=lambda a: (size(a), -adapters.index(a)))


def two_thousand_line_adapter(folder: Path) -> Path:
    """A generated adapter of at least 2,000 lines (seeded, like the corpus)."""
    writer = generate.Writer(2000)
    calls = 150
    text = writer.adapter_js(calls)
    while text.count("\n") < 2000:
        calls += 50
        text = generate.Writer(2000).adapter_js(calls)
    path = folder / "two-thousand-lines" / "softphone.js"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def compare(corpus: Path, stats: dict, args: argparse.Namespace, work: Path, label: str) -> dict:
    """(a) ctimod scan, (b) ast-grep and (c) parse-only on one corpus, interleaved round by round."""
    sg = ast_grep_binary()
    ctimod = [sys.executable, "-m", "ctimod"]
    config = work / "sgconfig.yml"
    config.write_text("ruleDirs: []\nlanguageGlobs:\n  html: ['*.page']\n", "utf-8")
    scan_json, sg_json = work / f"scan-{label}.json", work / f"ast-grep-{label}.jsonl"
    jobs = ["-j", str(args.jobs)] if args.jobs else []
    commands = {
        # The default corpus folder is git-ignored: both tools are told to read ignored files.
        "ctimod_scan": ctimod + ["scan", "--format", "json", "--no-progress", "--no-gitignore",
                                 "-o", str(scan_json)] + jobs + [str(corpus)],
        "ast_grep": [sg, "scan", "-c", str(config), "--inline-rules", inline_rules(), "--json=stream",
                     "--no-ignore", "vcs", str(corpus)],
        "parse_only": [sys.executable, str(Path(__file__).resolve()), "--parse-only", str(corpus)],
        # The same parse spread over as many worker processes as ctimod scan uses: the wall-time floor
        # of a scan that parses with py-tree-sitter here, to read (a)'s ratio against.
        "parse_parallel": [sys.executable, str(Path(__file__).resolve()), "--parse-only", str(corpus),
                           "--parse-jobs", str(args.jobs or os.cpu_count() or 1)],
    }
    envs = {}
    if args.baseline_src:
        # The same scan by another ctimod source tree (before/after in the same rounds).
        commands["ctimod_scan_baseline"] = [str(work / f"scan-{label}-baseline.json") if part == str(scan_json)
                                            else part for part in commands["ctimod_scan"]]
        envs["ctimod_scan_baseline"] = {**CHILD_ENV, "PYTHONPATH": str(Path(args.baseline_src).resolve())}
    samples: dict[str, list[dict]] = {name: [] for name in commands}
    for round_ in range(args.runs + 1):  # round 0 warms the page cache and is discarded
        for name, argv in commands.items():
            with open(sg_json, "wb") if name == "ast_grep" else open(os.devnull, "wb") as out:
                result = measure(argv, stdout=out, ok_codes=(0, 1), env=envs.get(name))
            if round_:
                samples[name].append(result)
                print(f"  {label} round {round_}: {name:12} {result['seconds']:7.2f} s "
                      f"({result['cpu_seconds']:6.2f} s CPU)  {result['peak_tree_mb']:6.0f} MB tree  "
                      f"{result['max_process_rss_mb']:6.0f} MB max process", flush=True)
    mb = stats["bytes"] / (1024 * 1024)
    timings = {}
    for name, runs in samples.items():
        seconds = median([r["seconds"] for r in runs])
        timings[name] = {"median_seconds": seconds, "runs_seconds": [round(r["seconds"], 3) for r in runs],
                         "median_cpu_seconds": median([r["cpu_seconds"] for r in runs]),
                         "mb_per_second": round(mb / seconds, 2),
                         "peak_tree_mb": round(max(r["peak_tree_mb"] for r in runs), 1),
                         "max_process_rss_mb": round(max(r["max_process_rss_mb"] for r in runs), 1)}
    matches = {"ctimod_uses": count_scan_uses(scan_json), "ast_grep_matches": count_json_lines(sg_json)}
    if args.baseline_src:
        # The baseline's CPU is divided by the uses *it* reported (another version may find more or fewer).
        matches["baseline_uses"] = count_scan_uses(work / f"scan-{label}-baseline.json")
    if not matches["ctimod_uses"] or not matches["ast_grep_matches"]:
        raise SystemExit(f"bench: a tool found nothing in the {label} corpus ({matches}); "
                         "the timings would be meaningless")
    scan_t, sg_t = timings["ctimod_scan"], timings["ast_grep"]
    return {
        "corpus": {"files": stats["files"], "adapter_files": stats["adapter_files"], "megabytes": round(mb, 1)},
        "timings": timings,
        "matches": matches,
        "per_use_microseconds": {
            "ctimod_wall": round(scan_t["median_seconds"] / matches["ctimod_uses"] * 1e6, 1),
            "ctimod_cpu": round(scan_t["median_cpu_seconds"] / matches["ctimod_uses"] * 1e6, 1),
            "ast_grep_wall_per_match": round(sg_t["median_seconds"] / matches["ast_grep_matches"] * 1e6, 1),
            "ast_grep_cpu_per_match": round(sg_t["median_cpu_seconds"] / matches["ast_grep_matches"] * 1e6, 1)},
        **({"baseline": {
            "src": str(args.baseline_src),
            "uses": matches["baseline_uses"],
            "per_use_microseconds_cpu": round(timings["ctimod_scan_baseline"]["median_cpu_seconds"]
                                              / max(matches["baseline_uses"], 1) * 1e6, 1),
            "per_use_microseconds_wall": round(timings["ctimod_scan_baseline"]["median_seconds"]
                                               / max(matches["baseline_uses"], 1) * 1e6, 1),
            "over_ast_grep": round(timings["ctimod_scan_baseline"]["median_seconds"] / sg_t["median_seconds"], 2),
            "over_ast_grep_cpu": round(timings["ctimod_scan_baseline"]["median_cpu_seconds"]
                                       / max(sg_t["median_cpu_seconds"], 1e-9), 2)}} if args.baseline_src else {}),
        "ratios": {"ctimod_scan_over_ast_grep": round(scan_t["median_seconds"] / sg_t["median_seconds"], 2),
                   "ctimod_scan_over_ast_grep_cpu": round(scan_t["median_cpu_seconds"]
                                                          / max(sg_t["median_cpu_seconds"], 1e-9), 2),
                   "ctimod_scan_over_parse_only": round(scan_t["median_seconds"]
                                                        / timings["parse_only"]["median_seconds"], 2),
                   "ctimod_scan_over_parse_parallel": round(scan_t["median_seconds"]
                                                            / timings["parse_parallel"]["median_seconds"], 2),
                   "parse_parallel_over_ast_grep": round(timings["parse_parallel"]["median_seconds"]
                                                         / sg_t["median_seconds"], 2)},
    }


def run(args: argparse.Namespace) -> dict:
    if ast_grep_binary() is None:
        raise SystemExit("bench: the ast-grep CLI is missing; install it with: pip install -e '.[bench]'")
    ctimod = [sys.executable, "-m", "ctimod"]
    corpus = Path(args.corpus).resolve()
    print(f"generating the corpus in {corpus} (seed {args.seed}, >= {args.megabytes} MB) ...", flush=True)
    stats = generate.generate(corpus, seed=args.seed, megabytes=args.megabytes)
    dense = Path(args.dense_corpus).resolve()
    print(f"generating the call-dense corpus in {dense} (>= {args.dense_megabytes} MB) ...", flush=True)
    dense_stats = generate.generate_call_dense(dense, seed=args.seed, megabytes=args.dense_megabytes)
    work = Path(tempfile.mkdtemp(prefix="ctimod-bench-"))
    try:
        main_corpus = compare(corpus, stats, args, work, "bench")
        call_dense = compare(dense, dense_stats, args, work, "call-dense")
        scaling = {f"{stats['bytes'] / 2 ** 20:.0f} MB": main_corpus["timings"]["ctimod_scan"]["peak_tree_mb"]}
        if args.scaling:
            # Memory must not grow with the corpus: scan one twice the size, once.
            double = work / "corpus-x2"
            print(f"generating a corpus twice the size in {double} ...", flush=True)
            bigger = generate.generate(double, seed=args.seed + 1, megabytes=args.megabytes * 2)
            jobs = ["-j", str(args.jobs)] if args.jobs else []
            result = measure(ctimod + ["scan", "--format", "json", "--no-progress", "--no-gitignore",
                                       "-o", str(work / "scan-x2.json")] + jobs + [str(double)],
                             stdout=subprocess.DEVNULL, ok_codes=(0, 1))
            scaling[f"{bigger['bytes'] / 2 ** 20:.0f} MB"] = round(result["peak_tree_mb"], 1)
            shutil.rmtree(double, ignore_errors=True)
        help_runs = [measure(ctimod + ["--help"])["seconds"] for _ in range(args.runs + 2)][1:]
        adapter = largest_corpus_adapter()
        big = two_thousand_line_adapter(work)
        minified = generate.minified_adapter(work, seed=args.seed)
        convert = {}
        for label, target in (("largest_corpus_adapter", adapter), ("two_thousand_lines", big),
                              ("minified_bundle", minified)):
            times, cpu_times = [], []
            for index in range(args.runs + 1):
                out = work / f"convert-{label}-{index}"
                run_ = measure(ctimod + ["convert", str(target), "-o", str(out), "--no-diffs"], ok_codes=(0, 1),
                               timeout=args.convert_timeout)
                times.append(run_["seconds"])
                cpu_times.append(run_.get("cpu_seconds", float("inf")))
                if run_.get("timed_out"):
                    print(f"  convert {label}: no answer in {args.convert_timeout:.0f} s (stopped)", flush=True)
                    times = [float("inf")] * 2
                    break
            files = [target] if target.is_file() else [f for f in target.rglob("*") if f.is_file()]
            texts = [f.read_text("utf-8", "replace") for f in files if f.name != "expected.json"]
            convert[label] = {"path": str(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target.name),
                              "lines": sum(t.count("\n") for t in texts),
                              "longest_line": max((len(line) for t in texts for line in t.split("\n")), default=0),
                              "median_seconds": None if float("inf") in times else median(times[1:]),
                              "median_cpu_seconds": None if float("inf") in times else median(cpu_times[1:])}
            if float("inf") in times:
                convert[label]["timed_out_after_seconds"] = args.convert_timeout
        results = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                        "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
            "versions": {"ctimod": version_of(ctimod + ["--version"]),
                         "ast_grep": version_of([ast_grep_binary(), "--version"])},
            "seed": args.seed,
            "runs": args.runs,
            "jobs": args.jobs or os.cpu_count(),
            "corpora": {"bench": main_corpus, "call_dense": call_dense},
            "peak_memory_by_corpus_size_mb": scaling,
            "help_median_seconds": median(help_runs),
            "convert": convert,
            "targets": TARGETS,
        }
        peak = max(list(scaling.values()) + [call_dense["timings"]["ctimod_scan"]["peak_tree_mb"]])
        results["targets_met"] = {
            "scan_vs_ast_grep": main_corpus["ratios"]["ctimod_scan_over_ast_grep"] <= TARGETS["scan_vs_ast_grep"],
            "call_dense_scan_vs_ast_grep": call_dense["ratios"]["ctimod_scan_over_ast_grep"]
            <= TARGETS["call_dense_scan_vs_ast_grep"],
            "peak_memory_mb": peak <= TARGETS["peak_memory_mb"],
            "help_seconds": results["help_median_seconds"] <= TARGETS["help_seconds"],
            "convert_2000_lines_seconds": (convert["two_thousand_lines"]["median_seconds"] or float("inf"))
            <= TARGETS["convert_2000_lines_seconds"],
            "convert_minified_bundle_seconds": (convert["minified_bundle"]["median_seconds"] or float("inf"))
            <= TARGETS["convert_minified_bundle_seconds"],
        }
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(results: dict) -> str:
    lines = [f"seed {results['seed']}; {results['machine']['cpus']} CPUs; medians of {results['runs']} runs; "
             f"load average at the end {results['machine']['load_average_at_end']}"]
    for key, corpus in results["corpora"].items():
        t, r, c = corpus["timings"], corpus["ratios"], corpus["corpus"]
        lines += [f"{key} corpus: {c['files']} files, {c['megabytes']} MB",
                  f"{'':30}{'seconds':>9}{'CPU s':>8}{'MB/s':>8}{'peak MB':>9}"]
        for name, label in (("ctimod_scan", "(a) ctimod scan --format json"), ("ast_grep", "(b) ast-grep scan"),
                            ("parse_only", "(c) tree-sitter parse only"),
                            ("parse_parallel", f"(d) parse only, {results['jobs']} processes"),
                            ("ctimod_scan_baseline", "(a') --baseline-src scan")):
            if name not in t:
                continue
            lines.append(f"{label:30}{t[name]['median_seconds']:>9.2f}{t[name]['median_cpu_seconds']:>8.2f}"
                         f"{t[name]['mb_per_second']:>8.1f}{t[name]['peak_tree_mb']:>9.0f}")
        per_use = corpus["per_use_microseconds"]
        lines += [f"ratio (a)/(b): {r['ctimod_scan_over_ast_grep']} (CPU {r['ctimod_scan_over_ast_grep_cpu']})   "
                  f"ratio (a)/(c): {r['ctimod_scan_over_parse_only']}   ratio (a)/(d): "
                  f"{r['ctimod_scan_over_parse_parallel']}   floor (d)/(b): {r['parse_parallel_over_ast_grep']}",
                  f"matches: ctimod {corpus['matches']['ctimod_uses']} uses, "
                  f"ast-grep {corpus['matches']['ast_grep_matches']} calls; per use: ctimod "
                  f"{per_use['ctimod_wall']} us wall / {per_use['ctimod_cpu']} us CPU, ast-grep "
                  f"{per_use['ast_grep_wall_per_match']} us / {per_use['ast_grep_cpu_per_match']} us per match"]
        if "baseline" in corpus:
            base = corpus["baseline"]
            lines.append(f"baseline ({base['src']}): ratio to ast-grep {base['over_ast_grep']} "
                         f"(CPU {base['over_ast_grep_cpu']}), {base['uses']} uses, "
                         f"{base['per_use_microseconds_wall']} us wall / {base['per_use_microseconds_cpu']} us CPU per use")
    lines += ["ctimod scan peak memory by corpus size: " + ", ".join(
                  f"{size}: {mb:.0f} MB" for size, mb in results["peak_memory_by_corpus_size_mb"].items()),
              f"ctimod --help: {results['help_median_seconds']} s",
              *(f"ctimod convert {c['path']} ({c['lines']} lines, longest {c['longest_line']} characters): "
                + (f"{c['median_seconds']} s ({c['median_cpu_seconds']} s CPU)" if c["median_seconds"] is not None
                   else f"no answer in {c['timed_out_after_seconds']:.0f} s")
                for c in results["convert"].values()),
              "targets met: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in results["targets_met"].items())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(HERE / "corpus"), help="where to generate the corpus")
    parser.add_argument("--megabytes", type=int, default=42, help="corpus size (default 42)")
    parser.add_argument("--dense-corpus", default=str(HERE / "corpus-call-dense"),
                        help="where to generate the call-dense corpus")
    parser.add_argument("--dense-megabytes", type=int, default=16, help="call-dense corpus size (default 16)")
    parser.add_argument("--seed", type=int, default=2028)
    parser.add_argument("--runs", type=int, default=5, help="measured runs per tool (default 5)")
    parser.add_argument("-j", "--jobs", type=int, default=0, help="ctimod scan workers (default: one per core)")
    parser.add_argument("--no-scaling", dest="scaling", action="store_false",
                        help="skip the memory check on a corpus twice the size")
    parser.add_argument("--convert-timeout", type=float, default=300,
                        help="stop a convert run after this many seconds (default 300)")
    parser.add_argument("--results", default=str(HERE / "results"), help="folder for the results JSON")
    parser.add_argument("--baseline-src", metavar="DIR",
                        help="also time the scan of another ctimod source tree (its src/ folder, e.g. from "
                             "`git archive`), in the same rounds: before/after figures")
    parser.add_argument("--parse-only", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--parse-jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.parse_only:
        parse_only(Path(args.parse_only), args.parse_jobs)
        return 0
    results = run(args)
    folder = Path(args.results)
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, sort_keys=True) + "\n"
    (folder / "latest.json").write_text(text, "utf-8")
    (folder / f"{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(text, "utf-8")
    print(report(results))
    print(f"results: {folder / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
