"""The hostile-input corpus (tests/data/bad/, written by make_cases.py): what the user sees for each case.

Every case replaces or adds files to the small valid dataset of conftest.py and asserts the exact list of
(file, row, column, kind) issues, whether the import would go through, and the first message as the user
reads it (file, row, column, problem and fix), and that every message also exists in Chinese. Cases about
size run with low limits (set through the same environment variables a server uses), so every file stays small.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from linkstar_analytics.io.readers import format_issue, render_issue
from linkstar_analytics.io.validation import load_folder

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
CJK = re.compile(r"[\u4e00-\u9fff]")

#: Cases that replace sales with another file (a workbook, order lines, a misnamed file).
NO_SALES_CSV = {"order_lines_bad_datetime", "order_lines_negative_quantity", "misnamed_table", "xlsx_forged_dimension",
                "xlsx_small_dimension", "xlsx_entity_expansion", "xlsx_malformed_xml", "xlsx_not_a_zip",
                "xlsx_wide_row", "xlsx_styled_empty_cells", "xlsx_too_many_rows", "xlsx_unpacks_too_large",
                "xlsx_shared_strings"}
#: Limits lowered for the size cases (the same variables a server sets).
LIMITS = {"too_many_rows": {"LINKSTAR_MAX_ROWS": "50"}, "xlsx_too_many_rows": {"LINKSTAR_MAX_ROWS": "50"},
          "xlsx_unpacks_too_large": {"LINKSTAR_MAX_XLSX_UNPACKED_MB": "1"},
          # the default span runs to five years after today: pinned, so the message quoted below holds on any day
          **{name: {"LINKSTAR_LATEST_DATE": "2031-12-01"}
             for name in ("excel_serial_99999", "sales_date_1901", "sales_date_2099")},
          "campaign_actuals_not_ended": {"LINKSTAR_LATEST_DATE": "2035-12-31"}}


@dataclass(frozen=True)
class Case:
    name: str
    ok: bool
    where: list = field(default_factory=list)
    shown: str | None = None


CASES = [
    Case('prices_negative_price', ok=False,
         where=[('prices.csv', 3, 'price', 'negative_value')],
         shown="prices.csv, row 3, column 'price': -9.99 is negative. Fix: enter price as a number >= 0 (per unit), without units or currency signs."),
    Case('campaign_prices_negative_price', ok=False,
         where=[('campaign_prices.csv', 3, 'campaign_price', 'negative_value')],
         shown="campaign_prices.csv, row 3, column 'campaign_price': -5 is negative. Fix: enter campaign_price as a number >= 0 (per unit), without units or currency signs."),
    Case('prices_currency_unknown', ok=False,
         where=[('prices.csv', 2, 'currency', 'not_allowed')],
         shown="prices.csv, row 2, column 'currency': 'BTC' is not one of the allowed values. Fix: use one of CNY, USD, GBP, THB, EUR, VND, MYR, PHP, SGD, IDR."),
    Case('stock_history_negative_units', ok=False,
         where=[('stock_history.csv', 3, 'on_hand_units', 'negative_value')],
         shown="stock_history.csv, row 3, column 'on_hand_units': -3 is negative. Fix: enter on_hand_units as a number >= 0 (units), without units or currency signs."),
    Case('stock_history_unknown_warehouse', ok=False,
         where=[('stock_history.csv', 2, 'warehouse_id', 'unknown_reference')],
         shown="stock_history.csv, row 2, column 'warehouse_id': warehouse_id 'WH-MARS' is not in warehouses.csv. Fix: add 'WH-MARS' to warehouses.csv, or correct the id (ids are case-sensitive)."),
    Case('campaign_actuals_not_ended', ok=True,
         where=[('campaign_actuals.csv', 4, 'campaign_id', 'campaign_not_ended')],
         shown="campaign_actuals.csv, row 4, column 'campaign_id': actual results for campaign 'BFCM-2034', which has "
               "not ended yet (its last day is 2034-11-27); this row is left out and the rest is imported. Fix: import "
               "campaign_actuals for 'BFCM-2034' from 2034-11-28 on, once the campaign is over (or correct campaign_id "
               "if the rows belong to a finished campaign)."),
    Case('campaigns_bad_date', ok=False,
         where=[('campaigns.csv', 2, 'declaration_deadline', 'bad_date')],
         shown="campaigns.csv, row 2, column 'declaration_deadline': '2026-13-45' is not a valid date. Fix: write declaration_deadline as YYYY-MM-DD, e.g. 2026-11-01."),
    Case('campaigns_end_before_start', ok=False,
         where=[('campaigns.csv', 2, 'end_date', 'wrong_order')],
         shown="campaigns.csv, row 2, column 'end_date': end_date 2026-11-27 is before/below start_date 2026-11-30. Fix: make start_date <= end_date on this row (swap them if they were typed the wrong way round)."),
    Case('campaigns_header_only', ok=False,
         where=[('campaigns.csv', None, None, 'empty_table')],
         shown="campaigns.csv: table 'campaigns' has a header but no rows. Fix: export the table again with its rows, or leave the file out."),
    Case('campaigns_region_unknown', ok=False,
         where=[('campaigns.csv', 2, 'regions', 'not_allowed')],
         shown="campaigns.csv, row 2, column 'regions': 'MARS' is not one of the allowed values. Fix: use one of US, UK, TH, VN, MY, PH, SG, ID (several separated by ';')."),
    Case('campaigns_uplift_implausible', ok=False,
         where=[('campaigns.csv', 2, 'default_uplift', 'implausible_value')],
         shown="campaigns.csv, row 2, column 'default_uplift': 1,000,000 is above the plausible maximum of 100 for default_uplift. Fix: correct the value (a misplaced decimal point or a unit mix-up?); it must be at most 100 (x baseline)."),
    Case('cp1252_names', ok=True,
         where=[('skus.csv', None, None, 'encoding_detected')],
         shown="skus.csv: the file was read as Windows-1252 (Western European); check that names such as 'Müller Tischlampe für Büro' look right. Fix: nothing to do if they look right; otherwise save the file as 'CSV UTF-8'."),
    Case('creators_region_unknown', ok=False,
         where=[('creators.csv', 2, 'region', 'not_allowed')],
         shown="creators.csv, row 2, column 'region': 'ATLANTIS' is not one of the allowed values. Fix: use one of US, UK, TH, VN, MY, PH, SG, ID."),
    Case('creators_unknown_sku', ok=False,
         where=[('creators.csv', 2, 'sku', 'unknown_reference')],
         shown="creators.csv, row 2, column 'sku': sku 'SKU-Z' is not in skus.csv (did you mean 'SKU-C'?). Fix: add 'SKU-Z' to skus.csv, or correct the id (ids are case-sensitive)."),
    Case('duplicate_table', ok=False,
         where=[('sales.xlsx', None, None, 'duplicate_table')],
         shown="sales.xlsx: table 'sales' is given twice (also in sales.csv). Fix: keep one file per table."),
    Case('empty_stock_file', ok=False,
         where=[('stock.csv', None, None, 'empty_file')],
         shown='stock.csv: the file is empty. Fix: export the table again with its header row.'),
    Case('excel_serial_99999', ok=False,
         where=[('sales.csv', 17, 'date', 'date_out_of_span')],
         shown="sales.csv, row 17, column 'date': 2173-10-13 is outside the plausible dates for date (2000-01-01 to 2031-12-01). Fix: correct the date (a typo in the year, or an Excel number read as a date?); the span is set with LINKSTAR_EARLIEST_DATE / LINKSTAR_LATEST_DATE."),
    Case('garbled_encoding', ok=False,
         where=[('skus.csv', None, None, 'uncertain_encoding')],
         shown="skus.csv: the file's encoding is uncertain: as GBK / GB18030 it reads '?廆 lamp', which looks garbled, and as Latin-1 it reads '?0?0?@ lamp'. Fix: save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and upload it again, so no name is stored garbled."),
    Case('header_only_sales', ok=False,
         where=[('sales.csv', None, None, 'empty_table')],
         shown="sales.csv: table 'sales' has a header but no rows. Fix: export the table again with its rows, or leave the file out."),
    Case('header_only_shipments', ok=True,
         where=[],
         shown=None),
    Case('history_too_long', ok=False,
         where=[('sales.csv', 17, 'date', 'history_too_long')],
         shown="sales.csv, row 17, column 'date': 2012-01-01 is more than 8 years before the latest sale (2026-09-05); one stray old date would stretch every forecast over the whole gap. Fix: correct the date, or import only the last 8 years of sales (LINKSTAR_MAX_HISTORY_YEARS)."),
    Case('lanes_mode_unknown', ok=False,
         where=[('freight_lanes.csv', 5, 'freight_mode', 'not_allowed')],
         shown="freight_lanes.csv, row 5, column 'freight_mode': 'rail' is not one of the allowed values. Fix: use one of sea, air, express."),
    Case('lanes_rate_implausible', ok=False,
         where=[('freight_lanes.csv', 3, 'rate_per_kg', 'implausible_value')],
         shown="freight_lanes.csv, row 3, column 'rate_per_kg': 650,000 is above the plausible maximum of 100,000 for rate_per_kg. Fix: correct the value (a misplaced decimal point or a unit mix-up?); it must be at most 100,000 (per chargeable kg)."),
    Case('lanes_unknown_warehouse', ok=False,
         where=[('freight_lanes.csv', 5, 'warehouse_id', 'unknown_reference')],
         shown="freight_lanes.csv, row 5, column 'warehouse_id': warehouse_id 'WH-MARS' is not in warehouses.csv. Fix: add 'WH-MARS' to warehouses.csv, or correct the id (ids are case-sensitive)."),
    Case('last_mile_negative_fee', ok=False,
         where=[('last_mile.csv', 2, 'fee_per_parcel', 'negative_value')],
         shown="last_mile.csv, row 2, column 'fee_per_parcel': -3.5 is negative. Fix: enter fee_per_parcel as a number >= 0 (per parcel), without units or currency signs."),
    Case('last_mile_unknown_warehouse', ok=False,
         where=[('last_mile.csv', 3, 'warehouse_id', 'unknown_reference')],
         shown="last_mile.csv, row 3, column 'warehouse_id': warehouse_id 'US-FBT-9' is not in warehouses.csv (did you mean 'US-FBT-1'?). Fix: add 'US-FBT-9' to warehouses.csv, or correct the id (ids are case-sensitive)."),
    Case('misnamed_table', ok=False,
         where=[('sales.csv', None, None, 'missing_table'), ('sale.csv', None, None, 'unknown_table')],
         shown="sales.csv: the dataset has no 'sales' table. Fix: add sales.csv or sales.xlsx with the columns date, sku, units."),
    Case('old_xls', ok=False,
         where=[('skus.xls', None, None, 'unsupported_file')],
         shown='skus.xls: old Excel .xls workbooks are not read. Fix: open it in Excel and save it as .xlsx or as CSV UTF-8.'),
    Case('order_lines_bad_datetime', ok=False,
         where=[('order_lines.csv', 3, 'ordered_at', 'bad_date')],
         shown="order_lines.csv, row 3, column 'ordered_at': 'yesterday noon' is not a valid date. Fix: write ordered_at as YYYY-MM-DD HH:MM, e.g. 2026-11-01."),
    Case('order_lines_negative_quantity', ok=False,
         where=[('order_lines.csv', 2, 'quantity', 'negative_value')],
         shown="order_lines.csv, row 2, column 'quantity': -2 is negative. Fix: enter the line quantity as 0 or more (refunds go in a separate file)."),
    Case('presale_negative_units', ok=False,
         where=[('presale.csv', 2, 'presale_units', 'negative_value')],
         shown="presale.csv, row 2, column 'presale_units': -10 is negative. Fix: enter presale_units as a number >= 0 (units), without units or currency signs."),
    Case('presale_unknown_campaign', ok=False,
         where=[('presale.csv', 3, 'campaign_id', 'unknown_reference')],
         shown="presale.csv, row 3, column 'campaign_id': campaign_id 'PRIME-1999' is not in campaigns.csv. Fix: add 'PRIME-1999' to campaigns.csv, or correct the id (ids are case-sensitive)."),
    Case('ragged_row', ok=False,
         where=[('sales.csv', 5, None, 'ragged_row')],
         shown='sales.csv, row 5: this row has 6 cells but the header has 5. Fix: check the row for an extra separator (a comma inside a name needs quotes), or save the file again from Excel.'),
    Case('sales_channel_unknown', ok=False,
         where=[('sales.csv', 4, 'channel', 'not_allowed')],
         shown="sales.csv, row 4, column 'channel': 'telepathy' is not one of the allowed values. Fix: use one of shop, live, video, affiliate."),
    Case('sales_cyrillic_sku', ok=False,
         where=[('sales.csv', 4, 'sku', 'confusable_id'), ('sales.csv', 4, 'sku', 'unknown_reference')],
         shown="sales.csv, row 4, column 'sku': 'SKU-А' mixes scripts: 'А' at position 5 is a Cyrillic letter that looks like a Latin one (the same as 'SKU-A' on row 2 to the eye). Fix: retype the id with Latin letters only, or make sure it really is a different SKU."),
    Case('sales_date_1901', ok=False,
         where=[('sales.csv', 17, 'date', 'date_out_of_span')],
         shown="sales.csv, row 17, column 'date': 1901-01-01 is outside the plausible dates for date (2000-01-01 to 2031-12-01). Fix: correct the date (a typo in the year, or an Excel number read as a date?); the span is set with LINKSTAR_EARLIEST_DATE / LINKSTAR_LATEST_DATE."),
    Case('sales_date_2099', ok=False,
         where=[('sales.csv', 17, 'date', 'date_out_of_span')],
         shown="sales.csv, row 17, column 'date': 2099-12-31 is outside the plausible dates for date (2000-01-01 to 2031-12-01). Fix: correct the date (a typo in the year, or an Excel number read as a date?); the span is set with LINKSTAR_EARLIEST_DATE / LINKSTAR_LATEST_DATE."),
    Case('sales_duplicate_header', ok=False,
         where=[('sales.csv', 1, 'units', 'duplicate_column')],
         shown="sales.csv, row 1, column 'units': column 'units' appears more than once; only the first is read. Fix: delete or rename the second 'units' column."),
    Case('sales_formula_sku', ok=False,
         where=[('sales.csv', 4, 'sku', 'formula_text'), ('sales.csv', 4, 'sku', 'unknown_reference')],
         shown='sales.csv, row 4, column \'sku\': \'=HYPERLINK("http://evil.example","x")\' looks like a spreadsheet formula; it is kept as plain text and never run. Fix: remove the leading \'=\', \'+\', \'-\' or \'@\' unless it belongs to the value.'),
    Case('sales_many_unknown_columns', ok=True,
         where=[('sales.csv', 1, None, 'unknown_column'), ('sales.csv', 1, 'extra0', 'unknown_column'), ('sales.csv', 1, 'extra1', 'unknown_column'), ('sales.csv', 1, 'extra10', 'unknown_column'), ('sales.csv', 1, 'extra11', 'unknown_column'), ('sales.csv', 1, 'extra12', 'unknown_column'), ('sales.csv', 1, 'extra13', 'unknown_column'), ('sales.csv', 1, 'extra14', 'unknown_column'), ('sales.csv', 1, 'extra15', 'unknown_column'), ('sales.csv', 1, 'extra16', 'unknown_column'), ('sales.csv', 1, 'extra17', 'unknown_column'), ('sales.csv', 1, 'extra18', 'unknown_column'), ('sales.csv', 1, 'extra19', 'unknown_column'), ('sales.csv', 1, 'extra2', 'unknown_column'), ('sales.csv', 1, 'extra3', 'unknown_column'), ('sales.csv', 1, 'extra4', 'unknown_column'), ('sales.csv', 1, 'extra5', 'unknown_column'), ('sales.csv', 1, 'extra6', 'unknown_column'), ('sales.csv', 1, 'extra7', 'unknown_column'), ('sales.csv', 1, 'extra8', 'unknown_column'), ('sales.csv', 1, 'extra9', 'unknown_column')],
         shown="sales.csv, row 1: 5 more columns are not part of table 'sales' and are ignored. Fix: delete it or leave it; it is not imported (columns of sales: date, sku, units, region, channel, revenue, currency)."),
    Case('sales_mixed_date_order', ok=False,
         where=[('sales.csv', 3, 'date', 'mixed_date_order')],
         shown="sales.csv, row 3, column 'date': dates are written both day-first and month-first (e.g. '09/14/2026'). Fix: write every date in column 'date' as YYYY-MM-DD, e.g. 2026-11-01."),
    Case('sales_region_unknown', ok=False,
         where=[('sales.csv', 4, 'region', 'not_allowed')],
         shown="sales.csv, row 4, column 'region': 'MARS' is not one of the allowed values. Fix: use one of US, UK, TH, VN, MY, PH, SG, ID."),
    Case('sales_unnamed_column', ok=True,
         where=[('sales.csv', 1, None, 'unnamed_column')],
         shown="sales.csv, row 1: a column without a header holds data; it is ignored. Fix: give the column a header from the table's columns, or delete it."),
    Case('shipments_eta_before_departure', ok=False,
         where=[('shipments.csv', 2, 'eta_date', 'wrong_order')],
         shown="shipments.csv, row 2, column 'eta_date': eta_date 2026-10-01 is before/below departure_date 2026-10-20. Fix: make departure_date <= eta_date on this row (swap them if they were typed the wrong way round)."),
    Case('shipments_unknown_warehouse', ok=False,
         where=[('shipments.csv', 2, 'warehouse_id', 'unknown_reference')],
         shown="shipments.csv, row 2, column 'warehouse_id': warehouse_id 'WH-MARS' is not in warehouses.csv. Fix: add 'WH-MARS' to warehouses.csv, or correct the id (ids are case-sensitive)."),
    Case('skus_bool_unknown', ok=False,
         where=[('skus.csv', 2, 'has_battery', 'wrong_type')],
         shown="skus.csv, row 2, column 'has_battery': 'maybe' is not true or false. Fix: enter has_battery as true or false (yes/no, 1/0 are accepted)."),
    Case('skus_case_pack_zero', ok=False,
         where=[('skus.csv', 2, 'case_pack_units', 'below_minimum')],
         shown="skus.csv, row 2, column 'case_pack_units': 0 is below the minimum of 1. Fix: enter case_pack_units as a whole number >= 1 (units), without units or currency signs."),
    Case('skus_category_unknown', ok=False,
         where=[('skus.csv', 2, 'category', 'not_allowed')],
         shown="skus.csv, row 2, column 'category': 'toys' is not one of the allowed values. Fix: use one of home, beauty, apparel, appliances, phone_accessories."),
    Case('skus_certificate_unknown', ok=False,
         where=[('skus.csv', 2, 'certificates', 'not_allowed')],
         shown="skus.csv, row 2, column 'certificates': 'ISO9001' is not one of the allowed values. Fix: use one of CE, UKCA, FCC, PSE, TISI, UN38.3, MSDS, CPSIA, FDA (several separated by ';')."),
    Case('skus_cyrillic_lookalike', ok=True,
         where=[('skus.csv', 5, 'sku', 'confusable_id')],
         shown="skus.csv, row 5, column 'sku': 'SKU-А' mixes scripts: 'А' at position 5 is a Cyrillic letter that looks like a Latin one (the same as 'SKU-A' on row 2 to the eye). Fix: retype the id with Latin letters only, or make sure it really is a different SKU."),
    Case('skus_duplicate_sku', ok=False,
         where=[('skus.csv', 5, 'sku', 'duplicate_key')],
         shown="skus.csv, row 5, column 'sku': sku 'SKU-A' appears more than once (first on row 2). Fix: keep one row per sku: add the rows together or delete the repeat."),
    Case('skus_id_too_long', ok=False,
         where=[('skus.csv', 5, 'sku', 'id_too_long')],
         shown="skus.csv, row 5, column 'sku': the id is 74 characters long; ids may have at most 64. Fix: use the short id from the shop or the warehouse system (at most 64 characters)."),
    Case('skus_missing_column', ok=False,
         where=[('skus.csv', 1, 'weight', 'unknown_column'), ('skus.csv', 1, 'weight_kg', 'missing_column')],
         shown="skus.csv, row 1, column 'weight': column 'weight' is not part of table 'skus' and is ignored; did you mean 'weight_kg'? Fix: rename it to 'weight_kg' (columns of skus: sku, name, category, size, unit_cost, cost_currency, price, price_currency, weight_kg, length_cm, width_cm, height_cm, moq_units, case_pack_units, production_days, hs_code, has_battery, is_electronic, certificates, barcode, launch_date, platform_product_id, platform_sku_id, carton_length_cm, carton_width_cm, carton_height_cm, carton_gross_weight_kg, deposit_pct)."),
    Case('skus_moq_fraction', ok=False,
         where=[('skus.csv', 2, 'moq_units', 'not_integer')],
         shown="skus.csv, row 2, column 'moq_units': 300.5 is not a whole number. Fix: enter moq_units as a whole number >= 0 (units), without units or currency signs."),
    Case('skus_name_bidi', ok=True,
         where=[('skus.csv', 2, 'name', 'invisible_in_text')],
         shown="skus.csv, row 2, column 'name': 'Desk ?gnp.exe' contains an invisible or direction-changing character (U+202E RIGHT-TO-LEFT OVERRIDE); it is kept as is. Fix: retype the value if it displays oddly."),
    Case('skus_price_with_symbol', ok=False,
         where=[('skus.csv', 2, 'price', 'wrong_type')],
         shown="skus.csv, row 2, column 'price': '$29.99' is not a number. Fix: enter price as a number >= 0 (per unit), without units or currency signs."),
    Case('skus_rtl_override_id', ok=False,
         where=[('skus.csv', 5, 'sku', 'invisible_characters')],
         shown="skus.csv, row 5, column 'sku': 'SKU-?E' contains an invisible or direction-changing character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 5. Fix: retype the id by hand; ids must be plain visible characters."),
    Case('skus_weight_implausible', ok=False,
         where=[('skus.csv', 3, 'weight_kg', 'implausible_value')],
         shown="skus.csv, row 3, column 'weight_kg': 5,000 is above the plausible maximum of 2,000 for weight_kg. Fix: correct the value (a misplaced decimal point or a unit mix-up?); it must be at most 2,000 (kg)."),
    Case('skus_zero_width_id', ok=False,
         where=[('skus.csv', 5, 'sku', 'invisible_characters')],
         shown="skus.csv, row 5, column 'sku': 'SKU-D?' contains an invisible or direction-changing character (U+200B ZERO WIDTH SPACE) at position 6. Fix: retype the id by hand; ids must be plain visible characters."),
    Case('stock_formula_injection', ok=False,
         where=[('stock.csv', 3, 'sku', 'formula_text'), ('stock.csv', 3, 'sku', 'unknown_reference')],
         shown="stock.csv, row 3, column 'sku': '@SUM(A1:A9)' looks like a spreadsheet formula; it is kept as plain text and never run. Fix: remove the leading '=', '+', '-' or '@' unless it belongs to the value."),
    Case('stock_missing_column', ok=False,
         where=[('stock.csv', 1, 'warehouse_id', 'missing_column')],
         shown="stock.csv, row 1, column 'warehouse_id': required column 'warehouse_id' is missing. Fix: add a column 'warehouse_id'; required columns are sku, warehouse_id, on_hand_units."),
    Case('stock_negative', ok=False,
         where=[('stock.csv', 2, 'on_hand_units', 'negative_value')],
         shown="stock.csv, row 2, column 'on_hand_units': -120 is negative. Fix: enter on_hand_units as a number >= 0 (units), without units or currency signs."),
    Case('too_many_columns', ok=False,
         where=[('sales.csv', 1, None, 'too_many_columns')],
         shown="sales.csv, row 1: the table has 303 columns; the limit is 200. Fix: keep only the table's own columns (see the data model) and delete the rest."),
    Case('too_many_rows', ok=False,
         where=[('sales.csv', None, None, 'too_many_rows')],
         shown='sales.csv: the table has more than 50 rows (found at least 61); the limit is 50. Fix: split the file (for example one per year), or raise LINKSTAR_MAX_ROWS.'),
    Case('undecodable_bytes', ok=False,
         where=[('stock.csv', None, None, 'unknown_encoding')],
         shown="stock.csv: the file's text encoding could not be recognised: it is not UTF-8 (byte 0x81 on line 2) and no other encoding reads it without replacing characters. Fix: save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and upload it again."),
    Case('units_1e308', ok=False,
         where=[('sales.csv', 4, 'units', 'implausible_value')],
         shown="sales.csv, row 4, column 'units': 1e+308 is above the plausible maximum of 10,000,000 for units. Fix: correct the value (a misplaced decimal point or a unit mix-up?); it must be at most 10,000,000 (units)."),
    Case('units_currency_text', ok=False,
         where=[('sales.csv', 4, 'units', 'wrong_type')],
         shown="sales.csv, row 4, column 'units': '3 pcs' is not a number. Fix: enter units sold as 0 or more (returns go in a separate file)."),
    Case('units_infinite', ok=False,
         where=[('sales.csv', 4, 'units', 'not_finite'), ('sales.csv', 5, 'units', 'not_finite')],
         shown="sales.csv, row 4, column 'units': 'inf' is not a finite number. Fix: enter units sold as 0 or more (returns go in a separate file)."),
    Case('unsupported_suffix', ok=True,
         where=[('notes.pdf', None, None, 'unsupported_file')],
         shown="notes.pdf: files ending in '.pdf' are not read. Fix: give tables as .csv or .xlsx files named after the table, e.g. sales.csv."),
    Case('utf16_stock', ok=True,
         where=[],
         shown=None),
    Case('utf8_row_in_gbk', ok=False,
         where=[('skus.csv', 3, None, 'mixed_encoding')],
         shown="skus.csv, row 3: the file mixes encodings: this row is UTF-8 ('收纳盒 大号') while the rest of the file is GBK / GB18030. Fix: open the file, retype or re-paste this row, and save the whole file once as 'CSV UTF-8'."),
    Case('warehouses_days_out_of_order', ok=False,
         where=[('warehouses.csv', 2, 'consolidation_days_typ', 'wrong_order')],
         shown="warehouses.csv, row 2, column 'consolidation_days_typ': consolidation_days_typ '3' is before/below consolidation_days_min '9'. Fix: make consolidation_days_min <= consolidation_days_typ on this row (swap them if they were typed the wrong way round)."),
    Case('warehouses_duplicate_id', ok=False,
         where=[('warehouses.csv', 4, 'warehouse_id', 'duplicate_key')],
         shown="warehouses.csv, row 4, column 'warehouse_id': warehouse_id 'US-FBT-1' appears more than once (first on row 2). Fix: keep one row per warehouse_id: add the rows together or delete the repeat."),
    Case('warehouses_receiving_9999_days', ok=False,
         where=[('warehouses.csv', 2, 'receiving_days_max', 'implausible_value')],
         shown="warehouses.csv, row 2, column 'receiving_days_max': 9,999 is above the plausible maximum of 365 for receiving_days_max. Fix: correct the value (a misplaced decimal point or a unit mix-up?); it must be at most 365 (days)."),
    Case('warehouses_region_unknown', ok=False,
         where=[('warehouses.csv', 2, 'region', 'not_allowed')],
         shown="warehouses.csv, row 2, column 'region': 'EU' is not one of the allowed values. Fix: use one of US, UK, TH, VN, MY, PH, SG, ID."),
    Case('warehouses_vat_over_100', ok=False,
         where=[('warehouses.csv', 2, 'vat_rate_pct', 'above_maximum')],
         shown="warehouses.csv, row 2, column 'vat_rate_pct': 150 is above the maximum of 100. Fix: enter vat_rate_pct as a number >= 0 and <= 100 (%), without units or currency signs."),
    Case('whitespace_only_file', ok=False,
         where=[('last_mile.csv', None, None, 'empty_file')],
         shown='last_mile.csv: the file is empty. Fix: export the table again with its header row.'),
    Case('xlsx_entity_expansion', ok=False,
         where=[('sales.xlsx', None, None, 'malformed_xlsx')],
         shown="sales.xlsx: the workbook's sheet 'sales' is damaged or not a plain Excel sheet (entity declarations). Fix: open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8."),
    Case('xlsx_forged_dimension', ok=False,
         where=[('sales.xlsx', None, None, 'declared_too_large')],
         shown="sales.xlsx: the sheet 'sales' declares the range A1:XFD1048576 (17,179,869,184 cells), more than the limit of 50,000,000 cells. Fix: delete empty rows and columns after the data (Excel: select them, Delete, then save), or save the table as CSV UTF-8."),
    Case('xlsx_malformed_xml', ok=False,
         where=[('sales.xlsx', None, None, 'malformed_xlsx')],
         shown="sales.xlsx: the workbook's sheet 'sales' is damaged or not a plain Excel sheet (XML: unclosed token: line 1, column 953). Fix: open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8."),
    Case('xlsx_not_a_zip', ok=False,
         where=[('sales.xlsx', None, None, 'unreadable_file')],
         shown='sales.xlsx: the workbook could not be opened (BadZipFile). Fix: save it again as an Excel workbook (.xlsx), or export the sheet as CSV UTF-8.'),
    Case('xlsx_shared_strings', ok=False,
         where=[('sales.xlsx', 2, 'units', 'negative_value'), ('sales.xlsx', 3, 'units', 'negative_value')],
         shown="sales.xlsx, row 2, column 'units': -2 is negative. Fix: enter units sold as 0 or more (returns go in a separate file)."),
    Case('xlsx_small_dimension', ok=True,
         where=[],
         shown=None),
    Case('xlsx_styled_empty_cells', ok=True,
         where=[],
         shown=None),
    Case('xlsx_too_many_rows', ok=False,
         where=[('sales.xlsx', None, None, 'too_many_rows')],
         shown='sales.xlsx: the table has more than 50 rows (found at least 76); the limit is 50. Fix: split the file (for example one per year), or raise LINKSTAR_MAX_ROWS.'),
    Case('xlsx_unpacks_too_large', ok=False,
         where=[('sales.xlsx', None, None, 'xlsx_expanded_too_large')],
         shown='sales.xlsx: the workbook unpacks to 2.9 MB of sheet data (limit 1.0 MB): far more than its 4 KB file size suggests. Fix: split the data into smaller workbooks or export it as CSV UTF-8 files.'),
    Case('xlsx_wide_row', ok=False,
         where=[('sales.xlsx', 9, None, 'too_many_columns')],
         shown="sales.xlsx, row 9: the table has 16,384 columns; the limit is 200. Fix: keep only the table's own columns (see the data model) and delete the rest."),
]


@pytest.fixture(scope="module", autouse=True)
def _reuse_checks_of_unchanged_tables():
    """Checking one table is a pure function of its cells: the valid tables every case shares are checked once
    (a memo keyed by file name, headers and cell values), so each case pays only for its own files."""
    from linkstar_analytics.io import validation

    real = validation._validate_raw
    memo: dict = {}

    def remembered(raw, spec):
        key = (raw.file, spec.name, tuple(raw.headers), tuple(raw.rows.tolist()),
               int(pd.util.hash_pandas_object(raw.frame.astype(str), index=False).sum()))
        if key not in memo:
            memo[key] = real(raw, spec)
        typed, rows, issues = memo[key]
        return typed.copy(), rows.copy(), list(issues)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(validation, "_validate_raw", remembered)
        yield


def _load(case: Case, tmp_path: Path, make_good_dataset, monkeypatch):
    folder = make_good_dataset(tmp_path / case.name)
    if case.name in NO_SALES_CSV:
        (folder / "sales.csv").unlink()
    for f in (BAD / case.name).iterdir():
        shutil.copy(f, folder / f.name)
    for key, value in LIMITS.get(case.name, {}).items():
        monkeypatch.setenv(key, value)
    return load_folder(folder)


def test_the_corpus_has_at_least_60_cases_across_every_table():
    folders = sorted(p.name for p in BAD.iterdir() if p.is_dir())
    assert len(folders) >= 60, len(folders)
    assert {c.name for c in CASES} <= set(folders)
    touched = {f.stem.split("[")[0] for p in BAD.iterdir() if p.is_dir() for f in p.iterdir()}
    from linkstar_analytics.schemas import TABLES

    assert set(TABLES) <= touched, set(TABLES) - touched


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case_shows_file_row_column_and_fix(case, tmp_path, make_good_dataset, monkeypatch):
    r = _load(case, tmp_path, make_good_dataset, monkeypatch)
    assert [(i.file, i.row, i.column, i.code) for i in r.issues] == case.where
    assert r.ok is case.ok
    if case.shown is not None:
        assert format_issue(r.issues[0]) == case.shown
    for issue in r.issues:  # the same message in Chinese, naming the same place
        message, fix = render_issue(issue, "zh")
        assert CJK.search(message) and CJK.search(fix), (issue.code, message, fix)
        assert issue.file in format_issue(issue, "zh")


def _case(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


def test_windows_1252_names_are_read_right_not_as_gbk(tmp_path, make_good_dataset, monkeypatch):
    r = _load(_case("cp1252_names"), tmp_path, make_good_dataset, monkeypatch)
    assert r.tables["skus"]["name"].iloc[0] == "Müller Tischlampe für Büro"


def test_a_workbook_is_read_in_full_whatever_its_declared_size(tmp_path, make_good_dataset, monkeypatch):
    r = _load(_case("xlsx_small_dimension"), tmp_path, make_good_dataset, monkeypatch)
    assert len(r.tables["sales"]) == 6  # <dimension ref="A1:C2"> declares one data row
    r = _load(_case("xlsx_styled_empty_cells"), tmp_path, make_good_dataset, monkeypatch)
    assert len(r.tables["sales"]) == 6 and list(r.tables["sales"].columns[:3]) == ["date", "sku", "units"]
    assert r.tables["sales"]["date"].iloc[0] == pd.Timestamp("2026-09-01")


def test_an_optional_table_may_be_empty_and_utf16_reads(tmp_path, make_good_dataset, monkeypatch):
    r = _load(_case("header_only_shipments"), tmp_path, make_good_dataset, monkeypatch)
    assert r.ok and len(r.tables["shipments"]) == 0
    r = _load(_case("utf16_stock"), tmp_path, make_good_dataset, monkeypatch)
    assert r.tables["stock"]["on_hand_units"].tolist() == [120.0, 40.0]


def test_look_alike_ids_are_kept_apart_and_named(tmp_path, make_good_dataset, monkeypatch):
    r = _load(_case("skus_cyrillic_lookalike"), tmp_path, make_good_dataset, monkeypatch)
    assert r.tables["skus"]["sku"].tolist() == ["SKU-A", "SKU-B", "SKU-C", "SKU-\u0410"]
    warning = r.issues[0]
    assert "Cyrillic" in warning.message and "row 2" in warning.message


def test_actuals_of_a_campaign_not_ended_are_left_out_and_the_rest_imports(tmp_path, make_good_dataset, monkeypatch):
    r = _load(_case("campaign_actuals_not_ended"), tmp_path, make_good_dataset, monkeypatch)
    actuals = r.tables["campaign_actuals"]
    assert r.ok and actuals["campaign_id"].tolist() == ["BFCM-2026", "BFCM-2026"]  # the finished campaign's rows
    assert actuals["units_sold"].tolist() == [40.0, 12.0] and actuals["stockout"].tolist() == [False, True]
    assert len(r.tables["sales"]) == 90 and "BFCM-2034" in set(r.tables["campaigns"]["campaign_id"])
