"""Readiness checklist: rules per destination, GS1 check digits, blocking items."""

from __future__ import annotations

import pandas as pd

from linkstar_analytics.cost.defaults import default_readiness_rules
from linkstar_analytics.cost.readiness import gs1_check_digit_ok, hs_code_ok, readiness_checklist, readiness_summary


def _item(ck, sku, wh, item):
    r = ck[(ck.sku == sku) & (ck.warehouse_id == wh) & (ck.item == item)]
    return r.iloc[0] if len(r) else None


def test_gs1_check_digits():
    # EAN-13 400638133393|1: data digits weighted 1,3,1,3... from the left:
    # 4 + 0 + 0 + 18 + 3 + 24 + 1 + 9 + 3 + 9 + 9 + 9 = 89 -> check digit (10 - 89 mod 10) mod 10 = 1
    assert gs1_check_digit_ok(["4006381333931"]).tolist() == [True]
    assert gs1_check_digit_ok(["036000291452", "0 36000 29145 2"]).tolist() == [True, True]   # UPC-A
    assert gs1_check_digit_ok(["4006381333932", "12345", "ABCDEFGHIJKLM", None, ""]).tolist() == [False] * 5


def test_hs_codes():
    assert hs_code_ok(["850110", "8501.10.40", "85011040 00", "8501", None, "85A110"]).tolist() == [
        True, True, True, False, False, False]


def test_uk_appliance_without_ukca_is_blocking(skus, warehouses):
    sk = skus.copy()
    sk.loc[sk.sku == "MOTOR", "certificates"] = "FCC"            # no UKCA, no CE
    ck = readiness_checklist(sk, warehouses)
    r = _item(ck, "MOTOR", "UK-LON", "UKCA")
    assert r is not None and r.required and not r.present and r.blocking and "UKCA" in r.fix
    # with CE it is accepted in Great Britain, and the row says so
    ok = _item(readiness_checklist(skus, warehouses), "MOTOR", "UK-LON", "UKCA")
    assert ok.present and not ok.blocking and ok.detail == "CE accepted in place of UKCA"


def test_fbt_sku_with_bad_barcode_is_blocking(skus, warehouses):
    ck = readiness_checklist(skus, warehouses)
    r = _item(ck, "LAMP", "UK-LON", "GS1 barcode")                # 4006381333932: bad check digit
    assert not r.present and r.blocking and "check digit" in r.detail
    assert _item(ck, "PILLOW", "UK-LON", "GS1 barcode").present
    assert _item(ck, "LAMP", "US-LA", "GS1 barcode") is None      # 3PL: no barcode rule


def test_scope_of_rules(skus, warehouses):
    ck = readiness_checklist(skus, warehouses)
    assert _item(ck, "PILLOW", "US-LA", "FCC") is None            # home goods are not electronics
    assert _item(ck, "LAMP", "US-LA", "FCC").blocking              # appliance without FCC
    assert _item(ck, "LAMP", "US-LA", "UN38.3").present            # battery docs where has_battery
    assert _item(ck, "MOTOR", "US-LA", "UN38.3") is None
    assert _item(ck, "MOTOR", "TH-BKK", "TISI").blocking
    assert ck.groupby(["sku", "warehouse_id"])["item"].apply(lambda s: "HS code" in set(s)).all()
    assert _item(ck, "DRESS", "US-LA", "HS code").blocking


def test_phone_accessory_electronic_flag(warehouses):
    sk = pd.DataFrame({"sku": ["CASE", "CHARGER"], "category": ["phone_accessories"] * 2, "hs_code": ["392690", "850440"],
                       "is_electronic": [False, pd.NA], "certificates": [None, None]})
    ck = readiness_checklist(sk, warehouses)
    assert _item(ck, "CASE", "US-LA", "FCC") is None and _item(ck, "CHARGER", "US-LA", "FCC").blocking


def test_rules_are_overridable(skus, warehouses):
    rules = default_readiness_rules()
    rules.loc[rules["item"] == "GS1 barcode", "blocking"] = False
    ck = readiness_checklist(skus, warehouses, rules=rules)
    r = _item(ck, "LAMP", "UK-LON", "GS1 barcode")
    assert not r.present and not r.blocking
    eu = pd.DataFrame({"warehouse_id": ["DE-1"], "region": ["UK"], "country": ["DE"], "fulfilment_mode": ["3PL"]})
    assert _item(readiness_checklist(skus, eu), "LAMP", "DE-1", "CE").blocking


def test_pairs_restrict_the_checklist(skus, warehouses):
    pairs = pd.DataFrame({"sku": ["LAMP", "MOTOR"], "warehouse_id": ["UK-LON", "US-LA"]})
    ck = readiness_checklist(skus, warehouses, pairs=pairs)
    assert set(zip(ck.sku, ck.warehouse_id)) == {("LAMP", "UK-LON"), ("MOTOR", "US-LA")}


def test_summary_per_destination(skus, warehouses):
    s = readiness_summary(readiness_checklist(skus, warehouses)).set_index(["sku", "region", "fulfilment_mode"])
    lamp_uk = s.loc[("LAMP", "UK", "FBT")]
    assert not lamp_uk.ready and lamp_uk.n_blocking == 1 and lamp_uk.missing_items == "GS1 barcode"
    assert s.loc[("PILLOW", "US", "3PL")].ready
    assert s.loc[("DRESS", "UK", "FBT")].missing_items == "HS code; GS1 barcode"
