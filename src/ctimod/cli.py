"""The ``ctimod`` command line.

Start-up is kept light: parsers, rich and the pipeline are imported only by the command that
needs them, so ``ctimod --help`` answers at once.

Exit codes
    0  the command ran (the scan found whatever it found)
    1  ``--fail-on`` matched: uses of the named dispositions exist
    2  usage error (bad option, missing path, refusing to overwrite an input)
    3  internal failure (a bug in ctimod; please report it)
"""

from __future__ import annotations

import argparse
import os
import re
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
FAIL_ON_CHOICES = ("manual", "review", "invalid", "drop")

EPILOG = """exit codes: 0 ran; 1 --fail-on matched; 2 usage error; 3 internal failure.
Open CTI is retired on February 28, 2028. Docs: README.md"""


class UsageError(Exception):
    """A problem with how ctimod was called (exit code 2)."""


def _size(text: str) -> int:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?i?b?)?\s*", text, re.I)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (examples: 500000, 512KB, 10MB)")
    number = float(match.group(1))
    unit = (match.group(2) or "").lower().rstrip("b").rstrip("i")
    factor = {"": 1, "k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}[unit]
    return int(number * factor)


def _fail_on(text: str) -> list[str]:
    values = [v.strip().lower() for v in text.split(",") if v.strip()]
    for value in values:
        if value not in FAIL_ON_CHOICES:
            raise argparse.ArgumentTypeError(f"invalid choice: {value!r} (choose from {', '.join(FAIL_ON_CHOICES)})")
    return values


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per core) or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ctimod",
        description="Migrate Salesforce Open CTI softphone adapters to Salesforce (Service Cloud) Voice.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"ctimod {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    scan = commands.add_parser(
        "scan", help="inventory every Open CTI use in files or project trees",
        description="Find every Open CTI use (sforce.opencti, sforce.interaction, sforce.console.cti) and say "
                    "what each becomes in Voice.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    scan.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to scan")
    scan.add_argument("--format", choices=("table", "json", "sarif", "markdown"), default="table",
                      help="output format (default: table, rich tables on a terminal)")
    scan.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    scan.add_argument("--include", action="append", metavar="GLOB", default=[],
                      help="scan only files matching GLOB (repeatable; default: every adapter file type)")
    scan.add_argument("--exclude", action="append", metavar="GLOB", default=[],
                      help="skip files and folders matching GLOB (repeatable)")
    scan.add_argument("--no-gitignore", action="store_true", help="also scan what .gitignore files ignore")
    scan.add_argument("--max-file-size", type=_size, default=None, metavar="SIZE",
                      help="files larger than SIZE are reported, not parsed (default: 10MB)")
    scan.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                      help="worker processes (default 0: one per CPU core)")
    scan.add_argument("--fail-on", type=_fail_on, action="append", default=[], metavar="KINDS",
                      help="exit 1 when uses of these dispositions exist: manual, review, invalid, drop "
                           "(comma-separated or repeated)")
    scan.add_argument("--no-progress", action="store_true", help="no progress bar")

    convert = commands.add_parser(
        "convert", help="convert one adapter into a Voice LWC + BYOT connector bundle",
        description="Convert the files (or folder) that make up one Open CTI adapter into a migration bundle: an "
                    "SFDX project with the Voice LWC, a BYOT connector, Apex, metadata and the contact center "
                    "definition, plus MIGRATION.md, migration.json and report.html.",
        epilog="exit codes: 0 bundle written (TODOs are normal); 1 written, but some conversions failed; "
               "2 usage error, no convertible Open CTI code in PATH, or refused OUTDIR; 3 internal failure.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    convert.add_argument("paths", nargs="+", metavar="PATH", help="the adapter's files or folder")
    convert.add_argument("-o", "--output", metavar="OUTDIR", help="where to write the bundle (required unless "
                                                                   "--dry-run)")
    convert.add_argument("--force", action="store_true", help="replace the contents of a non-empty OUTDIR")
    convert.add_argument("--dry-run", action="store_true", help="print the plan and the diffs, write nothing")
    convert.add_argument("--connector-api", type=int, choices=(3, 4), default=4,
                         help="scv-connector-base major version to target (default 4)")
    convert.add_argument("--name", metavar="NAME", help="LWC bundle name (default: from the adapter's name)")
    convert.add_argument("--no-utility-bar", action="store_true",
                         help="the component is not a utility-bar item: panel calls are removed, not converted")
    convert.add_argument("--verify", action="store_true", help="run `ctimod verify` on the bundle after writing")
    convert.add_argument("--no-diffs", action="store_true", help="do not print the side-by-side diffs")
    convert.add_argument("--max-file-size", type=_size, default=None, metavar="SIZE",
                         help="files larger than SIZE are reported, not converted (default: 10MB)")

    report = commands.add_parser(
        "report", help="write the HTML assessment of one or many adapters",
        description="Scan the paths, group the files into adapters, plan each adapter's conversion and write one "
                    "self-contained HTML assessment: summary, uses per API member, effort estimate, compliance "
                    "checklist, per-file uses and side-by-side diffs of every flagged use.",
        epilog="exit codes: 0 written; 2 usage error; 3 internal failure.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    report.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (each sub-folder with Open CTI "
                                                                  "code is an adapter)")
    report.add_argument("-o", "--output", metavar="FILE", required=True, help="the HTML file to write")
    report.add_argument("--include", action="append", metavar="GLOB", default=[], help="as for scan")
    report.add_argument("--exclude", action="append", metavar="GLOB", default=[], help="as for scan")
    report.add_argument("--connector-api", type=int, choices=(3, 4), default=4, help="as for convert")
    report.add_argument("--max-file-size", type=_size, default=None, metavar="SIZE", help="as for scan")

    verify = commands.add_parser(
        "verify", help="check a generated bundle with Salesforce's toolchains",
        description="Compile and lint the LWC (@lwc/compiler, LWC ESLint rules), check the metadata, contact center "
                    "and Apex, and run the connector against @salesforce/scv-connector-base in a DOM.",
        epilog="exit codes: 0 every check passed; 1 a check failed or could not run; 2 usage error.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    verify.add_argument("outdir", metavar="OUTDIR", help="a bundle written by ctimod convert")
    verify.add_argument("--install", action="store_true",
                        help="install the Node verification packages into the user cache if none are found")
    verify.add_argument("--connector-base", metavar="PATH",
                        help="a @salesforce/scv-connector-base package folder to run the connector with")

    explain = commands.add_parser("explain", help="what ctimod does with an Open CTI member",
                                  description="Print what an Open CTI member becomes in Voice, how safely, and why.")
    explain.add_argument("member", metavar="MEMBER", help="e.g. screenPop, sforce.interaction.cti.onClickToDial")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        if args.command == "scan":
            return _scan(args)
        if args.command == "explain":
            return _explain(args)
        if args.command == "convert":
            return _convert(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "report":
            return _report(args)
    except UsageError as exc:
        print(f"ctimod {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ctimod: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for users
        if os.environ.get("CTIMOD_DEBUG"):
            raise
        print(f"ctimod: internal error: {type(exc).__name__}: {exc} "
              "(set CTIMOD_DEBUG=1 for details and please report it)", file=sys.stderr)
        return EXIT_INTERNAL
    parser.print_help()
    return EXIT_USAGE


def _scan(args) -> int:
    from .load import DEFAULT_MAX_FILE_SIZE
    from .scan import ScanOptions
    from .write import write_atomically

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if args.output:
        out_dir = os.path.dirname(os.path.abspath(args.output))
        if not os.path.isdir(out_dir):
            raise UsageError(f"cannot write {args.output}: folder {out_dir} does not exist")
        if os.path.isdir(args.output):
            raise UsageError(f"cannot write {args.output}: it is a folder")
    options = ScanOptions(include=tuple(args.include), exclude=tuple(args.exclude),
                          max_file_size=args.max_file_size or DEFAULT_MAX_FILE_SIZE, jobs=args.jobs,
                          gitignore=not args.no_gitignore)
    result = _run_scan(args.paths, options, show_progress=not args.no_progress and sys.stderr.isatty())

    if args.output:
        target = os.path.realpath(args.output)
        for report in result.files:
            if os.path.realpath(report.path) == target:
                raise UsageError(f"refusing to overwrite {args.output}: it is one of the scanned files")

    if args.format == "json":
        from .report import jsonfmt

        if args.output:
            write_atomically(args.output, lambda handle: jsonfmt.write(result, handle))
        else:
            jsonfmt.write(result, sys.stdout)
        text = ""
    elif args.format == "sarif":
        from .report import sarif

        text = sarif.render(result)
    elif args.format == "markdown":
        from .report import markdown

        text = markdown.render(result)
    else:
        text = None

    if text is None:
        from rich.console import Console

        from .report import terminal

        if args.output:
            import io

            buffer = io.StringIO()
            terminal.render(result, Console(file=buffer, width=120, color_system=None, force_terminal=False))
            write_atomically(args.output, buffer.getvalue())
        else:
            terminal.render(result, Console())
    elif args.format == "json":
        pass
    elif args.output:
        write_atomically(args.output, text)
    else:
        sys.stdout.write(text)

    fail_on = {value for group in args.fail_on for value in group}
    if fail_on and any(u.disposition in fail_on for u in result.uses if u.kind in ("call", "reference")
                       or u.disposition == "invalid"):
        return EXIT_FINDINGS
    return EXIT_OK


def _run_scan(paths, options, show_progress: bool):
    from .scan import scan

    if not show_progress:
        return scan(paths, options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True) as progress:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < 20:
                return
            if task is None:
                task = progress.add_task("scan", total=total)
            progress.update(task, completed=done)

        return scan(paths, options, progress=update)


def _convert(args) -> int:
    import re

    from rich.console import Console

    from .convert import ConvertOptions, bundle_files, convert
    from .load import DEFAULT_MAX_FILE_SIZE
    from .report import sidebyside
    from .write import WriteError, check_outdir, write_bundle

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if not args.output and not args.dry_run:
        raise UsageError("give the output folder with -o OUTDIR (or use --dry-run)")
    if args.name is not None and not re.fullmatch(r"[a-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*", args.name):
        raise UsageError(f"--name {args.name!r} is not a valid LWC name (start with a lower-case letter; letters, "
                         "digits and single underscores)")
    if args.output and not args.dry_run:
        try:
            check_outdir(args.output, args.paths, args.force)
        except WriteError as exc:
            raise UsageError(str(exc)) from None
    options = ConvertOptions(name=args.name, connector_api=args.connector_api, utility_bar=not args.no_utility_bar,
                             max_file_size=args.max_file_size or DEFAULT_MAX_FILE_SIZE)
    result = convert(args.paths, options)
    console = Console()
    err = Console(stderr=True)
    not_converted = [(r.path, r.diagnostics[0].message if r.diagnostics else r.status) for r in result.plan.reports
                     if r.status in ("skipped", "unreadable", "failed", "unsupported")]
    if not result.plan.files and not result.plan.call_centers:
        why = "".join(f"\n  {path}: {message}" for path, message in not_converted[:10])
        more = f"\n  ... and {len(not_converted) - 10} more" if len(not_converted) > 10 else ""
        raise UsageError("no Open CTI adapter code found in " + ", ".join(args.paths)
                         + (f"; files that could not be used:{why}{more}" if why else ""))
    for path, message in not_converted:
        err.print(f"ctimod convert: warning: not converted: {path}: {message}", markup=False, highlight=False,
                  soft_wrap=True)
    for report in result.plan.reports:
        if report.status == "partial":
            errors = next((d.message for d in report.diagnostics if d.code == "syntax-error"), "syntax errors")
            err.print(f"ctimod convert: warning: {report.path}: {errors}; code there is not converted",
                      markup=False, highlight=False, soft_wrap=True)
    _print_plan(console, result)
    if not args.no_diffs:
        for _, diff in sorted(result.diffs, key=lambda cd: (cd[0].use.file, cd[0].use.line, cd[0].use.column)):
            console.print(sidebyside.to_rich(diff))
    if args.dry_run:
        console.print("[bold]dry run:[/] nothing was written")
        return EXIT_FINDINGS if result.failed or result.dropped_files else EXIT_OK
    files = [(f.path, f.content) for f in bundle_files(result)]
    try:
        written = write_bundle(args.output, files, args.paths, args.force)
    except WriteError as exc:
        err.print(f"ctimod convert: error: {exc}", markup=False, highlight=False, soft_wrap=True)
        return EXIT_USAGE
    console.print(f"wrote {len(written)} file(s) to {args.output}: MIGRATION.md, migration.json, report.html, "
                  "force-app/, connector/, contact-center/", markup=False, highlight=False)
    for conversion in result.failed:
        err.print(f"ctimod convert: failed: {conversion.use.file}:{conversion.use.line} {conversion.use.api}: "
                  f"{conversion.todo or conversion.reason}", markup=False, highlight=False, soft_wrap=True)
    for path in result.dropped_files:
        err.print(f"ctimod convert: failed: {path} was not written: what ctimod generated for it does not parse "
                  "(a ctimod bug; please report it)", markup=False, highlight=False, soft_wrap=True)
    if args.verify:
        from .toolchain import verify_bundle

        if verify_bundle(args.output, console) != EXIT_OK:
            return EXIT_FINDINGS
    return EXIT_FINDINGS if result.failed or result.dropped_files else EXIT_OK


def _report(args) -> int:
    from .assess import adapter_roots
    from .convert import ConvertOptions, convert
    from .load import DEFAULT_MAX_FILE_SIZE
    from .report import html
    from .scan import ScanOptions
    from .write import write_atomically

    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    out_dir = os.path.dirname(os.path.abspath(args.output))
    if not os.path.isdir(out_dir):
        raise UsageError(f"cannot write {args.output}: folder {out_dir} does not exist")
    limit = args.max_file_size or DEFAULT_MAX_FILE_SIZE
    result = _run_scan(args.paths, ScanOptions(include=tuple(args.include), exclude=tuple(args.exclude),
                                               max_file_size=limit), show_progress=sys.stderr.isatty())
    target = os.path.realpath(args.output)
    if any(os.path.realpath(f.path) == target for f in result.files):
        raise UsageError(f"refusing to overwrite {args.output}: it is one of the scanned files")
    adapters = adapter_roots(args.paths, result.files)
    adapters_of: dict[str, list[str]] = {}
    for name, files in adapters:
        for path in files:
            adapters_of.setdefault(path, []).append(name)
    reports: dict[str, list] = {name: [] for name, _ in adapters}
    for report in result.files:  # one pass: past a few hundred files the reports are read back from disk
        for name in adapters_of.get(report.path, ()):
            reports[name].append(report)
    views = []
    for name, files in adapters:
        converted = convert(files, ConvertOptions(connector_api=args.connector_api, max_file_size=limit))
        views.append(html.adapter_view(name, reports[name], converted))
    diagnostics = [f"{d.severity}: {d.message}" for d in result.diagnostics]
    page = html.render("Open CTI assessment",
                       "Open CTI is retired on February 28, 2028: every adapter, every use, the effort and the "
                       "compliance checks.", result.files, views, diagnostics)
    write_atomically(args.output, page)
    print(f"wrote {args.output}: {len(views)} adapter(s), {len(result.calls)} Open CTI call(s)")
    return EXIT_OK


def _verify(args) -> int:
    from rich.console import Console

    from .toolchain import verify_bundle

    if not os.path.isdir(args.outdir):
        raise UsageError(f"{args.outdir} is not a folder")
    if not os.path.isfile(os.path.join(args.outdir, "sfdx-project.json")):
        raise UsageError(f"{args.outdir} is not a bundle written by ctimod convert (no sfdx-project.json)")
    if args.connector_base and not os.path.isfile(os.path.join(args.connector_base, "package.json")):
        raise UsageError(f"--connector-base {args.connector_base} is not a package folder")
    return verify_bundle(args.outdir, Console(), install=args.install, connector_base=args.connector_base)


def _print_plan(console, result) -> None:
    from rich import box
    from rich.markup import escape
    from rich.table import Table

    from .report.terminal import STYLES

    table = Table(title=f"Conversion plan: {escape(result.plan.adapter)}", box=box.SIMPLE_HEAD,
                  title_justify="left")
    table.add_column("Legacy", overflow="fold", ratio=2)
    table.add_column("API", overflow="fold", ratio=2)
    table.add_column("Safety", no_wrap=True)
    table.add_column("Becomes", overflow="fold", ratio=3)
    table.add_column("Where", overflow="fold", ratio=2)
    # Identical conversions (same file, API, outcome and destination) share a row listing their lines:
    # a long adapter repeats the same call many times, and one row each buries the differences.
    rows: dict[tuple, list[int]] = {}
    for c in sorted(result.conversions, key=lambda c: (c.use.file, c.use.line, c.use.column)):
        safety = c.safety + (" FAILED" if c.status == "failed" else "")
        where = c.location.split(": ")[-1] if c.location else "not moved"
        lines = rows.setdefault((c.use.file, c.use.api, c.safety, safety, c.summary, where), [])
        if c.use.line not in lines:
            lines.append(c.use.line)
    for (file, api, style, safety, summary, where), lines in rows.items():
        shown = ", ".join(str(n) for n in lines[:8]) + (f" (+{len(lines) - 8} more)" if len(lines) > 8 else "")
        table.add_row(escape(f"{file}:{shown}"), escape(api), f"[{STYLES.get(style, '')}]{escape(safety)}[/]",
                      escape(summary), escape(where))
    console.print(table)


def _explain(args) -> int:
    from .catalog import DISPOSITION_LABELS, find_members

    members = find_members(args.member)
    if not members:
        raise UsageError(f"{args.member!r} is not a documented Open CTI member; try e.g. screenPop or "
                         "sforce.interaction.cti.onClickToDial")
    import inspect

    from .codemod import codemod_for

    shown = set()
    for member in members:
        print(f"{member.api}  ({member.family.value}, {member.kind})")
        print(f"  becomes:   {member.replacement}")
        print(f"  safety:    {member.disposition.value} - {DISPOSITION_LABELS[member.disposition]}")
        print(f"  why:       {member.rationale}")
        print(f"  codemod:   {member.codemod}")
        if member.equivalent:
            print(f"  parity:    {member.equivalent}")
        print()
        codemod = codemod_for(member.api)
        if codemod.id not in shown:
            shown.add(codemod.id)
            print(f"codemod {codemod.id}:")
            print("    " + inspect.cleandoc(type(codemod).__doc__).replace("\n", "\n    "))
            print()
    return EXIT_OK
