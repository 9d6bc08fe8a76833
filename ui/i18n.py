"""The UI string catalogue (English and Chinese) and locale formatting of numbers, money and dates.

Every string a page shows comes from ``CATALOGUE`` through ``t(key)``. A missing key raises in tests
(``tests/ui/test_i18n.py`` checks every key has both languages and that pages only use known keys),
so no raw key ever reaches the screen.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Literal

import pandas as pd

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
LANG_LABELS: dict[str, str] = {"en": "English", "zh": "中文"}

_current: dict[str, Lang] = {"lang": "en"}


def set_lang(lang: str) -> Lang:
    """Set the language for ``t`` in this script run; unknown values fall back to English."""
    value: Lang = "zh" if str(lang).lower().startswith("zh") else "en"
    _current["lang"] = value
    return value


def get_lang() -> Lang:
    return _current["lang"]


def t(key: str, **kwargs: object) -> str:
    """The text for ``key`` in the current language, formatted with ``kwargs``."""
    entry = CATALOGUE[key]
    text = entry[get_lang()]
    return text.format(**kwargs) if kwargs else text


# ---------------------------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------------------------

def fmt_int(value: float | int | None) -> str:
    """Whole number with thousands separators; an em dash for missing values."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{round(float(value)):,}"


def fmt_num(value: float | None, decimals: int = 1) -> str:
    if value is None or not math.isfinite(float(value)):
        return "—"
    return f"{float(value):,.{decimals}f}"


def fmt_compact(value: float | None) -> str:
    """Compact large numbers: 1.2M / 3.4K in English, 120.0万 / 1.2亿 in Chinese."""
    if value is None or not math.isfinite(float(value)):
        return "—"
    v = float(value)
    a = abs(v)
    if get_lang() == "zh":
        if a >= 1e8:
            return f"{v / 1e8:,.2f}亿"
        if a >= 1e4:
            return f"{v / 1e4:,.1f}万"
        return f"{v:,.0f}"
    if a >= 1e9:
        return f"{v / 1e9:,.2f}B"
    if a >= 1e6:
        return f"{v / 1e6:,.2f}M"
    if a >= 1e4:
        return f"{v / 1e3:,.1f}K"
    return f"{v:,.0f}"


def fmt_money(value: float | None, currency: str, *, compact: bool = True, decimals: int = 0) -> str:
    """Money always carries its currency code: ``USD 12.3K`` / ``USD 1,234``."""
    if value is None or not math.isfinite(float(value)):
        return f"{currency} —"
    body = fmt_compact(value) if compact else f"{float(value):,.{decimals}f}"
    return f"{currency} {body}"


def fmt_pct(value_pct: float | None, decimals: int = 1) -> str:
    """A percentage given on the 0-100 scale."""
    if value_pct is None or not math.isfinite(float(value_pct)):
        return "—"
    return f"{float(value_pct):.{decimals}f}%"


def fmt_date(value: date | datetime | pd.Timestamp | str | None) -> str:
    """``27 Nov 2026`` in English, ``2026年11月27日`` in Chinese."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    ts = pd.Timestamp(value)
    if pd.isna(ts):
        return "—"
    if get_lang() == "zh":
        return f"{ts.year}年{ts.month}月{ts.day}日"
    return ts.strftime("%d %b %Y").lstrip("0")


def fmt_days(days: int | float | None) -> str:
    if days is None or not math.isfinite(float(days)):
        return "—"
    return t("unit.days", n=int(days))


def date_format_pattern() -> str:
    """Pattern for ``st.column_config.DateColumn`` in the current language."""
    return "YYYY-MM-DD" if get_lang() == "zh" else "D MMM YYYY"


# ---------------------------------------------------------------------------------------------
# Catalogue: key -> {"en": ..., "zh": ...}
# ---------------------------------------------------------------------------------------------

CATALOGUE: dict[str, dict[str, str]] = {
    # App shell
    "app.title": {"en": "Linkstar Analytics", "zh": "Linkstar 备货分析"},
    "app.tagline": {
        "en": "Promotion stock-up planner for TikTok Shop mega-sales",
        "zh": "TikTok Shop 大促备货规划",
    },
    "app.language": {"en": "Language", "zh": "语言"},
    "app.dataset": {"en": "Dataset", "zh": "数据集"},
    "app.dataset_caption": {"en": "Version {version}: {name}", "zh": "版本 {version}：{name}"},
    "app.loading_sample": {"en": "Loading the built-in sample data…", "zh": "正在加载内置示例数据…"},
    "app.share_link": {"en": "Share link", "zh": "分享链接"},
    "app.share_help": {
        "en": "The address bar holds every lever: copy it to share this exact view.",
        "zh": "地址栏包含所有参数：复制即可分享当前视图。",
    },
    "app.notice_title": {"en": "Some link settings were ignored", "zh": "部分链接参数已忽略"},
    "app.no_dataset": {
        "en": "No dataset is active. Import one on the Data page.",
        "zh": "没有启用的数据集。请在“数据”页导入。",
    },
    "nav.group.plan": {"en": "Plan", "zh": "规划"},
    "nav.group.supply": {"en": "Supply chain", "zh": "供应链"},
    "nav.group.data": {"en": "Data & sharing", "zh": "数据与协作"},
    "page.home": {"en": "Overview", "zh": "总览"},
    "page.data": {"en": "Data", "zh": "数据"},
    "page.forecast": {"en": "Forecast", "zh": "预测"},
    "page.whatif": {"en": "What-if", "zh": "情景模拟"},
    "page.mix": {"en": "Warehouse mix", "zh": "仓库分配"},
    "page.landed": {"en": "Landed cost", "zh": "到岸成本"},
    "page.timeline": {"en": "Timeline", "zh": "时间线"},
    "page.alerts": {"en": "Alerts", "zh": "预警"},
    "page.scenarios": {"en": "Scenarios", "zh": "方案"},
    "page.review": {"en": "Review", "zh": "评审"},
    # Units
    "unit.days": {"en": "{n} days", "zh": "{n} 天"},
    "unit.units": {"en": "units", "zh": "件"},
    # Home
    "home.summary": {"en": "Dataset at a glance", "zh": "数据概况"},
    "home.skus": {"en": "SKUs", "zh": "SKU 数"},
    "home.categories": {"en": "{n} categories", "zh": "{n} 个类目"},
    "home.history": {"en": "Sales history", "zh": "销售历史"},
    "home.history_span": {"en": "{start} to {end}", "zh": "{start} 至 {end}"},
    "home.warehouses": {"en": "Warehouses", "zh": "仓库数"},
    "home.regions": {"en": "Markets: {regions}", "zh": "市场：{regions}"},
    "home.units_28d": {"en": "Units sold, last 28 days", "zh": "近 28 天销量（件）"},
    "home.next_campaign": {"en": "Next campaign", "zh": "下一个大促"},
    "home.no_campaign": {"en": "No upcoming campaign in the calendar.", "zh": "日历中没有即将到来的大促。"},
    "home.deadline": {"en": "Declaration deadline", "zh": "报备截止"},
    "home.cutoff": {"en": "Inbound cutoff", "zh": "入仓截止"},
    "home.starts": {"en": "Campaign starts", "zh": "大促开始"},
    "home.days_left": {"en": "{n} days left", "zh": "还剩 {n} 天"},
    "home.days_ago": {"en": "passed {n} days ago", "zh": "已过 {n} 天"},
    "home.today": {"en": "today", "zh": "今天"},
    "home.categories_chart": {"en": "SKUs by category", "zh": "各类目 SKU 数"},
    "home.mode_chart": {"en": "Warehouses by fulfilment mode", "zh": "各履约模式仓库数"},
    "home.intermittent": {"en": "Slow movers (sell on < half the days)", "zh": "慢动销 SKU（有销量天数不足一半）"},
    "home.new_skus": {"en": "New SKUs (first sale < 90 days ago)", "zh": "新品（首单不足 90 天）"},
    "home.upcoming": {"en": "Campaign calendar", "zh": "大促日历"},
    "home.headline": {"en": "Plan headline", "zh": "方案要点"},
    "home.alerts": {"en": "Top alerts", "zh": "重要预警"},
    "axis.category": {"en": "Category", "zh": "类目"},
    "axis.skus": {"en": "SKUs (count)", "zh": "SKU（个）"},
    "axis.mode": {"en": "Fulfilment mode", "zh": "履约模式"},
    "axis.warehouses": {"en": "Warehouses (count)", "zh": "仓库（个）"},
    "col.campaign": {"en": "Campaign", "zh": "大促"},
    "col.regions": {"en": "Markets", "zh": "市场"},
    "col.start": {"en": "Start", "zh": "开始"},
    "col.end": {"en": "End", "zh": "结束"},
    "col.deadline": {"en": "Declaration deadline", "zh": "报备截止"},
    "col.cutoff": {"en": "Inbound cutoff", "zh": "入仓截止"},
    "col.days_to_deadline": {"en": "Days to deadline", "zh": "距报备截止（天）"},
    "col.uplift": {"en": "Default uplift (×)", "zh": "默认提升倍数（×）"},
    # Categories and modes
    "cat.home": {"en": "Home", "zh": "家居"},
    "cat.beauty": {"en": "Beauty", "zh": "美妆"},
    "cat.apparel": {"en": "Apparel", "zh": "服饰"},
    "cat.appliances": {"en": "Small appliances", "zh": "小家电"},
    "cat.phone_accessories": {"en": "Phone accessories", "zh": "手机配件"},
    "mode.FBT": {"en": "FBT (Fulfilled by TikTok)", "zh": "FBT（TikTok 官方仓）"},
    "mode.3PL": {"en": "3PL overseas warehouse", "zh": "海外三方仓"},
    "mode.SELF": {"en": "Self-ship", "zh": "自发货"},
    "freight.sea": {"en": "Sea", "zh": "海运"},
    "freight.air": {"en": "Air", "zh": "空运"},
    "freight.express": {"en": "Express line", "zh": "快递专线"},
    # Data page
    "data.versions": {"en": "Dataset versions", "zh": "数据集版本"},
    "data.col.version": {"en": "Version", "zh": "版本"},
    "data.col.name": {"en": "Name", "zh": "名称"},
    "data.col.created": {"en": "Imported at", "zh": "导入时间"},
    "data.col.author": {"en": "Imported by", "zh": "导入人"},
    "data.col.active": {"en": "Active", "zh": "当前启用"},
    "data.pick_active": {"en": "Dataset to use", "zh": "选择使用的数据集"},
    "data.make_active": {"en": "Make active", "zh": "设为启用"},
    "data.import": {"en": "Import files", "zh": "导入文件"},
    "data.import_help": {
        "en": "One file per table (sales, skus, warehouses, freight_lanes, last_mile, stock, shipments, campaigns, presale, creators; or order_lines instead of sales). CSV in UTF-8, UTF-8 with BOM or GBK, or Excel .xlsx, up to {mb} MB each. Nothing is stored unless every file passes; earlier versions are always kept.",
        "zh": "每张表一个文件（sales、skus、warehouses、freight_lanes、last_mile、stock、shipments、campaigns、presale、creators；也可用 order_lines 代替 sales）。支持 UTF-8、带 BOM 的 UTF-8、GBK 编码的 CSV 或 Excel .xlsx，每个文件不超过 {mb} MB。所有文件校验通过才会保存；历史版本始终保留。",
    },
    "data.files": {"en": "Table files", "zh": "数据文件"},
    "data.dataset_name": {"en": "Dataset name (optional)", "zh": "数据集名称（可选）"},
    "data.validate_import": {"en": "Validate and import", "zh": "校验并导入"},
    "data.no_files": {"en": "Choose at least one file first.", "zh": "请先选择至少一个文件。"},
    "data.validating": {"en": "Reading and checking {n} file(s)…", "zh": "正在读取并校验 {n} 个文件…"},
    "data.validated": {"en": "Checked", "zh": "校验完成"},
    "data.rejected": {
        "en": "Not imported: {errors} error(s), {warnings} warning(s). Fix the rows below and upload again; nothing was changed.",
        "zh": "未导入：{errors} 个错误，{warnings} 个警告。请按下表修正后重新上传；现有数据未做任何改动。",
    },
    "data.saved": {
        "en": "Imported as dataset version {version} and made active ({warnings} warning(s)).",
        "zh": "已导入为数据集版本 {version} 并启用（{warnings} 个警告）。",
    },
    "data.issue.severity": {"en": "Severity", "zh": "级别"},
    "data.issue.file": {"en": "File", "zh": "文件"},
    "data.issue.row": {"en": "Row", "zh": "行"},
    "data.issue.column": {"en": "Column", "zh": "列"},
    "data.issue.message": {"en": "Problem", "zh": "问题"},
    "data.issue.fix": {"en": "How to fix", "zh": "修正方法"},
    "data.preview": {"en": "Preview: {table} ({rows} rows)", "zh": "预览：{table}（{rows} 行）"},
    "data.schema": {"en": "Table formats (columns, types, units)", "zh": "表格格式（列、类型、单位）"},
    # Levers
    "lever.title": {"en": "Levers", "zh": "调节参数"},
    "lever.campaign_id": {"en": "Campaign", "zh": "大促活动"},
    "lever.presale_conversion_pct": {"en": "Presale conversion (%)", "zh": "预售转化率（%）"},
    "lever.presale_conversion_pct.help": {
        "en": "Share of presale reservations without a deposit that become orders. Usually below 30%.",
        "zh": "未付定金的预售预约转化为订单的比例，通常低于 30%。",
    },
    "lever.deposit_conversion_pct": {"en": "Deposit conversion (%)", "zh": "定金尾款转化率（%）"},
    "lever.deposit_conversion_pct.help": {
        "en": "Share of deposit-paid presale orders that pay the balance (60-85% is typical).",
        "zh": "已付定金的预售订单最终支付尾款的比例（通常 60-85%）。",
    },
    "lever.uplift_multiplier": {"en": "Uplift multiplier (×)", "zh": "大促提升系数（×）"},
    "lever.uplift_multiplier.help": {
        "en": "Scales the estimated campaign-day uplift: 1.0 = as estimated from last year's campaign.",
        "zh": "对估算的大促日提升倍数再乘以此系数：1.0 = 按去年同期估算。",
    },
    "lever.service_level_pct": {"en": "Service level (%)", "zh": "服务水平（%）"},
    "lever.service_level_pct.help": {
        "en": "Probability that the stock covers all demand in the cover window (cycle service level).",
        "zh": "库存足以覆盖整个备货周期需求的概率（周期服务水平）。",
    },
    "lever.buffer_days": {"en": "Buffer days", "zh": "缓冲天数"},
    "lever.buffer_days.help": {
        "en": "Safety days between planned arrival and the inbound cutoff; keep 7-10 in peak season.",
        "zh": "计划到仓与入仓截止之间的安全天数；旺季建议 7-10 天。",
    },
    "lever.cover_days": {"en": "Cover after campaign (days)", "zh": "大促后覆盖天数"},
    "lever.cover_days.help": {
        "en": "Days after the campaign ends that the stock must still cover.",
        "zh": "大促结束后库存仍需覆盖的天数。",
    },
    "lever.lead_time_case": {"en": "Lead times", "zh": "时效假设"},
    "lever.disposal": {"en": "Unsold stock", "zh": "滞销库存处理"},
    "lever.display_currency": {"en": "Display currency", "zh": "显示币种"},
    "lever.focus_lever": {"en": "Lever for the what-if curve", "zh": "敏感性曲线的参数"},
    "lever.freight_mode": {"en": "Freight mode per warehouse", "zh": "各仓头程方式"},
    "lever.fx": {"en": "FX rates (CNY per unit)", "zh": "汇率（每单位折合人民币）"},
    "lever.fx_rate": {"en": "CNY per 1 {ccy}", "zh": "1 {ccy} 折合人民币"},
    "lever.warehouse_mix": {"en": "Warehouse mix (%)", "zh": "仓库分配（%）"},
    "lt.typical": {"en": "Typical", "zh": "常规"},
    "lt.pessimistic": {"en": "Pessimistic (peak delays)", "zh": "保守（旺季延误）"},
    "disposal.destroy": {"en": "Destroy", "zh": "销毁"},
    "disposal.return": {"en": "Return to origin", "zh": "退回国内"},
    "disposal.liquidate": {"en": "Liquidate", "zh": "清仓处理"},
    # Scenarios page
    "lever.dataset_version": {"en": "Dataset version", "zh": "数据集版本"},
    "lever.redundancy_limit_pct": {"en": "Max share of a key SKU in one warehouse (%)", "zh": "重点 SKU 单仓占比上限（%）"},
    "lever.key_sku_count": {"en": "Key SKUs (top N by revenue)", "zh": "重点 SKU 数（按销售额前 N）"},
    "sc.save": {"en": "Save the current scenario", "zh": "保存当前方案"},
    "sc.name": {"en": "Scenario name", "zh": "方案名称"},
    "sc.author": {"en": "Your name", "zh": "保存人"},
    "sc.note": {"en": "Note (optional)", "zh": "备注（可选）"},
    "sc.save_button": {"en": "Save as a new version", "zh": "另存为新版本"},
    "sc.name_required": {"en": "Give the scenario a name first.", "zh": "请先填写方案名称。"},
    "sc.saved": {"en": "Saved “{name}” as version {version}. Earlier versions are kept.", "zh": "已保存“{name}”为版本 {version}，历史版本均保留。"},
    "sc.saved_list": {"en": "Saved scenarios", "zh": "已保存的方案"},
    "sc.none": {"en": "No saved scenarios yet.", "zh": "还没有保存的方案。"},
    "sc.col.name": {"en": "Name", "zh": "名称"},
    "sc.col.version": {"en": "Version", "zh": "版本"},
    "sc.col.author": {"en": "Saved by", "zh": "保存人"},
    "sc.col.created": {"en": "Saved at", "zh": "保存时间"},
    "sc.col.dataset": {"en": "Dataset version", "zh": "数据集版本"},
    "sc.col.note": {"en": "Note", "zh": "备注"},
    "sc.open_pick": {"en": "Scenario to open", "zh": "要打开的方案"},
    "sc.open": {"en": "Open", "zh": "打开"},
    "sc.missing": {"en": "Scenario {ref} was not found.", "zh": "未找到方案 {ref}。"},
    "sc.opened": {"en": "Opened {ref}: every page now follows its levers.", "zh": "已打开 {ref}：所有页面都将使用该方案的参数。"},
    "sc.compare": {"en": "Compare scenarios", "zh": "方案对比"},
    "sc.compare_pick": {"en": "Pick two or three saved scenarios", "zh": "选择两到三个已保存的方案"},
    "sc.compare_caption": {"en": "Shaded rows differ between the scenarios.", "zh": "底色标出的行表示方案之间存在差异。"},
    "sc.default": {"en": "(default)", "zh": "（默认）"},
}
