"""Agreement and cooperation content between the pipeline's events, the store's columns and the records.

An event's :class:`~rasad.model.Content` (areas, instrument, first, visit level
and duration, each with its evidence) is stored in plain columns plus one
JSON column of offsets; :func:`record_fields` gives it back in the shape of
EVENTS.md's record. Rows stored before the content existed have empty
columns, and read back as "none stated".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasad.model import AREAS, Content

_AREA_ORDER = {a: i for i, a in enumerate(AREAS)}

# Names for display, English and Arabic, in the contract's order.
AREA_LABELS: dict[str, tuple[str, str]] = {
    "training": ("training", "التدريب"), "exercises": ("exercises", "التمارين"),
    "intelligence": ("intelligence", "المعلومات والاستخبارات"),
    "counterterrorism": ("counterterrorism", "مكافحة الإرهاب"),
    "defence_industry": ("defence industry", "الصناعات الدفاعية"), "arms": ("arms and equipment", "التسليح"),
    "maritime": ("maritime", "الأمن البحري"), "border_security": ("border security", "أمن الحدود"),
    "cyber": ("cyber security", "الأمن السيبراني"), "medical": ("military medicine", "الخدمات الطبية العسكرية"),
    "education": ("education", "التعليم"), "logistics": ("logistics", "الدعم اللوجستي"),
    "peacekeeping": ("peacekeeping", "حفظ السلام"), "demining": ("demining", "نزع الألغام"),
    "economic": ("economy", "الاقتصاد"), "energy": ("energy", "الطاقة"), "health": ("health", "الصحة"),
    "culture": ("culture and media", "الثقافة والإعلام"), "other": ("other", "مجالات أخرى"),
}
INSTRUMENT_LABELS: dict[str, tuple[str, str]] = {
    "agreement": ("agreement", "اتفاقية"), "memorandum": ("memorandum of understanding", "مذكرة تفاهم"),
    "protocol": ("protocol", "بروتوكول"), "contract": ("contract", "عقد"),
    "programme": ("programme", "برنامج تنفيذي"), "minutes": ("minutes", "محضر"),
    "declaration": ("declaration", "إعلان"), "other": ("other", "وثيقة أخرى"),
}
LEVEL_LABELS: dict[str, tuple[str, str]] = {
    "head_of_state": ("head of state", "رئيس دولة"), "head_of_government": ("head of government", "رئيس حكومة"),
    "minister": ("minister", "وزير"), "chief_of_staff": ("chief of staff", "رئيس أركان"),
    "commander": ("commander", "قائد"), "official": ("official", "مسؤول"), "delegation": ("delegation", "وفد"),
}


def ordered_areas(areas: Iterable[str]) -> list[str]:
    """Distinct area codes in the contract's order (unknown codes last, alphabetically)."""
    return sorted(set(areas), key=lambda a: (_AREA_ORDER.get(a, len(_AREA_ORDER)), a))


def columns(content: Content) -> dict[str, Any]:
    """The ``events`` columns for one event's content."""
    evidence: dict[str, Any] = {}
    if content.areas:
        evidence["areas"] = [{"area": a.value, **a.span.to_dict()} for a in content.areas]
    for key, cited in (("instrument", content.instrument), ("first", content.first),
                       ("duration", content.duration)):
        if cited is not None:
            evidence[key] = cited.span.to_dict()
    return {
        "areas": list(dict.fromkeys(content.area_codes())) or None,
        "instrument": content.instrument.value if content.instrument else None,
        "first": content.first is not None,
        "level": content.level,
        "duration_days": content.duration_days,
        "content_evidence": evidence or None,
    }


def area_rows(event_id: int, areas: list[str] | None) -> list[dict[str, Any]]:
    """The ``event_areas`` rows of one stored event."""
    return [{"event_id": event_id, "area": a} for a in dict.fromkeys(areas or ())]


def record_fields(row: Any) -> dict[str, Any]:
    """The content keys of an event record, from an ``events`` row (every key present; null when not stated)."""
    evidence = getattr(row, "content_evidence", None) or {}
    return {
        "areas": list(getattr(row, "areas", None) or []),
        "area_evidence": list(evidence.get("areas", [])),
        "instrument": getattr(row, "instrument", None),
        "instrument_evidence": evidence.get("instrument"),
        "first": bool(getattr(row, "first", False)),
        "first_evidence": evidence.get("first"),
        "level": getattr(row, "level", None),
        "duration_days": getattr(row, "duration_days", None),
        "duration_evidence": evidence.get("duration"),
    }
