"""The files a category manager takes from the dashboard, in a real browser: the stock-up declaration (columns the
platform and the inbound shipment need, cartons x case pack = units, named after the campaign) and the review report
(opens, prints on A4 landscape with no clipped chart; PDF and screenshot saved under tests/artifacts/)."""

from __future__ import annotations

import io
import math

import pytest
from openpyxl import load_workbook

from tests.browser._helpers import ARTIFACTS, assert_no_exception, wait_for_app

pytestmark = pytest.mark.browser

DECLARATION_HEADERS = [
    "Campaign", "Warehouse", "Platform product ID", "Platform SKU ID", "Seller SKU", "Product name", "Barcode (GTIN)",
    "HS code", "Units", "Presale units", "Units per carton", "Cartons", "Carton length (cm)", "Carton width (cm)",
    "Carton height (cm)", "Carton gross weight (kg)", "Total volume (CBM)", "Total gross weight (kg)", "Freight mode",
    "Departure date", "Arrival at warehouse", "Sellable date", "Notes",
]


def _download(page, label: str):
    button = page.get_by_role("button", name=label)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=90_000) as info:
        button.click()
    return info.value


def test_declaration_downloads_with_the_platform_columns(app_server, page):
    page.goto(f"{app_server}/whatif?c=YEAREND-2026&cur=USD")
    wait_for_app(page)
    dl = _download(page, "Download declaration (.xlsx)")
    assert dl.suggested_filename == "stockup_declaration_Year-End_New_Year_Sale_2026-27.xlsx"
    wb = load_workbook(io.BytesIO(open(dl.path(), "rb").read()))
    sheets = [ws for ws in wb.worksheets if ws.title != "Summary"]
    assert len(sheets) >= 2 and wb.sheetnames[-1] == "Summary"  # one sheet per warehouse, then the summary
    rows_seen = 0
    for ws in sheets:
        headers = [c.value for c in ws[1]]
        assert all(h in headers for h in DECLARATION_HEADERS), set(DECLARATION_HEADERS) - set(headers)
        col = {h: i for i, h in enumerate(headers)}
        rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] not in (None, "Total")]
        assert rows
        for r in rows:
            rows_seen += 1
            units, pack, cartons = r[col["Units"]], r[col["Units per carton"]], r[col["Cartons"]]
            assert units > 0  # zero lines are left out
            assert cartons == math.ceil(units / pack)
            if units % pack == 0:
                assert cartons * pack == units
            assert r[col["Campaign"]] == "Year-End & New Year Sale 2026-27"
            assert r[col["Warehouse"]] == ws.title
            assert r[col["Freight mode"]] in ("Sea", "Air", "Express line")
            assert r[col["Sellable date"]] is not None and r[col["Departure date"]] is not None
            assert r[col["Total volume (CBM)"]] > 0 and r[col["Total gross weight (kg)"]] > 0
            if r[col["Platform SKU ID"]] is not None:
                assert isinstance(r[col["Platform SKU ID"]], str) and len(r[col["Platform SKU ID"]]) == 19
            notes = r[col["Notes"]] or ""
            assert "late_po" not in notes and "moq_raised" not in notes  # codes in words
        # every line that orders, whole cartons: the shipment is all full cartons here (MOQ and case-pack rounding)
        assert sum(1 for r in rows if r[col["Units"]] % r[col["Units per carton"]] == 0) == len(rows)
    assert rows_seen > 20
    summary = {r[0].value: r[1].value for r in wb["Summary"].iter_rows(min_row=2)}
    assert summary["Campaign"] == "Year-End & New Year Sale 2026-27"
    assert_no_exception(page)


def test_review_page_files_in_chinese_report_prints_on_a4_landscape_without_clipped_charts(app_server, browser, page):
    page.goto(f"{app_server}/review?c=YEAREND-2026&lang=zh")
    wait_for_app(page)

    # the declaration for one warehouse, in Chinese
    box = page.locator("[data-testid='stSelectbox']").filter(has_text="申报仓库").first
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name="FBT-US", exact=True).click()
    page.wait_for_timeout(1500)
    dl = _download(page, "下载备货申报表（.xlsx）")
    assert dl.suggested_filename == "备货申报_Year-End_New_Year_Sale_2026-27_FBT-US.xlsx"
    wb = load_workbook(io.BytesIO(open(dl.path(), "rb").read()))
    assert wb.sheetnames == ["FBT-US", "汇总"]
    headers = [c.value for c in wb["FBT-US"][1]]
    assert headers[:3] == ["活动名称", "仓库", "仓库名称"] and "箱数" in headers and "总体积（m³）" in headers
    modes = {r[headers.index("头程方式")] for r in wb["FBT-US"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert modes <= {"海运", "空运", "快递专线", None}

    # the report: small, in Chinese, the campaign's name; then printed
    dl = _download(page, "下载报告（HTML）")
    assert dl.suggested_filename == "备货评审_Year-End_New_Year_Sale_2026-27.html"
    html = open(dl.path(), "rb").read()
    assert len(html) < 1_000_000, len(html)
    text = html.decode("utf-8")
    assert "备货评审：Year-End &amp; New Year Sale 2026-27" in text and '<html lang="zh-CN">' in text
    assert "qty_after_rounding" not in text and "YEAREND-2026</h1>" not in text
    assert "下单量（件）" in text and "缺货风险最高" in text
    assert "<script" not in text  # static charts: nothing runs in the report
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    report = ARTIFACTS / "review_report.html"
    report.write_bytes(html)

    ctx = browser.new_context(viewport={"width": 1123, "height": 794})  # A4 landscape at 96 dpi
    try:
        p = ctx.new_page()
        p.goto(report.as_uri())
        p.emulate_media(media="print")
        p.wait_for_timeout(300)
        # every chart fits the printable width and nothing it draws falls outside its own frame
        charts = p.evaluate("""() => [...document.querySelectorAll('.figure svg')].map(svg => {
            const r = svg.getBoundingClientRect(); const vb = svg.viewBox.baseVal; const b = svg.getBBox();
            return {width: r.width, height: r.height, page: document.body.clientWidth,
                    vb: [vb.width, vb.height], bbox: [b.x, b.y, b.width, b.height]}; })""")
        assert len(charts) == 2
        for c in charts:
            assert 0 < c["width"] <= c["page"] + 1 and c["height"] > 100
            x, y, w, h = c["bbox"]
            assert x >= -1 and y >= -1 and x + w <= c["vb"][0] + 1 and y + h <= c["vb"][1] + 1, c
        p.screenshot(path=str(ARTIFACTS / "review_report_print.png"), full_page=True)
        pdf = p.pdf(format="A4", landscape=True, print_background=True)
        (ARTIFACTS / "review_report.pdf").write_bytes(pdf)
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 3
    finally:
        ctx.close()
    assert_no_exception(page)
