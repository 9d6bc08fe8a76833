"""Codes in words: the files say what the screen says, and every readiness explanation reads in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from linkstar_analytics.cost.readiness import readiness_checklist
from linkstar_analytics.report.words import WORDS, flags_text, readiness_why, word
from ui.i18n import CATALOGUE

#: word group -> the screen catalogue's key prefix
SCREEN = {"freight": "freight", "fulfilment": "mode_short", "flag": "flag", "disposal": "disposal", "moq": "moq",
          "lead_time": "lt", "item": "ready.item"}


@pytest.mark.parametrize(("group", "code"), sorted(WORDS))
def test_file_words_match_the_screen(group, code):
    key = f"{SCREEN[group]}.{code}"
    assert key in CATALOGUE, key
    assert word(group, code, "en") == CATALOGUE[key]["en"] and word(group, code, "zh") == CATALOGUE[key]["zh"]


def test_every_plan_flag_has_words():
    from linkstar_analytics.plan.engine import FLAGS

    for _bit, name, _meaning in FLAGS:
        assert ("flag", name) in WORDS, name
    assert flags_text("late_po;moq_raised", "en") == "PO too late; Raised to MOQ"
    assert flags_text("late_po;moq_raised", "zh") == "下单已晚、按 MOQ 上调"
    assert flags_text(None, "zh") == "" and flags_text("something_new", "en") == "something_new"


def test_every_readiness_explanation_reads_in_both_languages():
    skus = pd.DataFrame({"sku": ["A", "B", "C"], "category": ["appliances", "beauty", "appliances"],
                         "hs_code": [None, "12", "851632"], "has_battery": [True, False, False],
                         "certificates": [None, "MSDS", "CE"], "barcode": [None, "123", "4006381333931"]})
    wh = pd.DataFrame({"warehouse_id": ["FBT-US", "FBT-UK"], "region": ["US", "UK"], "country": ["US", "GB"],
                       "fulfilment_mode": ["FBT", "FBT"]})
    checklist = readiness_checklist(skus, wh)
    for row in checklist.itertuples():
        en, zh = readiness_why(row.item, row.detail, "en"), readiness_why(row.item, row.detail, "zh")
        assert en and zh
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), (row.item, row.detail, zh)
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en)
    hs = checklist.loc[(checklist["sku"] == "B") & (checklist["item"] == "HS code"), "detail"].iloc[0]
    assert readiness_why("HS code", hs, "zh") == "HS 编码“12”不是 6-10 位数字"
    assert readiness_why("HS code", "hs_code (empty) is not 6-10 digits", "en") == "No HS code in the SKU master"
    assert readiness_why("FCC", "", "en") == "FCC is not among the SKU's certificates"
    assert readiness_why("UKCA", "CE accepted in place of UKCA", "zh") == "以 CE 代替 UKCA（认可）"


def test_every_rule_has_its_fix_in_both_languages():
    from linkstar_analytics.cost.defaults import default_readiness_rules
    from linkstar_analytics.report.words import readiness_fix

    for rule in default_readiness_rules().itertuples():
        en, zh = readiness_fix(rule.item, rule.fix, "en"), readiness_fix(rule.item, rule.fix, "zh")
        assert en[0].isupper() and en[1:] == rule.fix[1:]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), (rule.item, zh)
        assert rule.item.split()[0] in zh, (rule.item, zh)
