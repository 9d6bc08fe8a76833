"""The string catalogue: every key in both languages, every key a page uses exists, formatting per language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ui import i18n

REPO = Path(__file__).resolve().parents[2]
KEY_RE = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")


def test_every_entry_has_both_languages_and_no_blank_text():
    for key, entry in i18n.CATALOGUE.items():
        assert set(entry) == {"en", "zh"}, key
        assert entry["en"].strip() and entry["zh"].strip(), key


def test_placeholders_match_between_languages():
    field = re.compile(r"{(\w+)}")
    for key, entry in i18n.CATALOGUE.items():
        assert set(field.findall(entry["en"])) == set(field.findall(entry["zh"])), key


def test_every_literal_key_used_by_the_app_exists():
    files = [REPO / "app.py", *sorted((REPO / "pages").glob("*.py")), *sorted((REPO / "ui").glob("*.py"))]
    missing = {}
    for f in files:
        for key in KEY_RE.findall(f.read_text(encoding="utf-8")):
            if key not in i18n.CATALOGUE:
                missing.setdefault(f.name, []).append(key)
    assert not missing, missing


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [("en", 12_345_678, "12.35M"), ("zh", 12_345_678, "1,234.6万"), ("en", 950, "950"), ("zh", 250_000_000, "2.50亿")],
)
def test_compact_numbers_follow_the_language(lang, value, expected):
    i18n.set_lang(lang)
    try:
        assert i18n.fmt_compact(value) == expected
    finally:
        i18n.set_lang("en")


def test_money_always_carries_its_currency():
    assert i18n.fmt_money(1234.5, "USD", compact=False, decimals=2) == "USD 1,234.50"
    assert i18n.fmt_money(float("nan"), "GBP") == "GBP —"


def test_dates_per_language():
    i18n.set_lang("zh")
    try:
        assert i18n.fmt_date("2026-11-27") == "2026年11月27日"
    finally:
        i18n.set_lang("en")
    assert i18n.fmt_date("2026-11-27") == "27 Nov 2026"


def test_every_import_issue_kind_of_the_bad_file_corpus_has_a_translated_name():
    from linkstar_analytics.io.validation import load_uploads

    corpus = REPO / "tests" / "data" / "bad"
    codes = set()
    for f in sorted(corpus.rglob("*")):
        if f.is_file():
            codes |= {i.code for i in load_uploads([(f.name, f.read_bytes())]).issues}
    assert len(codes) >= 8, codes
    missing = sorted(c for c in codes if f"issue.{c}" not in i18n.CATALOGUE)
    assert not missing, missing
