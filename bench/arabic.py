"""Arabic sentences written for the benchmarks, and documents of any size built from them.

The sentences are made up for this project (no outlet's text): officials of
many states visiting, meeting, calling, signing and training together, with
dates, places and the clauses that make the grammar work (plans, denials,
appositions). ``ordinary`` joins them as news paragraphs; ``run_on`` joins the
same words into one sentence without a full stop, the worst case for any stage
that works per sentence.
"""

from __future__ import annotations

import itertools

SENTENCES = (
    "وصل وزير الدفاع الإيطالي إلى العاصمة التونسية صباح اليوم الثلاثاء في زيارة رسمية تستغرق يومين.",
    "واستقبل وزير الدفاع الوطني التونسي ضيفه الإيطالي في مقر الوزارة وبحث الجانبان سبل تطوير التعاون الدفاعي.",
    "تلقى وزير الخارجية الأردني اتصالا هاتفيا مساء أمس من نظيره المصري تناول الأوضاع في المنطقة.",
    "وقع رئيس أركان الجيش الباكستاني ونظيره السعودي مذكرة تفاهم للتعاون العسكري في مجال التدريب.",
    "اختتمت القوات البحرية المصرية والفرنسية تمرينا بحريا مشتركا في البحر المتوسط استمر أسبوعا.",
    "سلمت الولايات المتحدة الأمريكية الجيش اللبناني دفعة جديدة من الآليات العسكرية في مرفأ بيروت.",
    "وأكد الوزيران في ختام اللقاء حرص بلديهما على مواصلة التنسيق في القضايا ذات الاهتمام المشترك.",
    "ومن المقرر أن يزور رئيس الوزراء العراقي العاصمة التركية أنقرة الشهر المقبل لبحث ملف المياه.",
    "ونفى المتحدث باسم وزارة الخارجية الجزائرية أن يكون الوزير قد التقى نظيره المغربي في نيويورك.",
    "التقى الرئيس الموريتاني في نواكشوط وزير الدولة للشؤون الخارجية القطري وتسلم منه رسالة خطية.",
    "وبحث قائد القوات البرية الأردنية مع الملحق العسكري البريطاني في عمان أوجه التعاون بين البلدين.",
    "وأعرب الجانبان عن ارتياحهما لمستوى العلاقات الثنائية وتطلعهما إلى توسيعها في المجالات كافة.",
    "شارك وفد من الحرس الوطني الكويتي في الدورة التدريبية التي نظمتها وزارة الدفاع الإماراتية.",
    "وقال مصدر دبلوماسي إن وزير الخارجية السوداني سيتوجه إلى القاهرة يوم الأحد المقبل.",
    "وكان العاهل الأردني قد استقبل في قصر الحسينية يوم 14 آذار 2024 وزير الدفاع اليوناني.",
    "وأشار البيان إلى أن المباحثات تناولت تعزيز التعاون في مجالات التدريب وتبادل الخبرات وأمن الحدود.",
)


def ordinary(chars: int) -> str:
    """News paragraphs of about ``chars`` characters: four sentences a paragraph."""
    parts: list[str] = []
    size = 0
    for i, sentence in enumerate(itertools.cycle(SENTENCES)):
        if size >= chars:
            break
        sep = "\n" if i % 4 == 3 else " "
        parts.append(sentence + sep)
        size += len(sentence) + 1
    return "".join(parts)[:chars]


def run_on(chars: int) -> str:
    """One sentence of about ``chars`` characters: the same words, no full stop, no line break."""
    words = " و".join(s.rstrip(".") for s in SENTENCES).replace(".", "")
    reps = chars // len(words) + 1
    return (" و".join([words] * reps))[:chars]
