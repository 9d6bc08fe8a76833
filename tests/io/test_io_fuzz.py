"""Fuzzing the readers and the link parser: any bytes, any cells, any link never raise, and answers are issues."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linkstar_analytics.io.messages import MESSAGES
from linkstar_analytics.io.readers import read_source
from linkstar_analytics.io.validation import load_uploads

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


def _check(tables, issues) -> None:
    for issue in issues:
        assert issue.code and issue.file and issue.message and issue.severity in ("error", "warning")
        if issue.text is not None:
            assert issue.text.key in MESSAGES and issue.text.render("zh")
    for raw in tables:
        assert len(raw.rows) == len(raw.frame)


@FUZZ
@given(st.binary(max_size=400))
def test_csv_reader_takes_any_bytes(data):
    tables, issues = read_source((data, "sales.csv"))
    _check(tables, issues)
    assert tables or issues or not data.strip()


@FUZZ
@given(st.lists(st.lists(TEXT, min_size=1, max_size=6), min_size=1, max_size=8),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "cp1252"]))
def test_csv_tables_of_any_text_in_any_encoding(rows, sep, encoding):
    text = "\n".join(sep.join(r) for r in rows)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    result = load_uploads([("sales.csv", data)])
    _check([], result.issues)
    if not result.ok:
        assert result.errors


def _workbook(cells: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "sales"
    for row in cells:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CELL = st.one_of(st.none(), TEXT.map(lambda s: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", s)),
                 st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False), st.booleans())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(CELL, min_size=1, max_size=5), min_size=1, max_size=6))
def test_xlsx_reader_takes_any_cells(cells):
    tables, issues = read_source((_workbook([["date", "sku", "units"], *cells]), "sales.xlsx"))
    _check(tables, issues)
    assert tables and len(tables[0].frame) <= len(cells)


@pytest.fixture(scope="module")
def workbook_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(_workbook([["date", "sku", "units"], ["2026-09-01", "SKU-A", 3]]))) as z:
        return {name: z.read(name) for name in z.namelist()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                        "_rels/.rels", "xl/sharedStrings.xml"]),
       st.integers(0, 10_000), st.binary(min_size=1, max_size=8), st.booleans())
def test_xlsx_reader_takes_damaged_parts(workbook_parts, part, at, junk, cut):
    parts = dict(workbook_parts)
    if part in parts:
        body = parts[part]
        pos = at % (len(body) + 1)
        parts[part] = body[:pos] if cut else body[:pos] + junk + body[pos:]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    tables, issues = read_source((buf.getvalue(), "sales.xlsx"))
    _check(tables, issues)


# ------------------------------------------------------------------------------------------------ links


KEYS = ["ds", "c", "pc", "dc", "up", "bd", "sl", "mix", "fm", "fx", "cur", "cd", "lt", "ks", "rl", "dsp", "moq", "fl",
        "fc", "uo", "lang", "saved", "zz", "", "ＳＬ", "sl\u200b"]
VALUE = st.one_of(TEXT, st.sampled_from(["90", "-4", "1e308", "nan", "inf", "US:FBT-US=100", "US:FBT-UK=100",
                                         "FBT-US:air", "USD:7.1", "SKU-A|US:2", "[x](https://e.x)", "<script>",
                                         "%3B%3A", "999", "", "x" * 5000]))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.one_of(st.sampled_from(KEYS), TEXT), st.one_of(VALUE, st.lists(VALUE, max_size=3)),
                       max_size=8))
def test_link_parser_never_raises_and_names_every_ignored_param(params):
    from ui.i18n import CATALOGUE
    from ui.state import KEY_TO_LEVER, STREAMLIT_PARAMS, parse_link

    scenario, notices = parse_link(params)
    scenario.to_query_params()  # a valid scenario that writes a link again
    for key, values in notices:
        assert key in CATALOGUE
        for v in values.values():
            assert isinstance(v, (str, int, float))
    named = {v.get("param") for _, v in notices}
    for key in params:
        if key not in KEY_TO_LEVER and key not in ("lang", "saved") and key not in STREAMLIT_PARAMS:
            assert key in named
