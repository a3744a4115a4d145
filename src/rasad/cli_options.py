"""Validators and declarations for the options several commands share (--published, --home-country, --workers)."""

from __future__ import annotations

import datetime as dt
import re
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
