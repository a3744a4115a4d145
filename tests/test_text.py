"""Normalisation, offsets, sentences and tokens."""

from rasad.text.normalise import normalise, normalise_string
from rasad.text.segment import split_sentences, tokenize


def test_folds_letter_variants_and_strips_marks():
    assert normalise_string("إِلى") == "الي"
    assert normalise_string("المدرسةُ") == "المدرسه"
    assert normalise_string("مؤتمر") == "موتمر"
    assert normalise_string("رئيـــس") == "رئيس".replace("ئ", "ي")
    assert normalise_string("آسيا") == "اسيا"


def test_hindi_and_persian_digits_become_ascii():
    assert normalise_string("٢٠٢٥/٠٧/١٥") == "2025/07/15"
    assert normalise_string("۱۴۴۵") == "1445"


def test_offsets_point_back_into_the_original_text():
    original = "وَصَلَ وزيرُ الدّفاعِ إلى الجزائرِ"
    norm = normalise(original)
    start = norm.text.index("الجزاير")
    ostart, oend = norm.to_original(start, start + len("الجزاير"))
    assert original[ostart:oend] == "الجزائرِ"[:-1] or original[ostart:oend].startswith("الجزائر")
    assert len(norm.origin) == len(norm.text)


def test_sentences_split_on_stops_and_line_breaks_and_mark_headings():
    text = "وزير الخارجية يزور عمّان\nوصل وزير الخارجية إلى عمّان اليوم. وبحث مع نظيره العلاقات.\n"
    norm = normalise(text)
    sents = split_sentences(norm)
    bodies = [text[s.start:s.end] for s in sents]
    assert bodies == ["وزير الخارجية يزور عمّان", "وصل وزير الخارجية إلى عمّان اليوم.",
                      "وبحث مع نظيره العلاقات."]
    assert sents[0].is_heading and not sents[1].is_heading


def test_decimal_point_does_not_end_a_sentence():
    norm = normalise("قدمت الحكومة معدات بقيمة 1.4 مليون دولار للجيش.")
    assert len(split_sentences(norm)) == 1


def test_the_number_of_a_list_item_does_not_end_a_sentence():
    text = "وشملت المذكرات:\n1. الزراعة: تبادل البذور.\n12. النقل البري.\nوانتهى الاجتماع عام 2024.\nثم غادر."
    norm = normalise(text)
    bodies = [text[s.start:s.end] for s in split_sentences(norm)]
    assert bodies == ["وشملت المذكرات:", "1. الزراعة: تبادل البذور.", "12. النقل البري.",
                      "وانتهى الاجتماع عام 2024.", "ثم غادر."]


def test_a_one_letter_abbreviation_does_not_end_a_sentence():
    text = "استقبل د. سامي العلي اللواء أ.ح ماجد فؤاد. ثم غادر."
    bodies = [text[s.start:s.end] for s in split_sentences(normalise(text))]
    assert bodies == ["استقبل د. سامي العلي اللواء أ.ح ماجد فؤاد.", "ثم غادر."]


def test_tokens_carry_their_sentence():
    norm = normalise("التقى الوزيران. ووقعا مذكرة تفاهم.")
    sents = split_sentences(norm)
    toks = tokenize(norm, sents)
    assert [t.text for t in toks] == ["التقي", "الوزيران", "ووقعا", "مذكره", "تفاهم"]
    assert [t.sentence for t in toks] == [0, 0, 1, 1, 1]


def test_compound_names_compare_equal_apart_or_together() -> None:
    from rasad.text.normalise import join_name_compounds

    assert join_name_compounds(["عبد", "الله", "الثاني"]) == ["عبدالله", "الثاني"]
    assert join_name_compounds(["ابو", "الغيط"]) == ["ابوالغيط"]
    assert join_name_compounds(["عبد", "ربه"]) == ["عبد", "ربه"]  # not followed by the article
