"""Hard Arabic phrasing, one phenomenon per test.

Every paragraph here is written for these tests in the style of an Arab news
agency; names, offices and places are varied on purpose. Each test asserts the
exact set of (type, pair) events of its paragraph, with duplicates counted, and
the argument that the phenomenon is about: the direction, a sector, the
location, the date or a person.
"""

from __future__ import annotations

from eventcheck import DIRECTED, check_evidence, person, sector
from eventcheck import summary as _summary

import rasad


def _pair(e) -> tuple[str, str]:
    """The pair as a tuple: ordered for directed types, sorted otherwise."""
    a, b = e.source.country, e.target.country
    return (a, b) if e.type in DIRECTED else tuple(sorted((a, b)))


def key(type_: str, a: str, b: str) -> tuple[str, tuple[str, str]]:
    """An expected event: a -> b for directed types, either order otherwise."""
    return (type_, (a, b) if type_ in DIRECTED else tuple(sorted((a, b))))


def exactly(text: str, *expected, published=None, home_country=None) -> list:
    """The events of ``text``, asserted to be exactly ``expected`` (a multiset of ``key``)."""
    events = rasad.analyze(text, published=published, home_country=home_country)
    got = sorted((e.type, _pair(e)) for e in events)
    assert got == sorted(expected), f"got: {_summary(events)}"
    return events


def one(events, type_: str, a: str, b: str):
    """The event of this type and pair (a -> b for directed types)."""
    want = key(type_, a, b)
    found = [e for e in events if (e.type, _pair(e)) == want]
    assert len(found) == 1, f"expected one {type_} {a}-{b}, got: {_summary(events)}"
    return found[0]


def test_long_sentence_minister_receives_two_delegations() -> None:
    text = (
        "استقبل وزير الدفاع الكويتي الشيخ عبدالله علي السالم الصباح، صباح اليوم الأحد في مكتبه بمقر "
        "الوزارة، وفدا عسكريا بريطانيا برئاسة قائد العمليات المشتركة الفريق أول جيمس هوكنز، ووفدا من "
        "وزارة الدفاع الإيطالية برئاسة الأدميرال ماركو فيراري، كلا على حدة، وجرى خلال اللقاءين بحث أوجه "
        "التعاون العسكري القائمة بين دولة الكويت والبلدين الصديقين."
    )
    events = exactly(text, key("MEET", "KWT", "GBR"), key("MEET", "KWT", "ITA"),
                     key("VISIT", "GBR", "KWT"), key("VISIT", "ITA", "KWT"), published="2024-03-10")
    for other in ("GBR", "ITA"):
        meet = one(events, "MEET", "KWT", other)
        assert meet.location.country == "KWT", _summary([meet])
        assert meet.date == "2024-03-10", _summary([meet])
    assert person(one(events, "MEET", "KWT", "GBR"), "جيمس هوكنز").country == "GBR"
    assert person(one(events, "MEET", "KWT", "ITA"), "ماركو فيراري").country == "ITA"


def test_long_sentence_third_countries_only_as_topics() -> None:
    text = (
        "التقى وزير الخارجية المصري بدر عبد العاطي، أمس في الرياض، نظيره السعودي الأمير فيصل بن فرحان، "
        "وبحثا الأوضاع في السودان وتطورات الأزمة في ليبيا، إلى جانب المستجدات في قطاع غزة والجهود "
        "الرامية إلى تثبيت وقف إطلاق النار في لبنان."
    )
    events = exactly(text, key("MEET", "EGY", "SAU"), key("VISIT", "EGY", "SAU"), published="2024-11-05")
    meet = one(events, "MEET", "EGY", "SAU")
    assert (meet.location.country, meet.location.place) == ("SAU", "Riyadh")
    assert meet.date == "2024-11-04"


def test_long_sentence_call_about_a_crisis_in_a_third_country() -> None:
    text = (
        "أجرى وزير الخارجية الأردني أيمن الصفدي، مساء اليوم، اتصالا هاتفيا مع رئيس مجلس الوزراء وزير "
        "الخارجية القطري الشيخ محمد بن عبدالرحمن آل ثاني، تناول الأزمة السودانية والأوضاع في اليمن، "
        "وتنسيق المواقف قبيل الاجتماع الوزاري العربي المقرر عقده في القاهرة الأسبوع المقبل."
    )
    events = exactly(text, key("CALL", "JOR", "QAT"), published="2024-08-19")
    call = one(events, "CALL", "JOR", "QAT")
    assert (sector(call, "JOR"), sector(call, "QAT")) == ("GOV", "GOV")
    assert call.date == "2024-08-19"


def test_long_sentence_envoy_carries_a_message_from_his_president() -> None:
    text = (
        "استقبل الرئيس التونسي قيس سعيد، بعد ظهر اليوم بقصر قرطاج، وزير الشؤون الخارجية الجزائري أحمد "
        "عطاف الذي سلمه رسالة خطية من الرئيس الجزائري عبد المجيد تبون تتعلق بالعلاقات الثنائية "
        "وبالتحضير للقمة الثلاثية المرتقبة مع ليبيا."
    )
    events = exactly(text, key("MEET", "DZA", "TUN"), key("VISIT", "DZA", "TUN"), published="2024-05-20")
    meet = one(events, "MEET", "DZA", "TUN")
    assert meet.location.country == "TUN"
    assert person(meet, "أحمد عطاف").country == "DZA"
    assert person(meet, "قيس سعيد").country == "TUN"


# ---------------------------------------------------------------------------- 2. passive and nominal constructions


def test_nominal_meeting_with_jara_khilal_al_liqa() -> None:
    text = (
        "جرى، صباح اليوم بمقر القيادة العامة للقوات المسلحة الملكية بالرباط، لقاء بين المفتش العام "
        "للقوات المسلحة الملكية الفريق محمد بريظ والملحق العسكري بسفارة الولايات المتحدة الأمريكية "
        "بالرباط. وجرى خلال اللقاء بحث سبل تطوير التعاون العسكري بين البلدين."
    )
    events = exactly(text, key("MEET", "MAR", "USA"), published="2024-04-16", home_country="MAR")
    meet = one(events, "MEET", "MAR", "USA")
    assert (sector(meet, "MAR"), sector(meet, "USA")) == ("MIL", "MIL")
    assert (meet.location.country, meet.location.place) == ("MAR", "Rabat")
    assert meet.date == "2024-04-16"
    check_evidence(text, meet, "لقاء")


def test_passive_memorandum_signed_between_ministries() -> None:
    text = (
        "تم، أمس في مسقط، توقيع مذكرة تفاهم بين وزارة الدفاع العمانية ووزارة الدفاع الهندية للتعاون في "
        "مجال الأمن البحري. ووقع المذكرة عن الجانب العماني أمين عام وزارة الدفاع محمد بن ناصر الزعابي، "
        "وعن الجانب الهندي سفير جمهورية الهند المعتمد لدى سلطنة عمان."
    )
    events = exactly(text, key("SIGN", "OMN", "IND"), published="2024-12-12")
    sign = one(events, "SIGN", "OMN", "IND")
    assert (sign.location.country, sign.location.place) == ("OMN", "Muscat")
    assert sign.date == "2024-12-11"
    check_evidence(text, sign, "توقيع", "ووقع")


def test_nominal_handover_ceremony_gives_aid_and_no_meeting() -> None:
    text = (
        "جرت، اليوم الخميس في قاعدة طرابلس البحرية، مراسم تسليم زورقي دورية مقدمين من الحكومة الإيطالية "
        "إلى القوات البحرية الليبية، بحضور السفير الإيطالي لدى ليبيا وآمر القوات البحرية الليبية وعدد من "
        "الضباط."
    )
    events = exactly(text, key("MIL_AID", "ITA", "LBY"), published="2024-02-22")
    aid = one(events, "MIL_AID", "ITA", "LBY")
    assert aid.target.sector == "MIL"
    assert (aid.location.country, aid.location.place) == ("LBY", "Tripoli")
    assert aid.date == "2024-02-22"


def test_nominal_attendance_adds_no_party() -> None:
    text = (
        "عقد وزير الدفاع الوطني التونسي خالد السهيلي، اليوم بمقر الوزارة بتونس العاصمة، جلسة عمل مع رئيس "
        "أركان جيش البر الإيطالي الذي يؤدي زيارة رسمية إلى تونس. وشهد اللقاء حضور سفير إيطاليا بتونس "
        "وعدد من كبار الضباط من البلدين."
    )
    events = exactly(text, key("MEET", "TUN", "ITA"), key("VISIT", "ITA", "TUN"), published="2024-06-12")
    meet = one(events, "MEET", "TUN", "ITA")
    assert (sector(meet, "TUN"), sector(meet, "ITA")) == ("MIL", "MIL")
    assert (meet.location.country, meet.location.place) == ("TUN", "Tunis")


# ---------------------------------------------------------------------------- 3. reported speech


def test_reported_speech_spokesman_reports_a_meeting() -> None:
    text = (
        "قال المتحدث باسم وزارة الدفاع العراقية اللواء تحسين الخفاجي إن الوزير ثابت العباسي التقى، أمس في "
        "بغداد، السفير البريطاني لدى العراق، وبحث معه سبل تطوير التعاون في مجالات التدريب والتأهيل."
    )
    events = exactly(text, key("MEET", "IRQ", "GBR"), published="2024-06-11")
    meet = one(events, "MEET", "IRQ", "GBR")
    assert meet.date == "2024-06-10"
    assert (meet.location.country, meet.location.place) == ("IRQ", "Baghdad")
    assert person(meet, "ثابت العباسي").country == "IRQ"


def test_reported_speech_hope_to_meet_is_no_event() -> None:
    text = (
        "قال وزير الخارجية الجزائري أحمد عطاف، في تصريح للصحفيين اليوم، إنه يأمل أن يلتقي نظيره الفرنسي "
        "قريبا لبحث الملفات العالقة بين البلدين، مشيرا إلى أن الاتصالات متواصلة عبر القنوات الدبلوماسية."
    )
    exactly(text, published="2024-09-03")


def test_reported_speech_embassy_announces_arrival() -> None:
    text = (
        "أعلنت السفارة الأمريكية في عمّان، في بيان اليوم، أن قائد القيادة المركزية الأمريكية الجنرال "
        "مايكل إريك وصل إلى الأردن في زيارة رسمية يلتقي خلالها كبار المسؤولين العسكريين الأردنيين."
    )
    events = exactly(text, key("VISIT", "USA", "JOR"), published="2024-03-05")
    visit = one(events, "VISIT", "USA", "JOR")
    assert visit.source.sector == "MIL"
    assert visit.location.country == "JOR"
    assert visit.date == "2024-03-05"


# ---------------------------------------------------------------------------- 4. lists of delegations


def test_list_of_delegations_at_an_exercise() -> None:
    text = (
        "اختتمت، أمس، فعاليات التمرين البحري المشترك «الموج الأزرق 2024» الذي نفذ على مدى أسبوعين في "
        "مياه البحر الأحمر، بمشاركة وفود من مصر والأردن والسعودية، وتضمن تدريبات على تأمين خطوط الملاحة "
        "ومكافحة القرصنة."
    )
    events = exactly(text, key("MIL_COOP", "EGY", "JOR"), key("MIL_COOP", "EGY", "SAU"),
                     key("MIL_COOP", "JOR", "SAU"), published="2024-10-03")
    for e in events:
        assert e.location.country is None, _summary([e])  # at sea: no country is named
        check_evidence(text, e, "بمشاركة وفود")


def test_list_of_nisbas_after_one_force() -> None:
    text = (
        "نفذت وحدات من القوات الخاصة المغربية والتونسية والموريتانية، على مدى عشرة أيام، تمرينا مشتركا "
        "على مكافحة الإرهاب في المناطق الصحراوية، اختتم أمس بتنفيذ رماية بالذخيرة الحية."
    )
    exactly(text, key("MIL_COOP", "MAR", "TUN"), key("MIL_COOP", "MAR", "MRT"),
            key("MIL_COOP", "MRT", "TUN"), published="2024-11-28")


# ---------------------------------------------------------------------------- 5. headlines without verbs


def test_headline_and_body_are_one_visit() -> None:
    text = (
        "وزير الدفاع الإماراتي في بكين\n"
        "وصل معالي محمد بن مبارك بن فاضل المزروعي وزير دولة لشؤون الدفاع إلى العاصمة الصينية بكين، "
        "اليوم، في زيارة رسمية إلى جمهورية الصين الشعبية تستغرق عدة أيام، يلتقي خلالها عددا من كبار "
        "المسؤولين."
    )
    events = exactly(text, key("VISIT", "ARE", "CHN"), published="2024-09-02", home_country="ARE")
    visit = one(events, "VISIT", "ARE", "CHN")
    assert (visit.location.country, visit.location.place) == ("CHN", "Beijing")
    assert visit.date == "2024-09-02"
    assert person(visit, "محمد بن مبارك بن فاضل المزروعي").country == "ARE"


def test_nominal_headline_and_body_are_one_meeting() -> None:
    text = (
        "مباحثات عسكرية أردنية عراقية في عمّان\n"
        "بحث رئيس هيئة الأركان المشتركة اللواء الركن يوسف الحنيطي، اليوم في القيادة العامة للقوات "
        "المسلحة، مع رئيس أركان الجيش العراقي الفريق أول ركن عبد الأمير يار الله، الذي يزور المملكة حاليا "
        "على رأس وفد عسكري، سبل تعزيز التعاون العسكري بين البلدين."
    )
    events = exactly(text, key("MEET", "JOR", "IRQ"), key("VISIT", "IRQ", "JOR"),
                     published="2024-02-27", home_country="JOR")
    meet = one(events, "MEET", "JOR", "IRQ")
    assert (meet.location.country, meet.location.place) == ("JOR", "Amman")
    assert person(meet, "يوسف الحنيطي").country == "JOR"


def test_nominal_call_headline_and_body_are_one_call() -> None:
    text = (
        "اتصال هاتفي بين وزيري خارجية الكويت وعُمان\n"
        "تلقى وزير الخارجية الكويتي عبدالله اليحيا، مساء أمس، اتصالا هاتفيا من نظيره العماني بدر "
        "البوسعيدي، جرى خلاله استعراض العلاقات الأخوية بين البلدين."
    )
    events = exactly(text, key("CALL", "KWT", "OMN"), published="2024-07-08")
    call = one(events, "CALL", "KWT", "OMN")
    assert call.date == "2024-07-07"
    assert person(call, "بدر البوسعيدي").country == "OMN"


# ---------------------------------------------------------------------------- 6. multilateral occasions


def test_trilateral_foreign_ministers_give_three_meetings() -> None:
    text = (
        "استضافت القاهرة، اليوم، اجتماعا ثلاثيا ضم وزير الخارجية المصري بدر عبد العاطي ونظيريه الأردني "
        "أيمن الصفدي والعراقي فؤاد حسين، في إطار آلية التعاون الثلاثي بين البلدان الثلاثة. "
        "وبحث الوزراء سبل تنفيذ المشروعات المشتركة في مجالات الطاقة والربط الكهربائي."
    )
    events = exactly(text, key("MEET", "EGY", "JOR"), key("MEET", "EGY", "IRQ"), key("MEET", "IRQ", "JOR"),
                     key("VISIT", "JOR", "EGY"), key("VISIT", "IRQ", "EGY"), published="2024-07-14")
    for a, b in (("EGY", "JOR"), ("EGY", "IRQ"), ("IRQ", "JOR")):
        meet = one(events, "MEET", a, b)
        assert (meet.location.country, meet.location.place) == ("EGY", "Cairo"), _summary([meet])
        assert meet.date == "2024-07-14"
    assert person(one(events, "MEET", "IRQ", "JOR"), "فؤاد حسين").country == "IRQ"


def test_trilateral_summit_of_leaders_in_the_host_capital() -> None:
    text = (
        "انطلقت في العاصمة القبرصية نيقوسيا، اليوم، أعمال القمة الثلاثية العاشرة بين قبرص ومصر واليونان، "
        "بمشاركة الرئيس القبرصي والرئيس المصري ورئيس الوزراء اليوناني، وتناولت القمة التعاون في مجالات "
        "الطاقة والأمن البحري."
    )
    events = exactly(text, key("MEET", "CYP", "EGY"), key("MEET", "CYP", "GRC"), key("MEET", "EGY", "GRC"),
                     key("VISIT", "EGY", "CYP"), key("VISIT", "GRC", "CYP"), published="2024-10-21")
    visit = one(events, "VISIT", "GRC", "CYP")
    assert (visit.location.country, visit.location.place) == ("CYP", "Nicosia")


# ---------------------------------------------------------------------------- 7. counterparts across sentences


def test_counterpart_without_nationality_takes_the_host_country() -> None:
    text = (
        "وصل وزير الخارجية الإيطالي أنطونيو تاياني إلى الجزائر العاصمة، اليوم الأحد، في زيارة عمل تدوم "
        "يومين. وعقد الوزير فور وصوله جلسة محادثات مع نظيره أحمد عطاف بمقر وزارة الشؤون الخارجية."
    )
    events = exactly(text, key("VISIT", "ITA", "DZA"), key("MEET", "ITA", "DZA"), published="2024-01-21")
    meet = one(events, "MEET", "ITA", "DZA")
    assert person(meet, "أحمد عطاف").country == "DZA"
    assert (meet.location.country, meet.location.place) == ("DZA", "Algiers")


def test_both_sides_sign_in_a_later_sentence() -> None:
    text = (
        "استقبل رئيس مجلس الوزراء الكويتي الشيخ أحمد عبدالله الأحمد الصباح، اليوم في قصر بيان، رئيس وزراء "
        "جمهورية باكستان الإسلامية شهباز شريف الذي يزور البلاد حاليا. "
        "وعقب جلسة المباحثات الرسمية، وقع الجانبان ست مذكرات تفاهم في مجالات الطاقة والتعليم والدفاع."
    )
    events = exactly(text, key("VISIT", "PAK", "KWT"), key("MEET", "KWT", "PAK"), key("SIGN", "KWT", "PAK"),
                     published="2024-11-12")
    sign = one(events, "SIGN", "KWT", "PAK")
    assert sign.location.country == "KWT"
    assert sign.date == "2024-11-12"
    check_evidence(text, sign, "وقع الجانبان")


def test_the_two_countries_resolve_to_the_previous_sentence() -> None:
    text = (
        "تشهد العلاقات العسكرية بين المغرب وفرنسا تطورا ملحوظا في السنوات الأخيرة. "
        "ونفذت القوات البحرية للبلدين، أمس، تمرينا بحريا مشتركا قبالة سواحل طنجة، شمل عمليات تفتيش "
        "السفن والإنقاذ في البحر."
    )
    events = exactly(text, key("MIL_COOP", "MAR", "FRA"), published="2024-05-09")
    coop = one(events, "MIL_COOP", "MAR", "FRA")
    assert (coop.location.country, coop.location.place) == ("MAR", "Tangier")
    assert coop.date == "2024-05-08"
    check_evidence(text, coop, "تمرينا")


def test_counterpart_nationality_given_in_the_next_sentence() -> None:
    text = (
        "التقى وزير الداخلية السعودي الأمير عبدالعزيز بن سعود بن نايف، في مكتبه بالرياض اليوم، نظيره "
        "عبد الأمير الشمري. وأكد الوزير العراقي خلال اللقاء حرص بلاده على تعزيز التعاون الأمني مع المملكة "
        "في مجال مكافحة المخدرات."
    )
    events = exactly(text, key("MEET", "SAU", "IRQ"), key("VISIT", "IRQ", "SAU"), published="2024-04-23")
    meet = one(events, "MEET", "SAU", "IRQ")
    assert (sector(meet, "SAU"), sector(meet, "IRQ")) == ("SEC", "SEC")
    assert person(meet, "عبد الأمير الشمري").country == "IRQ"


# ---------------------------------------------------------------------------- 8. regional spellings, months and titles


def test_maghrebi_month_juillet() -> None:
    text = (
        "استقبل الفريق أول السعيد شنقريحة، رئيس أركان الجيش الوطني الشعبي، يوم الثلاثاء 16 جويلية 2024 "
        "بمقر أركان الجيش الوطني الشعبي، قائد القوات البرية الإيطالية الفريق أول كارمينه ماسيلو، الذي يقوم "
        "بزيارة رسمية إلى الجزائر على رأس وفد عسكري هام."
    )
    events = exactly(text, key("MEET", "DZA", "ITA"), key("VISIT", "ITA", "DZA"), home_country="DZA")
    meet = one(events, "MEET", "DZA", "ITA")
    assert meet.date == "2024-07-16"
    assert person(meet, "السعيد شنقريحة").country == "DZA"


def test_maghrebi_month_aout() -> None:
    text = (
        "أشرف وزير الدفاع الوطني التونسي عماد مميش، يوم 24 أوت 2023 بتونس العاصمة، على موكب توقيع اتفاقية "
        "تعاون في المجال العسكري بين وزارة الدفاع الوطني التونسية ووزارة الدفاع التركية، وقعها عن الجانب "
        "التركي سفير تركيا بتونس."
    )
    events = exactly(text, key("SIGN", "TUN", "TUR"), published="2023-08-25")
    sign = one(events, "SIGN", "TUN", "TUR")
    assert sign.date == "2023-08-24"
    assert (sign.location.country, sign.location.place) == ("TUN", "Tunis")


def test_maghrebi_month_fevrier_and_telephone_conversation() -> None:
    text = (
        "أجرى وزير الشؤون الخارجية والجالية الوطنية بالخارج، أحمد عطاف، يوم الأحد 18 فيفري 2024، مكالمة "
        "هاتفية مع نظيره الموريتاني محمد سالم ولد مرزوك، تناولت التحضيرات لانعقاد الدورة القادمة للجنة "
        "المشتركة الكبرى بين البلدين."
    )
    events = exactly(text, key("CALL", "DZA", "MRT"), home_country="DZA")
    call = one(events, "CALL", "DZA", "MRT")
    assert call.date == "2024-02-18"
    assert person(call, "أحمد عطاف").country == "DZA"


def test_moroccan_month_mai() -> None:
    text = (
        "وقعت المملكة المغربية وجمهورية السنغال، يوم 28 ماي 2024 بالرباط، على اتفاق للتعاون في المجال "
        "العسكري، وقعه عن الجانب المغربي الوزير المنتدب لدى رئيس الحكومة المكلف بإدارة الدفاع الوطني عبد "
        "اللطيف لوديي، وعن الجانب السنغالي سفير السنغال بالرباط."
    )
    events = exactly(text, key("SIGN", "MAR", "SEN"), published="2024-05-29")
    sign = one(events, "SIGN", "MAR", "SEN")
    assert sign.date == "2024-05-28"
    assert (sign.location.country, sign.location.place) == ("MAR", "Rabat")


def test_gulf_crown_prince_with_honorifics() -> None:
    text = (
        "استقبل صاحب السمو الشيخ خالد بن محمد بن زايد آل نهيان، ولي عهد أبوظبي رئيس المجلس التنفيذي لإمارة "
        "أبوظبي، في قصر الشاطئ اليوم، دولة رئيس وزراء ماليزيا الذي يقوم بزيارة رسمية إلى الدولة، وبحث "
        "الجانبان علاقات التعاون بين البلدين."
    )
    events = exactly(text, key("MEET", "ARE", "MYS"), key("VISIT", "MYS", "ARE"), published="2024-10-08")
    meet = one(events, "MEET", "ARE", "MYS")
    assert person(meet, "خالد بن محمد بن زايد آل نهيان").country == "ARE"
    assert (meet.location.country, meet.location.place) == ("ARE", "Abu Dhabi")


def test_egyptian_rank_before_the_name() -> None:
    text = (
        "التقى الفريق أول عبد المجيد صقر، القائد العام للقوات المسلحة وزير الدفاع والإنتاج الحربي، اليوم "
        "بمقر الأمانة العامة لوزارة الدفاع، الفريق أول ركن محمد عثمان الحسين رئيس هيئة أركان القوات "
        "المسلحة السودانية، الذي يزور مصر حاليا."
    )
    events = exactly(text, key("MEET", "EGY", "SDN"), key("VISIT", "SDN", "EGY"),
                     published="2025-01-12", home_country="EGY")
    meet = one(events, "MEET", "EGY", "SDN")
    assert (sector(meet, "EGY"), sector(meet, "SDN")) == ("MIL", "MIL")
    assert person(meet, "عبد المجيد صقر").country == "EGY"
    assert person(meet, "محمد عثمان الحسين").country == "SDN"


# ---------------------------------------------------------------------------- 9. negatives


def test_domestic_inspection_of_foreign_made_systems_is_no_event() -> None:
    text = (
        "تفقد وزير الدفاع السعودي الأمير خالد بن سلمان، اليوم، وحدات الجيش المرابطة على الحد الجنوبي، واطلع "
        "على جاهزية منظومات الدفاع الجوي الأمريكية الصنع، والتقى عددا من القادة والضباط."
    )
    exactly(text, published="2024-03-18")


def test_graduation_with_unnamed_friendly_countries_is_no_event() -> None:
    text = (
        "شهد رئيس الأركان العامة للجيش الكويتي، اليوم، حفل تخريج الدفعة الخمسين من طلبة الكلية العسكرية، "
        "وبينهم ضباط من دول شقيقة وصديقة، بحضور عدد من كبار القادة وأولياء أمور الخريجين."
    )
    exactly(text, published="2024-06-25")


def test_denied_meeting_is_no_event() -> None:
    text = (
        "نفت وزارة الخارجية السودانية، في بيان اليوم، أي لقاء بين وزير الخارجية ومسؤولين إماراتيين على "
        "هامش المؤتمر، ووصفت ما نشرته بعض المواقع بأنه مختلق ولا أساس له من الصحة."
    )
    exactly(text, published="2024-02-14")


def test_scheduled_visit_next_month_is_no_event() -> None:
    text = (
        "من المقرر أن يزور رئيس الوزراء الإثيوبي آبي أحمد العاصمة الكينية نيروبي الشهر المقبل، حيث يجري "
        "محادثات مع الرئيس الكيني، ويوقع البلدان عددا من الاتفاقيات الأمنية."
    )
    exactly(text, published="2024-04-02")


def test_aim_of_an_agreement_is_no_cooperation_and_no_visit() -> None:
    text = (
        "وقع رئيس هيئة الأركان المشتركة الأردني والسفير الإيطالي في عمّان، أمس، اتفاقية للتعاون الدفاعي. "
        "وتهدف الاتفاقية إلى تدريب مشترك للقوات المسلحة في البلدين وتبادل الزيارات بين الوحدات العسكرية."
    )
    events = exactly(text, key("SIGN", "JOR", "ITA"), published="2024-09-17")
    sign = one(events, "SIGN", "JOR", "ITA")
    assert (sign.location.country, sign.location.place) == ("JOR", "Amman")
    assert sign.date == "2024-09-16"


def test_cancelled_visit_is_no_visit() -> None:
    text = (
        "ألغى وزير الخارجية الهولندي زيارته المقررة إلى أنقرة، اليوم، بسبب ظروف طارئة، واكتفى بإجراء اتصال "
        "هاتفي مع نظيره التركي هاكان فيدان بحثا خلاله العلاقات الثنائية."
    )
    events = exactly(text, key("CALL", "NLD", "TUR"), published="2024-05-14")
    assert person(one(events, "CALL", "NLD", "TUR"), "هاكان فيدان").country == "TUR"
