"""Fixtures shared by the test modules."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# The evaluation data and spec live beside the repository, not in it; a plain
# clone without them still runs every test that does not need them.
SHARED = REPO.parent / "shared"

# Arabic written for the tests (not taken from any news source).
ARABIC_VISIT = "وصل وزير الدفاع الأردني إلى روما اليوم في زيارة رسمية يلتقي خلالها نظيره الإيطالي."
ARABIC_CALL = "أجرى وزير الخارجية العماني اتصالا هاتفيا مع نظيره الكويتي بحثا فيه العلاقات الثنائية."
ARABIC_AID = "سلّمت تركيا الجيش الصومالي دفعة من المركبات العسكرية في مقديشو أمس."


@pytest.fixture(scope="session")
def repo_dir() -> Path:
    return REPO


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared folder beside the repository (spec, evaluation data); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared folder at {SHARED}, which is absent")
    return SHARED
