"""Writes the hostile-input cases of this folder (run from the repository root: python tests/data/bad/make_cases.py).

Each case is a folder of files that replace (or join) the same-named tables of the small valid dataset of
tests/io/conftest.py; tests/io/test_io_hostile.py lists what the user must see for each. Every file here is
small: cases about size (rows, columns, cells, unpacked bytes) are paired with low limits set by the test.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

SALES_HEAD = "date,sku,units,region,channel\n"


def sales(rows: list[str], head: str = SALES_HEAD) -> str:
    return head + "".join(r + "\n" for r in rows)


GOOD_SALES = [f"2026-09-{d:02d},SKU-{s},{(d + i) % 5}" + ",US,shop" for d in range(1, 6) for i, s in enumerate("ABC")]
SKUS_HEAD = ("sku,name,category,unit_cost,cost_currency,price,price_currency,weight_kg,length_cm,width_cm,height_cm,"
             "moq_units,case_pack_units,production_days,has_battery,certificates\n")
SKU_ROWS = ["SKU-A,Desk lamp,home,35.0,CNY,29.99,USD,0.9,30,15,10,300,20,15,true,CE;FCC",
            "SKU-B,Storage box,home,12.5,CNY,12.99,USD,0.4,20,15,8,500,40,10,,",
            "SKU-C,Phone case,phone_accessories,4.2,CNY,9.99,USD,0.05,18,9,2,1000,200,7,false,ce"]
WH_HEAD = ("warehouse_id,name,region,country,fulfilment_mode,currency,consolidation_days_min,consolidation_days_typ,"
           "consolidation_days_max,customs_days_min,customs_days_typ,customs_days_max,receiving_days_min,"
           "receiving_days_typ,receiving_days_max,storage_per_cbm_month,storage_peak_surcharge_pct,inbound_per_unit,"
           "fulfilment_per_unit,duty_rate_pct,vat_rate_pct,commission_rate_pct\n")
WH_ROWS = ["US-FBT-1,FBT US West,US,US,FBT,USD,2,3,5,1,3,7,2,5,10,25.0,100.0,0.3,3.2,7.5,0.0,6.0",
           "US-3PL-1,3PL Ontario CA,US,US,3PL,USD,2,3,5,1,3,7,2,5,10,18.0,50.0,0.25,2.8,7.5,0.0,6.0"]
LANES_HEAD = "warehouse_id,freight_mode,transit_days_min,transit_days_typ,transit_days_max,rate_per_kg,rate_per_cbm,volumetric_divisor\n"
LANE_ROWS = ["US-FBT-1,sea,18,25,40,,120.0,1000", "US-FBT-1,air,5,7,12,6.5,,6000", "US-3PL-1,sea,20,28,45,,110.0,1000"]
CAMP_HEAD = "campaign_id,name,regions,start_date,end_date,declaration_deadline,inbound_cutoff,default_uplift\n"
CAMP_ROW = "BFCM-2026,Black Friday / Cyber Monday,US;UK,2026-11-27,2026-11-30,2026-10-10,2026-11-10,3.0"


def xlsx(sheet_xml: str, *, shared: list[str] | None = None, sheet_name: str = "sales") -> bytes:
    """A minimal workbook around one hand-written sheet XML (so the XML can be hostile)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
        rels = '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        if shared is not None:
            rels += '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            items = "".join(f"<si><t>{s}</t></si>" for s in shared)
            z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">{items}</sst>')
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buf.getvalue()


def sheet(rows: list[list[object]], *, dimension: str | None = None, prolog: str = "", extra_row_xml: str = "") -> str:
    """Sheet XML with inline strings and numbers; rows start at 1."""
    out = [f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">']
    if dimension:
        out.append(f'<dimension ref="{dimension}"/>')
    out.append("<sheetData>")
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    out.append(extra_row_xml)
    out.append("</sheetData></worksheet>")
    return "".join(out)


SALES_ROWS_XLSX = [["date", "sku", "units"]] + [[46266 + d, s, 1] for d in range(3) for s in ("SKU-A", "SKU-B")]

CASES: dict[str, dict[str, bytes | str]] = {
    # ---- encodings
    "cp1252_names": {"skus.csv": (SKUS_HEAD + "SKU-A,Müller Tischlampe für Büro,home,35.0,CNY,29.99,USD,0.9,30,15,10,300,20,15,true,CE\n"
                                  + "\n".join(SKU_ROWS[1:]) + "\n").encode("cp1252")},
    "utf8_row_in_gbk": {"skus.csv": (SKUS_HEAD + "SKU-A,台灯 桌面护眼,home,35.0,CNY,29.99,USD,0.9,30,15,10,300,20,15,true,CE\n").encode("gbk")
                        + "SKU-B,收纳盒 大号,home,12.5,CNY,12.99,USD,0.4,20,15,8,500,40,10,,\n".encode("utf-8")
                        + (SKU_ROWS[2] + "\n").encode("gbk")},
    "garbled_encoding": {"skus.csv": SKUS_HEAD.encode() + b"SKU-A,\x81\x30\x81\x30\x8f\x40 lamp,home,35.0,CNY,29.99,USD,0.9,30,15,10,300,20,15,true,CE\n"
                         + ("\n".join(SKU_ROWS[1:]) + "\n").encode()},
    "undecodable_bytes": {"stock.csv": b"sku,warehouse_id,on_hand_units\nSKU-A,US-FBT-1,\x81\xff\x81\n"},
    "utf16_stock": {"stock.csv": "sku\twarehouse_id\ton_hand_units\nSKU-A\tUS-FBT-1\t120\nSKU-B\tUS-FBT-1\t40\n".encode("utf-16")},
    # ---- empty, ragged, limits
    "header_only_sales": {"sales.csv": SALES_HEAD},
    "header_only_shipments": {"shipments.csv": "shipment_id,sku,warehouse_id,units,freight_mode,departure_date,eta_date\n"},
    "empty_stock_file": {"stock.csv": b""},
    "whitespace_only_file": {"last_mile.csv": "  \n\n \n"},
    "ragged_row": {"sales.csv": sales(GOOD_SALES[:3] + ["2026-09-09,SKU-A,3,US,shop,extra"] + GOOD_SALES[3:5])},
    "too_many_columns": {"sales.csv": "date,sku,units," + ",".join(f"x{i}" for i in range(300)) + "\n2026-09-01,SKU-A,1" + "," * 300 + "\n"},
    "too_many_rows": {"sales.csv": sales([f"2026-0{m}-{d:02d},SKU-A,1,US,shop" for m in (7, 8) for d in range(1, 31)])},
    "old_xls": {"skus.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64},
    "unsupported_suffix": {"notes.pdf": b"%PDF-1.4\n"},
    "misnamed_table": {"sale.csv": sales(GOOD_SALES)},
    "duplicate_table": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX))},
    # ---- workbooks
    "xlsx_forged_dimension": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX, dimension="A1:XFD1048576"))},
    "xlsx_small_dimension": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX, dimension="A1:C2"))},
    "xlsx_entity_expansion": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX, prolog='<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'))},
    "xlsx_malformed_xml": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX)[:-40])},
    "xlsx_not_a_zip": {"sales.xlsx": b"PK\x03\x04 this is not really a workbook"},
    "xlsx_wide_row": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX, extra_row_xml='<row r="9"><c r="A9"><v>46270</v></c><c r="XFD9" t="inlineStr"><is><t>x</t></is></c></row>'))},
    "xlsx_styled_empty_cells": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX, dimension="A1:XFD3001", extra_row_xml="".join(f'<row r="{r}"><c r="XFD{r}" s="1"/></row>' for r in range(9, 40))))},
    "xlsx_too_many_rows": {"sales.xlsx": xlsx(sheet([["date", "sku", "units"]] + [[46266 + d % 25, f"SKU-{'ABC'[d % 3]}", 1] for d in range(75)]))},
    "xlsx_unpacks_too_large": {"sales.xlsx": xlsx(sheet(SALES_ROWS_XLSX, extra_row_xml="<!--" + "x" * 3_000_000 + "-->"))},
    "xlsx_shared_strings": {"sales.xlsx": xlsx(sheet([["date", "sku", "units"]]).replace("</sheetData>", "".join(
        f'<row r="{r}"><c r="A{r}"><v>{46265 + r}</v></c><c r="B{r}" t="s"><v>{r % 2}</v></c><c r="C{r}"><v>-2</v></c></row>' for r in range(2, 4)) + "</sheetData>"), shared=["SKU-A", "SKU-B"])},
    # ---- numbers and dates in sales
    "units_1e308": {"sales.csv": sales(GOOD_SALES[:2] + ["2026-09-10,SKU-A,1e308,US,shop"])},
    "units_infinite": {"sales.csv": sales(GOOD_SALES[:2] + ["2026-09-10,SKU-A,inf,US,shop", "2026-09-11,SKU-A,NaN,US,shop"])},
    "sales_date_1901": {"sales.csv": sales(GOOD_SALES + ["1901-01-01,SKU-A,1,US,shop"])},
    "sales_date_2099": {"sales.csv": sales(GOOD_SALES + ["2099-12-31,SKU-B,1,US,shop"])},
    "excel_serial_99999": {"sales.csv": sales(GOOD_SALES + ["99999,SKU-C,1,US,shop"])},
    "history_too_long": {"sales.csv": sales(GOOD_SALES + ["2012-01-01,SKU-A,2,US,shop"])},
    "units_currency_text": {"sales.csv": sales(GOOD_SALES[:2] + ["2026-09-12,SKU-A,3 pcs,US,shop"])},
    "sales_mixed_date_order": {"sales.csv": sales(["13/09/2026,SKU-A,1,US,shop", "09/14/2026,SKU-B,1,US,shop", "2026-09-15,SKU-C,1,US,shop"])},
    "sales_duplicate_header": {"sales.csv": sales(["2026-09-01,SKU-A,1,2,US,shop"], head="date,sku,units,units,region,channel\n")},
    "sales_unnamed_column": {"sales.csv": sales(["2026-09-01,SKU-A,1,US,shop,note"], head="date,sku,units,region,channel,\n")},
    "sales_many_unknown_columns": {"sales.csv": "date,sku,units," + ",".join(f"extra{i}" for i in range(25)) + "\n2026-09-01,SKU-A,1" + ",x" * 25 + "\n"},
    "sales_formula_sku": {"sales.csv": sales(GOOD_SALES[:2] + ['2026-09-12,"=HYPERLINK(""http://evil.example"",""x"")",1,US,shop'])},
    "sales_channel_unknown": {"sales.csv": sales(GOOD_SALES[:2] + ["2026-09-12,SKU-A,1,US,telepathy"])},
    "sales_region_unknown": {"sales.csv": sales(GOOD_SALES[:2] + ["2026-09-12,SKU-A,1,MARS,shop"])},
    "sales_cyrillic_sku": {"sales.csv": sales(GOOD_SALES[:2] + ["2026-09-12,SKU-А,1,US,shop"])},
    # ---- skus
    "skus_weight_implausible": {"skus.csv": SKUS_HEAD + SKU_ROWS[0] + "\n" + SKU_ROWS[1].replace(",0.4,", ",5000,") + "\n" + SKU_ROWS[2] + "\n"},
    "skus_price_with_symbol": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace(",29.99,", ",$29.99,") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_case_pack_zero": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace(",300,20,", ",300,0,") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_moq_fraction": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace(",300,20,", ",300.5,20,") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_bool_unknown": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace(",true,", ",maybe,") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_certificate_unknown": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace(",CE;FCC", ",CE;ISO9001") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_category_unknown": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace(",home,", ",toys,") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_duplicate_sku": {"skus.csv": SKUS_HEAD + "\n".join(SKU_ROWS) + "\n" + SKU_ROWS[0] + "\n"},
    "skus_zero_width_id": {"skus.csv": SKUS_HEAD + "\n".join(SKU_ROWS) + "\n" + SKU_ROWS[0].replace("SKU-A", "SKU-D\u200b") + "\n"},
    "skus_rtl_override_id": {"skus.csv": SKUS_HEAD + "\n".join(SKU_ROWS) + "\n" + SKU_ROWS[0].replace("SKU-A", "SKU-\u202eE") + "\n"},
    "skus_id_too_long": {"skus.csv": SKUS_HEAD + "\n".join(SKU_ROWS) + "\n" + SKU_ROWS[0].replace("SKU-A", "SKU-" + "X" * 70) + "\n"},
    "skus_cyrillic_lookalike": {"skus.csv": SKUS_HEAD + "\n".join(SKU_ROWS) + "\n" + SKU_ROWS[0].replace("SKU-A", "SKU-\u0410") + "\n"},
    "skus_name_bidi": {"skus.csv": SKUS_HEAD + SKU_ROWS[0].replace("Desk lamp", "Desk \u202egnp.exe") + "\n" + "\n".join(SKU_ROWS[1:]) + "\n"},
    "skus_missing_column": {"skus.csv": SKUS_HEAD.replace("weight_kg,", "weight,") + "\n".join(SKU_ROWS) + "\n"},
    # ---- warehouses, lanes, last mile
    "warehouses_days_out_of_order": {"warehouses.csv": WH_HEAD + WH_ROWS[0].replace("USD,2,3,5,", "USD,9,3,5,") + "\n" + WH_ROWS[1] + "\n"},
    "warehouses_vat_over_100": {"warehouses.csv": WH_HEAD + WH_ROWS[0].replace(",0.0,6.0", ",150.0,6.0") + "\n" + WH_ROWS[1] + "\n"},
    "warehouses_region_unknown": {"warehouses.csv": WH_HEAD + WH_ROWS[0].replace(",US,US,FBT,", ",EU,US,FBT,") + "\n" + WH_ROWS[1] + "\n"},
    "warehouses_duplicate_id": {"warehouses.csv": WH_HEAD + WH_ROWS[0] + "\n" + WH_ROWS[1] + "\n" + WH_ROWS[0] + "\n"},
    "warehouses_receiving_9999_days": {"warehouses.csv": WH_HEAD + WH_ROWS[0].replace(",2,5,10,25.0", ",2,5,9999,25.0") + "\n" + WH_ROWS[1] + "\n"},
    "lanes_unknown_warehouse": {"freight_lanes.csv": LANES_HEAD + "\n".join(LANE_ROWS) + "\nWH-MARS,sea,18,25,40,,120.0,1000\n"},
    "lanes_mode_unknown": {"freight_lanes.csv": LANES_HEAD + "\n".join(LANE_ROWS) + "\nUS-3PL-1,rail,18,25,40,,120.0,1000\n"},
    "lanes_rate_implausible": {"freight_lanes.csv": LANES_HEAD + LANE_ROWS[0] + "\n" + LANE_ROWS[1].replace(",6.5,", ",650000,") + "\n" + LANE_ROWS[2] + "\n"},
    "last_mile_negative_fee": {"last_mile.csv": "warehouse_id,max_weight_kg,fee_per_parcel\nUS-FBT-1,0.5,-3.5\nUS-3PL-1,2.0,4.8\n"},
    "last_mile_unknown_warehouse": {"last_mile.csv": "warehouse_id,max_weight_kg,fee_per_parcel\nUS-FBT-1,0.5,3.5\nUS-FBT-9,2.0,4.8\n"},
    # ---- stock, shipments, campaigns, presale, creators, order lines
    "stock_negative": {"stock.csv": "sku,warehouse_id,on_hand_units\nSKU-A,US-FBT-1,-120\nSKU-B,US-FBT-1,40\n"},
    "stock_missing_column": {"stock.csv": "sku,on_hand_units\nSKU-A,120\n"},
    "stock_formula_injection": {"stock.csv": "sku,warehouse_id,on_hand_units\nSKU-A,US-FBT-1,120\n\"@SUM(A1:A9)\",US-FBT-1,1\n"},
    "campaigns_end_before_start": {"campaigns.csv": CAMP_HEAD + CAMP_ROW.replace("2026-11-27,2026-11-30", "2026-11-30,2026-11-27") + "\n"},
    "campaigns_region_unknown": {"campaigns.csv": CAMP_HEAD + CAMP_ROW.replace("US;UK", "US;MARS") + "\n"},
    "campaigns_bad_date": {"campaigns.csv": CAMP_HEAD + CAMP_ROW.replace("2026-10-10", "2026-13-45") + "\n"},
    "campaigns_uplift_implausible": {"campaigns.csv": CAMP_HEAD + CAMP_ROW.replace(",3.0", ",1000000") + "\n"},
    "campaigns_header_only": {"campaigns.csv": CAMP_HEAD},
    "shipments_eta_before_departure": {"shipments.csv": "shipment_id,sku,warehouse_id,units,freight_mode,departure_date,eta_date\nSH-1,SKU-A,US-FBT-1,100,sea,2026-10-20,2026-10-01\n"},
    "shipments_unknown_warehouse": {"shipments.csv": "shipment_id,sku,warehouse_id,units,freight_mode,departure_date,eta_date\nSH-1,SKU-A,WH-MARS,100,sea,2026-10-01,2026-10-20\n"},
    "presale_unknown_campaign": {"presale.csv": "sku,campaign_id,region,presale_units\nSKU-A,BFCM-2026,US,10\nSKU-B,PRIME-1999,US,5\n"},
    "presale_negative_units": {"presale.csv": "sku,campaign_id,region,presale_units\nSKU-A,BFCM-2026,US,-10\n"},
    "creators_unknown_sku": {"creators.csv": "date,sku,creator,region,expected_units\n2026-11-27,SKU-Z,@homewithmia,US,300\n"},
    "creators_region_unknown": {"creators.csv": "date,sku,creator,region,expected_units\n2026-11-27,SKU-A,@homewithmia,ATLANTIS,300\n"},
    "prices_negative_price": {"prices.csv": "sku,region,price,currency,price_includes_vat\nSKU-A,US,29.99,USD,false\nSKU-B,UK,-9.99,GBP,true\n"},
    "prices_currency_unknown": {"prices.csv": "sku,region,price,currency\nSKU-A,UK,24.99,BTC\n"},
    "campaign_prices_negative_price": {"campaign_prices.csv": "sku,campaign_id,region,campaign_price,currency\nSKU-A,BFCM-2026,US,19.99,USD\nSKU-B,BFCM-2026,US,-5,USD\n"},
    "stock_history_negative_units": {"stock_history.csv": "date,sku,on_hand_units,region\n2026-09-01,SKU-A,12,US\n2026-09-02,SKU-A,-3,US\n"},
    "campaign_actuals_not_ended": {
        "campaigns.csv": CAMP_HEAD + CAMP_ROW + "\nBFCM-2034,Black Friday / Cyber Monday 2034,US,2034-11-24,2034-11-27,"
                                               "2034-10-10,2034-11-01,3.0\n",
        "campaign_actuals.csv": "campaign_id,sku,region,date,units_sold,stockout\n"
                                "BFCM-2026,SKU-A,US,2026-11-27,40,false\nBFCM-2026,SKU-A,US,2026-11-28,12,true\n"
                                "BFCM-2034,SKU-B,US,2034-11-24,30,\n"},
    "stock_history_unknown_warehouse": {"stock_history.csv": "date,sku,on_hand_units,warehouse_id\n2026-09-01,SKU-A,12,WH-MARS\n"},
    "order_lines_bad_datetime": {"order_lines.csv": "order_id,ordered_at,sku,quantity\nO-1,2026-09-01 10:15,SKU-A,2\nO-2,yesterday noon,SKU-B,1\n"},
    "quota_unknown_warehouse": {"fbt_quota.csv": "warehouse_id,month,quota_units,quota_cbm\nUS-FBT-1,2026-11,500,\nWH-MARS,2026-11,300,\nUS-3PL-1,2026-12,200,\n"},
    "quota_no_measure": {"fbt_quota.csv": "warehouse_id,month,quota_units,quota_cbm\nUS-FBT-1,2026-11,,\n"},
    "recommendation_unknown_sku": {"platform_recommendation.csv": "sku,campaign_id,region,recommended_units\nSKU-A,BFCM-2026,US,300\nSKU-Z,BFCM-2026,US,50\nSKU-B,PRIME-1999,US,40\n"},
    "order_lines_negative_quantity": {"order_lines.csv": "order_id,ordered_at,sku,quantity\nO-1,2026-09-01 10:15,SKU-A,-2\n"},
}


def main() -> None:
    for name, files in CASES.items():
        folder = HERE / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        for fname, data in files.items():
            (folder / fname).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    print(f"wrote {len(CASES)} cases")


if __name__ == "__main__":
    main()
