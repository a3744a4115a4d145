"""``rasad profile A B``: the relationship of two countries at a glance, from the store."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from rasad.store.cli import DbOption, FromOption, ToOption, _country, _open, _out, _parse_date, _usage_error


class ProfileFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"


def profile(
    a: Annotated[str, typer.Argument(metavar="A", help="A country or organisation code, e.g. LBY.",
                                     show_default=False)],
    b: Annotated[str, typer.Argument(metavar="B", help="The other side, e.g. PAK.", show_default=False)],
    db: DbOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    fmt: Annotated[ProfileFormat, typer.Option("--format", "-f", help="text (for reading), json or md (Markdown).")]
    = ProfileFormat.text,
) -> None:
    """The relationship of A and B: contacts, agreements and their areas, visits, people, Goldstein trend."""
    from rasad.store.profile import pair_profile
    from rasad.store.profile_render import print_text, to_markdown

    try:
        a, b = _country(a), _country(b)
    except typer.BadParameter as exc:
        raise _usage_error(str(exc)) from None
    if a == b:
        raise _usage_error("the two sides of a pair must differ")
    start, end = _parse_date(date_from, end=False), _parse_date(date_to, end=True)
    if start and end and start > end:
        raise _usage_error(f"--from {date_from} is after --to {date_to}")
    with _open(db) as store:
        result = pair_profile(store, a, b, start, end)
    if fmt is ProfileFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) + "\n")
    elif fmt is ProfileFormat.md:
        sys.stdout.write(to_markdown(result))
    else:
        print_text(result, _out())
