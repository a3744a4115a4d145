"""``GET /pairs/{a}/{b}/profile``: a pair's relationship profile, the one ``rasad profile`` prints and the
pair page shows (:func:`rasad.store.profile.pair_profile`); its answer's schema is the profile's dataclasses."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from rasad.store.profile import PairProfile, pair_profile
from rasad.web.filters import InvalidInput, country_code, parse_date

MAX_CONTACTS = 10_000
PAGE_CONTACTS = 200  # occasions listed on the pair page; the events table below it pages through the rest

router = APIRouter(tags=["statistics"])


def profile_of(request: Request, a: str, b: str, date_from: str | None = None, date_to: str | None = None,
               max_contacts: int | None = None) -> PairProfile:
    """Check the values as every filter is checked, then build the profile (raises InvalidInput)."""
    a, b = country_code("a", a), country_code("b", b)
    if a == b:
        raise InvalidInput("b", "the two sides of a pair must differ")
    start, end = parse_date("from", date_from, end=False), parse_date("to", date_to, end=True)
    if start and end and start > end:
        raise InvalidInput("from", f"{date_from} is after to={date_to}")
    return pair_profile(request.app.state.store, a, b, start, end, max_contacts)


@router.get("/pairs/{a}/{b}/profile", response_model=PairProfile)
def get_profile(
    request: Request,
    a: Annotated[str, Path(max_length=5, description="Country or organisation code, e.g. LBY.")],
    b: Annotated[str, Path(max_length=5, description="The other side, e.g. PAK.")],
    date_from: Annotated[str | None, Query(
        alias="from", max_length=10, description="Occasions from this date on: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    date_to: Annotated[str | None, Query(
        alias="to", max_length=10, description="Up to this date, inclusive.")] = None,
    contacts: Annotated[int, Query(ge=1, le=MAX_CONTACTS, description="Occasions to list in `contacts` (the latest); "
                                                                       "every other part is complete.")]
    = PAGE_CONTACTS,
) -> PairProfile:
    """The relationship of A and B: first and latest contact, occasions per year by type, every agreement with
    its instrument, areas, place and signatories, areas of cooperation by year, visits in each direction with
    their level, the people of each side, the Goldstein trend and the outlets; every occasion lists its reports
    (`event_id`: `GET /events/{id}` gives the evidence)."""
    return profile_of(request, a, b, date_from, date_to, contacts)
