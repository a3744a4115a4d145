"""Validators for the options several commands share (--published, --home-country, --data-dir)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Annotated

import typer


def check_published(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a real calendar date") from None
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
