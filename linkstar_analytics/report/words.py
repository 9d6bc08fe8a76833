"""Codes in words, English and Chinese, for what leaves the dashboard as a file (sheets, declaration, report).

The plan and the cost module speak in codes (``sea``, ``FBT``, ``late_po;moq_raised``, ``liquidate``); a file a
seller submits or a report projected in a meeting must not. The dashboard's string catalogue (``ui/i18n.py``) holds
the same words for the screen; ``tests/report/test_words.py`` checks that both say the same.

The readiness checklist (``cost.readiness``) explains a missing item in English ("hs_code (empty) is not 6-10
digits"); :func:`readiness_why` gives that explanation in either language from the item and the detail.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

LANGS: tuple[str, ...] = ("en", "zh")

#: (group, code) -> (English, Chinese).
WORDS: dict[tuple[str, str], tuple[str, str]] = {
    ("freight", "sea"): ("Sea", "海运"),
    ("freight", "air"): ("Air", "空运"),
    ("freight", "express"): ("Express line", "快递专线"),
    ("fulfilment", "FBT"): ("FBT", "FBT"),
    ("fulfilment", "3PL"): ("3PL", "三方仓"),
    ("fulfilment", "SELF"): ("Self-ship", "自发货"),
    ("flag", "late_po"): ("PO too late", "下单已晚"),
    ("flag", "concentrated"): ("Concentrated in one warehouse", "单仓集中"),
    ("flag", "cross_region"): ("Cross-region transfer", "跨区调拨"),
    ("flag", "no_lane"): ("No lane for chosen mode", "所选方式无线路"),
    ("flag", "no_warehouse"): ("No warehouse in market", "市场无仓"),
    ("flag", "moq_raised"): ("Raised to MOQ", "按 MOQ 上调"),
    ("flag", "transit_after_cutoff"): ("Transit after cutoff", "在途晚于截止"),
    ("flag", "key_sku"): ("Key SKU", "重点 SKU"),
    ("flag", "below_moq"): ("Need below MOQ", "需求低于 MOQ"),
    ("flag", "arrives_in_window"): ("Arrives after the window starts", "窗口开始后才到"),
    ("flag", "reserved_wait"): ("Reserved until the campaign", "活动库存锁定至活动开始"),
    ("flag", "misses_window"): ("Arrives after the window", "窗口结束后才到"),
    ("flag", "negative_margin"): ("Negative margin", "毛利为负"),
    ("flag", "forced"): ("Ordered at a loss (forced)", "强制亏损下单"),
    ("flag", "moq_skipped"): ("MOQ not worth it: skipped", "MOQ 不划算：未下单"),
    ("flag", "rescue"): ("A faster mode saves units", "更快方式可挽回销量"),
    ("disposal", "destroy"): ("Destroy", "销毁"),
    ("disposal", "return"): ("Return to origin", "退回国内"),
    ("disposal", "liquidate"): ("Liquidate", "清仓处理"),
    ("moq", "up"): ("Top up to the MOQ where it pays", "在划算时补足 MOQ"),
    ("moq", "skip"): ("Skip them", "不下单"),
    ("moq", "need"): ("Order the need (negotiate MOQ)", "按需下单（协商 MOQ）"),
    ("lead_time", "typical"): ("Typical", "常规"),
    ("lead_time", "pessimistic"): ("Pessimistic (peak delays)", "保守（旺季延误）"),
    ("item", "HS code"): ("HS code", "HS 编码"),
    ("item", "GS1 barcode"): ("GS1 barcode", "GS1 条码"),
    ("item", "MSDS"): ("MSDS", "MSDS（化学品安全技术说明书）"),
    ("item", "UN38.3"): ("UN38.3", "UN38.3（锂电池运输测试）"),
}


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"`lang` must be one of {', '.join(LANGS)} (got {lang!r}); pass lang='en' or lang='zh'")


def word(group: str, code: object, lang: str) -> str:
    """The word for ``code`` in ``group`` (e.g. ``word("freight", "sea", "zh") == "海运"``); unknown codes as given,
    missing ones as an empty string."""
    _check_lang(lang)
    if code is None or (isinstance(code, float) and code != code):
        return ""
    pair = WORDS.get((group, str(code)))
    if pair is None:
        return str(code)
    return pair[1] if lang == "zh" else pair[0]


def flags_text(flags: object, lang: str) -> str:
    """A plan line's ``flags`` (``"late_po;moq_raised"``, or a list) in words, joined by ``"; "`` (``"、"`` in Chinese)."""
    if flags is None or (isinstance(flags, float) and flags != flags):
        return ""
    parts: Iterable[object] = flags if isinstance(flags, (list, tuple, set, frozenset)) else str(flags).split(";")
    words = [word("flag", str(p).strip(), lang) for p in parts if str(p).strip()]
    return ("、" if lang == "zh" else "; ").join(words)


_HS_RE = re.compile(r"^hs_code (?P<value>.*) is not 6-10 digits$")
_BARCODE_RE = re.compile(r"^barcode (?P<value>.*) is not a GS1 EAN-13/UPC-A with a valid check digit$")
_ACCEPTED_RE = re.compile(r"^(?P<alt>\S+) accepted in place of (?P<item>\S+)$")


def readiness_why(item: str, detail: object, lang: str) -> str:
    """Why a readiness item is flagged, in words: the checklist's detail translated, or (certificates, whose
    detail is empty when missing) that the SKU master does not list it."""
    _check_lang(lang)
    text = "" if detail is None or (isinstance(detail, float) and detail != detail) else str(detail).strip()
    empty = {"(empty)", "", "None", "nan"}
    m = _HS_RE.match(text)
    if m:
        value = m.group("value")
        if lang == "zh":
            return "SKU 主数据中没有 HS 编码" if value in empty else f"HS 编码“{value}”不是 6-10 位数字"
        return "No HS code in the SKU master" if value in empty else f"HS code “{value}” is not 6-10 digits"
    m = _BARCODE_RE.match(text)
    if m:
        value = m.group("value")
        if lang == "zh":
            return ("SKU 主数据中没有条码" if value in empty
                    else f"条码“{value}”不是校验位正确的 GS1 EAN-13/UPC-A 码")
        return ("No barcode in the SKU master" if value in empty
                else f"Barcode “{value}” is not a GS1 EAN-13/UPC-A with a valid check digit")
    m = _ACCEPTED_RE.match(text)
    if m:
        alt, it = m.group("alt"), m.group("item")
        return f"以 {alt} 代替 {it}（认可）" if lang == "zh" else f"{alt} accepted in place of {it}"
    if text:
        return text
    name = word("item", item, lang)
    return f"SKU 主数据的证书列表中没有 {name}" if lang == "zh" else f"{name} is not among the SKU's certificates"


#: How to fix a missing readiness item, in Chinese (the rules table of ``cost.defaults`` gives the English).
_FIX_ZH: dict[str, str] = {
    "HS code": "向报关行确认 6-10 位 HS 编码，填入 skus.hs_code",
    "CE": "取得 CE 符合性声明（LVD/EMC/RED），并在 skus.certificates 中加入 CE",
    "UKCA": "在 skus.certificates 中加入 UKCA（或英国认可的 CE）",
    "FCC": "取得该设备的 FCC Part 15 SDoC／ID，并在 skus.certificates 中加入 FCC",
    "PSE": "取得 PSE（日本电气用品安全法）认证，并在 skus.certificates 中加入 PSE",
    "TISI": "取得该电器产品的 TISI 许可证，并在 skus.certificates 中加入 TISI",
    "UN38.3": "取得锂电池 UN38.3 测试摘要，并在 skus.certificates 中加入 UN38.3",
    "MSDS": "向供应商索取电池 MSDS/SDS，并在 skus.certificates 中加入 MSDS",
    "FDA": "在 FDA 完成工厂注册与化妆品列名（MoCRA），并在 skus.certificates 中加入 FDA",
    "GS1 barcode": "打印校验位正确的 GS1 EAN-13／UPC-A 条码，并填入 skus.barcode",
}


def readiness_fix(item: str, fix: object, lang: str) -> str:
    """How to fix a missing readiness item: the rule's own text in English (first letter capitalised), a Chinese
    text per known item in Chinese (a generic one for items of a custom rules table)."""
    _check_lang(lang)
    text = "" if fix is None or (isinstance(fix, float) and fix != fix) else str(fix).strip()
    if lang == "zh":
        if item in _FIX_ZH:
            return _FIX_ZH[item]
        return f"补齐 {word('item', item, 'zh')}，并在 SKU 主数据中登记" if text else ""
    return text[:1].upper() + text[1:]
