"""What was agreed, stored: areas, instrument, first, visit level and duration, on events and merged events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from alembic import command
from sqlalchemy import insert, select, text
from typer.testing import CliRunner

from rasad.cli import app
from rasad.model import Cited, Content, Document, Span
from rasad.store import clusters, models, queries
from rasad.store.db import Store, open_store
from rasad.store.ingest import Ingestor
from rasad.store.migrate import HEAD, alembic_config, current_revision
from rasad.store.queries import EventFilter

from .conftest import Spec, StubPipeline

runner = CliRunner()

# Written for these tests: a Jordanian–Egyptian memorandum on training and
# naval cooperation, the same signing told by a second outlet a day later
# (calling it an agreement and adding border security), and a visit.
SIGNING = ("وقع الأردن ومصر في عمّان أمس مذكرة تفاهم للتعاون العسكري تشمل التدريب والتأهيل "
           "وتبادل الخبرات في مجال الأمن البحري.")
SIGNING_LATER = "وقّعت عمّان والقاهرة اتفاقية تعاون دفاعي تتناول التدريب وأمن الحدود المشتركة."
VISIT = "وصل رئيس أركان الجيش المصري إلى عمّان في أول زيارة له إلى الأردن تستمر ثلاثة أيام."


def _at(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def _sign_content() -> Content:
    return Content(areas=[Cited("training", _at(SIGNING, "التدريب")), Cited("maritime", _at(SIGNING, "الأمن البحري"))],
                   instrument=Cited("memorandum", _at(SIGNING, "مذكرة تفاهم")))


def _later_content() -> Content:
    return Content(areas=[Cited("training", _at(SIGNING_LATER, "التدريب")),
                          Cited("border_security", _at(SIGNING_LATER, "أمن الحدود"))],
                   instrument=Cited("agreement", _at(SIGNING_LATER, "اتفاقية")))


def _visit_content() -> Content:
    return Content(first=Cited("first", _at(VISIT, "أول زيارة")), level="chief_of_staff", duration_days=3,
                   duration=Cited("3", _at(VISIT, "ثلاثة أيام")))


def _documents() -> list[Document]:
    return [
        Document(id="sign-1", text=SIGNING, published=dt.date(2024, 5, 8), source="بترا"),
        Document(id="sign-2", text=SIGNING_LATER, published=dt.date(2024, 5, 9), source="الأهرام"),
        Document(id="visit", text=VISIT, published=dt.date(2024, 5, 6), source="بترا"),
    ]


def _pipeline() -> StubPipeline:
    return StubPipeline({
        "sign-1": [Spec("SIGN", "JOR", "EGY", date="2024-05-07", place="Amman", location="JOR",
                        content=_sign_content())],
        "sign-2": [Spec("SIGN", "EGY", "JOR", date="2024-05-07", place="Amman", location="JOR",
                        content=_later_content())],
        "visit": [Spec("VISIT", "EGY", "JOR", date="2024-05-06", place="Amman", location="JOR",
                       content=_visit_content()),
                  Spec("MEET", "EGY", "JOR", date="2024-05-06", place="Amman", location="JOR")],
    })


def _ingest(store: Store) -> None:
    summary = Ingestor(store, _pipeline()).ingest(_documents())
    assert (summary.new, summary.failed) == (3, 0)


def _by_doc(store: Store, f: EventFilter | None = None) -> dict[tuple[str, str], dict]:
    rows = queries.find_events(store, f or EventFilter(), limit=None)
    return {(r["document"]["id"], r["type"]): r for r in rows}


def test_content_is_stored_and_read_back_with_its_evidence(store: Store) -> None:
    _ingest(store)
    rows = _by_doc(store)
    sign = rows["sign-1", "SIGN"]
    assert sign["areas"] == ["training", "maritime"]
    assert sign["instrument"] == "memorandum"
    ev = sign["instrument_evidence"]
    assert SIGNING[ev["start"]:ev["end"]] == "مذكرة تفاهم"
    assert [SIGNING[a["start"]:a["end"]] for a in sign["area_evidence"]] == ["التدريب", "الأمن البحري"]
    assert [a["area"] for a in sign["area_evidence"]] == ["training", "maritime"]
    assert sign["first"] is False and sign["level"] is None

    visit = rows["visit", "VISIT"]
    assert (visit["first"], visit["level"], visit["duration_days"]) == (True, "chief_of_staff", 3)
    assert VISIT[visit["first_evidence"]["start"]:visit["first_evidence"]["end"]] == "أول زيارة"
    assert VISIT[visit["duration_evidence"]["start"]:visit["duration_evidence"]["end"]] == "ثلاثة أيام"
    assert visit["areas"] == [] and visit["instrument"] is None

    # Nothing stated: every key present, empty.
    meet = rows["visit", "MEET"]
    assert {k: meet[k] for k in ("areas", "area_evidence", "instrument", "first", "level", "duration_days")} == {
        "areas": [], "area_evidence": [], "instrument": None, "first": False, "level": None, "duration_days": None}


def test_merged_signing_carries_the_union_of_areas_and_the_first_reported_instrument(store: Store) -> None:
    _ingest(store)
    [merged] = queries.find_clusters(store, EventFilter(types=["SIGN"]))
    assert merged["mentions"] == 2
    # The contract's order, not the order of arrival.
    assert merged["areas"] == ["training", "maritime", "border_security"]
    assert merged["instrument"] == "memorandum"  # sign-1 was published first
    with store.read() as conn:
        assert clusters.check(conn) == []
    # A rebuild from the stored events gives the same aggregates and writes nothing new.
    clusters.recompute(store)
    [again] = queries.find_clusters(store, EventFilter(types=["SIGN"]))
    assert (again["areas"], again["instrument"]) == (merged["areas"], merged["instrument"])


def test_area_filter_selects_events_and_merged_events(store: Store) -> None:
    _ingest(store)
    maritime = queries.find_events(store, EventFilter(areas=["maritime"]))
    assert [(r["document"]["id"], r["type"]) for r in maritime] == [("sign-1", "SIGN")]
    training = {r["document"]["id"] for r in queries.find_events(store, EventFilter(areas=["training"]))}
    assert training == {"sign-1", "sign-2"}
    either = queries.count_events(store, EventFilter(areas=["maritime", "border_security"]))
    assert either == 2
    assert queries.count_events(store, EventFilter(areas=["cyber"])) == 0
    # A merged event matches when one of its reports has the area.
    assert queries.count_clusters(store, EventFilter(areas=["border_security"])) == 1
    assert queries.count_clusters(store, EventFilter(areas=["training"], pair=("EGY", "JOR"), types=["VISIT"])) == 0
    stats = queries.stats(store, EventFilter(areas=["training"], pair=("JOR", "EGY")))
    assert [(m.month, m.counts["SIGN"]) for m in stats.months] == [("2024-05", 1)]


def test_reprocess_replaces_the_areas(store: Store) -> None:
    _ingest(store)
    changed = _pipeline()
    changed.specs["sign-1"] = [Spec("SIGN", "JOR", "EGY", date="2024-05-07", place="Amman", location="JOR",
                                    content=Content(areas=[Cited("cyber", Span(0, 3))]))]
    summary = Ingestor(store, changed).reprocess()
    # Only the content of sign-1 changed, and that counts as a change.
    assert (summary.read, summary.changed) == (3, 1)
    assert queries.count_events(store, EventFilter(areas=["maritime"])) == 0
    assert [r["document"]["id"] for r in queries.find_events(store, EventFilter(areas=["cyber"]))] == ["sign-1"]
    [merged] = queries.find_clusters(store, EventFilter(types=["SIGN"]))
    assert merged["areas"] == ["training", "border_security", "cyber"]
    assert merged["instrument"] == "agreement"  # the memorandum's report no longer names one
    with store.read() as conn:
        n = conn.execute(select(models.EventArea.area).order_by(models.EventArea.area)).scalars().all()
    assert n == ["border_security", "cyber", "training"]


def test_upgrade_from_the_first_schema_keeps_stored_areas(store_url: str) -> None:
    """A store written before content existed: its areas (then ``fields``) become filterable."""
    store = open_store(store_url)
    try:
        with store.write() as conn:
            command.downgrade(alembic_config(conn), "0001")
        with store.write() as conn:
            conn.execute(insert(models.Document.__table__).values(
                key="url:a", content_hash="h", doc_id="old", text="نص", analyser="0.1.0", n_events=1,
                ingested_at=dt.datetime(2024, 1, 1), analysed_at=dt.datetime(2024, 1, 1)))
            conn.execute(text(
                "INSERT INTO clusters (id, type, pair_a, pair_b, pair, n_events, n_documents, n_sources, goldstein, "
                "confidence, updated_at) VALUES (1, 'SIGN', 'EGY', 'JOR', 'EGY-JOR', 1, 1, 1, 0, 0, '2024-01-01')"))
            conn.execute(text(
                "INSERT INTO events (document_id, ordinal, type, cameo, plover, source_country, target_country, "
                "pair_a, pair_b, pair, confidence, goldstein, evidence, evidence_text, evidence_norm, fields, "
                "cluster_id) SELECT id, 0, 'SIGN', '057', 'SUPPORT', 'JOR', 'EGY', 'EGY', 'JOR', 'EGY-JOR', 0.9, "
                "8.0, '[]', 'نص', 'نص', '[\"maritime\", \"training\"]', 1 FROM documents"))
        with store.write() as conn:
            command.upgrade(alembic_config(conn), "head")
            assert current_revision(conn) == HEAD
        [e] = queries.find_events(store, EventFilter(areas=["training"]))
        assert (e["areas"], e["instrument"], e["first"]) == (["maritime", "training"], None, False)
        [c] = queries.find_clusters(store, EventFilter(areas=["maritime"]))
        assert c["areas"] == ["training", "maritime"]
    finally:
        store.close()


def _export(store_url: str, *args: str) -> str:
    result = runner.invoke(app, ["export", "--db", store_url, *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_exports_carry_the_content(store: Store, store_url: str) -> None:
    _ingest(store)
    rows = {(r["document_id"], r["type"]): r for r in csv.DictReader(io.StringIO(_export(store_url, "-f", "csv")))}
    sign = rows["sign-1", "SIGN"]
    assert (sign["areas"], sign["instrument"], sign["first"], sign["level"]) == (
        "training;maritime", "memorandum", "0", "")
    visit = rows["visit", "VISIT"]
    assert (visit["areas"], visit["first"], visit["level"], visit["duration_days"]) == ("", "1", "chief_of_staff", "3")
    assert rows["visit", "MEET"]["duration_days"] == ""

    lines = [json.loads(x) for x in _export(store_url, "-f", "jsonl", "--area", "maritime").splitlines()]
    assert [(x["document"]["id"], x["areas"], x["instrument_evidence"]) for x in lines] == [
        ("sign-1", ["training", "maritime"], {"start": SIGNING.index("مذكرة"), "end": SIGNING.index("مذكرة") + 11})]

    plover = {x["id"]: x for x in map(json.loads, _export(store_url, "-f", "plover").splitlines())}
    by_doc = {(x["cite_info"]["citation"], x["rasad_type"]): x for x in plover.values()}
    p = by_doc["sign-1", "SIGN"]
    # GOV sides, so "military" comes from the areas alone.
    assert p["context"] == ["military"]
    assert p["attributes"] == {"areas": ["training", "maritime"], "instrument": "memorandum"}
    assert by_doc["visit", "VISIT"]["attributes"] == {"level": "chief_of_staff", "duration_days": 3, "first": True}
    assert by_doc["visit", "MEET"]["attributes"] == {} and by_doc["visit", "MEET"]["context"] == []

    [merged] = [json.loads(x) for x in _export(store_url, "-f", "plover", "--merged", "--type", "SIGN").splitlines()]
    assert merged["attributes"] == {"areas": ["training", "maritime", "border_security"], "instrument": "memorandum"}
    assert merged["context"] == ["military"]
    [row] = csv.DictReader(io.StringIO(_export(store_url, "-f", "csv", "--merged", "--area", "border_security")))
    assert (row["areas"], row["instrument"]) == ("training;maritime;border_security", "memorandum")


def test_events_command_filters_by_area(store: Store, store_url: str) -> None:
    _ingest(store)
    result = runner.invoke(app, ["events", "--db", store_url, "--area", "Border_Security", "--area", "maritime",
                                 "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(x)["document"]["id"] for x in result.stdout.splitlines()) == ["sign-1", "sign-2"]
    result = runner.invoke(app, ["events", "--db", store_url, "--area", "training", "--merged"])
    assert result.exit_code == 0 and result.stdout.startswith("1 merged events")
    result = runner.invoke(app, ["events", "--db", store_url, "--area", "sports"])
    assert result.exit_code == 2
    assert "'sports' is not an area of cooperation" in result.stderr
