"""The six event types, extracted from short articles written for these tests.

Each article is written in the style of an Arab news agency; names, offices and
places are varied on purpose. Each test checks one article: the event's type,
the pair of countries (ordered for VISIT and MIL_AID), the sectors, the
location, the persons, the evidence offsets and the codes.
"""

from __future__ import annotations

import pytest
from eventcheck import DIRECTED, check_evidence, person, sector
from eventcheck import pair as _pair
from eventcheck import summary as _summary

import rasad

CAMEO = {
    "VISIT": {"042"},
    "MEET": {"040", "043", "044", "046"},
    "CALL": {"041"},
    "SIGN": {"057"},
    "MIL_COOP": {"062"},
    "MIL_AID": {"072"},
}
PLOVER = {
    "VISIT": "CONSULT",
    "MEET": "CONSULT",
    "CALL": "CONSULT",
    "SIGN": "SUPPORT",
    "MIL_COOP": "COOPERATE",
    "MIL_AID": "AID",
}


def the_event(text, type_, a, b, published=None, home_country=None):
    """The one event of this type between a and b (a -> b for directed types)."""
    events = rasad.analyze(text, published=published, home_country=home_country)
    want = (a, b) if type_ in DIRECTED else frozenset((a, b))
    found = [e for e in events if e.type == type_ and _pair(e) == want]
    assert len(found) == 1, f"expected one {type_} {a}-{b}, got: {_summary(events)}"
    return found[0]


def check_codes(e) -> None:
    assert e.cameo in CAMEO[e.type], e.cameo
    assert e.plover == PLOVER[e.type], e.plover


# ---------------------------------------------------------------------------- VISIT

VISIT_ARMY_CHIEF = (
    "وصل رئيس أركان الجيش الوطني الشعبي الجزائري الفريق أول سعيد بن عمارة إلى القاهرة يوم الأحد "
    "١٢ مايو ٢٠٢٤ في زيارة رسمية إلى مصر تستغرق ثلاثة أيام. "
    "وكان في استقباله لدى وصوله إلى مطار القاهرة الدولي رئيس أركان حرب القوات المسلحة المصرية "
    "الفريق أحمد عبد الحليم. "
    "وتندرج الزيارة في إطار تعزيز علاقات التعاون العسكري بين البلدين الشقيقين."
)


def test_visit_army_chief_arrives_hindi_digits() -> None:
    e = the_event(VISIT_ARMY_CHIEF, "VISIT", "DZA", "EGY")
    assert (e.source.sector, e.target.sector) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("EGY", "Cairo")
    assert e.date == "2024-05-12"
    assert person(e, "سعيد بن عمارة").country == "DZA"
    check_evidence(VISIT_ARMY_CHIEF, e, "وصل")
    check_codes(e)


VISIT_FOREIGN_MINISTER = (
    "بدأ وزير الخارجية العراقي فؤاد كريم، في 3 تشرين الثاني/نوفمبر 2023، زيارة رسمية إلى المملكة "
    "المغربية تلبية لدعوة من نظيره المغربي. "
    "وأجرى الوزير العراقي فور وصوله إلى الرباط مباحثات مع وزير الشؤون الخارجية المغربي ناصر بوريطة "
    "تناولت العلاقات الثنائية وسبل تطويرها."
)


def test_visit_foreign_minister_nominal_two_month_names() -> None:
    e = the_event(VISIT_FOREIGN_MINISTER, "VISIT", "IRQ", "MAR")
    assert (e.source.sector, e.target.sector) == ("GOV", "GOV")
    assert (e.location.country, e.location.place) == ("MAR", "Rabat")
    assert e.date == "2023-11-03"
    assert person(e, "فؤاد كريم").country == "IRQ"
    check_evidence(VISIT_FOREIGN_MINISTER, e, "زيارة")
    check_codes(e)


VISIT_HOME_TITLE = (
    "وصل رئيس هيئة الأركان العامة الفريق الأول الركن فهد بن سالم العتيبي أمس إلى إسلام آباد في زيارة "
    "رسمية لجمهورية باكستان الإسلامية. "
    "وكان في استقباله رئيس هيئة الأركان المشتركة الباكستاني الجنرال ساهر شمشاد ميرزا، وعدد من كبار "
    "الضباط الباكستانيين."
)


def test_visit_title_only_actor_takes_home_country() -> None:
    e = the_event(VISIT_HOME_TITLE, "VISIT", "SAU", "PAK", published="2024-02-15", home_country="SAU")
    assert (e.source.sector, e.target.sector) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("PAK", "Islamabad")
    assert e.date == "2024-02-14"
    assert person(e, "فهد بن سالم العتيبي").country == "SAU"
    check_evidence(VISIT_HOME_TITLE, e, "وصل")
    check_codes(e)


# ---------------------------------------------------------------------------- MEET

MEET_AMBASSADOR = (
    "استقبل رئيس الجمهورية الموريتانية محمد ولد الشيخ أحمد، صباح اليوم الثلاثاء بالقصر الرئاسي في "
    "نواكشوط، سفير المملكة المغربية المعتمد لدى موريتانيا حميد الإدريسي. "
    "وتناول اللقاء علاقات الأخوة والتعاون القائمة بين البلدين وسبل تعزيزها."
)


def test_meet_president_receives_ambassador() -> None:
    e = the_event(MEET_AMBASSADOR, "MEET", "MRT", "MAR", published="2024-06-04")
    assert (sector(e, "MRT"), sector(e, "MAR")) == ("GOV", "GOV")
    assert (e.location.country, e.location.place) == ("MRT", "Nouakchott")
    assert e.date == "2024-06-04"
    assert person(e, "محمد ولد الشيخ أحمد").country == "MRT"
    assert person(e, "حميد الإدريسي").country == "MAR"
    check_evidence(MEET_AMBASSADOR, e, "استقبل")
    check_codes(e)


MEET_INTERIOR = (
    "التقى وزير الداخلية الكويتي الشيخ فهد اليوسف الصباح، في المنامة أمس، نظيره البحريني الفريق أول "
    "الشيخ راشد بن عبدالله آل خليفة. "
    "وبحث الجانبان سبل تعزيز التعاون الأمني وتبادل المعلومات في مجال مكافحة المخدرات."
)


def test_meet_interior_ministers_counterpart() -> None:
    e = the_event(MEET_INTERIOR, "MEET", "KWT", "BHR", published="2024-09-10")
    assert (sector(e, "KWT"), sector(e, "BHR")) == ("SEC", "SEC")
    assert (e.location.country, e.location.place) == ("BHR", "Manama")
    assert e.date == "2024-09-09"
    assert person(e, "فهد اليوسف الصباح").country == "KWT"
    assert person(e, "راشد بن عبدالله آل خليفة").country == "BHR"
    check_evidence(MEET_INTERIOR, e, "التقى")
    check_codes(e)


MEET_DISCUSS = (
    "بحث رئيس هيئة الأركان المشتركة الأردني اللواء الركن يوسف الخوالدة مع نظيره العراقي الفريق أول "
    "ركن عبد الكريم الساعدي، في بغداد، سبل تطوير التعاون العسكري بين الجانبين. "
    "وأكد الطرفان أهمية تبادل الخبرات بين القوات المسلحة الأردنية والعراقية في مجال مكافحة الإرهاب."
)


def test_meet_discussed_with_counterpart() -> None:
    e = the_event(MEET_DISCUSS, "MEET", "JOR", "IRQ")
    assert (sector(e, "JOR"), sector(e, "IRQ")) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("IRQ", "Baghdad")
    assert person(e, "يوسف الخوالدة").country == "JOR"
    assert person(e, "عبد الكريم الساعدي").country == "IRQ"
    check_evidence(MEET_DISCUSS, e, "بحث")
    check_codes(e)


# ---------------------------------------------------------------------------- CALL

CALL_RECEIVED = (
    "تلقى الرئيس المصري عبد الفتاح السيسي، مساء الاثنين، اتصالا هاتفيا من الرئيس الفرنسي إيمانويل "
    "ماكرون، تناول تطورات الأوضاع الإقليمية والعلاقات الثنائية. "
    "وصرح المتحدث الرسمي باسم رئاسة الجمهورية بأن الرئيسين أكدا حرص البلدين على مواصلة التنسيق."
)


def test_call_received_from_president() -> None:
    e = the_event(CALL_RECEIVED, "CALL", "EGY", "FRA", published="2024-03-13")
    assert (sector(e, "EGY"), sector(e, "FRA")) == ("GOV", "GOV")
    assert e.date == "2024-03-11"
    assert person(e, "عبد الفتاح السيسي").country == "EGY"
    assert person(e, "إيمانويل ماكرون").country == "FRA"
    check_evidence(CALL_RECEIVED, e, "تلقى")
    check_codes(e)


CALL_MADE = (
    "أجرى رئيس الأركان العامة للجيش الليبي الفريق أول محمد علي الحداد اتصالا هاتفيا مع رئيس الأركان "
    "العامة التركي الجنرال متين توكال. "
    "وبحث الجانبان خلال الاتصال سبل تطوير التعاون العسكري بين البلدين."
)


def test_call_made_between_chiefs_of_staff() -> None:
    e = the_event(CALL_MADE, "CALL", "LBY", "TUR")
    assert (sector(e, "LBY"), sector(e, "TUR")) == ("MIL", "MIL")
    assert person(e, "محمد علي الحداد").country == "LBY"
    assert person(e, "متين توكال").country == "TUR"
    check_evidence(CALL_MADE, e, "اتصالا هاتفيا")
    check_codes(e)


CALL_NOMINAL = (
    "جرى اتصال هاتفي بين وزير الخارجية القطري محمد بن عبدالعزيز الخليفي ونظيره السوداني علي يوسف "
    "الشريف، تناول مستجدات الأوضاع وجهود التهدئة. "
    "واتفق الوزيران على مواصلة التشاور بين الجانبين."
)


def test_call_nominal_with_counterpart() -> None:
    e = the_event(CALL_NOMINAL, "CALL", "QAT", "SDN")
    assert (sector(e, "QAT"), sector(e, "SDN")) == ("GOV", "GOV")
    assert person(e, "محمد بن عبدالعزيز الخليفي").country == "QAT"
    assert person(e, "علي يوسف الشريف").country == "SDN"
    check_evidence(CALL_NOMINAL, e, "اتصال هاتفي")
    check_codes(e)


# ---------------------------------------------------------------------------- SIGN

SIGN_MOU = (
    "أجرى قائد الأركان العامة للجيوش الموريتانية الفريق مختار ولد بله، اليوم بنواكشوط، مباحثات مع رئيس "
    "أركان القوات المسلحة السنغالية الجنرال مباي سيسي، الذي يزور موريتانيا على رأس وفد عسكري رفيع. "
    "وفي ختام المباحثات، وقع الجانبان مذكرة تفاهم للتعاون العسكري في مجالات التكوين وتبادل الخبرات."
)


def test_sign_memorandum_by_both_sides() -> None:
    e = the_event(SIGN_MOU, "SIGN", "MRT", "SEN", published="2024-10-08")
    assert (sector(e, "MRT"), sector(e, "SEN")) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("MRT", "Nouakchott")
    assert e.date == "2024-10-08"
    assert person(e, "مختار ولد بله").country == "MRT"
    assert person(e, "مباي سيسي").country == "SEN"
    check_evidence(SIGN_MOU, e, "وقع")
    check_codes(e)


SIGN_INTERIOR = (
    "شهدت الدوحة، في 14 أيلول/سبتمبر 2023، توقيع اتفاقية للتعاون الأمني بين وزارة الداخلية القطرية "
    "ووزارة الداخلية التركية. "
    "ووقع الاتفاقية عن الجانب القطري وزير الداخلية الشيخ خليفة بن حمد آل ثاني، وعن الجانب التركي وزير "
    "الداخلية علي يرلي قايا."
)


def test_sign_security_agreement_nominal() -> None:
    e = the_event(SIGN_INTERIOR, "SIGN", "QAT", "TUR")
    assert (sector(e, "QAT"), sector(e, "TUR")) == ("SEC", "SEC")
    assert (e.location.country, e.location.place) == ("QAT", "Doha")
    assert e.date == "2023-09-14"
    assert person(e, "خليفة بن حمد آل ثاني").country == "QAT"
    assert person(e, "علي يرلي قايا").country == "TUR"
    check_evidence(SIGN_INTERIOR, e, "توقيع", "ووقع")
    check_codes(e)


SIGN_STATES = (
    "وقعت المملكة الأردنية الهاشمية وجمهورية إندونيسيا، أمس في عمّان، اتفاقية للتعاون الدفاعي. "
    "ووقع الاتفاقية عن الجانب الأردني وزير الخارجية وشؤون المغتربين، وعن الجانب الإندونيسي سفير "
    "إندونيسيا لدى المملكة."
)


def test_sign_between_two_states() -> None:
    e = the_event(SIGN_STATES, "SIGN", "JOR", "IDN", published="2024-01-25")
    assert (sector(e, "JOR"), sector(e, "IDN")) == ("GOV", "GOV")
    assert (e.location.country, e.location.place) == ("JOR", "Amman")
    assert e.date == "2024-01-24"
    check_evidence(SIGN_STATES, e, "وقعت")
    check_codes(e)


# ---------------------------------------------------------------------------- MIL_COOP

COOP_EXERCISE = (
    "انطلقت اليوم الأحد فعاليات التمرين الجوي المشترك «حورس 3» بين القوات الجوية المصرية ونظيرتها "
    "اليونانية في إحدى القواعد الجوية بالإسكندرية، ويستمر عدة أيام. "
    "ويهدف التمرين إلى رفع الكفاءة القتالية وتبادل الخبرات بين العناصر المشاركة."
)


def test_mil_coop_exercise_starts() -> None:
    e = the_event(COOP_EXERCISE, "MIL_COOP", "EGY", "GRC", published="2024-01-14")
    assert (sector(e, "EGY"), sector(e, "GRC")) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("EGY", "Alexandria")
    assert e.date == "2024-01-14"
    check_evidence(COOP_EXERCISE, e, "انطلقت")
    check_codes(e)


COOP_TRAINING = (
    "اختتمت عناصر من القوات البحرية الملكية السعودية ونظيرتها السودانية، أمس، التدريب البحري المشترك "
    "«الفلك 5» الذي استمرت فعالياته أسبوعا في قاعدة بحرية بمدينة بورتسودان. "
    "وشمل التدريب تنفيذ رمايات بالذخيرة الحية وعمليات لتفتيش السفن."
)


def test_mil_coop_joint_training_concludes() -> None:
    e = the_event(COOP_TRAINING, "MIL_COOP", "SAU", "SDN", published="2023-12-07")
    assert (sector(e, "SAU"), sector(e, "SDN")) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("SDN", "Port Sudan")
    check_evidence(COOP_TRAINING, e, "اختتمت")
    check_codes(e)


COOP_SPECIAL_FORCES = (
    "نفذت وحدات من القوات الخاصة الأردنية ونظيرتها الأمريكية تمرينا مشتركا بالذخيرة الحية في محافظة "
    "الزرقاء. "
    "وأشاد مدير العمليات بالقوات المسلحة الأردنية بمستوى الأداء والتنسيق بين القوات المشاركة."
)


def test_mil_coop_special_forces_drill() -> None:
    e = the_event(COOP_SPECIAL_FORCES, "MIL_COOP", "JOR", "USA")
    assert (sector(e, "JOR"), sector(e, "USA")) == ("MIL", "MIL")
    assert e.location.country == "JOR"
    check_evidence(COOP_SPECIAL_FORCES, e, "تمرينا")
    check_codes(e)


# ---------------------------------------------------------------------------- MIL_AID

AID_RECEIVED = (
    "تسلم الجيش اللبناني، اليوم، من الولايات المتحدة الأمريكية شحنة من الذخائر والمعدات العسكرية في "
    "مرفأ بيروت، بحضور السفيرة الأمريكية لدى لبنان وعدد من ضباط الجيش. "
    "وتأتي الشحنة ضمن برنامج المساعدات الأمريكية المقدمة للجيش اللبناني."
)


def test_mil_aid_army_receives_from_country() -> None:
    e = the_event(AID_RECEIVED, "MIL_AID", "USA", "LBN", published="2024-07-02")
    assert (e.source.sector, e.target.sector) == ("GOV", "MIL")
    assert (e.location.country, e.location.place) == ("LBN", "Beirut")
    assert e.date == "2024-07-02"
    check_evidence(AID_RECEIVED, e, "تسلم")
    check_codes(e)


AID_HANDED_OVER = (
    "سلمت وزارة الدفاع الإيطالية، أمس، عشرين مركبة عسكرية مدرعة للقوات البحرية وللجيش الليبي في "
    "طرابلس، بحضور عدد من الضباط الليبيين والإيطاليين. "
    "وتأتي الدفعة في إطار التعاون العسكري بين الحكومتين الإيطالية والليبية."
)


def test_mil_aid_handed_over_with_clitics_and_nisba() -> None:
    e = the_event(AID_HANDED_OVER, "MIL_AID", "ITA", "LBY", published="2024-05-16")
    assert (e.source.sector, e.target.sector) == ("MIL", "MIL")
    assert (e.location.country, e.location.place) == ("LBY", "Tripoli")
    assert e.date == "2024-05-15"
    check_evidence(AID_HANDED_OVER, e, "سلمت")
    check_codes(e)


AID_UNIT_RECEIVES = (
    "تسلمت وحدة الكوماندوز بالقوات المسلحة الصومالية، أول أمس، دفعة من المدرعات والأسلحة الخفيفة "
    "مقدمة من تركيا، خلال مراسم أقيمت في مقديشو بحضور ضباط أتراك وصوماليين. "
    "وأشاد قائد الوحدة بالدعم الذي تقدمه أنقرة لبناء قدرات الجيش."
)


def test_mil_aid_unit_receives_donation() -> None:
    e = the_event(AID_UNIT_RECEIVES, "MIL_AID", "TUR", "SOM", published="2024-11-20")
    assert (e.source.sector, e.target.sector) == ("GOV", "MIL")
    assert (e.location.country, e.location.place) == ("SOM", "Mogadishu")
    assert e.date == "2024-11-18"
    check_evidence(AID_UNIT_RECEIVES, e, "تسلمت")
    check_codes(e)


# ---------------------------------------------------------------------------- every article

ALL_ARTICLES = [
    VISIT_ARMY_CHIEF, VISIT_FOREIGN_MINISTER, VISIT_HOME_TITLE, MEET_AMBASSADOR, MEET_INTERIOR, MEET_DISCUSS,
    CALL_RECEIVED, CALL_MADE, CALL_NOMINAL, SIGN_MOU, SIGN_INTERIOR, SIGN_STATES, COOP_EXERCISE,
    COOP_TRAINING, COOP_SPECIAL_FORCES, AID_RECEIVED, AID_HANDED_OVER, AID_UNIT_RECEIVES,
]


@pytest.mark.parametrize("text", ALL_ARTICLES, ids=range(len(ALL_ARTICLES)))
def test_every_event_is_well_formed(text: str) -> None:
    for e in rasad.analyze(text, published="2024-06-01"):
        assert e.source.country != e.target.country, _summary([e])
        assert e.source.sector in {"MIL", "GOV", "SEC", "OTH"}
        assert e.target.sector in {"MIL", "GOV", "SEC", "OTH"}
        assert 0.0 <= e.confidence <= 1.0
        check_codes(e)
        for span in e.evidence:
            assert 0 <= span.start < span.end <= len(text)
