"""The ``rasad`` command line.

One function per command, no module-level state: each command builds what it
needs, so new commands (``explain``, ``ingest``, ...) are added beside these
without touching them. Mistakes a user can make (a missing file, a bad date)
end with a one-line message and exit status 2, never a traceback.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from rasad import __version__
from rasad.cli_options import DataDirOpt, WorkersOpt, workers_or_default
from rasad.cli_options import check_home_country as _check_home_country
from rasad.cli_options import check_max_mb as _check_max_mb
from rasad.cli_options import check_published as _check_published
from rasad.cli_options import check_time_budget as _check_time_budget
from rasad.cli_output import exclude_output, open_output, output_is_input, write_errors, write_failure
from rasad.store.cli import register as register_store_commands
from rasad.web.cli import register as register_web_commands

app = typer.Typer(
    name="rasad",
    help="Arabic news to interstate event data: visits, meetings, calls, agreements, "
    "military cooperation and aid.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
lexicon_app = typer.Typer(help="Inspect the knowledge files.", no_args_is_help=True)
app.add_typer(lexicon_app, name="lexicon")

PROG = "rasad"
DEFAULT_BUDGET = 60.0  # seconds per document: minutes for news, so only a pathological input reaches it


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _usage_error(message: str) -> typer.Exit:
    """Print a usage error the way the rest of the CLI does and return the exit to raise."""
    _stderr().print(f"{PROG}: error: {message}", markup=False)
    return typer.Exit(2)


def _check_inputs(paths: list[str], output: Path | None, bidi: bool, *, bidi_format: str, bidi_ok: bool) -> None:
    """The usage errors ``analyze`` and ``explain`` share; --bidi applies to ``bidi_format`` only
    (``bidi_ok``: that is the format chosen)."""
    for p in paths:
        if p != "-" and not Path(p).exists():
            raise _usage_error(f"no such file or directory: {p}")
    if paths.count("-") > 1:
        raise _usage_error("standard input (-) can be given only once")
    clash = output_is_input(output, paths)
    if clash is not None:
        raise _usage_error(f"-o {output} is also an input ({clash}); writing it would destroy it")
    if not bidi:
        return
    if not bidi_ok:
        raise _usage_error(f"--bidi applies to --format {bidi_format} only")
    try:
        import bidi as _bidi  # noqa: F401
    except ImportError:
        raise _usage_error("--bidi needs python-bidi: pip install python-bidi") from None


# Inputs and options that `analyze` and `explain` share.
PathsArg = Annotated[list[str], typer.Argument(
    metavar="PATH",
    help=".txt articles, .jsonl/.json files of documents, folders (read recursively), or - for stdin.",
    show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.",
                                                dir_okay=False, show_default=False)]
PublishedOpt = Annotated[str | None, typer.Option(
    help="Publication date (YYYY-MM-DD) for documents that lack one.",
    callback=_check_published, show_default=False)]
HomeCountryOpt = Annotated[str | None, typer.Option(
    help="Outlet's country (ISO alpha-3) for documents that lack one.",
    callback=_check_home_country, show_default=False)]
MaxMbOpt = Annotated[float, typer.Option(
    "--max-mb", callback=_check_max_mb, help="Refuse documents with more text than this many MB.")]
TimeBudgetOpt = Annotated[float, typer.Option(
    "--time-budget", callback=_check_time_budget, metavar="SECONDS",
    help="Skip a document (\"too slow\") whose analysis takes longer than this; 0: no limit.")]


def _failure(item: object, result: object) -> tuple[str, str] | None:
    """(who, why) for the skip line of an item that was not analysed, or None when it was: a read
    error, from the reader or from a line parsed in the task, or a failure of the task."""
    from rasad.io.readers import ReadError
    from rasad.parallel import TaskError

    for x in (item, result):
        if isinstance(x, ReadError):
            return x.label, x.reason
    if isinstance(result, TaskError):
        return result.doc_id or getattr(item, "id", None) or getattr(item, "where", "?"), result.reason
    return None


@app.command()
def analyze(
    paths: PathsArg,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.jsonl,
    output: OutputOpt = None,
    published: PublishedOpt = None,
    home_country: HomeCountryOpt = None,
    bidi: Annotated[bool, typer.Option(
        "--bidi/--no-bidi",
        help="Table only: reorder Arabic for terminals that lack bidi support (needs python-bidi).")] = False,
    max_mb: MaxMbOpt = 2.0,
    workers: WorkersOpt = None,
    time_budget: TimeBudgetOpt = DEFAULT_BUDGET,
    data_dir: DataDirOpt = None,
) -> None:
    """Extract events from Arabic news articles."""
    from rasad.io.readers import DocumentReader, ReadError
    from rasad.io.writers import make_writer
    from rasad.parallel import ParsingLines, Records, ordered_map

    _check_inputs(paths, output, bidi, bidi_format="table", bidi_ok=fmt is Format.table)
    err = _stderr()
    defaults = {"published": published or "", "home_country": home_country or ""}
    read = skipped = 0
    # JSONL lines are parsed, and JSON output encoded, where the analysis runs: with workers this
    # process then only reads and writes, and does not compete with them for the CPUs. The table
    # is drawn here from the record and the document, so it takes both as they are.
    in_task = fmt is not Format.table

    with write_errors(output), ExitStack() as stack:
        out = open_output(stack, output)
        reader = DocumentReader(max_bytes=int(max_mb * 1024 * 1024), defaults=defaults,
                                exclude=exclude_output(output), defer_lines=in_task)
        task = ParsingLines(Records(time_budget, encode=in_task), reader.line_parser())
        results = ordered_map(task, reader.read(paths), workers=workers_or_default(workers),
                              document=lambda x: None if isinstance(x, ReadError) else x)
        writer = make_writer(fmt.value, out, bidi=bidi)
        progress: Progress | None = None
        task = None

        def skip(label: str, reason: str) -> None:
            nonlocal skipped
            skipped += 1
            (progress.console if progress else err).print(f"{PROG}: skipped {label}: {reason}",
                                                          markup=False)

        try:
            for item, result in results:
                failure = _failure(item, result)
                if failure is not None:  # one bad document must not end a batch of thousands
                    skip(*failure)
                    continue
                # The bar appears from the second document on: one article needs none.
                if progress is None and read == 1 and err.is_terminal:
                    progress = stack.enter_context(Progress(
                        SpinnerColumn(), TextColumn("analysing"), BarColumn(),
                        TextColumn("{task.completed} documents"), TimeElapsedColumn(),
                        console=err, transient=True))
                    task = progress.add_task("analyse", total=None, completed=read)
                if isinstance(result, str):  # encoded by the task
                    writer.write_encoded(result)  # type: ignore[attr-defined]
                else:
                    writer.write(result, item)
                read += 1
                if progress is not None and task is not None:
                    progress.update(task, completed=read)
            writer.close()
        except KeyboardInterrupt:
            results.close()  # stops the workers
            err.print(f"{PROG}: interrupted after {read} documents", markup=False)
            raise typer.Exit(130) from None

    if skipped:
        err.print(f"{PROG}: {read} document{'s' if read != 1 else ''} analysed, {skipped} skipped",
                  markup=False)
    if read == 0:
        if not skipped:
            err.print(f"{PROG}: no documents found in {' '.join(paths)}", markup=False)
        raise typer.Exit(1)


@app.command()
def explain(
    paths: PathsArg,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="text (for reading) or json (one object per document a line).")] = "text",
    output: OutputOpt = None,
    published: PublishedOpt = None,
    home_country: HomeCountryOpt = None,
    bidi: Annotated[bool, typer.Option(
        "--bidi/--no-bidi",
        help="Text only: reorder Arabic for terminals that lack bidi support (needs python-bidi).")] = False,
    max_mb: MaxMbOpt = 2.0,
    workers: WorkersOpt = None,
    time_budget: TimeBudgetOpt = DEFAULT_BUDGET,
    data_dir: DataDirOpt = None,
) -> None:
    """Show why each event was extracted (trigger, rule, actors, date, place) and why near-misses were not."""
    from rasad.explain import explain_documents, make_explain_writer
    from rasad.io.readers import read_documents

    if fmt not in ("text", "json"):
        raise _usage_error(f"--format must be text or json, not {fmt!r}")
    _check_inputs(paths, output, bidi, bidi_format="text", bidi_ok=fmt == "text")
    err = _stderr()
    skipped = 0

    def skip(label: str, reason: str) -> None:
        nonlocal skipped
        skipped += 1
        err.print(f"{PROG}: skipped {label}: {reason}", markup=False)

    defaults = {"published": published or "", "home_country": home_country or ""}
    with write_errors(output), ExitStack() as stack:
        out = open_output(stack, output)
        items = read_documents(paths, max_bytes=int(max_mb * 1024 * 1024), defaults=defaults,
                               exclude=exclude_output(output))
        try:
            read = explain_documents(items, make_explain_writer(fmt, out, bidi=bidi), skip, time_budget,
                                     workers=workers_or_default(workers))
        except KeyboardInterrupt:
            err.print(f"{PROG}: interrupted", markup=False)
            raise typer.Exit(130) from None
    if skipped:
        err.print(f"{PROG}: {read} document{'s' if read != 1 else ''} explained, {skipped} skipped", markup=False)
    if read == 0:
        if not skipped:
            err.print(f"{PROG}: no documents found in {' '.join(paths)}", markup=False)
        raise typer.Exit(1)


@lexicon_app.command("check")
def lexicon_check(
    data_dir: Annotated[Path | None, typer.Option(
        "--data-dir", help="Folder of knowledge files to check (default: the installed ones).",
        exists=True, file_okay=False, show_default=False)] = None,
) -> None:
    """Check the knowledge files: syntax, duplicates, unknown codes. Exit 1 on any error."""
    try:
        from rasad.lexicon.check import check_lexicon
    except ImportError as exc:
        _stderr().print(f"{PROG}: the lexicon checker is not available: {exc}", markup=False)
        raise typer.Exit(1) from None
    if data_dir is None:
        data_dir = Path(__file__).parent / "lexicon" / "data"
    issues = list(check_lexicon(data_dir))
    out = Console(highlight=False, soft_wrap=True)
    errors = warnings = 0
    for issue in issues:
        severity = str(getattr(issue, "severity", "error"))
        line = getattr(issue, "line", None)
        where = f"{issue.file}:{line}" if line else f"{issue.file}"
        style = "red" if severity == "error" else "yellow"
        out.print(f"{where}: [{style}]{severity}[/]: ", end="")
        out.print(str(issue.message), markup=False)
        errors += severity == "error"
        warnings += severity != "error"
    if issues:
        out.print(f"{errors} error{'s' if errors != 1 else ''}, "
                  f"{warnings} warning{'s' if warnings != 1 else ''}", markup=False)
    else:
        out.print(f"lexicon OK: no issues in {data_dir}", markup=False)
    if errors:
        raise typer.Exit(1)


@app.command()
def version() -> None:
    """Print the version of rasad and of Python."""
    typer.echo(f"{PROG} {__version__} (Python {sys.version.split()[0]})")


# ingest, reprocess, events, export, stats, failures
register_store_commands(app)
# serve
register_web_commands(app)


def main() -> None:
    try:
        app(prog_name=PROG)
    except OSError as exc:
        # A write that failed in a command without an output guard of its own (events, export,
        # stats, failures): a message and status 2 rather than a traceback.
        raise SystemExit(write_failure(exc)) from None


if __name__ == "__main__":
    main()
