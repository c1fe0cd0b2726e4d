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
import contextlib
import os
import re
import sys

from . import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
PLAN_ROWS = 200  # rows of the conversion plan a terminal shows
DIFFS_SHOWN = 20  # side-by-side diffs a terminal shows unless --diffs asks for all
FAIL_ON_CHOICES = ("manual", "review", "invalid", "drop")

DOCS_URL = "https://github.com/ctimod/ctimod#readme"
EPILOG = f"""exit codes: 0 ran; 1 --fail-on matched; 2 usage error; 3 internal failure.
Open CTI is retired on February 28, 2028. Docs: {DOCS_URL}"""

# Output formats by file name (like `sf code-analyzer run --output-file`).
FORMAT_OF_EXTENSION = {".json": "json", ".sarif": "sarif", ".md": "markdown", ".markdown": "markdown",
                       ".html": "html", ".htm": "html", ".txt": "table"}
FORMAT_EXTENSION = {"json": ".json", "sarif": ".sarif", "markdown": ".md", "html": ".html", "table": ".txt"}

COMMAND_EXAMPLES = {
    None: """examples:
  ctimod scan force-app/                      inventory of every Open CTI use (tables)
  ctimod scan . -o ctimod.sarif -o report.html   SARIF for code scanning + the HTML assessment
  ctimod convert legacy/softphone -o voice    an SFDX project with the Voice LWC + BYOT connector
  ctimod explain onClickToDial                what a member becomes in Voice
  ctimod completion bash > ~/.local/share/bash-completion/completions/ctimod""",
    "scan": """examples:
  ctimod scan force-app/ static/ legacy.page   rich tables on a terminal
  ctimod scan . -o inventory.json              format from the file name: .json .sarif .md .html .txt
  ctimod scan . -o ctimod.sarif -o report.html several formats from one scan
  ctimod scan . --format json | jq .summary    to stdout
  ctimod scan . --fail-on manual,invalid       CI gate: exit 1 if any exist
  ctimod scan . --baseline .ctimod-baseline.json --fail-on review   fail only on new findings""",
    "convert": """examples:
  ctimod convert legacy/softphone/ -o voice-migration
  ctimod convert softphone.page adapter.js VendorCC.xml -o out --connector-api 3
  ctimod convert legacy/softphone/ --dry-run          print the plan (and diffs on a terminal)
  ctimod convert legacy/ --merge -o out               several adapters into one bundle
  ctimod convert legacy/softphone/ -o voice --connector-hosting static-resource --api-version 66.0""",
    "report": """examples:
  ctimod report . -o assessment.html
  ctimod report corpus/ --exclude '**/test/**' -o report.html""",
    "verify": """examples:
  ctimod verify voice-migration
  ctimod verify voice-migration --install      install the Node packages into the user cache first""",
    "explain": """examples:
  ctimod explain onClickToDial
  ctimod explain sforce.interaction.cti.getCallCenterSettings
  ctimod explain --list""",
    "completion": """examples:
  ctimod completion bash > ~/.local/share/bash-completion/completions/ctimod
  ctimod completion zsh > "${fpath[1]}/_ctimod"
  ctimod completion fish > ~/.config/fish/completions/ctimod.fish""",
}


def _epilog(command: str | None, codes: str = EPILOG) -> str:
    return f"{COMMAND_EXAMPLES[command]}\n\n{codes}"


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


def _count(text: str) -> int:
    if not re.fullmatch(r"\s*\d+\s*", text) or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {text!r}")
    return int(text)


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


def _api_version(text: str) -> str:
    match = re.fullmatch(r"\s*(\d{2,3})(?:\.0)?\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a Salesforce API version: {text!r} (example: 62.0)")
    return f"{int(match.group(1))}.0"


FOLLOW_LINKS_HELP = ("also follow symbolic links that lead outside the named paths (by default such a link is "
                     "reported and nothing behind it is read)")


def _common_options(default) -> argparse.ArgumentParser:
    """-q/-v/--color, accepted before and after the command (``ctimod -q scan`` = ``ctimod scan -q``)."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("output control")
    group.add_argument("-q", "--quiet", action="store_true", default=default,
                       help="print only the requested output and errors (no progress, plan, notes or warnings)")
    group.add_argument("-v", "--verbose", action="count", default=default,
                       help="say more: list the files ignore files skipped, every file not converted")
    group.add_argument("--color", choices=("auto", "always", "never"), default=default,
                       help="colour in terminal output (default auto: on a terminal, unless NO_COLOR is set)")
    return common


def _add_scope_options(parser, what: str = "scan") -> None:
    parser.add_argument("--include", action="append", metavar="GLOB", default=None,
                        help=f"{what} only files matching GLOB (repeatable; default: every adapter file type)")
    parser.add_argument("--exclude", action="append", metavar="GLOB", default=None,
                        help="skip files and folders matching GLOB (repeatable)")
    parser.add_argument("--no-ignore", "--no-gitignore", dest="no_ignore", action="store_true",
                        help="also read what .gitignore and .forceignore files ignore")
    parser.add_argument("--follow-links", action="store_true", help=FOLLOW_LINKS_HELP)
    parser.add_argument("--max-file-size", type=_size, default=None, metavar="SIZE",
                        help="files larger than SIZE are reported, not parsed (default: 10MB)")
    parser.add_argument("--config", metavar="FILE",
                        help="read settings from FILE (default: .ctimod.toml or [tool.ctimod] in pyproject.toml, "
                             "found from the current folder upwards)")
    parser.add_argument("--no-config", action="store_true", help="ignore configuration files")


def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="ctimod", parents=[_common_options(argparse.SUPPRESS)],
        description="Migrate Salesforce Open CTI softphone adapters to Salesforce (Service Cloud) Voice.",
        epilog=_epilog(None), formatter_class=fmt)
    parser.add_argument("--version", action="version", version=f"ctimod {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = [_common_options(argparse.SUPPRESS)]

    scan = commands.add_parser(
        "scan", help="inventory every Open CTI use in files or project trees", parents=common,
        description="Find every Open CTI use (sforce.opencti, sforce.interaction, sforce.console.cti) and say "
                    "what each becomes in Voice.", epilog=_epilog("scan"), formatter_class=fmt)
    scan.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to scan")
    scan.add_argument("--format", choices=("table", "json", "sarif", "markdown", "html"), default=None,
                      help="format of the report on stdout (default: table); with -o the file name decides")
    scan.add_argument("-o", "--output", metavar="FILE", action="append", default=[],
                      help="write the report to FILE; the format comes from its extension (.json, .sarif, .md, "
                           ".html, .txt); repeat to write several formats from one scan")
    _add_scope_options(scan)
    scan.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                      help="worker processes (default 0: one per CPU core)")
    scan.add_argument("--fail-on", type=_fail_on, action="append", default=None, metavar="KINDS",
                      help="exit 1 when uses of these dispositions exist: manual, review, invalid, drop "
                           "(comma-separated or repeated)")
    scan.add_argument("--baseline", metavar="FILE",
                      help="findings accepted in FILE do not count for --fail-on (only new ones fail)")
    scan.add_argument("--write-baseline", metavar="FILE",
                      help="record the current findings in FILE as accepted, then exit 0")
    scan.add_argument("--connector-api", type=int, choices=(3, 4), default=None,
                      help="connector API the HTML report plans for (default 4)")
    scan.add_argument("--no-progress", action="store_true", help="no progress bar")

    convert = commands.add_parser(
        "convert", help="convert one adapter into a Voice LWC + BYOT connector bundle", parents=common,
        description="Convert the files (or folder) that make up one Open CTI adapter into a migration bundle: an "
                    "SFDX project with the Voice LWC, a BYOT connector, Apex, metadata and the contact center "
                    "definition, plus MIGRATION.md, migration.json and report.html.",
        epilog=_epilog("convert", "exit codes: 0 bundle written (TODOs are normal); 1 written, but some conversions "
                                  "failed; 2 usage error, no convertible Open CTI code in PATH, several adapters "
                                  f"without --merge, or refused OUTDIR; 3 internal failure.\nDocs: {DOCS_URL}"),
        formatter_class=fmt)
    convert.add_argument("paths", nargs="+", metavar="PATH", help="the adapter's files or folder")
    convert.add_argument("-o", "--output", metavar="OUTDIR", help="where to write the bundle (required unless "
                                                                   "--dry-run)")
    convert.add_argument("--force", action="store_true", help="replace the contents of a non-empty OUTDIR")
    convert.add_argument("--dry-run", action="store_true", help="print the plan and the diffs, write nothing")
    convert.add_argument("--connector-api", type=int, choices=(3, 4), default=None,
                         help="scv-connector-base major version to target (default 4)")
    convert.add_argument("--name", metavar="NAME", help="LWC bundle name (default: from the adapter's name)")
    convert.add_argument("--merge", action="store_true",
                         help="convert a folder holding several independent adapters into one bundle")
    convert.add_argument("--no-utility-bar", action="store_true",
                         help="the component is not a utility-bar item: panel calls are removed, not converted")
    convert.add_argument("--verify", action="store_true", help="run `ctimod verify` on the bundle after writing")
    convert.add_argument("--diffs", action=argparse.BooleanOptionalAction, default=None,
                         help="print every side-by-side diff (default: the first 20, only when stdout is a terminal)")
    convert.add_argument("--max-file-size", type=_size, default=None, metavar="SIZE",
                         help="files larger than SIZE are reported, not converted (default: 10MB)")
    convert.add_argument("--max-calls", type=_count, default=None, metavar="N",
                         help="stop, saying so, when the adapter holds more than N Open CTI calls (default: 10000; "
                              "about 30 s and 500 MB; convert takes 2-3 ms a call)")
    convert.add_argument("--follow-links", action="store_true", help=FOLLOW_LINKS_HELP)
    convert.add_argument("--api-version", type=_api_version, default=None, metavar="VERSION",
                         help="Salesforce API version of the generated SFDX project (default: 67.0, what "
                              "`sf project generate` writes)")
    convert.add_argument("--connector-hosting", choices=("external", "static-resource"), default=None,
                         help="external (default): you host the built connector; static-resource: a static "
                              "resource + Visualforce page + ConversationVendorInformation, deployed with the org")
    convert.add_argument("--config", metavar="FILE", help="as for scan")
    convert.add_argument("--no-config", action="store_true", help="ignore configuration files")

    report = commands.add_parser(
        "report", help="write the HTML assessment of one or many adapters", parents=common,
        description="Scan the paths, group the files into adapters, plan each adapter's conversion and write one "
                    "self-contained HTML assessment: summary, uses per API member, effort estimate, compliance "
                    "checklist, per-file uses and side-by-side diffs of every flagged use. "
                    "(`ctimod scan PATH -o report.html` writes the same page.)",
        epilog=_epilog("report", f"exit codes: 0 written; 2 usage error; 3 internal failure.\nDocs: {DOCS_URL}"),
        formatter_class=fmt)
    report.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (each sub-folder with Open CTI "
                                                                  "code is an adapter)")
    report.add_argument("-o", "--output", metavar="FILE.html", required=True, help="the HTML file to write")
    _add_scope_options(report)
    report.add_argument("--connector-api", type=int, choices=(3, 4), default=None, help="as for convert")

    verify = commands.add_parser(
        "verify", help="check a generated bundle with Salesforce's toolchains", parents=common,
        description="Check a bundle the way a deploy and a call would: parse the Apex (apex-parser) and resolve every "
                    "@salesforce/apex import, convert the project with Salesforce's metadata registry "
                    "(source-deploy-retrieve), compile and lint the LWC (@lwc/compiler, LWC ESLint rules), run Code "
                    "Analyzer's Recommended rules (PMD, ESLint), check the contact center, drive the connector "
                    "through the handshake and a call against @salesforce/scv-connector-base in a DOM, and run the "
                    "bundle's own tests (each component's Jest test with sfdx-lwc-jest, the connector's npm test).",
        epilog=_epilog("verify", "exit codes: 0 every check that ran passed (skipped checks and connector methods "
                                 "left as TODOs are listed); 1 a check failed, or with --strict a check could not "
                                 "run or a connector method is a TODO; "
                                 f"2 usage error.\nDocs: {DOCS_URL}"),
        formatter_class=fmt)
    verify.add_argument("outdir", metavar="OUTDIR", help="a bundle written by ctimod convert")
    verify.add_argument("--install", action="store_true",
                        help="install the Node verification packages into the user cache if they are missing, and "
                             "the connector's own dependencies (the 4.x connector base) into OUTDIR/connector")
    verify.add_argument("--connector-base", metavar="PATH",
                        help="a @salesforce/scv-connector-base package folder to run the connector with")
    verify.add_argument("--strict", action="store_true",
                        help="a check that could not run (a missing tool), or a connector method still a TODO, fails "
                             "verify instead of being reported")

    explain = commands.add_parser(
        "explain", help="what ctimod does with an Open CTI member", parents=common,
        description="Print what an Open CTI member becomes in Voice, how safely, and why.",
        epilog=_epilog("explain", f"exit codes: 0 printed; 2 unknown member.\nDocs: {DOCS_URL}"),
        formatter_class=fmt)
    explain.add_argument("member", metavar="MEMBER", nargs="?",
                         help="e.g. screenPop, sforce.interaction.cti.onClickToDial")
    explain.add_argument("--list", action="store_true", help="list every documented member and its disposition")

    completion = commands.add_parser(
        "completion", help="print a shell completion script (bash, zsh, fish)", parents=common,
        description="Print a completion script for your shell: commands, options, their choices and the Open CTI "
                    "members `ctimod explain` knows.",
        epilog=_epilog("completion", "exit codes: 0 printed; 2 usage error."), formatter_class=fmt)
    completion.add_argument("shell", choices=("bash", "zsh", "fish"), help="the shell")
    return parser


def _did_you_mean(parser: argparse.ArgumentParser, argv: list[str]) -> str | None:
    """'unknown command' with a suggestion, for the first word that is not an option."""
    import difflib

    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    takes_value = {"--color"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--":
            return None
        if arg.startswith("-"):
            skip = arg in takes_value
            continue
        if arg in commands:
            return None
        close = difflib.get_close_matches(arg, list(commands), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"unknown command '{arg}'{hint}; commands: {', '.join(commands)}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    unknown = _did_you_mean(parser, argv)
    if unknown:
        parser.print_usage(sys.stderr)
        print(f"ctimod: error: {unknown}", file=sys.stderr)
        return EXIT_USAGE
    args = parser.parse_args(argv)
    args.quiet = bool(getattr(args, "quiet", False))
    args.verbose = getattr(args, "verbose", 0) or 0
    args.color = getattr(args, "color", "auto")
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    _safe_streams()
    try:
        with _links_policy(args):
            return _dispatch(args, parser)
    except UsageError as exc:
        print(f"ctimod {args.command}: error: {_shown(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("ctimod: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback for users
        if os.environ.get("CTIMOD_DEBUG"):
            raise
        print(f"ctimod: internal error: {type(exc).__name__}: {_shown(exc)} "
              "(set CTIMOD_DEBUG=1 for details and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _dispatch(args, parser) -> int:
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
    if args.command == "completion":
        from .completion import script

        sys.stdout.write(script(args.shell, parser))
        return EXIT_OK
    parser.print_help()
    return EXIT_USAGE


def _links_policy(args):
    """--follow-links for every stage of this run (convert's pipeline discovers its own files)."""
    if not getattr(args, "follow_links", False):
        return contextlib.nullcontext()
    from .discover import following_links

    return following_links(True)


def _safe_streams() -> None:
    """Output never stops on a character the terminal's encoding cannot hold (a file name's stray byte)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def _shown(value) -> str:
    """Text for the terminal: a path's control characters and stray bytes shown as escapes."""
    from .escape import terminal_text

    return terminal_text(value)


def _output_file(path: str) -> None:
    """-o FILE must be writable (a link is written through) before any work is done: else a usage error."""
    from .write import WriteError, output_file

    try:
        output_file(path)
    except WriteError as exc:
        raise UsageError(str(exc)) from None


def _write_output(path: str, text) -> None:
    """write_atomically, with what goes wrong (a full disk, a folder gone read-only) as a usage error."""
    from .write import WriteError, write_atomically

    try:
        write_atomically(path, text)
    except WriteError as exc:
        raise UsageError(str(exc)) from None


def _scanned_path(display: str) -> str:
    """The file a report's path names (reports escape odd names)."""
    from .escape import undisplay_path

    return undisplay_path(display)


def _refuse_overwriting_inputs(outputs: list[str], result) -> None:
    """A usage error if an output file is one of the files the scan read or listed.

    Compared by device and inode (a link or another spelling of the path is the same file), from the
    scan's list of input paths: the reports themselves are never read back (past a few hundred
    files they are on disk). An output that does not exist yet cannot be an input."""
    existing = {}
    for path in outputs:
        try:
            info = os.stat(path)
        except OSError:
            continue
        existing[(info.st_dev, info.st_ino)] = path
    if not existing:
        return
    for scanned in result.inputs:
        try:
            info = os.stat(scanned)
        except OSError:
            continue
        path = existing.get((info.st_dev, info.st_ino))
        if path is not None:
            raise UsageError(f"refusing to overwrite {path}: it is one of the scanned files")


def _console(args, stderr: bool = False, file=None):
    """A rich console honouring --color (and NO_COLOR / FORCE_COLOR through rich for 'auto')."""
    from rich.console import Console

    if args.color == "always":
        return Console(stderr=stderr, file=file, force_terminal=True, color_system="standard")
    if args.color == "never":
        return Console(stderr=stderr, file=file, no_color=True, color_system=None, highlight=False)
    return Console(stderr=stderr, file=file)


def _output_targets(outputs: list[str], fmt: str | None, allowed: tuple[str, ...]) -> list[tuple[str, str]]:
    """(file, format) for every -o: the format comes from the file name; --format may name it for one file."""
    targets = []
    for path in outputs:
        ext = os.path.splitext(path)[1].lower()
        by_name = FORMAT_OF_EXTENSION.get(ext)
        if path.endswith(("/", os.sep)) or os.path.isdir(path):
            raise UsageError(f"cannot write {path}: it is a folder; name a file such as "
                             f"{os.path.join(path, 'ctimod' + FORMAT_EXTENSION[allowed[0]])}")
        if by_name is None:
            if fmt is not None and len(outputs) == 1:
                by_name = fmt
            else:
                names = ", ".join(FORMAT_EXTENSION[f] for f in allowed)
                raise UsageError(f"cannot tell the format of {path} from its name: use one of {names}"
                                 + (" (or --format)" if len(outputs) == 1 else ""))
        elif fmt is not None and fmt != by_name:
            raise UsageError(f"--format {fmt} contradicts the file name {path} ({by_name})")
        if by_name not in allowed:
            raise UsageError(f"cannot write {by_name} to {path}: this command writes "
                             + ", ".join(FORMAT_EXTENSION[f] for f in allowed))
        _output_file(path)  # a FIFO, a device, a link loop, an unwritable or missing folder: exit 2
        if any(os.path.realpath(path) == os.path.realpath(p) for p, _ in targets):
            raise UsageError(f"{path} is named twice with -o")
        targets.append((path, by_name))
    return targets


def _settings(args):
    """The configuration file's settings for this run (a wrong file is a usage error)."""
    from .config import ConfigError, resolve

    try:
        config = resolve(getattr(args, "config", None), getattr(args, "no_config", False))
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    if config.path and args.verbose:
        print(f"ctimod: settings from {config.path}", file=sys.stderr)
    return config


def _scan_options(args, config, jobs: int = 0):
    from .load import DEFAULT_MAX_FILE_SIZE
    from .scan import ScanOptions

    include = args.include if args.include is not None else (config.include or [])
    exclude = args.exclude if args.exclude is not None else (config.exclude or [])
    from .discover import Globs

    for option, patterns in (("--include", include), ("--exclude", exclude)):
        for pattern in patterns:
            try:
                Globs([pattern])
            except Exception as exc:  # pathspec raises re.error, GitIgnorePatternError, ValueError
                raise UsageError(f"{option} {pattern!r} is not a valid pattern: {exc}") from None
    ignore_files = not args.no_ignore and config.ignore_files is not False
    return ScanOptions(include=tuple(include), exclude=tuple(exclude),
                       max_file_size=args.max_file_size or config.max_file_size or DEFAULT_MAX_FILE_SIZE,
                       jobs=jobs, gitignore=ignore_files)


def _check_paths(paths: list[str]) -> None:
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")


def _ignored_note(args, result) -> None:
    """Say how many files ignore files kept out of the scan, and how to include them; and which
    files were ctimod's own earlier reports (not scanned)."""
    own = getattr(result, "own_reports", None) or []
    if own and not args.quiet:
        shown = ", ".join(own[:5]) + (f" and {len(own) - 5} more" if len(own) > 5 else "")
        print(f"ctimod {args.command}: note: not scanned, as ctimod's own earlier report(s): {shown} "
              "(name a file on the command line to scan it anyway)", file=sys.stderr)
    ignored = getattr(result, "ignored", None) or []
    if not ignored or args.quiet:
        return
    from collections import Counter

    sources = ", ".join(f"{name} ({count})" for name, count in sorted(Counter(why for _, why in ignored).items()))
    print(f"ctimod {args.command}: note: {len(ignored)} file(s) not read because ignore files list them: {sources}; "
          "--no-ignore reads them (so does naming them on the command line)"
          + ("" if args.verbose else "; -v lists them"), file=sys.stderr)
    if args.verbose:
        for path, why in ignored:
            print(f"  ignored by {why}: {path}", file=sys.stderr)


def _scan(args) -> int:
    _check_paths(args.paths)
    config = _settings(args)
    allowed = ("table", "json", "sarif", "markdown", "html")
    targets = _output_targets(args.output, args.format, allowed)
    options = _scan_options(args, config, jobs=args.jobs)
    fail_on = {value for group in (args.fail_on if args.fail_on is not None else [config.fail_on or []])
               for value in group}
    if not fail_on and not args.write_baseline and all(fmt == "json" for _, fmt in targets) and \
            (targets or args.format == "json"):
        import dataclasses

        # Only the JSON inventory is written: files are turned into their entries where they are analysed.
        options = dataclasses.replace(options, lean_json=True)
    show_progress = not args.no_progress and not args.quiet and sys.stderr.isatty()
    result = _run_scan(args.paths, options, show_progress=show_progress)
    _ignored_note(args, result)

    _refuse_overwriting_inputs([path for path, _ in targets] + ([args.write_baseline] if args.write_baseline else []),
                               result)

    if args.write_baseline:
        from .baseline import write

        count = write(args.write_baseline, result.uses, _write_output)
        if not args.quiet:
            print(f"wrote {args.write_baseline}: {count} accepted finding(s)", file=sys.stderr)

    connector_api = args.connector_api or config.connector_api or 4
    for path, fmt in targets:
        _write_scan_output(args, result, fmt, path, connector_api, options.max_file_size)
    if not targets and not args.write_baseline:
        _write_scan_output(args, result, args.format or "table", None, connector_api, options.max_file_size)
    if args.write_baseline:
        return EXIT_OK

    if not fail_on:
        return EXIT_OK
    from .baseline import BaselineError, counted, load, new_findings

    findings = [u for u in result.uses if counted(u) and u.disposition in fail_on]
    baseline = args.baseline or config.baseline
    if baseline:
        try:
            accepted = load(baseline)
        except BaselineError as exc:
            raise UsageError(str(exc)) from None
        total = len(findings)
        # (every counted use takes its accepted finding in scan order, whatever --fail-on counts: an accepted
        # call now rated otherwise keeps its own, and a new copy of its line is the one that is new)
        new, changed = new_findings([u for u in result.uses if counted(u)], baseline, accepted)
        findings = [u for u in new if u.disposition in fail_on]
        changed = [u for u in changed if u.disposition in fail_on]
        if not args.quiet:
            rated = (f", {len(changed)} of them rated otherwise since it was written (--write-baseline "
                     f"records the new rating)" if changed else "")
            print(f"ctimod scan: {len(findings)} new finding(s) ({', '.join(sorted(fail_on))}); "
                  f"{total - len(findings)} accepted in {baseline}{rated}", file=sys.stderr)
        if args.verbose:
            for use in findings:
                print(f"  new: {use.file}:{use.line} {use.api} ({use.disposition})", file=sys.stderr)
            for use in changed:
                print(f"  accepted, now {use.disposition}: {use.file}:{use.line} {use.api}", file=sys.stderr)
    return EXIT_FINDINGS if findings else EXIT_OK


TABLE_FILE_TITLE = "Open CTI inventory (ctimod scan)\n\n"


def _write_scan_output(args, result, fmt: str, path: str | None, connector_api: int, max_file_size: int) -> None:
    """One report of the scan in ``fmt``, to ``path`` (atomically) or to stdout."""
    write_atomically = _write_output
    if fmt == "json":
        from .report import jsonfmt

        if path:
            write_atomically(path, lambda handle: jsonfmt.write(result, handle))
        else:
            jsonfmt.write(result, sys.stdout)
        return
    if fmt == "table":
        from .report import terminal

        if path:
            import io

            buffer = io.StringIO()
            buffer.write(TABLE_FILE_TITLE)  # (how a re-run knows the file as its own report, not an input)
            console = _console(args, file=buffer)
            console.width = 160
            terminal.render(result, console)
            write_atomically(path, buffer.getvalue())
        else:
            terminal.render(result, _console(args))
        return
    if fmt == "sarif":
        from .report import sarif

        text = sarif.render(result)
    elif fmt == "markdown":
        from .report import markdown

        text = markdown.render(result)
    else:
        text, _, _ = _assessment(args.paths, result, connector_api, max_file_size)
    if path:
        write_atomically(path, text)
    else:
        sys.stdout.write(text)


def _assessment(paths: list[str], result, connector_api: int, max_file_size: int) -> tuple[str, int, int]:
    """The HTML assessment of a scan: its files grouped into adapters, each adapter's conversion planned."""
    from .assess import adapter_roots
    from .convert import ConvertOptions, TooManyCalls, convert
    from .report import html

    adapters = adapter_roots(paths, result.files)
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
        try:
            converted = convert([_scanned_path(f) for f in files],
                                ConvertOptions(connector_api=connector_api, max_file_size=max_file_size))
        except TooManyCalls as exc:
            raise UsageError(f"adapter {name}: {exc}; ctimod scan --format json, sarif or markdown lists every "
                             "call without planning a conversion") from None
        views.append(html.adapter_view(name, reports[name], converted))
    diagnostics = [f"{d.severity}: {d.message}" for d in result.diagnostics]
    page = html.render("Open CTI assessment",
                       "Open CTI is retired on February 28, 2028: every adapter, every use, the effort and the "
                       "compliance checks.", result.files, views, diagnostics)
    return page, len(views), sum(v.tally.calls for v in views)


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
    _check_paths(args.paths)
    config = _settings(args)
    if not args.output and not args.dry_run:
        raise UsageError("give the output folder with -o OUTDIR (or use --dry-run)")
    if args.name is not None and not re.fullmatch(r"[a-z][A-Za-z0-9]*(_[A-Za-z0-9]+)*", args.name):
        raise UsageError(f"--name {args.name!r} is not a valid LWC name (start with a lower-case letter; letters, "
                         "digits and single underscores)")
    _refuse_non_adapter_files(args.paths)
    if args.output and not args.dry_run:
        with _holding_outdir(args):
            return _convert_run(args, config)
    return _convert_run(args, config)


@contextlib.contextmanager
def _holding_outdir(args):
    """For a whole convert: hold OUTDIR's lock (another run into it is refused, naming its pid), clean up or
    restore what a killed earlier run left, and refuse an OUTDIR that cannot be used. All usage errors."""
    from .write import WriteError, check_outdir, outdir_lock, recover_outdir

    try:
        check_outdir(args.output, args.paths, args.force)  # before the lock: no lock file beside a device
        with outdir_lock(args.output) as stale:
            if stale and not args.quiet:
                print(f"ctimod convert: note: took over the lock of process {stale}, which is no longer running",
                      file=sys.stderr)
            for note in recover_outdir(args.output):
                if not args.quiet:
                    print(f"ctimod convert: note: {_shown(note)}", file=sys.stderr)
            check_outdir(args.output, args.paths, args.force)
            yield
    except WriteError as exc:
        raise UsageError(str(exc)) from None


def _convert_run(args, config) -> int:
    from .convert import ConvertOptions, TooManyCalls, bundle_files, convert
    from .load import DEFAULT_MAX_FILE_SIZE
    from .report import sidebyside
    from .write import WriteError, write_bundle

    options = ConvertOptions(name=args.name, connector_api=args.connector_api or config.connector_api or 4,
                             utility_bar=not args.no_utility_bar,
                             max_file_size=args.max_file_size or config.max_file_size or DEFAULT_MAX_FILE_SIZE)
    if args.max_calls:
        options.max_calls = args.max_calls
    if not args.merge:
        _refuse_several_adapters(args.paths, options.max_file_size)
    try:
        result = convert(args.paths, options)
    except TooManyCalls as exc:
        raise UsageError(f"{', '.join(args.paths)}: {exc}") from None
    console = _console(args)
    err = _console(args, stderr=True)
    # (why: the first error, not a note before it such as "file is UTF-16-LE encoded; decoded and scanned")
    not_converted = [(r.path, next((d.message for d in r.diagnostics if d.severity == "error"),
                                   r.diagnostics[0].message if r.diagnostics else r.status))
                     for r in result.plan.reports if r.status in ("skipped", "unreadable", "failed", "unsupported")]
    # What discover found and did not take (links out of the paths, broken links, bad ignore-file lines).
    # (A vendor recogniser's failure is not about reading: it is printed with the failed conversions.)
    not_read = [(path, d.message) for path, d in result.plan.diagnostics
                if d.code not in ("not-found", "vendor-recogniser-failed")]
    if not result.plan.files and not result.plan.call_centers:
        unused = not_converted + not_read
        why = "".join(f"\n  {path}: {message}" for path, message in unused[:10])
        more = f"\n  ... and {len(unused) - 10} more" if len(unused) > 10 else ""
        raise UsageError("no Open CTI adapter code found in " + ", ".join(args.paths)
                         + (f"; files that could not be used:{why}{more}" if why else ""))

    def say(text: str) -> None:
        err.print(text, markup=False, highlight=False, soft_wrap=True)

    if not args.quiet:
        for path, message in not_read:
            say(f"ctimod convert: warning: {path}: {_shown(message)}")
        for path, message in not_converted:
            say(f"ctimod convert: warning: not converted: {path}: {message}")
        for report in result.plan.reports:
            for diagnostic in report.diagnostics:
                if diagnostic.code == "nul-bytes" and report.status in ("analysed", "partial"):
                    say(f"ctimod convert: warning: {_shown(report.path)}: {diagnostic.message} (in the code "
                        "converted from it too)")
            if report.status == "partial":
                reasons = [d.message for d in report.diagnostics
                           if d.code in ("syntax-error", "too-deep", "recovered-uses")] or ["syntax errors"]
                for reason in reasons:
                    say(f"ctimod convert: warning: {report.path}: {reason}; code there is not converted")
            else:  # markup nested too deep: its scripts were still converted
                for diagnostic in report.diagnostics:
                    if diagnostic.code == "too-deep":
                        say(f"ctimod convert: warning: {_shown(report.path)}: {_shown(diagnostic.message)}")
        _print_plan(console, result, args.dry_run)
    diffs = args.diffs if args.diffs is not None else (console.is_terminal and not args.quiet)
    if diffs:
        ordered = sorted(result.diffs, key=lambda cd: (cd[0].use.file, cd[0].use.line, cd[0].use.column))
        # On a terminal by default, the first DIFFS_SHOWN (rich spends ~15 ms on each; thousands would take
        # minutes): --diffs prints them all.
        shown = ordered if args.diffs else ordered[:DIFFS_SHOWN]
        for _, diff in shown:
            console.print(sidebyside.to_rich(diff))
        if len(shown) < len(ordered):
            console.print(f"... and {len(ordered) - len(shown):,} more side-by-side diff(s): "
                          + ("--diffs prints them all" if args.dry_run else
                             "in report.html and MIGRATION.md (--diffs prints them all)"),
                          markup=False, highlight=False, soft_wrap=True)
    elif result.diffs and not args.quiet and args.diffs is None:
        console.print(f"{len(result.diffs)} side-by-side diff(s) of flagged conversions: "
                      + ("in report.html and MIGRATION.md" if not args.dry_run else "--diffs prints them"),
                      markup=False, highlight=False)
    if args.dry_run:
        if not args.quiet:
            console.print("dry run: nothing was written", markup=False, highlight=False)
        return EXIT_FINDINGS if result.any_failed else EXIT_OK
    from .project import DEFAULT_API_VERSION, ProjectOptions, complete

    project = ProjectOptions(api_version=args.api_version or config.api_version or DEFAULT_API_VERSION,
                             hosting=args.connector_hosting or config.connector_hosting or "external")
    files = [(f.path, f.content) for f in complete(result, bundle_files(result), project)]
    try:
        written = write_bundle(args.output, files, args.paths, args.force)
    except WriteError as exc:
        say(f"ctimod convert: error: {_shown(exc)}")
        return EXIT_USAGE
    if not args.quiet:
        console.print(f"wrote {len(written)} file(s) to {_shown(args.output)}: an SFDX project (force-app/, package.json, "
                      "config/), connector/, contact-center/, MIGRATION.md, migration.json, report.html"
                      + ("; npm run deploy builds the connector into its static resource and deploys"
                         if project.hosting == "static-resource" else ""), markup=False, highlight=False,
                      soft_wrap=True)
    for conversion in result.failed:
        say(f"ctimod convert: failed: {conversion.use.file}:{conversion.use.line} {conversion.use.api}: "
            f"{_shown(conversion.todo or conversion.reason)}")
    for where, part, reason in result.vendor_failed:
        say(f"ctimod convert: failed: {_shown(where)} {part}: {_shown(reason)}")
    for message in result.recognisers_failed:
        say(f"ctimod convert: failed: {_shown(message)} (a ctimod bug; please report it)")
    for path in result.dropped_files:
        say(f"ctimod convert: failed: {path} was not written: what ctimod generated for it does not parse "
            "(a ctimod bug; please report it)")
    if args.verify:
        from .verify import verify_bundle

        if verify_bundle(args.output, console) != EXIT_OK:
            return EXIT_FINDINGS
    return EXIT_FINDINGS if result.any_failed else EXIT_OK


def _refuse_non_adapter_files(paths: list[str]) -> None:
    """A file named on the command line must be of a kind that can hold adapter code (README.md cannot)."""
    from .discover import DEFAULT_EXTENSIONS, UNSUPPORTED_EXTENSIONS, extension_of

    for path in paths:
        if os.path.isdir(path):
            continue
        ext = extension_of(os.path.basename(path))
        if ext in UNSUPPORTED_EXTENSIONS:
            raise UsageError(f"{path}: ctimod cannot convert {UNSUPPORTED_EXTENSIONS[ext]}; compile it to "
                             "JavaScript and convert that (ctimod scan reports its mentions)")
        if ext not in DEFAULT_EXTENSIONS:
            kinds = "scripts (.js .ts ...), pages (.html .page .cmp .component ...), static resources (.resource) " \
                    "and call center definitions (.xml)"
            raise UsageError(f"{path} cannot hold adapter code ({ext or 'no extension'}): convert reads {kinds}")


def _refuse_several_adapters(paths: list[str], max_file_size: int) -> None:
    """A folder holding several independent adapters is not converted into one LWC without --merge.

    A cheap look first (which files mention ``sforce`` or a call center at all); only when that sees
    several adapters does a real scan confirm it before refusing.
    """
    import stat
    from types import SimpleNamespace

    from .assess import adapter_roots
    from .discover import discover

    for path in paths:
        if not os.path.isdir(path):
            continue
        mentions = []
        for candidate in discover([path]).candidates:
            try:
                info = os.stat(candidate.path)
                if not stat.S_ISREG(info.st_mode) or info.st_size > max_file_size:
                    continue  # a FIFO would block the read forever
                with open(candidate.path, "rb") as handle:
                    data = handle.read()
            except OSError:
                continue
            if b"sforce" in data or b"allCenter" in data:
                mentions.append(SimpleNamespace(path=candidate.display, uses=True, call_center=None,
                                                script_loads=None, status="analysed"))
        if len(adapter_roots([path], mentions)) < 2:
            continue
        from .scan import ScanOptions, scan

        adapters = [name for name, _ in adapter_roots([path], scan([path], ScanOptions(max_file_size=max_file_size))
                                                      .files)]
        if len(adapters) > 1:
            shown = "".join(f"\n  {name}" for name in adapters[:12])
            more = f"\n  ... and {len(adapters) - 12} more" if len(adapters) > 12 else ""
            raise UsageError(
                f"{path} holds {len(adapters)} independent adapters:{shown}{more}\n"
                f"convert one of them (ctimod convert {adapters[0]} -o OUTDIR), or pass --merge to convert them "
                "all into one bundle")


def _report(args) -> int:
    _check_paths(args.paths)
    config = _settings(args)
    [(path, _)] = _output_targets([args.output], None, ("html",))
    options = _scan_options(args, config)
    result = _run_scan(args.paths, options, show_progress=not args.quiet and sys.stderr.isatty())
    _ignored_note(args, result)
    _refuse_overwriting_inputs([path], result)
    page, adapters, calls = _assessment(args.paths, result, args.connector_api or config.connector_api or 4,
                                 options.max_file_size)
    _write_output(path, page)
    if not args.quiet:
        print(f"wrote {_shown(path)}: {adapters} adapter(s), {calls} Open CTI call(s)")
    return EXIT_OK


def _verify(args) -> int:
    from .verify import verify_bundle

    if not os.path.isdir(args.outdir):
        raise UsageError(f"{args.outdir} is not a folder")
    if not os.path.isfile(os.path.join(args.outdir, "sfdx-project.json")):
        raise UsageError(f"{args.outdir} is not a bundle written by ctimod convert (no sfdx-project.json)")
    if args.connector_base and not os.path.isfile(os.path.join(args.connector_base, "package.json")):
        raise UsageError(f"--connector-base {args.connector_base} is not a package folder")
    return verify_bundle(args.outdir, _console(args), install=args.install, connector_base=args.connector_base,
                         strict=args.strict)


def _print_plan(console, result, dry_run: bool = False) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .catalog import STATUS_WORDS, safety_word
    from .report.terminal import STYLES, fitted, print_all

    table = Table(title=f"Conversion plan: {result.plan.adapter}", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("Legacy", no_wrap=True)
    table.add_column("API", no_wrap=True)
    table.add_column("Safety", no_wrap=True)
    table.add_column("Becomes", ratio=3)
    table.add_column("Where", ratio=2)
    # Identical conversions (same file, API, outcome and destination) share a row listing their lines:
    # a long adapter repeats the same call many times, and one row each buries the differences.
    rows: dict[tuple, list[int]] = {}
    for c in sorted(result.conversions, key=lambda c: (c.use.file, c.use.line, c.use.column)):
        safety = safety_word(c.safety, c.left_out) + (f" {STATUS_WORDS[c.status].upper()}" if c.status in STATUS_WORDS else "")
        where = c.location.split(": ")[-1] if c.location else "not moved"
        lines = rows.setdefault((c.use.file, c.use.api, c.safety, safety, c.summary, where), [])
        if c.use.line not in lines:
            lines.append(c.use.line)
    flat = []
    # A terminal table of thousands of rows is read by nobody and costs rich more than the conversion itself:
    # the first PLAN_ROWS rows, then where the rest are (MIGRATION.md and migration.json list every conversion).
    for (file, api, style, safety, summary, where), lines in list(rows.items())[:PLAN_ROWS]:
        shown = ",".join(str(n) for n in lines[:8]) + (f"(+{len(lines) - 8})" if len(lines) > 8 else "")
        row = [Text(f"{file}:{shown}"), Text(api), Text(safety, style=STYLES.get(style, "")), Text(_shown(summary)),
               Text(_shown(where))]
        table.add_row(*row)
        flat.append(row[:3] + [Text("→ " + summary), Text("in " + where)])
    print_all(console, fitted(console, table, flat))
    if len(rows) > PLAN_ROWS:
        rest = sum(len(lines) for lines in list(rows.values())[PLAN_ROWS:])
        console.print(f"... and {len(rows) - PLAN_ROWS:,} more rows ({rest:,} call(s)): "
                      + ("a run without --dry-run writes MIGRATION.md and migration.json, which list every conversion"
                         if dry_run else "MIGRATION.md and migration.json list every conversion"), markup=False, highlight=False, soft_wrap=True)


def _explain(args) -> int:
    from .catalog import AT_MOST, DISPOSITION_LABELS, MEMBERS, certainty, find_members

    if args.list:
        for member in MEMBERS:
            print(f"{member.api:<55} {member.disposition.value:<8} {member.replacement}")
        return EXIT_OK
    if not args.member:
        raise UsageError("name a member (e.g. ctimod explain screenPop), or --list them all")
    members = find_members(args.member)
    if not members:
        raise UsageError(f"{args.member!r} is not a documented Open CTI member{_member_hint(args.member)}; "
                         "`ctimod explain --list` lists them all")
    import inspect

    from .codemod import codemod_for

    shown = set()
    for member in members:
        print(f"{member.api}  ({member.family.value}, {member.kind})")
        print(f"  becomes:   {member.replacement}")
        print(f"  safety:    {member.disposition.value} - {DISPOSITION_LABELS[member.disposition]}"
              + (" (at most: ctimod convert decides each call from the whole adapter and may rate it lower)"
                 if certainty(member.disposition.value) == AT_MOST else ""))
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


def _member_hint(query: str) -> str:
    """' (did you mean ...?)' for a misspelt member, short or dotted."""
    import difflib

    from .catalog import MEMBERS

    query = query.strip()
    names = {}
    for member in MEMBERS:
        for api in (member.api, *member.aliases):
            names.setdefault(api, member.api)
            names.setdefault(api.rsplit(".", 1)[-1], api.rsplit(".", 1)[-1])
    lowered = {name.lower(): name for name in names}
    if query.lower() in lowered:
        return f" (did you mean '{names[lowered[query.lower()]]}'?)"
    close = difflib.get_close_matches(query, list(names), n=3, cutoff=0.7)
    if not close:
        close = [lowered[c] for c in difflib.get_close_matches(query.lower(), list(lowered), n=3, cutoff=0.7)]
    close = list(dict.fromkeys(names[c] for c in close))
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
