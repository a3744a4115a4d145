"""Country filters typed as a person types them: ``JOR``, ``Jordan``, ``jordan``, ``الأردن``, ``المملكة الأردنية``.

Names come from the knowledge files the pipeline itself uses
(``lexicon/data/countries.tsv`` and ``organisations.tsv``, read with the
lexicon's own loader), so every code the store can hold has its English and
Arabic names here. Arabic is folded as the store folds it (hamza, alef forms,
tashkeel), English by case and punctuation. A value that is none of these is
refused with the closest names as suggestions, rather than silently matching
nothing.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from rasad.store.normal import fold, latin_key

MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Names:
    code: str
    en: str
    ar: str


@dataclass(frozen=True)
class _Index:
    names: dict[str, Names]  # code -> names
    keys: dict[str, str]  # folded English or Arabic name, or code -> code


def _key(text: str) -> str:
    """English names by latin_key, Arabic by the store's folding; the article ال- is optional."""
    if any("\u0600" <= ch <= "\u06ff" for ch in text):
        folded = fold(text)
        return folded[2:] if folded.startswith("ال") and len(folded) > 4 else folded
    return latin_key(text)


@lru_cache(maxsize=1)
def _index() -> _Index:
    from rasad.lexicon.load import data_dir, read_tsv, split_names

    names: dict[str, Names] = {"IGO": Names("IGO", "International organisation", "منظمة دولية")}
    keys: dict[str, str] = {}
    directory = data_dir()
    for filename, code_col in (("countries.tsv", "iso3"), ("organisations.tsv", "code")):
        path = directory / filename
        if not path.is_file():
            continue
        for _, row in read_tsv(path):
            code = row.get(code_col, "").strip().upper()
            if not code:
                continue
            arabic = split_names(row.get("names_ar", ""))
            en = (row.get("name_en", "") or code).strip()
            if code not in names:  # the first row of an organisation is its main body
                names[code] = Names(code, en, arabic[0] if arabic else "")
            for name in (en, *arabic):
                keys.setdefault(_key(name), code)
    for code in names:
        keys[latin_key(code)] = code
    return _Index(names, keys)


def names_of(code: str | None) -> Names | None:
    return _index().names.get(code.upper()) if code else None


def all_names() -> dict[str, Names]:
    return _index().names


def resolve(value: str) -> str | None:
    """The code a typed value stands for, or None."""
    v = value.strip()
    if not v:
        return None
    index = _index()
    if v.upper() in index.names:
        return v.upper()
    return index.keys.get(_key(v))


def suggestions(value: str) -> list[str]:
    """Up to five "CODE (English name)" whose names are closest to ``value``."""
    index = _index()
    close = difflib.get_close_matches(_key(value), list(index.keys), n=MAX_SUGGESTIONS * 3, cutoff=0.6)
    out: list[str] = []
    for k in close:
        n = index.names[index.keys[k]]
        label = f"{n.code} ({n.en})"
        if label not in out:
            out.append(label)
    return out[:MAX_SUGGESTIONS]
