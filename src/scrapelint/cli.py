"""The command line: ``scrapelint check``, ``scrapelint rule CODE``, ``scrapelint rules``.

Exit codes: 0 clean (or everything fixed); 1 findings remain; 2 usage or configuration error, or a
path that does not exist or cannot be read (every other file is still checked and reported).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from scrapelint import __version__
from scrapelint.messages import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, print_error, print_warning


def _selector_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scrapelint", description="A content-quality linter for scraped articles.")
    parser.add_argument("--version", action="version", version=f"scrapelint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    check = commands.add_parser("check", help="check articles (Markdown, HTML, text) and optionally fix them")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or folders (default: .)")
    fixing = check.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true", help="apply safe fixes and write the files")
    fixing.add_argument("--unsafe-fixes", action="store_true", help="also apply unsafe fixes (with --fix or --diff)")
    fixing.add_argument(
        "--diff", action="store_true", help="print a unified diff of what --fix would change; write nothing"
    )
    selection = check.add_argument_group("rule selection (codes, names or code prefixes, comma-separated)")
    selection.add_argument("--select", type=_selector_list, action="extend", help="only these rules")
    selection.add_argument("--extend-select", type=_selector_list, action="extend", default=[], help="these rules too")
    selection.add_argument("--ignore", type=_selector_list, action="extend", default=[], help="not these rules")
    selection.add_argument("--config", type=Path, help="use this configuration file for every path (no discovery)")
    selection.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude` to files named on the command line too (for pre-commit and editors)",
    )
    output = check.add_argument_group("output")
    output.add_argument(
        "--output-format",
        default="full",
        help="full (default), concise, json, json-lines, sarif, github, gitlab, junit",
    )
    output.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead")
    output.add_argument("--output-file", type=Path, help="write the report to this file instead of stdout")
    output.add_argument("-q", "--quiet", action="store_true", help="print findings only, no summary or code frames")
    inputs = check.add_argument_group("corpora (JSON Lines: one article per line; Parquet: one per row)")
    inputs.add_argument(
        "--input-format",
        choices=("auto", "files", "jsonl", "parquet"),
        default="auto",
        help="auto (default): .jsonl/.ndjson and .parquet paths are corpora, everything else articles",
    )
    inputs.add_argument("--text-field", default="text", help="the field holding the article (default: text)")
    inputs.add_argument("--id-field", default="id", help="the field naming the record in reports (default: id)")
    runs = check.add_argument_group("speed")
    runs.add_argument("-j", "--jobs", type=int, help="worker processes (default: all cores)")
    runs.add_argument("--no-cache", action="store_true", help="do not read or write the findings cache")
    runs.add_argument("--cache-dir", type=Path, help="the cache folder (default: .scrapelint_cache beside the config)")
    baseline = check.add_argument_group("baseline (adopt scrapelint on a corpus that already has findings)")
    baseline.add_argument("--baseline", type=Path, help="report only findings that this baseline file does not hold")
    baseline.add_argument("--write-baseline", type=Path, help="record every current finding in this file")
    exits = check.add_argument_group("exit status")
    exits.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings remain")
    exits.add_argument("--exit-non-zero-on-fix", action="store_true", help="exit 1 when --fix changed any file")

    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("rule", metavar="CODE", help="a rule code or name")
    commands.add_parser("rules", help="list every rule: code, name, pack, fix, default")
    clean = commands.add_parser("clean", help="remove the findings cache")
    clean.add_argument("--cache-dir", type=Path, help="the cache folder (default: .scrapelint_cache beside the config)")
    return parser


def _wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


def _load():
    from scrapelint.plugins import load_plugins

    loaded = load_plugins()
    _start_up_done()
    for failure in loaded.failures:
        print_warning(f"plugin '{failure.name}' failed to load and was skipped: {failure.error}")
    return loaded


# Formats a program reads: no progress bar may mix into them, no colour.
MACHINE_FORMATS = frozenset({"json", "json-lines", "sarif", "github", "gitlab", "junit"})


def run_check(args: argparse.Namespace) -> int:
    from scrapelint.application import CheckRequest, CheckRun
    from scrapelint.config import ConfigError, ConfigResolver, Overrides
    from scrapelint.reporters.base import ReporterOptions
    from scrapelint.runner import CheckOptions, RunOptions, default_jobs

    loaded = _load()
    try:
        reporter_class = loaded.reporter(args.output_format)
    except (ImportError, AttributeError) as error:
        print_error(f"output format '{args.output_format}' cannot be loaded: {type(error).__name__}: {error}")
        return EXIT_ERROR
    if reporter_class is None:
        print_error(f"unknown output format '{args.output_format}' (choose from {', '.join(sorted(loaded.reporters))})")
        return EXIT_ERROR
    if args.config is not None and not args.config.is_file():
        print_error(f"configuration file does not exist: {args.config}")
        return EXIT_ERROR
    if args.jobs is not None and args.jobs < 1:
        print_error("--jobs must be at least 1")
        return EXIT_ERROR
    overrides = Overrides(
        select=tuple(args.select) if args.select is not None else None,
        extend_select=tuple(args.extend_select),
        ignore=tuple(args.ignore),
    )
    try:
        resolver = ConfigResolver(loaded.rules, config_path=args.config, overrides=overrides)
        default = resolver.default()  # surface a broken configuration before any output
    except ConfigError as error:
        print_error(str(error))
        return EXIT_ERROR

    check = CheckOptions(
        fix=args.fix and not args.diff,
        unsafe_fixes=args.unsafe_fixes,
        diff=args.diff,
        # Source lines serve code frames (a reporter's choice) and baseline fingerprints.
        source_lines=reporter_class.wants_source_lines or bool(args.baseline or args.write_baseline),
        finding_details=reporter_class.wants_finding_details,
    )
    cache_dir = None if args.no_cache else (args.cache_dir or _default_cache_dir(default.settings))
    with _open_output(args.output_file) as output:
        machine_on_stdout = args.output_file is None and args.output_format in MACHINE_FORMATS
        if cache_dir is not None and not (check.fix or check.diff):
            cache_dir = _usable_cache_dir(cache_dir)
        request = CheckRequest(
            paths=args.paths,
            run=RunOptions(check=check, jobs=args.jobs or default_jobs(), cache_dir=cache_dir),
            input_format=args.input_format,
            text_field=args.text_field,
            id_field=args.id_field,
            force_exclude=args.force_exclude,
            exit_zero=args.exit_zero,
            exit_non_zero_on_fix=args.exit_non_zero_on_fix,
            statistics=args.statistics,
            baseline=args.baseline,
            write_baseline=args.write_baseline,
            progress=sys.stderr.isatty() and not machine_on_stdout and not args.quiet,
        )
        reporter = reporter_class(
            output,
            ReporterOptions(quiet=args.quiet, color=_wants_color(output), fixing=check.fix),
        )
        return CheckRun(request, resolver, reporter, output).run()


def _usable_cache_dir(directory: Path) -> Path | None:
    """The cache folder if it can be opened; else None, after saying why (the run goes on without it)."""
    from scrapelint.cache import Cache

    problem = Cache(directory).probe()
    if problem is not None:
        print_warning(f"{problem}; checking without a cache")
        return None
    return directory


def _default_cache_dir(settings) -> Path:
    """`.scrapelint_cache/` beside the configuration that governs the current folder, else in it."""
    from scrapelint.cache import CACHE_DIR_NAME

    return settings.root / CACHE_DIR_NAME


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    if path is None:
        yield sys.stdout
        return
    # Reports quote file names, and a name may hold bytes that are not UTF-8.
    with open(path, "w", encoding="utf-8", errors="backslashreplace") as handle:
        yield handle


def run_clean(args: argparse.Namespace) -> int:
    import shutil

    from scrapelint.config import ConfigError, ConfigResolver

    if args.cache_dir is not None:
        directory = args.cache_dir
    else:
        try:
            directory = _default_cache_dir(ConfigResolver(_load().rules).default().settings)
        except ConfigError as error:
            print_error(str(error))
            return EXIT_ERROR
    if not directory.exists():
        print(f"No cache at {directory}")
        return EXIT_CLEAN
    if not (directory / "CACHEDIR.TAG").is_file():
        print_error(f"{directory} does not look like a scrapelint cache (no CACHEDIR.TAG); not removing it")
        return EXIT_ERROR
    shutil.rmtree(directory)
    print(f"Removed {directory}")
    return EXIT_CLEAN


def run_rule(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.markdown import Markdown

    rule = _load().rules.get(args.rule)
    if rule is None:
        print_error(f"unknown rule '{args.rule}' (see `scrapelint rules`)")
        return EXIT_ERROR
    fix = rule.fix_availability.value
    if rule.fix_availability.value != "none":
        fix += f", {rule.fix_applicability.value}"
    header = (
        f"# {rule.code} {rule.name}\n\n*{rule.summary}*\n\n"
        f"Pack: `{rule.pack}` · Default: {'on' if rule.default_enabled else 'off'} · "
        f"Severity: {rule.severity.value} · Fix: {fix}\n\n"
    )
    Console(highlight=False).print(Markdown(header + rule.documentation()))
    return EXIT_CLEAN


def run_rules(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    loaded = _load()
    table = Table(title="scrapelint rules", title_justify="left")
    for column in ("Code", "Name", "Pack", "Fix", "Default", "Summary"):
        table.add_column(column, no_wrap=column not in ("Summary",))
    for rule in loaded.rules:
        fix = "-" if rule.fix_availability.value == "none" else rule.fix_applicability.value
        table.add_row(rule.code, rule.name, rule.pack, fix, "on" if rule.default_enabled else "off", rule.summary)
    # Off a terminal (a pipe, a file) do not squeeze the table into 80 columns.
    console = Console(highlight=False)
    if not console.is_terminal:
        console = Console(highlight=False, width=200)
    console.print(table)
    return EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    # Reports carry article text in any script; never die on a narrow console encoding.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    handlers = {"check": run_check, "rule": run_rule, "rules": run_rules, "clean": run_clean}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        # `scrapelint check | head`: the reader left; say nothing more.
        sys.stderr.close()
        return EXIT_FINDINGS
    except OSError as error:  # an output or baseline file that cannot be written, a corpus that cannot be read
        print_error(f"{getattr(error, 'filename', None) or ''}: {error.strerror or error}".lstrip(": "))
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - a bug: one clear line and exit 2, never "findings" (1)
        if os.environ.get("SCRAPELINT_DEBUG"):
            raise
        print_error(f"internal error: {type(error).__name__}: {error} (set SCRAPELINT_DEBUG=1 for the traceback)")
        return EXIT_ERROR


# -- the console command --------------------------------------------------------------------------

# Set by console_main while it keeps the garbage collector off for start-up.
_collector_held = False


def console_main() -> int:
    """The ``scrapelint`` command: ``main``, with the garbage collector kept off the start-up heap.

    Start-up (the packs, their tables and patterns) allocates some 200,000 objects and frees hardly
    any, and so does a single file's check: the collector's passes over them, sixty during start-up
    and the last ones at exit, find nothing and cost 40 ms of a 0.25 s single-file check. So the
    collector is off until the packs are loaded (``_load``); what they built is then frozen (kept out
    of every later collection, so that forked workers' collections no longer write to their copies of
    it) and collection resumes for the documents. At exit the heap is frozen again: the process is
    ending. Tests call ``main``, which leaves the collector alone.
    """
    global _collector_held
    gc.disable()
    _collector_held = True
    try:
        return main()
    finally:
        _start_up_done()
        gc.freeze()


def _start_up_done() -> None:
    """Freeze what start-up built and collect again, when console_main held the collector off."""
    global _collector_held
    if _collector_held:
        _collector_held = False
        gc.freeze()
        # What a check builds per document is mostly free of cycles (findings, strings, tuples): a pass
        # over the young objects every 700 allocations, the default, finds next to nothing. Every
        # 10,000 it still reclaims a parsed HTML tree's cycles long before they add up. A warm run over
        # 20,000 files: 1.37 s -> 1.29 s.
        gc.set_threshold(10_000, 10, 10)
        gc.enable()


if __name__ == "__main__":
    raise SystemExit(console_main())
