"""The rules of EVENTS.md that decide the hard cases, one test each.

Every article here is written for these tests in the style of an Arab news agency.
"""

from __future__ import annotations

import pytest
from eventcheck import pair as _pair
from eventcheck import summary as _summary

import rasad


def of_type(events, type_: str) -> list:
    return [e for e in events if e.type == type_]


def pairs(events, type_: str) -> list:
    return [_pair(e) for e in events if e.type == type_]


# ---------------------------------------------------------------------------- rule 1


def test_rule1_unnamed_member_states_give_no_event() -> None:
    text = (
        "شارك رئيس الأركان العامة للجيش الكويتي الفريق الركن خالد الشريعان في اجتماع رؤساء أركان الدول "
        "الأعضاء، الذي عقد اليوم لبحث تطورات الأوضاع الأمنية في المنطقة. "
        "وأكد المجتمعون أهمية تعزيز التنسيق العسكري في مواجهة التحديات المشتركة."
    )
    events = rasad.analyze(text, published="2024-05-06")
    assert events == [], _summary(events)


# ---------------------------------------------------------------------------- rule 2


def test_rule2_agreement_stated_four_times_is_one_sign() -> None:
    text = (
        "وقعت وزارة الدفاع البحرينية ووزارة الدفاع الإيطالية، اليوم في المنامة، اتفاقية للتعاون في "
        "المجال الدفاعي. "
        "ووقع الاتفاقية عن الجانب البحريني رئيس هيئة الأركان الفريق الركن ذياب النعيمي، وعن الجانب "
        "الإيطالي وكيل وزارة الدفاع ماتيو بيري. "
        "وتغطي الاتفاقية مجالات التعليم العسكري والصناعات الدفاعية. "
        "وأكد الجانبان في ختام مراسم التوقيع أن الاتفاقية تشكل إطارا قانونيا لتطوير الشراكة بين البلدين."
    )
    events = rasad.analyze(text, published="2024-02-20")
    assert pairs(events, "SIGN") == [frozenset({"BHR", "ITA"})], _summary(events)


def test_rule2_visit_with_two_hosts_is_one_visit_and_one_meet() -> None:
    text = (
        "وصل وزير الدفاع الباكستاني خواجة محمد آصف إلى الرياض أمس في زيارة رسمية للمملكة العربية السعودية. "
        "واستقبل ولي العهد رئيس مجلس الوزراء السعودي الوزير الباكستاني في قصر اليمامة، وجرى خلال "
        "الاستقبال استعراض العلاقات الثنائية. "
        "كما التقى الوزير الباكستاني وزير الدفاع السعودي الأمير خالد بن سلمان في مقر الوزارة بالرياض، "
        "وبحث الجانبان مجالات التعاون العسكري."
    )
    events = rasad.analyze(text, published="2024-03-05")
    assert pairs(events, "VISIT") == [("PAK", "SAU")], _summary(events)
    assert pairs(events, "MEET") == [frozenset({"PAK", "SAU"})], _summary(events)


# ---------------------------------------------------------------------------- rule 3


def test_rule3_arrival_for_talks_is_a_visit() -> None:
    text = (
        "وصل وزير الخارجية المصري سامح عبد الرحيم إلى أنقرة، اليوم الاثنين، لإجراء محادثات مع نظيره "
        "التركي حول القضايا الإقليمية ذات الاهتمام المشترك."
    )
    events = rasad.analyze(text, published="2024-02-05")
    visits = of_type(events, "VISIT")
    assert [_pair(e) for e in visits] == [("EGY", "TUR")], _summary(events)
    assert (visits[0].location.country, visits[0].location.place) == ("TUR", "Ankara")


def test_rule3_navy_port_call_is_a_military_visit() -> None:
    text = (
        "رست الفرقاطة «تالوار» التابعة للبحرية الهندية، أمس، في ميناء السلطان قابوس بمسقط، وكان في "
        "استقبالها عدد من ضباط البحرية السلطانية العمانية. "
        "ويتضمن برنامج السفينة تبادل الخبرات مع البحرية العمانية."
    )
    events = rasad.analyze(text, published="2024-08-21")
    visits = of_type(events, "VISIT")
    assert [_pair(e) for e in visits] == [("IND", "OMN")], _summary(events)
    assert visits[0].source.sector == "MIL"
    assert (visits[0].location.country, visits[0].location.place) == ("OMN", "Muscat")


def test_rule3_coming_home_reports_a_visit() -> None:
    text = (
        "عاد رئيس الوزراء العراقي محمد شياع السوداني إلى أرض الوطن، مساء اليوم، بعد زيارة رسمية إلى "
        "فرنسا استغرقت ثلاثة أيام."
    )
    events = rasad.analyze(text, published="2024-01-17")
    visits = of_type(events, "VISIT")
    assert [_pair(e) for e in visits] == [("IRQ", "FRA")], _summary(events)
    assert visits[0].location.country == "FRA"


# ---------------------------------------------------------------------------- rule 4


def test_rule4_visit_next_week_is_no_event() -> None:
    text = (
        "سيزور وزير الخارجية الإماراتي عبدالله بن زايد آل نهيان، الأسبوع المقبل، العاصمة اليونانية أثينا، "
        "حيث سيلتقي نظيره اليوناني لبحث العلاقات الثنائية."
    )
    events = rasad.analyze(text, published="2024-04-18")
    assert events == [], _summary(events)


def test_rule4_scheduled_signing_is_no_event() -> None:
    text = (
        "من المقرر أن يوقع وزير الدفاع التونسي ونظيره الإيطالي اتفاقية للتعاون العسكري خلال الشهر "
        "المقبل، وفق ما أفاد به مصدر بالوزارة."
    )
    events = rasad.analyze(text, published="2024-04-18")
    assert events == [], _summary(events)


def test_rule4_aim_of_an_agreement_is_no_cooperation() -> None:
    text = (
        "وقع رئيس أركان الجيش الجزائري ونظيره التونسي، اليوم في الجزائر العاصمة، مذكرة تفاهم للتعاون "
        "العسكري. "
        "وتهدف المذكرة إلى فتح المجال أمام برامج التدريب المشترك وتبادل الخبرات بين القوات المسلحة في "
        "البلدين."
    )
    events = rasad.analyze(text, published="2024-04-18")
    assert of_type(events, "MIL_COOP") == [], _summary(events)


def test_rule4_denied_meeting_is_no_event() -> None:
    text = (
        "نفت وزارة الخارجية الليبية، في بيان اليوم، أن يكون وزير الخارجية قد التقى مسؤولين إسرائيليين، "
        "مؤكدة أن ما تداولته بعض وسائل الإعلام عار عن الصحة."
    )
    events = rasad.analyze(text, published="2024-04-18")
    assert events == [], _summary(events)


# ---------------------------------------------------------------------------- rule 5


def test_rule5_trilateral_exercise_gives_three_pairs() -> None:
    text = (
        "انطلقت، اليوم، فعاليات التمرين البحري المشترك «الموج الأحمر 7» بمشاركة القوات البحرية لكل من "
        "مصر والسعودية والأردن في مياه البحر الأحمر، ويستمر التمرين عشرة أيام."
    )
    events = rasad.analyze(text, published="2024-04-18")
    got = sorted(pairs(events, "MIL_COOP"), key=sorted)
    want = sorted([frozenset({"EGY", "SAU"}), frozenset({"EGY", "JOR"}), frozenset({"JOR", "SAU"})], key=sorted)
    assert got == want, _summary(events)


# ---------------------------------------------------------------------------- rule 6


def test_rule6_meeting_in_a_third_country() -> None:
    text = (
        "التقى وزير الخارجية السعودي الأمير فيصل بن فرحان نظيره الإيراني عباس عراقجي في العاصمة الصينية "
        "بكين، أمس، وبحث الجانبان العلاقات الثنائية."
    )
    events = rasad.analyze(text, published="2024-04-18")
    meets = [e for e in of_type(events, "MEET") if _pair(e) == frozenset({"SAU", "IRN"})]
    assert len(meets) == 1, _summary(events)
    assert (meets[0].location.country, meets[0].location.place) == ("CHN", "Beijing")


def test_rule6_city_of_a_visit() -> None:
    text = (
        "وصل قائد القوات البحرية المصرية الفريق أشرف إبراهيم عطوة إلى مدينة العقبة، اليوم، في زيارة "
        "رسمية إلى الأردن تستغرق عدة أيام."
    )
    events = rasad.analyze(text, published="2024-04-18")
    visits = of_type(events, "VISIT")
    assert [_pair(e) for e in visits] == [("EGY", "JOR")], _summary(events)
    assert (visits[0].location.country, visits[0].location.place) == ("JOR", "Aqaba")


def test_rule6_country_without_city() -> None:
    text = "بدأ وزير الدفاع التركي يشار غولر، اليوم، زيارة رسمية إلى ماليزيا تستمر يومين."
    events = rasad.analyze(text, published="2024-04-18")
    visits = of_type(events, "VISIT")
    assert [_pair(e) for e in visits] == [("TUR", "MYS")], _summary(events)
    assert (visits[0].location.country, visits[0].location.place) == ("MYS", None)


# ---------------------------------------------------------------------------- rule 7

YESTERDAY_RECEPTION = (
    "استقبل وزير الخارجية البحريني عبداللطيف الزياني أمس في المنامة سفير جمهورية كوريا لدى المملكة، "
    "وبحث معه علاقات التعاون بين البلدين."
)


def test_rule7_yesterday_resolves_against_publication() -> None:
    events = rasad.analyze(YESTERDAY_RECEPTION, published="2024-04-18")
    meets = of_type(events, "MEET")
    assert [_pair(e) for e in meets] == [frozenset({"BHR", "KOR"})], _summary(events)
    assert meets[0].date == "2024-04-17"


def test_rule7_yesterday_without_publication_is_undated() -> None:
    events = rasad.analyze(YESTERDAY_RECEPTION)
    meets = of_type(events, "MEET")
    assert [_pair(e) for e in meets] == [frozenset({"BHR", "KOR"})], _summary(events)
    assert meets[0].date is None


# ---------------------------------------------------------------------------- domestic look-alikes


def test_domestic_inspection_is_no_event() -> None:
    text = (
        "تفقد وزير الدفاع العراقي ثابت العباسي، اليوم، قطعات الفرقة السابعة في محافظة الأنبار، واطلع على "
        "جاهزيتها القتالية، والتقى عددا من القادة والضباط."
    )
    events = rasad.analyze(text, published="2024-04-18")
    assert events == [], _summary(events)


def test_domestic_graduation_is_no_event() -> None:
    text = (
        "احتفلت الكلية الحربية المصرية، اليوم، بتخريج دفعة جديدة من الضباط بعد إتمام برامج التدريب "
        "العسكري، بحضور القائد العام للقوات المسلحة وعدد من كبار القادة."
    )
    events = rasad.analyze(text, published="2024-04-18")
    assert events == [], _summary(events)


# ---------------------------------------------------------------------------- MIL_AID direction


@pytest.mark.parametrize(
    "text",
    [
        "سلمت الإمارات العربية المتحدة إلى الجيش الصومالي، أمس، ثلاثين مركبة عسكرية في مقديشو.",
        "تسلم الجيش الصومالي من الإمارات العربية المتحدة، أمس، ثلاثين مركبة عسكرية في مقديشو.",
    ],
    ids=["giver-first", "receiver-first"],
)
def test_mil_aid_direction(text: str) -> None:
    events = rasad.analyze(text, published="2024-04-18")
    aid = of_type(events, "MIL_AID")
    assert [_pair(e) for e in aid] == [("ARE", "SOM")], _summary(events)
    assert aid[0].target.sector == "MIL"


# ---------------------------------------------------------------------------- a repeated agreement

ARMIES_AGREEMENT = (
    "وقّع الجيش الموريتاني اتفاقية تعاون عسكري مع الجيش التركي، في خطوة تعكس تنامي الشراكة الدفاعية "
    "بين البلدين، وذلك إثر جلسة مباحثات موسعة احتضنتها العاصمة نواكشوط.\n"
    "وأعلنت قيادة الأركان العامة للجيوش في بيان أن الاتفاقية تمثل ثمرة مسار طويل من التشاور بين "
    "المؤسستين العسكريتين.\n"
    "وجرت المباحثات بمقر قيادة الأركان العامة للجيوش في نواكشوط، وجمعت قائد الأركان العامة للجيوش "
    "الموريتانية الفريق محمد فال ولد الرايس برئيس الأركان العامة التركي الجنرال أوميت دوندار، الذي يقوم "
    "بزيارة رسمية إلى موريتانيا منذ الثلاثاء الماضي.\n"
    "وبحسب البيان، تشمل الاتفاقية مجالات التكوين وتبادل الخبرات والصناعات الدفاعية.\n"
    "وكان قائد الأركان الموريتاني قد زار تركيا في شهر مارس الماضي.\n"
    "وأوضح البيان أن الطرفين عملا منذ أشهر على إعداد مسودة الاتفاقية.\n"
    "وأكد الجانبان في ختام اللقاء أن توقيع الاتفاقية يفتح آفاقا جديدة للتعاون العسكري، على أن تدخل "
    "الاتفاقية حيز التنفيذ فور المصادقة عليها."
)


def test_repeated_agreement_story_gives_one_sign_one_meet_and_the_visits() -> None:
    events = rasad.analyze(ARMIES_AGREEMENT)
    assert sorted(e.type for e in events) == ["MEET", "SIGN", "VISIT", "VISIT"], _summary(events)
    assert pairs(events, "SIGN") == [frozenset({"MRT", "TUR"})]
    assert pairs(events, "MEET") == [frozenset({"MRT", "TUR"})]
    assert sorted(pairs(events, "VISIT")) == [("MRT", "TUR"), ("TUR", "MRT")]


def test_repeated_agreement_story_places() -> None:
    events = rasad.analyze(ARMIES_AGREEMENT)
    sign = of_type(events, "SIGN")
    assert len(sign) == 1, _summary(events)
    assert (sign[0].location.country, sign[0].location.place) == ("MRT", "Nouakchott")
    assert (sign[0].source.sector, sign[0].target.sector) == ("MIL", "MIL")
    by_pair = {_pair(e): e for e in of_type(events, "VISIT")}
    assert set(by_pair) == {("TUR", "MRT"), ("MRT", "TUR")}, _summary(events)
    assert by_pair[("TUR", "MRT")].location.country == "MRT"
    assert by_pair[("MRT", "TUR")].location.country == "TUR"


def test_a_report_the_story_denies_is_no_event() -> None:
    text = (
        "وزارة الخارجية تنفي أنباء زيارة وزيرها إلى طهران\n"
        "نفت وزارة الخارجية البحرينية، اليوم، الأنباء التي تحدثت عن زيارة وزير الخارجية البحريني إلى "
        "إيران ولقائه مسؤولين هناك، ووصفتها بأنها عارية عن الصحة."
    )
    assert rasad.analyze(text, published="2024-05-02") == []


def test_news_agency_is_not_a_report_being_denied() -> None:
    text = (
        "ذكرت وكالة الأنباء العمانية أن وزير الخارجية العماني التقى اليوم في مسقط نظيره الإيراني. "
        "ونفى الوزير وجود أي وساطة جديدة."
    )
    events = rasad.analyze(text, published="2024-05-02")
    assert ("MEET", frozenset({"OMN", "IRN"})) in {(e.type, frozenset((e.source.country, e.target.country)))
                                                   for e in events}


def test_an_official_listed_with_another_takes_his_state() -> None:
    text = (
        "زار رئيس أركان الجيش الأردني اللواء سامر الخطيب إسلام آباد الشهر الماضي، حيث التقى قائد الجيش "
        "الباكستاني وعددا من القادة العسكريين، إضافة إلى رئيس الوزراء عمران حيدر."
    )
    events = rasad.analyze(text, published="2024-06-01")
    people = {p.name: p.country for e in events for p in e.persons}
    assert people.get("عمران حيدر") == "PAK"
