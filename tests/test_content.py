"""What an agreement or activity covers, what was signed, and how a visit is qualified.

The paragraphs are written for these tests in the style of Arab agencies' copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import rasad
from rasad.cli import app
from rasad.extract.content import duration_days, longest_matches
from rasad.lexicon.check import check_lexicon
from rasad.lexicon.load import default_lexicon, installed_data_dir

DATE = "2024-05-02"


def _only(text: str, type_: str):
    events = [e for e in rasad.analyze(text, published=DATE) if e.type == type_]
    assert len(events) == 1, [(e.type, e.source.country, e.target.country) for e in events]
    return events[0]


def _areas(text: str, type_: str = "SIGN") -> list[str]:
    return sorted(_only(text, type_).content.area_codes())


@pytest.mark.parametrize(("phrase", "area"), [
    ("في مجال التدريب العسكري وتأهيل الكوادر", "training"),
    ("لتنفيذ تمارين مشتركة بين القوات البرية", "exercises"),
    ("لتبادل المعلومات الاستخبارية", "intelligence"),
    ("في مجال مكافحة الإرهاب", "counterterrorism"),
    ("في مجال الصناعات الدفاعية ونقل التكنولوجيا", "defence_industry"),
    ("لتوريد منظومات دفاع جوي", "arms"),
    ("تمهد الطريق أمام المبيعات العسكرية بين البلدين", "arms"),
    ("في مجال الأمن البحري", "maritime"),
    ("لتعزيز أمن الحدود المشتركة", "border_security"),
    ("في مجال الأمن السيبراني", "cyber"),
    ("في مجال الخدمات الطبية العسكرية", "medical"),
    ("في مجال التعليم العالي والمنح الدراسية", "education"),
    ("في مجال الدعم اللوجستي", "logistics"),
    ("للمشاركة في عمليات حفظ السلام", "peacekeeping"),
    ("في مجال نزع الألغام", "demining"),
    ("لتشجيع الاستثمار والتجارة", "economic"),
    ("في مجال الطاقة المتجددة", "energy"),
    ("في مجال الصحة", "health"),
    ("في مجال الثقافة", "culture"),
    ("لإنشاء قاعدة عسكرية مشتركة", "other"),
    ("في مجال مكافحة المخدرات", "other"),
    ("لحماية المعلومات المصنفة", "other"),
])
def test_each_area_is_read_from_the_signing_sentence(phrase: str, area: str) -> None:
    text = f"وقّع وزيرا الدفاع الأردني والإيطالي، اليوم في عمّان، مذكرة تفاهم {phrase}."
    assert area in _areas(text)


def test_generic_wording_names_no_area() -> None:
    text = ("وقّع رئيس أركان الجيش الكيني ونظيره التنزاني، اليوم في نيروبي، اتفاقية للتعاون العسكري "
            "وتبادل الخبرات والدعم الفني بين البلدين.")
    assert _areas(text) == []


def test_aims_in_a_later_paragraph_count() -> None:
    text = ("وقّع وزير الدفاع الماليزي ونظيره التركي، اليوم في أنقرة، اتفاقية إطارية للتعاون الدفاعي.\n"
            "وأشاد الوزيران بمستوى العلاقات بين البلدين.\n"
            "وتهدف الاتفاقية إلى تطوير الصناعات الدفاعية المشتركة وتدريب الضباط.")
    assert _areas(text) == ["defence_industry", "training"]


def test_a_list_after_a_colon_belongs_to_the_agreement() -> None:
    text = ("وقّع وزير الداخلية الجزائري ونظيره التونسي، اليوم في الجزائر، مذكرة تفاهم أمنية.\n"
            "ومن بين المحاور التي اتفق عليها الجانبان؛ مكافحة التهريب وأمن الحدود.")
    assert _areas(text) == ["border_security"]


def test_a_numbered_list_goes_on_past_the_sentences_that_follow_a_signing() -> None:
    text = ("ترأس رئيس الوزراء الأردني ونظيره العراقي، اليوم في بغداد، توقيع حزمة من مذكرات التفاهم "
            "في ختام أعمال اللجنة العليا المشتركة.\n"
            "وتوزعت المذكرات على قطاعات عدة، منها:\n"
            "1. الثقافة: برنامج للتبادل الفني.\n2. الشباب: برنامج للمخيمات.\n3. الإعلام: تعاون بين وكالتي الأنباء.\n"
            "4. الرياضة: تنظيم بطولات مشتركة.\n5. الأوقاف: تبادل الأئمة.\n6. العمل: تنظيم العمالة الموسمية.\n"
            "7. الكهرباء: ربط الشبكتين.\n"
            "وأشاد الجانبان بعمق العلاقات التي تجمع البلدين منذ عقود في مجال الزراعة.")
    assert _areas(text) == ["culture", "energy"]


def test_presiding_over_a_signing_tells_it_took_place() -> None:
    text = "ترأس وزيرا الخارجية المغربي والإسباني، أمس في الرباط، توقيع مذكرة تفاهم في مجال الهجرة."
    assert _only(text, "SIGN").source.country in {"MAR", "ESP"}


def test_talks_after_the_signing_are_not_its_areas() -> None:
    text = ("وقّع وزيرا خارجية مصر والسودان، اليوم في القاهرة، مذكرة تفاهم في مجال الزراعة، "
            "كما بحثا التعاون في مجال مكافحة الإرهاب.")
    assert _areas(text) == ["economic"]


def test_talks_before_the_signing_in_its_sentence_are_not_its_areas() -> None:
    text = ("بحث وزير الخارجية العماني مع نظيره الهندي اليوم في مسقط التعاون في مجالات الطاقة والأمن البحري، "
            "ثم وقع الجانبان مذكرة تفاهم في مجال الثقافة.")
    assert _areas(text) == ["culture"]


def test_the_minutes_of_a_meeting_and_an_agreement_signed_with_them() -> None:
    text = ("وقع الجانبان القطري والفرنسي محضر الاجتماع واتفاقية للتعاون في مجال الأمن البحري في ختام "
            "اجتماعات اللجنة العسكرية المشتركة في الدوحة.")
    assert _areas(text) == ["maritime"]


def test_maghreb_words_for_training_and_intelligence() -> None:
    text = "وقع وزيرا الدفاع الجزائري والتونسي مذكرة تفاهم في مجالات التداريب والاستعلامات العسكرية."
    assert sorted(_areas(text)) == ["intelligence", "training"]


def test_several_documents_at_one_occasion_are_one_sign_with_the_first_instrument() -> None:
    text = ("شهد رئيس الوزراء العراقي ونظيره الأردني، اليوم في بغداد، توقيع اتفاقية في مجال النقل "
            "ومذكرة تفاهم في مجال الكهرباء وبرنامج تنفيذي للتعاون الثقافي بين البلدين.")
    sign = _only(text, "SIGN")
    assert sign.content.instrument is not None and sign.content.instrument.value == "agreement"
    assert sorted(sign.content.area_codes()) == ["culture", "economic", "energy"]


@pytest.mark.parametrize(("noun", "instrument"), [
    ("اتفاقية للتعاون", "agreement"),
    ("معاهدة صداقة", "agreement"),
    ("مذكرة تفاهم", "memorandum"),
    ("بروتوكولا للتعاون", "protocol"),
    ("عقدا لشراء زوارق", "contract"),
    ("خطة عمل للتعاون", "programme"),
    ("خارطة طريق للتعاون", "programme"),
    ("محضر اجتماعات اللجنة", "minutes"),
    ("إعلانا مشتركا", "declaration"),
    ("بيانا مشتركا ومذكرة تفاهم", "declaration"),
    ("تعديلا على اتفاقية سابقة", "other"),
])
def test_instrument(noun: str, instrument: str) -> None:
    text = f"وقّع وزيرا الدفاع السعودي والباكستاني، اليوم في الرياض، {noun} بين البلدين."
    sign = _only(text, "SIGN")
    assert sign.content.instrument is not None and sign.content.instrument.value == instrument
    span = sign.content.instrument.span
    assert text[span.start:span.end].strip() in text


def test_an_exercise_names_its_kind_and_its_training_is_the_exercise() -> None:
    text = ("انطلقت اليوم فعاليات التدريب المصري اليوناني المشترك بمشاركة القوات البحرية للبلدين، "
            "ويتضمن التدريب رمايات بالذخيرة الحية وتدريبات على مكافحة الإرهاب.")
    assert _areas(text, "MIL_COOP") == ["counterterrorism", "exercises", "maritime"]


def test_equipment_an_activity_uses_is_not_its_area() -> None:
    text = ("اختتمت القوات الجوية الإماراتية والفرنسية اليوم تمرينا جويا مشتركا "
            "شاركت فيه مقاتلات ومروحيات من البلدين.")
    assert _areas(text, "MIL_COOP") == ["exercises"]


def test_area_evidence_points_at_the_cue() -> None:
    text = "وقّع وزيرا الدفاع الأردني والإيطالي، اليوم في عمّان، مذكرة تفاهم في مجال الأمن السيبراني."
    record = rasad.analyze_document({"id": "t", "text": text, "published": DATE})[0].to_dict()
    (ev,) = record["area_evidence"]
    assert ev["area"] == "cyber" and "السيبراني" in text[ev["start"]:ev["end"]]


def test_visit_qualifiers_first_level_and_duration() -> None:
    text = ("وصل رئيس أركان الجيش الباكستاني اليوم إلى الرباط في أول زيارة رسمية له إلى المغرب "
            "تستغرق ثلاثة أيام.")
    visit = _only(text, "VISIT")
    assert visit.content.first is not None
    assert visit.content.level == "chief_of_staff"
    assert visit.content.duration_days == 3
    record = visit.to_dict()
    assert record["first"] is True and record["duration_days"] == 3


def test_a_visit_not_called_the_first_is_not() -> None:
    visit = _only("وصل وزير الخارجية الهندي اليوم إلى مسقط في زيارة رسمية.", "VISIT")
    assert visit.content.first is None and visit.to_dict()["first"] is False
    assert visit.content.level == "minister"


@pytest.mark.parametrize(("phrase", "days"), [
    ("تستغرق ثلاثة أيام", 3), ("لمدة 5 أيام", 5), ("تستمر يومين", 2), ("لمدة اسبوع", 7), ("تستغرق يوما", None),
])
def test_duration_days(phrase: str, days: int | None) -> None:
    from rasad.text.normalise import normalise_string

    assert duration_days(normalise_string(phrase)) == days


def test_longest_match_wins_between_codes() -> None:
    rules = default_lexicon().content
    text = "تدريبات مشتركه والصناعات الدفاعيه"
    codes = [code for code, _, _ in longest_matches(rules.areas, text, 0, len(text))]
    assert codes == ["exercises", "defence_industry"]


def _copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(installed_data_dir(), copy)
    return copy


def test_lexicon_check_rejects_unknown_area_and_trigger_label(tmp_path: Path) -> None:
    copy = _copy(tmp_path)
    path = copy / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  cyber: ", "  cyberspace: ", 1).replace("graduation: training}",
                                                                  "graduation: training, parade: training}")
    path.write_text(text, encoding="utf-8")
    messages = [str(i) for i in check_lexicon(copy) if i.severity == "error"]
    assert any(m.startswith("content.yaml:") and "cyberspace" in m and ":0:" not in m for m in messages), messages
    assert any("'parade' is not a trigger label" in m for m in messages), messages


def test_analyze_runs_on_an_edited_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASAD_DATA", raising=False)
    copy = _copy(tmp_path)
    path = copy / "content.yaml"
    # The analyst teaches the copy a new cue for the culture area.
    path.write_text(path.read_text(encoding="utf-8").replace('culture: "', 'culture: "السينما|', 1),
                    encoding="utf-8")
    doc = tmp_path / "a.jsonl"
    text = "وقّع وزيرا الخارجية المغربي والفرنسي، اليوم في الرباط، مذكرة تفاهم في مجال السينما."
    doc.write_text(json.dumps({"id": "a", "text": text, "published": DATE}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    try:
        result = CliRunner().invoke(app, ["analyze", str(doc), "--data-dir", str(copy)])
    finally:
        monkeypatch.delenv("RASAD_DATA", raising=False)
    assert result.exit_code == 0, result.output
    (sign,) = [e for e in json.loads(result.stdout.splitlines()[0])["events"] if e["type"] == "SIGN"]
    assert sign["areas"] == ["culture"]


def test_analyze_refuses_a_copy_with_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RASAD_DATA", raising=False)
    copy = _copy(tmp_path)
    (copy / "content.yaml").write_text("areas:\n  spying: \"تجسس\"\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", "-", "--data-dir", str(copy)], input="نص")
    assert result.exit_code == 2
    assert "spying" in result.output


def test_an_exercise_named_before_and_told_again_in_plainer_words_stays_an_exercise() -> None:
    text = ("شهد وزير الدفاع المرحلة الرئيسية للتدريب المشترك \"درع الصحراء\". "
            "وجرى ذلك بحضور قادة القوات المصرية والسعودية المشاركة بالتدريب.")
    assert _areas(text, "MIL_COOP") == ["exercises"]


def test_a_mutual_defence_pact_names_a_field() -> None:
    assert _areas("وقعت السعودية وباكستان اتفاقية الدفاع الاستراتيجي المشترك.") == ["other"]


def test_buying_weapons_is_arms() -> None:
    assert _areas("أبرمت قطر مع إيطاليا اتفاقية لشراء السلاح بقيمة خمسة مليارات يورو.") == ["arms"]


def test_a_joint_committees_work_is_read_in_every_military_field() -> None:
    text = ("عقدت اللجنة العسكرية المشتركة الأردنية الإيطالية اجتماعها في عمّان وناقشت التدريب "
            "والتمارين المشتركة والصناعات الدفاعية والتعاون الاقتصادي.")
    assert _only(text, "MIL_COOP").content.area_codes() == ["training", "exercises", "defence_industry"]


def test_exchanged_visits_in_an_agreements_list_do_not_cut_it_short() -> None:
    text = ("وقع وزيرا الدفاع الأردني والإيطالي مذكرة تفاهم تشمل التدريب العسكري وتبادل زيارات الوفود "
            "والأمن السيبراني وحفظ السلام.")
    assert _only(text, "SIGN").content.area_codes() == ["training", "cyber", "peacekeeping"]


def test_military_technical_cooperation_is_defence_industry() -> None:
    text = "وقع وزيرا الدفاع الجزائري والروسي في موسكو اتفاقية للتعاون العسكري والتقني بين البلدين."
    sign = [e for e in rasad.analyze(text, published="2024-05-02") if e.type == "SIGN"]
    assert [c.value for c in sign[0].content.areas] == ["defence_industry"]


def test_talks_between_the_verb_and_the_document_keep_its_areas() -> None:
    text = "ووقع وزيرا الخارجية الكويتي والعماني في ختام المباحثات مذكرة تفاهم للتعاون في مجال الطاقة."
    sign = [e for e in rasad.analyze(text, published="2024-05-02") if e.type == "SIGN"]
    assert [c.value for c in sign[0].content.areas] == ["energy"]
