"""CAMEO codes, PLOVER categories and Goldstein weights of the event types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EventCode:
    cameo: str
    plover: str
    plover_mode: str | None
    goldstein: float


# Goldstein values follow the CAMEO codebook's scale for the root codes.
CODES: dict[str, EventCode] = {
    "VISIT": EventCode("042", "CONSULT", "visit", 1.9),
    "MEET": EventCode("040", "CONSULT", None, 1.0),
    "CALL": EventCode("041", "CONSULT", "phone", 1.0),
    "SIGN": EventCode("057", "SUPPORT", None, 8.0),
    "MIL_COOP": EventCode("062", "COOPERATE", None, 7.4),
    "MIL_AID": EventCode("072", "AID", None, 8.3),
}

# A meeting's CAMEO code depends on where it took place and what it was.
GOLDSTEIN_BY_CAMEO = {"040": 1.0, "043": 2.8, "044": 2.5, "046": 7.0}


def meet_cameo(source: str, target: str, location: str | None, negotiation: bool) -> str:
    """043 host a visit, 044 meet at a third location, 046 engage in negotiation, else 040."""
    if negotiation:
        return "046"
    if not location:
        return "040"
    if location in (source, target):
        return "043"
    return "044"
