"""Hypothesis strategies for Arabic news text, shared by the property tests and bench/fuzz.py.

Words are drawn from a vocabulary written for these tests (titles, nationalities,
capitals, event verbs, dates, conjunctions) and mixed with the characters that
break naive text code: diacritics, tatweel, zero-width and bidi marks, NUL,
lone surrogates, digits of three scripts, every kind of punctuation and line break.
"""

from __future__ import annotations

import json

from hypothesis import strategies as st

WORDS = (
    "وصل", "زار", "استقبل", "التقى", "بحث", "اتصالا", "هاتفيا", "وقع", "مذكرة", "تفاهم", "اتفاقية",
    "تمرينا", "مشتركا", "سلمت", "دفعة", "من", "الآليات", "العسكرية", "زيارة", "رسمية", "مباحثات",
    "وزير", "الدفاع", "الخارجية", "رئيس", "أركان", "الجيش", "قائد", "القوات", "البحرية", "الملك", "الرئيس",
    "الأردني", "المصري", "الإيطالي", "التونسي", "السعودي", "الباكستاني", "الفرنسية", "التركي", "الروسية",
    "الأردن", "مصر", "تونس", "إيطاليا", "السعودية", "تركيا", "روسيا", "الولايات", "المتحدة",
    "عمان", "القاهرة", "روما", "الرياض", "أنقرة", "موسكو", "الجزائر", "طرابلس",
    "اليوم", "أمس", "الثلاثاء", "الماضي", "المقبل", "آذار", "مارس", "2024", "١٤", "۱۵", "في", "إلى", "مع",
    "نظيره", "ضيفه", "البلدين", "الجانبان", "و", "ولم", "نفى", "يعتزم", "سيزور", "المقرر", "حاليا",
    "محمد", "بن", "عبد", "الله", "ماركو", "فيراري",
)
SEPARATORS = (" ", " ", " ", "، ", ". ", ".\n", "\n\n", "؛ ", ": ", "؟ ", "! ", " - ", "«", "»", "\"", "(", ")",
              "\t", "\u200f", "\u200c", "ـ", "\u064e", "\u0651", "\x00", "\ud800", "\ufeff", "1.5", "…")

words = st.sampled_from(WORDS)
separators = st.sampled_from(SEPARATORS)


@st.composite
def news_text(draw: st.DrawFn, max_words: int = 120) -> str:
    """A run of vocabulary words with separators between them: sentence-like, often not grammatical."""
    n = draw(st.integers(min_value=1, max_value=max_words))
    parts = []
    for _ in range(n):
        parts.append(draw(words))
        parts.append(draw(separators))
    return "".join(parts)


# Any code point, surrogates and controls included, weighted towards Arabic.
any_char = st.one_of(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.characters(codec=None, categories=None),
    st.sampled_from(["\x00", "\ud800", "\udfff", "\n", ".", "،", " "]),
)
wild_text = st.one_of(news_text(), st.text(alphabet=any_char, max_size=400))

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=20), news_text(max_words=20))
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


@st.composite
def document_objects(draw: st.DrawFn) -> dict:
    """An input object in the shape of EVENTS.md, any field of any JSON type, or missing."""
    fields = {
        "id": st.one_of(st.text(max_size=12), st.integers(), json_values),
        "text": st.one_of(news_text(), json_values),
        "published": st.one_of(st.dates().map(str), st.text(max_size=12), json_values),
        "home_country": st.one_of(st.sampled_from(["JOR", "egy", " tun ", "XX", ""]), json_values),
        "title": st.one_of(news_text(max_words=8), json_values),
    }
    obj = {}
    for key, strategy in fields.items():
        if draw(st.booleans()) or key == "text":
            obj[key] = draw(strategy)
    return obj


def jsonl_bytes(objects: list[dict], junk: list[bytes]) -> bytes:
    """Lines of JSON (ASCII-escaped or not) with junk lines between them."""
    out = []
    for i, obj in enumerate(objects):
        out.append(json.dumps(obj, ensure_ascii=bool(i % 2)).encode("utf-8", "surrogatepass"))
        if i < len(junk):
            out.append(junk[i])
    return b"\n".join(out) + b"\n"
