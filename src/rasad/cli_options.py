"""Validators and declarations for the options several commands share (--published, --home-country,
--data-dir, --max-mb, --time-budget, --workers)."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
from pathlib import Path
from typing import Annotated

import typer

WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", "-w", min=1, max=512, show_default=False,
    help="Worker processes for the analysis (default: the number of CPUs). Output keeps the input order.")]


def workers_or_default(value: int | None) -> int:
    from rasad.parallel import default_workers

    return value if value is not None else default_workers()


def check_published(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        date = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a real calendar date") from None
    from rasad.model import check_published_range

    try:
        check_published_range(date)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value.strip()


def check_home_country(value: str | None) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise typer.BadParameter(f"{value!r} is not an ISO 3166-1 alpha-3 code (three letters, e.g. JOR)")
    import pycountry

    if pycountry.countries.get(alpha_3=code) is None:
        raise typer.BadParameter(f"{value!r} is not an ISO 3166-1 alpha-3 country code")
    return code


# A document of a gigabyte is not news; the bound also keeps ``inf`` and ``nan`` out
# of the byte arithmetic that follows (int(inf) raises OverflowError).
MAX_MB = 1024.0


def check_max_mb(value: float) -> float:
    if not math.isfinite(value) or not 0.001 <= value <= MAX_MB:
        raise typer.BadParameter(f"{value} is not a size between 0.001 and {MAX_MB:g} MB")
    return value


def check_time_budget(value: float) -> float:
    """Seconds per document; 0 turns the budget off."""
    if not math.isfinite(value) or value < 0:
        raise typer.BadParameter(f"{value} is not a number of seconds (0 for no budget)")
    return value
def use_data_dir(value: Path | None) -> Path | None:
    """Analyse with the knowledge files of `value` instead of the installed ones.

    Set through the environment (RASAD_DATA), which the lexicon loader reads, so that worker
    processes and the web server's analysis use the same copy. A copy with errors is refused
    before any document is read."""
    if value is None:
        return None
    if not value.is_dir():
        raise typer.BadParameter(f"{str(value)!r} is not a folder")
    from rasad.lexicon.check import ERROR, check_lexicon

    errors = [i for i in check_lexicon(value) if i.severity == ERROR]
    if errors:
        raise typer.BadParameter(f"{len(errors)} errors in the knowledge files, first: {errors[0]} "
                                 f"(rasad lexicon check --data-dir {value})")
    os.environ["RASAD_DATA"] = str(value.resolve())
    return value


DataDirOpt = Annotated[Path | None, typer.Option(
    "--data-dir", help="Knowledge files to analyse with (a checked copy of the installed ones); "
    "default $RASAD_DATA or the installed files.", callback=use_data_dir, file_okay=False, show_default=False)]
