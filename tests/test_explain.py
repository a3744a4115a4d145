"""``rasad explain``: each event with the trigger, rule and actor evidence behind it, and the
near-misses with the reason they were dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rasad
from rasad.cli import app
from rasad.explain import explain, link, reason_kind
from rasad.extract.events import Rejection
from rasad.extract.status import RejectKind, Status
from rasad.model import Document
from rasad.pipeline import default_pipeline

runner = CliRunner()

# Articles written for these tests (not taken from any news source).
VISIT_WITH_MEETING = {
    "id": "visit-meeting", "published": "2025-04-10", "home_country": "JOR",
    "text": "وصل رئيس أركان الجيش المصري إلى العاصمة الأردنية عمّان أمس في زيارة رسمية تستغرق ثلاثة أيام.\n"
            "والتقى رئيس الأركان المصري خلال الزيارة نظيره الأردني في مقر القيادة العامة للقوات المسلحة، "
            "وبحث الجانبان سبل تعزيز التعاون العسكري بين البلدين.",
}
PLANNED_VISIT = {
    "id": "plan", "published": "2025-04-10", "home_country": "JOR",
    "text": "من المقرر أن يزور وزير الخارجية الأردني الجزائر الأسبوع المقبل لبحث العلاقات الثنائية "
            "مع نظيره الجزائري.",
}
HOME_TITLE = {
    "id": "home-title", "published": "2025-04-10", "home_country": "JOR",
    "text": "عمّان (بترا) - استقبل رئيس هيئة الأركان المشتركة اليوم في مكتبه السفير الفرنسي لدى المملكة، "
            "وبحث معه أوجه التعاون العسكري بين الأردن وفرنسا.",
}
DENIED_MEETING = ("نفت وزارة الخارجية التونسية ما تداولته مواقع التواصل عن لقاء جمع وزير الخارجية التونسي "
                  "بنظيره الليبي في جربة أمس.")


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n"
                            for d in (VISIT_WITH_MEETING, PLANNED_VISIT, HOME_TITLE)), encoding="utf-8")
    return path


def _explained(*args: str) -> dict[str, dict]:
    result = runner.invoke(app, ["explain", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    out = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)  # one JSON object per document, one a line
        out[record["id"]] = record
    return out


def _event(record: dict, kind: str) -> dict:
    found = [e for e in record["events"] if e["type"] == kind]
    assert found, f"no {kind} in {[e['type'] for e in record['events']]}"
    return found[0]


def _side(event: dict, country: str) -> dict:
    return next(s for s in (event["source"], event["target"]) if s["country"] == country)


def test_visit_and_meeting_show_trigger_rule_and_actor_evidence(articles: Path) -> None:
    record = _explained(str(articles))["visit-meeting"]
    events = rasad.analyze_document(VISIT_WITH_MEETING)
    visit = _event(record, "VISIT")
    assert visit["trigger"]["text"] == "وصل"
    assert visit["trigger"]["label"] and visit["trigger"]["strength"] in ("strong", "weak")
    assert "وصل" in visit["sentence"]["text"]
    assert visit["rule"] == next(e.rule for e in events if e.type == "VISIT") != ""
    assert (visit["source"]["country"], visit["target"]["country"]) == ("EGY", "JOR")
    assert visit["source"]["how"] == "explicit nationality"
    assert visit["source"]["mention"]["text"].startswith("رئيس أركان الجيش المصري")
    assert visit["source"]["sector"] == "MIL" and "title" in visit["source"]["sector_how"]
    assert visit["target"]["how"]
    assert visit["date"] == {"value": "2025-04-09", "how": visit["date"]["how"]}
    assert "أمس" in visit["date"]["how"]
    assert visit["location"]["country"] == "JOR" and visit["location"]["how"]

    meet = _event(record, "MEET")
    assert "التقى" in meet["trigger"]["text"]
    assert meet["rule"]
    assert _side(meet, "EGY")["how"] == "explicit nationality"
    assert _side(meet, "JOR")["how"]
    assert all(m["rule"] for m in meet["mentions"])


def test_planned_visit_is_a_near_miss_with_its_reason(articles: Path) -> None:
    record = _explained(str(articles))["plan"]
    assert record["events"] == []
    visit = next(r for r in record["rejected"] if r["type"] == "VISIT")
    assert visit["trigger"]["text"] == "يزور"
    assert visit["kind"] == "plan"
    assert visit["reason"].startswith("plan") and "المقرر" in visit["reason"]
    assert {"type": "VISIT", "source": "JOR", "target": "DZA"} in visit["pairs"]
    assert visit["sentence"]["index"] == 0 and "يزور" in visit["sentence"]["text"]


def test_untitled_official_takes_the_outlets_country(articles: Path) -> None:
    record = _explained(str(articles))["home-title"]
    meet = _event(record, "MEET")
    assert meet["trigger"]["text"] == "استقبل"
    host = _side(meet, "JOR")
    assert "home country" in host["how"]
    assert host["mention"]["text"].startswith("رئيس هيئة الأركان المشتركة")
    assert _side(meet, "FRA")["how"] == "explicit nationality"


def test_denial_reason_for_a_text_file_with_options(tmp_path: Path) -> None:
    path = tmp_path / "denied.txt"
    path.write_text(DENIED_MEETING, encoding="utf-8")
    record = _explained(str(path), "--published", "2025-04-10", "--home-country", "TUN")["denied"]
    assert record["published"] == "2025-04-10" and record["home_country"] == "TUN"
    assert record["events"] == []
    denial = next(r for r in record["rejected"] if r["kind"] == "denial")
    assert denial["type"] == "MEET" and denial["reason"].startswith("denied") and "نفت" in denial["reason"]


def test_weak_trigger_without_support_is_reported(articles: Path) -> None:
    record = _explained(str(articles))["visit-meeting"]
    weak = [r for r in record["rejected"] if r["kind"] == "weak trigger"]
    assert weak and all(r["reason"].startswith("weak trigger without") for r in weak)


def test_text_output_for_a_terminal(articles: Path) -> None:
    result = runner.invoke(app, ["explain", str(articles)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "visit-meeting" in out and "VISIT" in out and "«وصل»" in out
    assert "explicit nationality" in out and "home country" in out
    assert "near-misses" in out and "plan or expectation" in out
    # Arabic stays in logical order, as in the table writer.
    assert "رئيس أركان الجيش المصري" in out
    assert not any(line != line.rstrip() for line in out.splitlines())


def test_usage_errors_exit_2(articles: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["explain", str(articles), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["explain", str(tmp_path / "absent.txt")]).exit_code == 2
    assert runner.invoke(app, ["explain", str(articles), "--format", "json", "--bidi"]).exit_code == 2
    assert runner.invoke(app, ["explain", str(articles), "--published", "2025-13-01"]).exit_code == 2


def test_unreadable_documents_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(HOME_TITLE, ensure_ascii=False) + "\n{oops\n", encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["home-title"]
    assert "skipped" in result.stderr


def test_every_event_links_back_to_its_candidates(examples_dir: Path) -> None:
    pipeline = default_pipeline()
    docs = [Document.from_dict(json.loads(line))
            for line in (examples_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    docs.append(Document.from_dict(VISIT_WITH_MEETING))
    for doc in docs:
        analysis = pipeline.run(doc)
        parts = link(analysis)
        for event, linked in zip(analysis.events, parts, strict=True):
            assert linked, (doc.id, event.type)
            assert linked[0].trigger.text == event.trigger
            assert all(c.type == event.type for c in linked)
        record = explain(analysis)
        assert [e["confidence"] for e in record["events"]] == [round(e.confidence, 3) for e in analysis.events]
        assert [e["date"]["value"] for e in record["events"]] == [e.date for e in analysis.events]


@pytest.mark.parametrize(("kind", "status", "expected"), [
    (RejectKind.CUE, Status.PLANNED, "plan"),
    (RejectKind.CUE, Status.DENIED, "denial"),
    (RejectKind.CUE, Status.PURPOSE, "aim"),
    (RejectKind.CUE, Status.GENERIC, "generic"),
    (RejectKind.WEAK_TRIGGER, None, "weak trigger"),
    (RejectKind.FEWER_THAN_TWO, None, "fewer than two states"),
])
def test_reason_kinds(kind: RejectKind, status: Status | None, expected: str) -> None:
    r = Rejection("VISIT", 0, "يزور", kind, "…", [], status)
    assert reason_kind(r) == expected


def test_bidi_reorders_each_wrapped_line(articles: Path) -> None:
    pytest.importorskip("bidi")
    result = runner.invoke(app, ["explain", str(articles), "--bidi"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "«لصو»" in out and "«وصل»" not in out
    # Wrapped before reordering: the sentence's first words are on its first display line.
    first = next(line for line in out.splitlines() if "sentence 1:" in line and "يرصملا" in line)
    assert "لصو" in first
