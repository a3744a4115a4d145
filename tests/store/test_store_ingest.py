"""Ingesting: identity of documents, idempotence, all-or-nothing documents, failures, re-analysis."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from rasad.io.readers import ReadError, read_documents
from rasad.model import Document
from rasad.pipeline import default_pipeline
from rasad.store import clusters, models
from rasad.store.db import Store, open_store
from rasad.store.ingest import Ingestor, stored_counts
from rasad.store.migrate import HEAD, current_revision, head_revision

from .conftest import Spec, StubPipeline, arabic_doc

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
DEV_SET = REPO.parent / "shared" / "eval" / "dev" / "gold.jsonl"


def _table_counts(store: Store) -> dict[str, int]:
    out = {}
    with store.read() as conn:
        for t in ("documents", "events", "clusters", "persons", "places", "event_persons", "document_persons"):
            out[t] = conn.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar_one()
    return out


def test_schema_matches_models_after_migration(store: Store) -> None:
    with store.read() as conn:
        assert current_revision(conn) == head_revision() == HEAD
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), models.Base.metadata)
    assert diff == []


def test_opening_again_keeps_the_data(store_url: str) -> None:
    with open_store(store_url) as s:
        Ingestor(s, StubPipeline()).ingest([arabic_doc("a")])
    with open_store(store_url) as s:
        assert stored_counts(s)["documents"] == 1


def test_sqlite_store_uses_wal(tmp_path: Path) -> None:
    with open_store(tmp_path / "w.db") as s, s.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"


def test_examples_twice_leave_the_counts_unchanged(store: Store) -> None:
    ingestor = Ingestor(store)
    first = ingestor.ingest(read_documents([EXAMPLES / "articles.jsonl"]))
    assert (first.read, first.new, first.duplicate, first.failed) == (6, 6, 0, 0)
    assert first.events >= 5
    counts = _table_counts(store)
    assert counts["documents"] == 6 and counts["events"] == first.events
    # Again, and the .txt copies of the same articles: all already stored.
    second = ingestor.ingest(read_documents([EXAMPLES / "articles.jsonl", EXAMPLES]))
    assert (second.new, second.duplicate, second.failed) == (0, 18, 0)
    assert _table_counts(store) == counts
    # A new process (empty caches) sees the same.
    third = Ingestor(store).ingest(read_documents([EXAMPLES / "articles.jsonl"]))
    assert third.duplicate == 6 and _table_counts(store) == counts
    with store.read() as conn:
        assert clusters.check(conn) == []


@pytest.mark.skipif(not DEV_SET.is_file(), reason=f"needs the dev set at {DEV_SET}")
def test_dev_set_twice_leaves_the_counts_unchanged(store: Store) -> None:
    first = Ingestor(store).ingest(read_documents([DEV_SET]))
    assert first.failed == 0 and first.new == first.read
    counts = _table_counts(store)
    assert counts["events"] == first.events > 100
    second = Ingestor(store).ingest(read_documents([DEV_SET]))
    assert second.new == 0 and second.duplicate == first.read
    assert _table_counts(store) == counts


def test_stored_events_are_what_the_pipeline_reports(store: Store) -> None:
    docs = [d for d in read_documents([EXAMPLES / "articles.jsonl"]) if not isinstance(d, ReadError)]
    Ingestor(store).ingest(docs)
    pipeline = default_pipeline()
    with store.read() as conn:
        for doc in docs:
            expected = [e.to_dict() for e in pipeline.run(doc).events]
            rows = conn.execute(
                select(models.Event).join(models.Document).where(models.Document.doc_id == doc.id)
                .order_by(models.Event.ordinal)).mappings().all()
            assert [(r["type"], r["source_country"], r["target_country"], r["date"]) for r in rows] == [
                (e["type"], e["source"]["country"], e["target"]["country"], e["date"]) for e in expected]
            for r, e in zip(rows, expected, strict=True):
                assert r["evidence"] == e["evidence"]
                assert r["evidence_text"] == " … ".join(doc.text[s["start"]:s["end"]].strip() for s in e["evidence"])
                assert r["cameo"] == e["cameo"] and r["goldstein"] == e["goldstein"]


def test_identity_is_the_url_else_the_normalised_text(store: Store) -> None:
    ingestor = Ingestor(store, StubPipeline())
    base = arabic_doc("x1", url="https://News.example/a#top")
    s = ingestor.ingest([
        base,
        # Same URL (scheme and host case, fragment do not matter), other text: the same document.
        arabic_doc("x2", url="https://news.example/a", body="تحديث"),
        # Same text re-spaced and with tashkeel, no URL: the same content.
        Document(id="x3", text="  " + base.text.replace("التقى", "التَقَى").replace(" ", "   ")),
        # Same text under another URL: the same content.
        Document(id="x4", text=base.text, url="https://other.example/b"),
        arabic_doc("x5", body="مختلف"),
    ])
    assert (s.new, s.duplicate) == (2, 3)
    with store.read() as conn:
        keys = conn.execute(select(models.Document.key).order_by(models.Document.id)).scalars().all()
    assert keys[0] == "url:https://news.example/a"
    assert keys[1].startswith("sha256:") and len(keys[1]) == 7 + 64


def test_bad_input_is_recorded_and_the_batch_goes_on(store: Store, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": arabic_doc("ok1").text}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "english", "text": "Only English words in this one."}),
        json.dumps({"id": "empty", "text": "   "}),
        json.dumps({"id": "baddate", "text": arabic_doc("b").text, "published": "yesterday"}, ensure_ascii=False),
        json.dumps({"id": "ok2", "text": arabic_doc("ok2").text}, ensure_ascii=False),
    ]
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = Ingestor(store, StubPipeline()).ingest(read_documents([batch]))
    assert (s.read, s.new, s.failed) == (6, 2, 4)
    assert s.reasons == {"malformed JSON": 1, "no Arabic text": 1, "empty text": 1,
                         "field 'published' is not YYYY-MM-DD": 1}
    with store.read() as conn:
        rows = conn.execute(select(models.Failure.doc_id, models.Failure.source, models.Failure.stage,
                                   models.Failure.reason, models.Failure.run_id).order_by(models.Failure.id)).all()
        run = conn.execute(select(models.IngestRun).where(models.IngestRun.id == s.run_id)).mappings().one()
    assert [(r.doc_id, r.source, r.stage) for r in rows] == [
        ("", f"{batch}:2", "read"), ("english", f"{batch}:3", "read"), ("empty", f"{batch}:4", "read"),
        ("baddate", f"{batch}:5", "read")]
    assert rows[0].reason.startswith("malformed JSON") and {r.run_id for r in rows} == {s.run_id}
    assert (run["read"], run["new"], run["duplicate"], run["failed"]) == (6, 2, 0, 4)
    assert run["finished_at"] is not None


class _Exploding(StubPipeline):
    def run(self, doc):  # type: ignore[no-untyped-def]
        if doc.id == "boom":
            raise RuntimeError("analyser crashed")
        return super().run(doc)


def test_an_analysis_error_is_a_failure_not_a_crash(store: Store) -> None:
    pipe = _Exploding({"a": [Spec("MEET", "JOR", "EGY", "2024-01-01")]})
    s = Ingestor(store, pipe).ingest([arabic_doc("a"), arabic_doc("boom"), arabic_doc("c")])
    assert (s.new, s.failed) == (2, 1)
    assert s.failures[0].stage == "analyse" and "analyser crashed" in s.failures[0].reason
    assert stored_counts(store)["documents"] == 2


def test_a_document_is_stored_whole_or_not_at_all(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    specs = {d: [Spec("MEET", "JOR", "EGY", "2024-01-01", persons=[("أيمن الصفدي", "Ayman Safadi", "JOR")]),
                 Spec("CALL", "JOR", "IRQ", "2024-01-02")] for d in ("a", "b", "c")}
    real_row = Ingestor.event_row

    def failing_row(doc, doc_pk, ordinal, e, place_id):  # type: ignore[no-untyped-def]
        # The second document fails after its document row and first event were written in its
        # transaction (savepoint): with the bulk write of the batch, which then goes document by document.
        if doc.id == "b" and ordinal == 1:
            raise RuntimeError("disk on fire")
        return real_row(doc, doc_pk, ordinal, e, place_id)

    monkeypatch.setattr(Ingestor, "event_row", staticmethod(failing_row))
    s = Ingestor(store, StubPipeline(specs)).ingest([arabic_doc(d) for d in ("a", "b", "c")])
    assert (s.new, s.failed) == (2, 1)
    assert s.failures[0].doc_id == "b" and s.failures[0].stage == "store"
    with store.read() as conn:
        ids = conn.execute(select(models.Document.doc_id).order_by(models.Document.id)).scalars().all()
        assert ids == ["a", "c"]
        assert conn.execute(select(func.count()).select_from(models.Event)).scalar_one() == 4
        assert conn.execute(select(func.count()).select_from(models.EventPerson)).scalar_one() == 2
        assert clusters.check(conn) == []
    # The failed document goes in on the next run.
    monkeypatch.setattr(Ingestor, "event_row", staticmethod(real_row))
    again = Ingestor(store, StubPipeline(specs)).ingest([arabic_doc(d) for d in ("a", "b", "c")])
    assert (again.new, again.duplicate) == (1, 2)


def test_reprocess_replaces_events_and_keeps_clusters_consistent(store: Store) -> None:
    docs = [arabic_doc(f"d{i}", published="2024-02-10", source=f"outlet {i}") for i in range(4)]
    old = StubPipeline({d.id: [Spec("VISIT", "JOR", "ITA", "2024-02-09", place="Rome", location="ITA")]
                        for d in docs})
    Ingestor(store, old).ingest(docs)
    with store.read() as conn:
        (cid,) = conn.execute(select(models.Cluster.id)).scalars().all()
        assert conn.execute(select(models.Cluster.n_sources)).scalar_one() == 4

    # Unchanged analysis: nothing changes, the merged event keeps its id.
    same = Ingestor(store, old).reprocess()
    assert (same.read, same.changed, same.failed) == (4, 0, 0)
    with store.read() as conn:
        assert conn.execute(select(models.Cluster.id)).scalars().all() == [cid]

    # A fix: two documents now also report a meeting, one loses its visit.
    new = StubPipeline({
        "d0": [Spec("VISIT", "JOR", "ITA", "2024-02-09", place="Rome", location="ITA"),
               Spec("MEET", "ITA", "JOR", "2024-02-09", place="Rome", location="ITA")],
        "d1": [Spec("VISIT", "JOR", "ITA", "2024-02-09", place="Rome", location="ITA"),
               Spec("MEET", "JOR", "ITA", "2024-02-09", place="Rome", location="ITA")],
        "d2": [Spec("VISIT", "JOR", "ITA", "2024-02-09", place="Rome", location="ITA")],
        "d3": [],
    })
    s = Ingestor(store, new).reprocess()
    assert (s.read, s.changed, s.failed, s.events) == (4, 3, 0, 5)
    with store.read() as conn:
        rows = conn.execute(select(models.Cluster.type, models.Cluster.n_events, models.Cluster.n_sources)
                            .order_by(models.Cluster.type)).all()
        assert [tuple(r) for r in rows] == [("MEET", 2, 2), ("VISIT", 3, 3)]
        assert conn.execute(select(models.Cluster.id).where(models.Cluster.type == "VISIT")).scalar_one() == cid
        n_events = dict(conn.execute(select(models.Document.doc_id, models.Document.n_events)).all())
        assert n_events == {"d0": 2, "d1": 2, "d2": 1, "d3": 0}
        assert clusters.check(conn) == []


def test_workers_store_every_document_in_input_order(store: Store) -> None:
    """Analysis in two worker processes, one writer: input order kept, a repeat and a crash handled in place."""
    ids = [f"w{i}" for i in range(150)]
    specs = {d: [Spec("MEET", "JOR", "EGY", f"2024-03-{1 + i % 20:02d}")] for i, d in enumerate(ids)}
    docs = [arabic_doc(d, published="2024-03-25", source=f"outlet {i % 5}") for i, d in enumerate(ids)]
    docs.insert(70, arabic_doc("w3", published="2024-03-25", source="outlet 3"))  # the same text again
    docs.insert(90, arabic_doc("boom"))
    s = Ingestor(store, _Exploding(specs), workers=2, batch=40).ingest(docs)
    assert (s.read, s.new, s.duplicate, s.failed, s.events) == (152, 150, 1, 1, 150)
    assert s.failures[0].doc_id == "boom" and s.failures[0].stage == "analyse"
    with store.read() as conn:
        stored = conn.execute(select(models.Document.doc_id).order_by(models.Document.id)).scalars().all()
        assert stored == ids
        assert clusters.check(conn) == []
    # The same clusters as a rebuild in arrival order gives.
    with store.read() as conn:
        before = conn.execute(select(models.Event.id, models.Event.cluster_id).order_by(models.Event.id)).all()
    clusters.recompute(store)
    with store.read() as conn:
        after = conn.execute(select(models.Event.id, models.Event.cluster_id).order_by(models.Event.id)).all()
    assert after == before


def _snapshot(store: Store) -> tuple[list, list]:
    """Events with their merged event's aggregates, and the persons: what the writing path must not change."""
    C = models.Cluster
    with store.read() as conn:
        events = conn.execute(
            select(models.Document.doc_id, models.Event.ordinal, models.Event.type, models.Event.pair,
                   models.Event.date, models.Event.evidence, models.Place.name, C.date, C.n_events, C.n_sources,
                   C.first_reported, C.goldstein, C.location_country, C.id)
            .select_from(models.Event)
            .join(models.Document, models.Document.id == models.Event.document_id)
            .join(C, C.id == models.Event.cluster_id)
            .outerjoin(models.Place, models.Place.id == models.Event.place_id)
            .order_by(models.Document.id, models.Event.ordinal)).all()
        persons = conn.execute(select(models.Person.key).order_by(models.Person.key)).scalars().all()
        assert clusters.check(conn) == []
    # Cluster ids as the order in which they first appear (the two paths may number them apart).
    first: dict[int, int] = {}
    rows = [(*r[:-1], first.setdefault(r[-1], len(first))) for r in events]
    return rows, persons


def test_batches_merge_and_store_as_documents_one_at_a_time(store_url: str, tmp_path: Path) -> None:
    """The bulk path (a batch in a few statements, merged events assigned in memory) and the
    path of one document at a time give the same rows and the same merged events."""
    rng_days = [1, 2, 2, 5, 9, 3, 3, 1, 12, 4, 6, 2, 8, 8, 1, 30, 3, 2]
    specs, docs = {}, []
    for i, day in enumerate(rng_days * 3):
        d = f"m{i}"
        month = "2024-05" if i % 11 == 0 else f"2024-05-{day:02d}"
        specs[d] = [Spec("VISIT", "JOR", "ITA", month, place=["Rome", None, "Milan"][i % 3], location="ITA",
                         goldstein=[1.9, 2.8][i % 2], persons=[("أيمن الصفدي", "Ayman Safadi", "JOR")]),
                    Spec("MEET", ["ITA", "JOR"][i % 2], ["JOR", "ITA"][i % 2], None if i % 5 == 0 else month)]
        docs.append(arabic_doc(d, published=f"2024-05-{1 + i % 28:02d}" if i % 7 else None,
                               source=f"outlet {i % 6}" if i % 4 else None))
    ingestor = Ingestor(store := open_store(store_url), StubPipeline(specs))
    try:
        for doc in docs[:20]:  # some merged events there already
            ingestor.add(doc)
        for doc in docs[20:]:
            ingestor.add(doc)
        one_by_one = _snapshot(store)
        assert max(r[8] for r in one_by_one[0]) > 3  # merged events of several mentions to get right
    finally:
        store.close()
    if store_url.startswith("postgresql"):
        from .conftest import reset_postgres

        reset_postgres(store_url)
        second = store_url
    else:
        second = str(tmp_path / "second.db")
    with open_store(second) as other:
        ingestor = Ingestor(other, StubPipeline(specs), batch=7)
        for doc in docs[:20]:
            ingestor.add(doc)
        s = ingestor.ingest(docs[20:] + docs[3:5])
        assert (s.new, s.duplicate, s.failed) == (len(docs) - 20, 2, 0)
        assert _snapshot(other) == one_by_one
