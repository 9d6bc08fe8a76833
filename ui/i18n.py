"""The UI string catalogue (English and Chinese) and locale formatting of numbers, money and dates.

Every string a page shows comes from ``CATALOGUE`` through ``t(key)``. A missing key raises in tests
(``tests/ui/test_i18n.py`` checks every key has both languages and that pages only use known keys),
so no raw key ever reaches the screen.

Language per session: Streamlit runs every session's script in its own thread, so the language is
never a module global. ``t``, ``get_lang`` and the ``fmt_*`` helpers read, in order: a language set
for a block of code with :func:`use_lang` (or :func:`set_lang` outside a Streamlit run, as tests and
scripts do), then the running session's ``st.session_state["lang"]``, then English. A
:class:`Translator` carries one language and the catalogue to library code (report, sheet) that must
not import Streamlit. Code that runs later, outside the session's script run (a download button's
``data`` callable), captures ``get_lang()`` when the page is drawn and builds inside ``use_lang(...)``.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import pandas as pd

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")
LANG_LABELS: dict[str, str] = {"en": "English", "zh": "中文"}

#: The session-state key holding a session's language (ui.state.K_LANG is the same key).
SESSION_KEY = "lang"

# A language pinned for the current context (thread / script run): use_lang() blocks, and set_lang() outside a
# Streamlit script run. A ContextVar holds one value per thread, so sessions never see each other's.
_pinned: ContextVar[Lang | None] = ContextVar("linkstar_lang", default=None)


def normalise_lang(lang: object) -> Lang:
    """``"zh"``, ``"zh-CN"``, ``"ZH"`` -> ``"zh"``; anything else -> ``"en"``."""
    return "zh" if str(lang).lower().startswith("zh") else "en"


def _run_context():
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx
    except ImportError:  # pragma: no cover - streamlit is a dependency of the UI
        return None
    return get_script_run_ctx(suppress_warning=True)


def set_lang(lang: str) -> Lang:
    """Set the language of ``t``: the session's (inside a Streamlit run), else this thread's."""
    value = normalise_lang(lang)
    if _run_context() is not None:
        import streamlit as st

        st.session_state[SESSION_KEY] = value
        _pinned.set(None)
    else:
        _pinned.set(value)
    return value


def get_lang() -> Lang:
    """The language of the code running now (see the module docstring for the order)."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    if _run_context() is not None:
        import streamlit as st

        return normalise_lang(st.session_state.get(SESSION_KEY, "en"))
    return "en"


@contextlib.contextmanager
def use_lang(lang: str) -> Iterator[Lang]:
    """``with use_lang("zh"):`` renders a block in one language (e.g. a report in the reader's language)."""
    token = _pinned.set(normalise_lang(lang))
    try:
        yield _pinned.get()  # type: ignore[misc]
    finally:
        _pinned.reset(token)


def t(key: str, **kwargs: object) -> str:
    """The text for ``key`` in the current language, formatted with ``kwargs``."""
    entry = CATALOGUE[key]
    text = entry[get_lang()]
    return text.format(**kwargs) if kwargs else text


@dataclass(frozen=True)
class Translator:
    """One language and the catalogue, for code that must not depend on Streamlit (report, sheet, importer).

    ``tr(name, n=3)`` / ``tr.t(name, n=3)`` look a catalogue entry up; ``tr.has(key)`` tells whether it exists;
    ``tr.text(message)`` renders an importer / database :class:`~linkstar_analytics.io.messages.Text`.
    """

    lang: Lang = "en"

    def t(self, key: str, **kwargs: object) -> str:
        text = CATALOGUE[key][self.lang]
        return text.format(**kwargs) if kwargs else text

    __call__ = t

    def has(self, key: str) -> bool:
        return key in CATALOGUE

    def get(self, key: str, default: str = "", **kwargs: object) -> str:
        return self.t(key, **kwargs) if key in CATALOGUE else default

    def text(self, message: Any) -> str:
        return message.render(self.lang) if hasattr(message, "render") else str(message)


def translator(lang: str | None = None) -> Translator:
    """A :class:`Translator` for ``lang``, or for the current session's language."""
    return Translator(normalise_lang(lang) if lang is not None else get_lang())


# ---------------------------------------------------------------------------------------------
# Formatting
# ---------------------------------------------------------------------------------------------

def fmt_int(value: float | int | None) -> str:
    """Whole number with thousands separators; an em dash for missing values."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return f"{round(float(value)):,}"


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


def fmt_date_short(value: date | datetime | pd.Timestamp | str | None) -> str:
    """A date for narrow places (metric values): ``5 Dec 2026`` in English, ``2026-12-05`` in Chinese."""
    if get_lang() == "zh" and value is not None and not pd.isna(pd.Timestamp(value)):
        return pd.Timestamp(value).strftime("%Y-%m-%d")
    return fmt_date(value)


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
    "common.choose": {"en": "Choose…", "zh": "请选择…"},
    "common.choose_many": {"en": "Choose one or more…", "zh": "可选择多项…"},
    "link.unreadable": {"en": "The link's settings could not be read; the default scenario is shown.",
                        "zh": "无法读取链接中的设置；显示默认方案。"},
    "link.unknown_param": {"en": "Ignored the unknown link setting “{param}”.", "zh": "已忽略未知的链接参数“{param}”。"},
    "link.ignored": {
        "en": "Ignored {lever} ({param} = “{value}”): not a valid value; the default is used.",
        "zh": "已忽略{lever}（{param} = “{value}”）：取值无效；改用默认值。"},
    "link.conflict": {"en": "The link's settings do not fit together; the default scenario is shown.",
                      "zh": "链接中的设置相互矛盾；显示默认方案。"},
    "link.more": {"en": "… and {n} more.", "zh": "……另有 {n} 条。"},
    "link.saved_bad_version": {"en": "The saved-scenario version “{value}” is not a number; the link's levers are shown.",
                               "zh": "已保存方案的版本号“{value}”不是数字；显示链接中的参数。"},
    "link.saved_missing": {"en": "The saved scenario “{value}” (version {version}) was not found; the link's levers are shown.",
                           "zh": "未找到已保存方案“{value}”（版本 {version}）；显示链接中的参数。"},
    "link.saved_unreadable": {"en": "The saved scenario “{value}” could not be read; the link's levers are shown.",
                              "zh": "无法读取已保存方案“{value}”；显示链接中的参数。"},
    "link.unknown_dataset": {
        "en": "Dataset version {value} does not exist on this server; the active version {active} is shown.",
        "zh": "本服务器上没有数据集版本 {value}；显示当前启用的版本 {active}。"},
    "link.unknown_campaign": {"en": "Campaign “{value}” is not in this dataset; the next open campaign is shown.",
                              "zh": "本数据集中没有大促“{value}”；显示下一个可计划的大促。"},
    "link.unknown_sku": {"en": "Dropped the uplift override for SKU “{value}”, which is not in this dataset.",
                         "zh": "已删除 SKU“{value}”的自定义提升倍数：本数据集中没有该 SKU。"},
    "link.unknown_sku_mix": {"en": "Dropped the warehouse split for SKU “{value}”, which is not in this dataset.",
                             "zh": "已删除 SKU“{value}”的仓库分配：本数据集中没有该 SKU。"},
    "link.unknown_region": {"en": "Dropped the settings for market “{value}”, which this dataset does not have.",
                            "zh": "已删除市场“{value}”的设置：本数据集中没有该市场。"},
    "link.unknown_warehouse": {"en": "Dropped warehouse “{value}”, which is not in this dataset.",
                               "zh": "已删除仓库“{value}”：本数据集中没有该仓库。"},
    "link.wrong_market": {
        "en": "Dropped warehouse “{value}” from the {region} mix: it serves {home}, and stock never moves between markets.",
        "zh": "已从 {region} 的仓库分配中删除“{value}”：该仓服务于 {home}，库存不能跨市场调拨。"},
    "link.no_lane": {"en": "Dropped {mode} for warehouse “{value}”: the dataset has no such lane; its default mode is used.",
                     "zh": "已删除仓库“{value}”的{mode}：数据集中没有该线路；改用其默认方式。"},
    "db.title": {"en": "The database cannot be used right now", "zh": "数据库暂时无法使用"},
    "db.fix": {"en": "What to do: {fix}", "zh": "处理方法：{fix}"},
    "auth.title": {"en": "Sign in to Linkstar Analytics", "zh": "登录 Linkstar 备货分析"},
    "auth.why": {"en": "This server is shared by a team: sign in with your work account to open the plans.",
                 "zh": "此服务器由团队共用：请用工作账号登录后查看备货计划。"},
    "auth.sign_in": {"en": "Sign in", "zh": "登录"},
    "auth.sign_out": {"en": "Sign out", "zh": "退出登录"},
    "auth.signed_in_as": {"en": "Signed in as {name}", "zh": "已登录：{name}"},
    "auth.not_configured": {
        "en": "Sign-in is switched on (LINKSTAR_SIGN_IN) but the identity provider is not configured: add an [auth] "
              "section to .streamlit/secrets.toml (see the README).",
        "zh": "已开启登录（LINKSTAR_SIGN_IN），但未配置身份提供方：请在 .streamlit/secrets.toml 中添加 [auth] 部分（见 README）。"},
    "auth.not_allowed": {"en": "The account {email} is not one of this team's; sign in with your work account.",
                         "zh": "账号 {email} 不属于本团队；请用工作账号登录。"},
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
    "page.campaign_report": {"en": "Campaign report", "zh": "活动复盘"},
    # Units
    "unit.days": {"en": "{n} days", "zh": "{n} 天"},
    "unit.units": {"en": "units", "zh": "件"},
    "unit.units_n": {"en": "{n} units", "zh": "{n} 件"},
    "unit.pp": {"en": "pp", "zh": "个百分点"},
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
    "home.alerts": {"en": "Most urgent alerts", "zh": "最紧急的预警"},
    "home.plan": {"en": "Campaign plan", "zh": "大促备货方案"},
    "home.no_alerts": {"en": "No alerts for this campaign.", "zh": "该大促没有预警。"},
    "home.all_alerts": {"en": "All {n} alerts", "zh": "全部 {n} 条预警"},
    "next.title": {"en": "What to do next", "zh": "下一步要做什么"},
    "next.none": {"en": "Nothing is due for this campaign.", "zh": "该大促暂无待办事项。"},
    "next.cut_or_defer": {
        "en": "{n} ordered lines can no longer arrive in time by any freight mode: cut them or plan them after the campaign ({when}).",
        "zh": "{n} 个下单行任何头程方式都已来不及到仓：请削减数量或改到大促之后（{when}）。",
    },
    "next.switch_mode": {
        "en": "Switch {n} late lines to a faster freight mode by {date} ({when}).",
        "zh": "请在 {date} 前将 {n} 个延误行改用更快的头程方式（{when}）。",
    },
    "next.place_po": {
        "en": "Place {n} purchase orders, the first by {date} ({when}).",
        "zh": "下 {n} 张采购单，第一张最晚 {date}（{when}）。",
    },
    "next.declare": {
        "en": "Declare the stock-up plan on the platform by {date} ({when}).",
        "zh": "请在 {date} 前向平台提交备货申报（{when}）。",
    },
    "next.fix_compliance": {
        "en": "Fix {n} blocking compliance items before shipping, the first by {date} ({when}).",
        "zh": "发运前补齐 {n} 项阻断性合规资料，最早须在 {date} 前完成（{when}）。",
    },
    "next.inbound_cutoff": {
        "en": "Stock must be sellable at the warehouses by {date} ({when}).",
        "zh": "库存须在 {date} 前在仓库上架可售（{when}）。",
    },
    "next.for": {"en": "For: {lines}", "zh": "涉及：{lines}"},
    "next.go.cut_or_defer": {"en": "See the late lines on the timeline", "zh": "在时间线中查看延误行"},
    "next.go.switch_mode": {"en": "See the faster modes on the timeline", "zh": "在时间线中查看更快的方式"},
    "next.go.place_po": {"en": "See the purchase-order dates on the timeline", "zh": "在时间线中查看下单日期"},
    "next.go.declare": {"en": "Check the plan and download the declaration", "zh": "检查方案并下载备货申报表"},
    "next.go.fix_compliance": {"en": "See the missing compliance items", "zh": "查看缺少的合规资料"},
    "next.go.inbound_cutoff": {"en": "See the schedule on the timeline", "zh": "在时间线中查看排期"},
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
    "mode_short.FBT": {"en": "FBT", "zh": "FBT"},
    "mode_short.3PL": {"en": "3PL", "zh": "三方仓"},
    "mode_short.SELF": {"en": "Self-ship", "zh": "自发货"},
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
        "en": "One file per table (sales, skus, warehouses, freight_lanes, last_mile, stock, shipments, campaigns, presale, creators; or order_lines instead of sales; optional: prices, stock_history, fbt_quota, platform_recommendation, campaign_prices, campaign_actuals). CSV in UTF-8, UTF-8 with BOM or GBK, or Excel .xlsx, up to {mb} MB each. Nothing is stored unless every file passes; earlier versions are always kept.",
        "zh": "每张表一个文件（sales、skus、warehouses、freight_lanes、last_mile、stock、shipments、campaigns、presale、creators；也可用 order_lines 代替 sales；可选：prices、stock_history、fbt_quota、platform_recommendation、campaign_prices、campaign_actuals）。支持 UTF-8、带 BOM 的 UTF-8、GBK 编码的 CSV 或 Excel .xlsx，每个文件不超过 {mb} MB。所有文件校验通过才会保存；历史版本始终保留。",
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
    "data.sev.error": {"en": "Error", "zh": "错误"},
    "data.sev.warning": {"en": "Warning", "zh": "警告"},
    "data.issue.file": {"en": "File", "zh": "文件"},
    "data.issue.row": {"en": "Row", "zh": "行"},
    "data.issue.column": {"en": "Column", "zh": "列"},
    "data.issue.message": {"en": "Problem", "zh": "问题"},
    "data.issue.fix": {"en": "How to fix", "zh": "修正方法"},
    "data.preview": {"en": "Preview: {table} ({rows} rows)", "zh": "预览：{table}（{rows} 行）"},
    "data.schema": {"en": "Table formats (columns, types, units)", "zh": "表格格式（列、类型、单位）"},
    "data.keep_rest": {"en": "Keep the tables I don't upload from version {version} ({name})",
                       "zh": "未上传的表沿用版本 {version}（{name}）"},
    "data.keep_rest_help": {
        "en": "A partial refresh: upload only sales.csv (or only stock.csv...) and the new version takes every other "
              "table unchanged from the version in use. Switch off to import a complete dataset.",
        "zh": "部分刷新：只上传 sales.csv（或只上传 stock.csv 等），新版本的其他表原样沿用当前使用的版本。关闭后需导入完整数据集。"},
    "data.kept": {"en": "Kept from version {version}: {tables}", "zh": "沿用版本 {version} 的表：{tables}"},
    "data.refreshed": {"en": "Replaced: {tables}", "zh": "已更新的表：{tables}"},
    "data.empty_cell": {"en": "(empty)", "zh": "（空）"},
    "wi.table_csv": {"en": "Download this table (CSV)", "zh": "下载此表（CSV）"},
    "data.limits": {
        "en": "Files up to {mb} MB each, at most {rows} rows and {cols} columns per table.",
        "zh": "每个文件最大 {mb} MB，每张表最多 {rows} 行、{cols} 列。"},
    "data.backup": {"en": "A backup of the database was made before the import: {path}",
                    "zh": "导入前已备份数据库：{path}"},
    "data.now_active": {"en": "Version {version} ({name}) is now active for every page.",
                        "zh": "版本 {version}（{name}）已在所有页面启用。"},
    # Levers
    "lever.title": {"en": "Levers", "zh": "调节参数"},
    "lever.campaign_id": {"en": "Campaign", "zh": "大促活动"},
    "lever.campaign_starts": {"en": "Starts {date}", "zh": "开始日期：{date}"},
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
    "lever.idle.no_presale": {
        "en": "ⓘ No presale data for this campaign: this lever has nothing to act on.",
        "zh": "ⓘ 该大促没有预售数据：此参数不会改变方案。",
    },
    "lever.idle.no_deposit": {
        "en": "ⓘ No deposit-paid presale for this campaign: this lever has nothing to act on.",
        "zh": "ⓘ 该大促没有已付定金的预售：此参数不会改变方案。",
    },
    "lever.idle.help": {
        "en": "Import a presale table (sku, campaign_id, region, presale_units, deposit_paid) for this campaign on the Data page to use it.",
        "zh": "在“数据”页为该大促导入预售表（sku、campaign_id、region、presale_units、deposit_paid）后即可使用。",
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
    "lever.moq_policy": {"en": "SKUs below their MOQ", "zh": "需求低于 MOQ 的 SKU"},
    "moq.up": {"en": "Top up to the MOQ where it pays", "zh": "在划算时补足 MOQ"},
    "lever.moq_policy.help": {
        "en": "A SKU whose need is below its supplier MOQ: top it up to the MOQ where the extra units earn most (skipped when the MOQ order costs more than it saves), skip it, or order the need only (negotiate the MOQ).",
        "zh": "需求低于供应商 MOQ 的 SKU：在多出的件数最能赚钱的仓补足 MOQ（若 MOQ 订单的成本高于其带来的收益则不下单）、不下单，或只按需求下单（与供应商协商 MOQ）。",
    },
    "lever.policy": {"en": "Order policy", "zh": "下单策略"},
    "lever.policy.help": {
        "en": "Service level: order for the service level. Maximum profit: order the quantity that maximises expected profit (the margin of a unit sold against the cost of a unit left over).",
        "zh": "服务水平：按设定的服务水平下单。利润最大：按期望利润最大的数量下单（售出一件的毛利与剩余一件的成本相权衡）。",
    },
    "policy.service": {"en": "Service level", "zh": "服务水平"},
    "policy.profit": {"en": "Maximum expected profit", "zh": "期望利润最大"},
    "lever.force_order": {"en": "Order even at a loss", "zh": "亏损也下单的 SKU"},
    "lever.force_order.help": {
        "en": "SKUs ordered even where a unit sold loses money (negative expected margin). Without this such lines order nothing; they are flagged either way.",
        "zh": "即使每售出一件都亏损（期望毛利为负）也照常下单的 SKU。未选时这些行不下单；无论是否选择都会标记。",
    },
    "lever.force_all": {"en": "All SKUs", "zh": "全部 SKU"},
    "lever.cash_terms": {"en": "Cash terms", "zh": "付款与回款条件"},
    "lever.deposit_pct": {"en": "Supplier deposit (%)", "zh": "供应商定金比例（%）"},
    "lever.deposit_pct.help": {
        "en": "Share of the purchase paid to the supplier with the PO; the balance is paid at shipment. A SKU's own deposit_pct in the SKU master wins. 30/70 is the common term (estimate).",
        "zh": "下单时付给供应商的采购额比例，尾款在发货时支付。SKU 主数据里填写了 deposit_pct 的 SKU 以其自身比例为准。常见条款为 30/70（估计值）。",
    },
    "lever.settlement_days": {"en": "Platform settlement (days)", "zh": "平台回款周期（天）"},
    "lever.settlement_days.help": {
        "en": "Days from a sale until the platform pays it out, net of its commission. 15 days is a planning estimate; use your store's settlement period.",
        "zh": "从售出到平台打款的天数（已扣平台佣金）。15 天为规划估计值，请按店铺实际结算周期填写。",
    },
    "lever.cash_ceiling_cny": {"en": "Cash ceiling (CNY)", "zh": "资金上限（人民币）"},
    "lever.cash_ceiling_cny.help": {
        "en": "Most cash the plan may need at once (the lowest point of the net cash position). Above it the plan trims the units with the lowest expected margin per yuan of cash first; stock held and presale / creator bookings are never trimmed. Empty = no ceiling.",
        "zh": "计划在任一时点最多可占用的资金（净现金头寸的最低点）。超出时，按每元资金带来的期望毛利从低到高削减件数；现有库存和预售/达人已锁定的件数不削减。留空表示不设上限。",
    },
    "lever.second_wave": {"en": "Second wave", "zh": "第二波补货"},
    "lever.second_wave.help": {
        "en": "Off: the plan's order only. Air, express or sea: the season's later campaigns are stocked by a second "
              "wave of that mode where it is cheaper in expected cost than stocking them up front (the rest up front).",
        "zh": "关闭：只看本次备货。空运、快递专线或海运：旺季后续大促的库存在预期成本更低时用该方式第二波补货（按需入仓），"
              "其余随首批一次备足。",
    },
    "sw.off": {"en": "Off (plan's order only)", "zh": "关闭（仅本次备货）"},
    "lever.reserved_stock": {"en": "Campaign stock reserved", "zh": "活动库存锁定"},
    "lever.sku_mix": {"en": "Warehouse mix per SKU", "zh": "按 SKU 的仓库分配"},
    "lever.reserved_stock.help": {
        "en": "On: the order is declared as campaign stock, which the platform holds for the campaign: it sells from "
              "the campaign's first day. Ordinary demand before the campaign is served by the stock already there "
              "and by ordinary stock shipped with the order (sized by the plan, not declared). Off: the whole order "
              "sells from the day it is sellable at the warehouse.",
        "zh": "开启：订单申报为活动库存，由平台为活动锁定，自活动首日起才可售。活动前的日常需求由现有库存和随单发出的"
              "日常库存（计划自动测算，不申报）满足。关闭：整单自到仓可售之日起即可售。",
    },
    "rsv.on": {"en": "On: sells from campaign start", "zh": "开启：活动首日起可售"},
    "rsv.off": {"en": "Off: sells on arrival", "zh": "关闭：到仓即可售"},
    "wi.reserved_note": {
        "en": "{n} lines land before the campaign but are reserved for it: of the {units} units ordered, {campaign} "
              "are campaign stock to declare (sellable from {start}) and {ordinary} are ordinary stock shipped with "
              "them for the days before the campaign.",
        "zh": "{n} 行在活动前到仓，但作为活动库存锁定：下单 {units} 件中，{campaign} 件为需申报的活动库存（{start} 起可售），"
              "{ordinary} 件为随单发出、覆盖活动前日常销售的日常库存。",
    },
    "sw.sea": {"en": "Later sea shipment", "zh": "后续海运补货"},
    "sw.air": {"en": "Air top-up", "zh": "空运补货"},
    "sw.express": {"en": "Express top-up", "zh": "快递专线补货"},
    "stress.show": {"en": "Run the stress test", "zh": "运行压力测试"},
    "stress.show_help": {
        "en": "The stress test plans twice more on every change (without the shocks, and with all of them). It is on "
              "by itself when a cost shock is set.",
        "zh": "压力测试会在每次调整时多算两遍计划（无冲击、全部冲击）。设置了成本冲击时会自动开启。"},
    "stress.off_note": {
        "en": "Switch the stress test on to see what breaks under pessimistic lead times, dearer freight, the duty step "
              "and an FX shock together.",
        "zh": "打开压力测试，查看在悲观时效、运费上涨、关税调整和汇率冲击同时发生时哪些会出问题。"},
    "season.title": {"en": "Season: back-to-back campaigns and the second wave", "zh": "旺季：连续大促与第二波补货"},
    "season.campaigns": {"en": "Campaigns of the season: {names}", "zh": "本旺季的大促：{names}"},
    "season.pick": {"en": "Stock of", "zh": "查看库存"},
    "season.total": {"en": "All SKUs and warehouses (total)", "zh": "全部 SKU 与仓库（合计）"},
    "season.short_units": {"en": "Season shortfall (units)", "zh": "旺季预计缺货（件）"},
    "season.short_help": {
        "en": "Expected units short over the season when the expected demand meets the projected stock (lost sales).",
        "zh": "按预计需求推演库存时，整个旺季预计缺货的件数（缺货即流失）。",
    },
    "season.proposed_lines": {"en": "Lines where a second wave is cheaper", "zh": "第二波补货更省的行数"},
    "season.saving": {"en": "Expected saving of the second wave ({cur})", "zh": "第二波补货的预期节省（{cur}）"},
    "season.show": {"en": "Project the season", "zh": "推演整个旺季"},
    "season.show_help": {
        "en": "Projects every line day by day through the season's campaigns and weighs a second wave on every change. "
              "On by itself when a second-wave mode is picked.",
        "zh": "逐日推演每条线在本旺季各场大促中的库存，并在每次调整时测算第二波补货。选择第二波补货方式时自动开启。",
    },
    "season.hidden_note": {
        "en": "Switch the projection on to see the stock through the season's campaigns, the second-wave proposal and "
              "the reorder points.",
        "zh": "开启推演，查看各场大促期间的库存、第二波补货建议与补货阈值。",
    },
    "season.off_note": {
        "en": "The projection holds the plan's order only; the table prices an air top-up. Pick a second-wave mode "
              "to stock the later campaigns.",
        "zh": "库存推演只含本次备货；下表按空运补货测算。选择第二波补货方式即可为后续大促备货。",
    },
    "season.chart_title": {"en": "Expected stock through the season", "zh": "旺季库存推演（预计）"},
    "season.axis_day": {"en": "Day", "zh": "日期"},
    "season.axis_units": {"en": "Units", "zh": "件"},
    "season.stock": {"en": "Expected stock at day end (units)", "zh": "预计日末库存（件）"},
    "season.demand": {"en": "Expected demand per day (units)", "zh": "预计日需求（件）"},
    "season.rop_line": {"en": "Reorder point by {mode}: {units} units", "zh": "{mode}补货阈值：{units} 件"},
    "season.tab_wave": {"en": "Up front vs second wave ({mode})", "zh": "一次备足 vs 第二波（{mode}）"},
    "season.tab_rop": {"en": "Reorder points", "zh": "补货阈值"},
    "season.no_later": {"en": "No demand after the plan's window within the season.", "zh": "本次备货周期之后的旺季内没有需求。"},
    "season.yes": {"en": "Yes", "zh": "是"},
    "season.no": {"en": "No", "zh": "否"},
    "season.too_late": {"en": "Too late", "zh": "已来不及"},
    "season.all_late": {
        "en": "No second wave by {mode} can be sellable a buffer before the plan's window ends: its latest order date "
              "has passed. Stock the later campaigns up front, or try a faster mode.",
        "zh": "{mode}第二波已无法在本次备货周期结束前（含缓冲天数）可售：最晚下单日已过。请随首批备足后续大促，或改用更快的运输方式。",
    },
    "season.col.proposed": {"en": "Second wave proposed", "zh": "建议第二波"},
    "season.col.later_demand": {"en": "Later campaigns' demand (units)", "zh": "后续大促需求（件）"},
    "season.col.upfront_units": {"en": "Up front (units)", "zh": "一次备足（件）"},
    "season.col.upfront_mode": {"en": "Up-front mode", "zh": "首批运输方式"},
    "season.col.upfront_on_time": {"en": "Up front in time", "zh": "首批能否赶上"},
    "season.col.upfront_cost": {"en": "Up-front landed cost ({cur})", "zh": "一次备足到岸成本（{cur}）"},
    "season.col.wave_units": {"en": "Second wave (units)", "zh": "第二波（件）"},
    "season.col.wave_mode": {"en": "Second-wave mode", "zh": "第二波运输方式"},
    "season.col.order_date": {"en": "Order by", "zh": "最晚下单日"},
    "season.col.sellable_date": {"en": "Sellable from", "zh": "可售日"},
    "season.col.wave_cost": {"en": "Second-wave landed cost ({cur})", "zh": "第二波到岸成本（{cur}）"},
    "season.col.holding_saved": {"en": "Holding saved ({cur})", "zh": "节省仓储与资金成本（{cur}）"},
    "season.col.leftover_saved": {"en": "Leftover cost saved ({cur})", "zh": "节省滞销成本（{cur}）"},
    "season.col.saving": {"en": "Expected saving ({cur})", "zh": "预期节省（{cur}）"},
    "season.col.leftover_removed": {"en": "Leftover units removed", "zh": "减少的剩余件数"},
    "season.col.lead_days": {"en": "Lead time by {mode} (days)", "zh": "{mode}补货周期（天）"},
    "season.col.rop": {"en": "Reorder point by {mode} (units)", "zh": "{mode}补货阈值（件）"},
    "season.rop_caption": {
        "en": "Reorder point = the service-level quantile of the demand over the mode's whole lead time (production to "
              "sellable) from the window start: reorder when the stock falls to it.",
        "zh": "补货阈值 = 该运输方式全流程补货周期（生产到可售）内需求在服务水平下的分位数（自备货周期开始计）；库存降到此值即应补货。",
    },
    "plan.no_lane": {
        "en": "Warehouse {wh} has no {mode} freight lane: nothing can be ordered for it. Choose a mode it offers in the sidebar, or add the lane to freight_lanes.",
        "zh": "仓库 {wh} 没有{mode}头程线路，无法为该仓下单。请在侧栏选择该仓支持的方式，或在 freight_lanes 中补充线路。",
    },
    "headline.units": {"en": "Units to stock", "zh": "建议备货（件）"},
    "headline.purchase_value": {"en": "Purchase value", "zh": "采购金额"},
    "headline.total_landed_cost": {"en": "Landed cost", "zh": "到岸成本"},
    "headline.peak_cash": {"en": "Peak cash tied up", "zh": "资金占用峰值"},
    "headline.expected_stockout_units": {"en": "Expected stockout units", "zh": "预计缺货件数"},
    "headline.lost_margin": {"en": "Expected lost margin", "zh": "预计损失毛利"},
    "headline.expected_leftover_units": {"en": "Expected leftover units", "zh": "预计剩余库存（件）"},
    "headline.leftover_cost": {"en": "Expected leftover cost", "zh": "预计滞销成本"},
    "headline.fill_rate": {"en": "Fill rate", "zh": "满足率"},
    "headline.coverable_fill_rate": {"en": "Coverable today", "zh": "今天还能满足"},
    "headline.coverable_fill_rate.help": {
        "en": "Share of the window's demand the plan could still serve if every line ordered today by its fastest freight mode: the ceiling of any rescue.",
        "zh": "若今天所有行都用最快的头程方式下单，方案还能满足的需求占比：任何补救都无法超过这个上限。",
    },
    "headline.expected_revenue": {"en": "Expected revenue", "zh": "预计销售额"},
    "headline.expected_revenue.help": {
        "en": "Units expected to sell in the window x the shelf price net of output VAT.",
        "zh": "窗口内预计售出件数 × 扣除销项增值税后的售价。",
    },
    "headline.gross_profit": {"en": "Gross profit", "zh": "毛利润"},
    "headline.gross_profit.help": {
        "en": "Margin of the units expected to sell (after landed cost, fees and VAT) minus the expected leftover cost.",
        "zh": "预计售出件数的毛利（扣除到岸成本、平台费用与增值税）减去预计滞销成本。",
    },
    "headline.capital_tied_up": {"en": "Capital tied up", "zh": "占用资金"},
    "headline.capital_tied_up.help": {
        "en": "The new orders' cash at its peak plus the stock already held for the window, at its landed cost.",
        "zh": "新订单资金占用的峰值，加上已为本窗口备好的库存（按到岸成本计）。",
    },
    "headline.campaign_roi": {"en": "Campaign ROI", "zh": "大促投资回报率"},
    "headline.campaign_roi.help": {
        "en": "Gross profit / capital tied up (new orders at their peak plus the stock already held).",
        "zh": "毛利润 ÷ 占用资金（新订单峰值加已有库存）。",
    },
    "wi.late_lines": {"en": "{n} lines arrive late", "zh": "{n} 行晚到"},
    "wi.capital": {"en": "on {cap} tied up", "zh": "占用资金 {cap}"},
    "wi.moq_skipped_note": {
        "en": "{n} SKUs below their MOQ are not ordered: topping them up to the MOQ would cost more (leftover) than it earns (see the “MOQ not worth it” flag).",
        "zh": "有 {n} 个需求低于 MOQ 的 SKU 未下单：补足 MOQ 的剩余成本高于其带来的收益（见“MOQ 不划算”标记）。",
    },
    "wi.negative_note": {
        "en": "{n} lines lose money on every unit sold and are not ordered ({forced} forced by you); see the “Negative margin” flag.",
        "zh": "{n} 行每售出一件都亏损，未下单（其中 {forced} 行由您强制下单）；见“毛利为负”标记。",
    },
    "moq.skip": {"en": "Skip them", "zh": "不下单"},
    "moq.need": {"en": "Order the need (negotiate MOQ)", "zh": "按需下单（协商 MOQ）"},
    "wi.moq_note": {
        "en": "MOQ rounding adds {units} units over {skus} SKUs whose need is below their MOQ; {leftover} of them are expected to be left over ({cost}). Change “SKUs below their MOQ” in the sidebar to skip them or order the need.",
        "zh": "有 {skus} 个 SKU 的需求低于 MOQ，按 MOQ 取整共多备 {units} 件，其中预计剩余 {leftover} 件（{cost}）。可在侧栏“需求低于 MOQ 的 SKU”中改为不下单或按需下单。",
    },
    "wi.col.moq_added": {"en": "Added by MOQ (units)", "zh": "MOQ 额外件数"},
    "wi.col.moq_added_help": {"en": "Units the supplier MOQ adds above the need (after case pack).", "zh": "因供应商 MOQ 在需求之上多出的件数（箱规取整后）。"},
    "flag.below_moq": {"en": "Need below MOQ", "zh": "需求低于 MOQ"},
    "lt.typical": {"en": "Typical", "zh": "常规"},
    "lt.pessimistic": {"en": "Pessimistic (peak delays)", "zh": "保守（旺季延误）"},
    "disposal.destroy": {"en": "Destroy", "zh": "销毁"},
    "disposal.return": {"en": "Return to origin", "zh": "退回国内"},
    "disposal.liquidate": {"en": "Liquidate", "zh": "清仓处理"},
    # Scenarios page
    "lever.dataset_version": {"en": "Dataset version", "zh": "数据集版本"},
    "lever.redundancy_limit_pct": {"en": "Max share of a key SKU in one warehouse (%)", "zh": "重点 SKU 单仓占比上限（%）"},
    "lever.key_sku_count": {"en": "Key SKUs (top N by revenue)", "zh": "重点 SKU 数（按销售额前 N）"},
    "lever.key_sku_count.help": {
        "en": "The top N SKUs by revenue are checked for concentration in one warehouse.",
        "zh": "按销售额排名前 N 的 SKU 会检查是否过度集中在单一仓库。",
    },
    "lever.redundancy_limit_pct.help": {
        "en": "A key SKU with more than this share of its stock in one warehouse is flagged (a strike or outage there stops it).",
        "zh": "重点 SKU 在单一仓库的库存占比超过此值时标记（该仓停摆将导致断货）。",
    },
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
    "sc.compare_caption": {
        "en": "Oldest first; differences are the scenario minus the baseline. Shaded levers differ from the baseline's.",
        "zh": "按保存时间从早到晚排列；差值 = 该方案 − 基准。底色标出的参数与基准不同。",
    },
    "sc.version_link": {"en": "Link to exactly this version:", "zh": "指向该版本的链接："},
    "sc.fill_rate": {"en": "Fill rate", "zh": "满足率"},
    "sc.default": {"en": "(default)", "zh": "（默认）"},
    "sc.baseline": {"en": "baseline", "zh": "基准"},
    "sc.baseline_pick": {"en": "Baseline", "zh": "对比基准"},
    "sc.baseline_help": {
        "en": "The other scenarios are compared with this one: each is followed by its difference from it.",
        "zh": "其他方案都与它对比：每个方案后面一列是与基准的差值。",
    },
    "sc.diff_vs": {"en": "{name} − baseline", "zh": "{name} − 基准"},
    "sc.changed": {"en": "changed", "zh": "已更改"},
    "sc.compare_headline": {"en": "Headline figures", "zh": "核心指标"},
    "sc.compare_levers": {"en": "Levers", "zh": "参数"},
    # Shared columns and pickers
    "col.sku": {"en": "SKU", "zh": "SKU"},
    "col.name": {"en": "Product", "zh": "商品"},
    "col.warehouse": {"en": "Warehouse", "zh": "仓库"},
    "col.region": {"en": "Market", "zh": "市场"},
    "col.mode": {"en": "Fulfilment", "zh": "履约模式"},
    "col.freight_mode": {"en": "Freight mode", "zh": "头程方式"},
    "col.category": {"en": "Category", "zh": "类目"},
    "pick.sku": {"en": "SKU", "zh": "SKU"},
    "pick.sku_help": {"en": "Type part of the SKU id or product name to search.", "zh": "输入 SKU 编号或商品名称的一部分进行搜索。"},
    "pick.warehouse": {"en": "Warehouse", "zh": "仓库"},
    # Landed cost page
    "landed.empty": {"en": "No SKU sells in this campaign's markets.", "zh": "没有 SKU 在该大促的市场销售。"},
    "landed.problems": {"en": "{n} input problem(s): these rows have no landed cost", "zh": "{n} 个输入问题：这些行无法计算到岸成本"},
    "landed.no_rate": {
        "en": "{sku} → {wid}: no landed cost for {mode} (the warehouse has no rate for this mode, or the SKU data is incomplete). Pick another freight mode in the sidebar or add the lane to freight_lanes.",
        "zh": "{sku} → {wid}：无法计算{mode}的到岸成本（该仓没有此方式的运价，或 SKU 数据不完整）。请在侧栏换一种头程方式，或在 freight_lanes 中补充该线路。",
    },
    "landed.total": {"en": "Landed cost / unit", "zh": "单位到岸成本"},
    "landed.price": {"en": "Selling price / unit", "zh": "单位售价"},
    "landed.margin": {"en": "Margin / unit", "zh": "单位毛利"},
    "landed.margin_pct": {"en": "Margin (% of price)", "zh": "毛利率（占售价）"},
    "landed.margin_pct_help": {
        "en": "Margin per unit ÷ selling price: a level for this SKU and warehouse, not a change.",
        "zh": "单位毛利 ÷ 售价：该 SKU 在该仓的水平值，不是变化量。",
    },
    "landed.price_line": {"en": "Selling price ({cur})", "zh": "售价（{cur}）"},
    "landed.waterfall": {"en": "Landed cost per unit: {sku} → {wid} by {mode}", "zh": "单位到岸成本：{sku} → {wid}（{mode}）"},
    "landed.axis_cost": {"en": "Cost per unit ({cur})", "zh": "单位成本（{cur}）"},
    "landed.axis_component": {"en": "Cost component", "zh": "成本构成"},
    "landed.axis_mode": {"en": "Freight mode", "zh": "头程方式"},
    "landed.modes": {"en": "Freight modes compared", "zh": "头程方式对比"},
    "landed.modes_title": {"en": "Landed cost per unit by freight mode: {sku} → {wid}", "zh": "各头程方式的单位到岸成本：{sku} → {wid}"},
    "landed.modes_caption": {
        "en": "Faster modes cost more per unit but cut transit days; the timeline page shows which mode still makes the cutoff.",
        "zh": "更快的方式单位成本更高但运输天数更短；时间线页显示哪种方式仍能赶上入仓截止。",
    },
    "landed.catalogue": {"en": "All SKUs and warehouses (chosen freight mode, lowest margin first)", "zh": "全部 SKU 与仓库（所选头程方式，毛利率从低到高）"},
    "landed.col.total": {"en": "Landed / unit ({cur})", "zh": "单位到岸（{cur}）"},
    "landed.col.price": {"en": "Price / unit ({cur})", "zh": "单位售价（{cur}）"},
    "landed.col.margin": {"en": "Margin / unit ({cur})", "zh": "单位毛利（{cur}）"},
    "landed.col.margin_pct": {"en": "Margin (%)", "zh": "毛利率（%）"},
    "landed.c.purchase": {"en": "Purchase", "zh": "采购"},
    "landed.c.first_leg": {"en": "First leg", "zh": "头程"},
    "landed.c.rush_surcharge": {"en": "Rush surcharge", "zh": "加急附加费"},
    "landed.c.duty": {"en": "Duty", "zh": "关税"},
    "landed.c.vat": {"en": "Import VAT", "zh": "进口增值税"},
    "landed.c.inbound": {"en": "Inbound handling", "zh": "入仓操作"},
    "landed.c.storage": {"en": "Storage", "zh": "仓储"},
    "landed.c.last_mile": {"en": "Last mile", "zh": "尾程派送"},
    "landed.c.fulfilment": {"en": "Pick & pack", "zh": "拣货打包"},
    "landed.c.commission": {"en": "Commission", "zh": "平台佣金"},
    "landed.c.returns": {"en": "Returns", "zh": "退货"},
    # Timeline page
    "tl.late": {"en": "Late lines", "zh": "延误行数"},
    "tl.late_help": {"en": "Ordered SKU x warehouse lines whose latest PO date has passed.", "zh": "需下单的 SKU × 仓库中，最晚下单日已过的行数。"},
    "tl.of_lines": {"en": "of {n} lines", "zh": "共 {n} 行"},
    "tl.rescuable": {"en": "Rescued by a faster mode", "zh": "可换更快方式挽救"},
    "tl.search": {"en": "Search SKU or product", "zh": "搜索 SKU 或商品"},
    "tl.only_late": {"en": "Late only", "zh": "只看延误"},
    "tl.only_ordered": {"en": "Ordered lines", "zh": "仅下单行"},
    "tl.only_ordered_help": {"en": "Only SKU x warehouse lines the plan orders for.", "zh": "只显示方案中需要下单的 SKU × 仓库。"},
    "tl.none": {"en": "No schedule lines match the filters.", "zh": "没有符合筛选条件的排期。"},
    "tl.stage": {"en": "Stage", "zh": "环节"},
    "tl.stage.production": {"en": "Production", "zh": "生产"},
    "tl.stage.consolidation": {"en": "Consolidation", "zh": "国内集货"},
    "tl.stage.first_leg": {"en": "First leg", "zh": "头程运输"},
    "tl.stage.customs": {"en": "Customs", "zh": "清关"},
    "tl.stage.receiving": {"en": "Receiving", "zh": "入仓上架"},
    "tl.stage.buffer": {"en": "Buffer", "zh": "缓冲"},
    "tl.axis_line": {"en": "SKU → warehouse", "zh": "SKU → 仓库"},
    "tl.axis_date": {"en": "Date", "zh": "日期"},
    "tl.gantt_title": {"en": "Backward schedule to the inbound cutoff: {campaign}", "zh": "按入仓截止倒排的排期：{campaign}"},
    "tl.table": {"en": "Schedule", "zh": "排期明细"},
    "tl.col.po": {"en": "Latest PO date", "zh": "最晚下单日"},
    "tl.col.ship": {"en": "Ship by", "zh": "最晚发运日"},
    "tl.col.arrival": {"en": "Arrives at port", "zh": "到港日"},
    "tl.col.available": {"en": "Sellable by", "zh": "可售日"},
    "tl.col.if_today": {"en": "Sellable if ordered today", "zh": "今天下单的可售日"},
    "tl.col.late": {"en": "Late", "zh": "延误"},
    "tl.col.days_late": {"en": "Days late", "zh": "延误天数"},
    "tl.col.rescue": {"en": "Faster mode that makes it", "zh": "可赶上的更快方式"},
    "tl.col.rescue_cost": {"en": "Extra cost / unit ({cur})", "zh": "单位额外成本（{cur}）"},
    # Alerts page
    "alert.sev.critical": {"en": "Critical", "zh": "严重"},
    "alert.sev.high": {"en": "High", "zh": "高"},
    "alert.sev.medium": {"en": "Medium", "zh": "中"},
    "alert.sev.info": {"en": "Info", "zh": "提示"},
    "alert.kinds": {"en": "Alert types", "zh": "预警类型"},
    "alert.kind": {"en": "Type", "zh": "类型"},
    "alert.severity": {"en": "Severity", "zh": "级别"},
    "alert.kind.declaration_deadline": {"en": "Declaration deadline", "zh": "报备截止"},
    "alert.kind.late_po": {"en": "Late purchase order", "zh": "下单已晚"},
    "alert.kind.po_due_soon": {"en": "PO due soon", "zh": "即将到最晚下单日"},
    "alert.kind.shipment_late": {"en": "Shipment misses cutoff", "zh": "在途货件赶不上截止"},
    "alert.kind.shipment_at_risk": {"en": "Shipment inside buffer", "zh": "在途货件占用缓冲期"},
    "alert.kind.shipment_overdue": {"en": "Shipment overdue", "zh": "在途货件逾期"},
    "alert.kind.readiness_blocking": {"en": "Missing compliance item", "zh": "缺少合规资料"},
    "alert.msg.declaration_deadline": {"en": "Declaration deadline {due}", "zh": "大促报备截止日为 {due}，逾期将无法获得活动流量。"},
    "alert.msg.late_po": {"en": "{sku} → {wh}: PO too late for {due}", "zh": "{sku} → {wh}：最晚下单日已过，按所选头程方式无法在 {due} 前到仓可售；请改用更快的方式或削减数量。"},
    "alert.msg.po_due_soon": {"en": "{sku} → {wh}: order by {due}", "zh": "{sku} → {wh}：请在 {due} 前下单。"},
    "alert.msg.shipment_late": {"en": "{sku} → {wh}: shipment late", "zh": "{sku} → {wh}：在途货件将晚于入仓截止到达，不计入可用库存。"},
    "alert.msg.shipment_at_risk": {"en": "{sku} → {wh}: shipment at risk", "zh": "{sku} → {wh}：在途货件到达时间落在缓冲期内，不计入可用库存。"},
    "alert.msg.shipment_overdue": {"en": "{sku} → {wh}: shipment overdue", "zh": "{sku} → {wh}：在途货件已过预计到达日仍未入仓。"},
    "alert.msg.readiness_blocking": {"en": "{sku} → {wh}: compliance item missing (due {due})", "zh": "{sku} → {wh}：缺少必需的合规资料，须在 {due} 前补齐，否则无法入仓。"},
    "ready.item.HS code": {"en": "HS code", "zh": "HS 编码"},
    "ready.item.GS1 barcode": {"en": "GS1 barcode", "zh": "GS1 条码"},
    "ready.item.MSDS": {"en": "MSDS", "zh": "MSDS（化学品安全技术说明书）"},
    "ready.item.UN38.3": {"en": "UN38.3", "zh": "UN38.3（锂电池运输测试）"},
    "alert.col.due": {"en": "Due", "zh": "截止日期"},
    "alert.col.message": {"en": "Details", "zh": "详情"},
    "alert.col.item": {"en": "Requirement", "zh": "要求"},
    "alert.col.detail": {"en": "Why", "zh": "原因"},
    "alert.col.fix": {"en": "How to fix", "zh": "处理方法"},
    "alert.readiness": {"en": "Blocking readiness items", "zh": "阻断性的合规缺项"},
    "alert.readiness_caption": {"en": "{n} SKUs have {items} blocking item(s).", "zh": "{n} 个 SKU 共有 {items} 个阻断项。"},
    # What-if page
    "fc.running": {"en": "Forecasting the catalogue (runs once per dataset, then stored)…", "zh": "正在预测全部 SKU（每个数据集只运行一次并保存）…"},
    "fc.done": {"en": "Forecasts ready and stored.", "zh": "预测完成并已保存。"},
    "fc.quick_note": {
        "en": "The figures below plan on a quick forecast ({quick}). The {model} forecast, backtested per SKU, is being "
              "fitted in the background and stored once; the page updates by itself when it is ready.",
        "zh": "下方数字暂按快速预测（{quick}）计算。{model}预测（逐 SKU 回测）正在后台拟合并只保存一次；完成后页面会自动更新。",
    },
    "fc.bg_progress": {"en": "Fitting the {model} forecast: step {done} of {total}", "zh": "正在拟合{model}预测：第 {done} / {total} 步"},
    "fc.bg_failed": {
        "en": "The {model} forecast could not be fitted ({err}); the figures stay on the quick forecast ({quick}). "
              "Pick another forecast model on the Forecast page, or restart the dashboard to try again.",
        "zh": "{model}预测拟合失败（{err}）；数字仍按快速预测（{quick}）计算。请在“需求预测”页选择其他预测模型，或重启看板后重试。",
    },
    "wi.units": {"en": "Units to stock", "zh": "建议备货（件）"},
    "wi.units_help": {
        "en": "Recommended quantity after MOQ and case-pack rounding, summed over SKUs and warehouses.",
        "zh": "按 MOQ 与箱规取整后的建议备货量，所有 SKU 与仓库合计。",
    },
    "wi.demand": {"en": "expected demand {n}", "zh": "预计需求 {n}"},
    "wi.purchase": {"en": "Purchase value", "zh": "采购金额"},
    "wi.money_label": {"en": "{label} ({cur})", "zh": "{label}（{cur}）"},
    "wi.landed": {"en": "Landed cost", "zh": "到岸成本"},
    "wi.peak_cash": {"en": "Peak cash tied up", "zh": "资金占用峰值"},
    "wi.peak_week": {"en": "week of {week}", "zh": "{week} 当周"},
    "wi.stockout_units": {"en": "Expected stockout units", "zh": "预计缺货件数"},
    "wi.stockout_help": {
        "en": "Demand the stock is expected not to cover, integrated over the forecast distribution.",
        "zh": "按预测分布积分得到的、库存预计无法满足的需求量。",
    },
    "wi.fill_rate": {"en": "fill rate {pct}", "zh": "满足率 {pct}"},
    "wi.lost_margin": {"en": "Expected lost margin", "zh": "预计损失毛利"},
    "wi.leftover_units": {"en": "Expected leftover units", "zh": "预计剩余库存（件）"},
    "wi.leftover_help": {
        "en": "Units expected to remain unsold after the cover window (they pay storage, then the unsold-stock option).",
        "zh": "备货周期结束后预计未售出的件数（产生仓储费，随后按滞销处理方式计费）。",
    },
    "wi.leftover_cost": {"en": "Expected leftover cost", "zh": "预计滞销成本"},
    "wi.risk_title": {"en": "Stockout risk vs overstock cost per SKU", "zh": "各 SKU 缺货风险与积压成本"},
    "wi.axis_stockout": {"en": "Stockout probability (%)", "zh": "缺货概率（%）"},
    "wi.axis_leftover": {"en": "Expected leftover cost ({cur})", "zh": "预计滞销成本（{cur}）"},
    "wi.sens.tab_money": {"en": "Cost and risk", "zh": "成本与风险"},
    "wi.sens.view": {"en": "Sensitivity view", "zh": "敏感性视图"},
    "wi.sens.tab_units": {"en": "Units", "zh": "件数"},
    "wi.sens.title": {"en": "How cost and risk move with {lever}", "zh": "成本与风险随「{lever}」的变化"},
    "wi.sens.units_title": {"en": "How units move with {lever}", "zh": "件数随「{lever}」的变化"},
    "wi.sens.lost_margin": {"en": "Expected lost margin", "zh": "预计损失毛利"},
    "wi.sens.leftover_cost": {"en": "Expected leftover cost", "zh": "预计滞销成本"},
    "wi.sens.landed": {"en": "Landed cost (right axis)", "zh": "到岸成本（右轴）"},
    "wi.sens.risk_cost": {"en": "Lost margin + leftover cost", "zh": "损失毛利 + 滞销成本"},
    "wi.sens.axis_landed": {"en": "Landed cost ({cur})", "zh": "到岸成本（{cur}）"},
    "wi.sens.units": {"en": "Units to stock", "zh": "建议备货"},
    "wi.sens.stockout_units": {"en": "Expected stockout units", "zh": "预计缺货件数"},
    "wi.sens.leftover_units": {"en": "Expected leftover units", "zh": "预计剩余件数"},
    "wi.sens.current": {"en": "current", "zh": "当前"},
    "wi.sens.axis_money": {"en": "Amount ({cur})", "zh": "金额（{cur}）"},
    "wi.sens.axis_units": {"en": "Units", "zh": "件"},
    "wi.sens.caption": {
        "en": "Each point recomputes the whole plan with only “{lever}” changed. Pick the lever in the sidebar.",
        "zh": "每个点只改变「{lever}」并重新计算整个方案。可在侧栏选择要分析的参数。",
    },
    "wi.table": {"en": "Plan by SKU and warehouse", "zh": "按 SKU 与仓库的备货方案"},
    "wi.table_caption": {"en": "{n} of {total} lines, highest stockout risk first.", "zh": "共 {total} 行，显示 {n} 行，按缺货风险从高到低。"},
    "wi.flags": {"en": "Flags", "zh": "风险标记"},
    "wi.col.units": {"en": "Units to stock", "zh": "建议备货（件）"},
    "wi.col.demand": {"en": "Demand (mean, units)", "zh": "需求均值（件）"},
    "wi.col.demand_p90": {"en": "Demand P90 (units)", "zh": "需求 P90（件）"},
    "wi.col.on_hand": {"en": "On hand + in transit (units)", "zh": "在库+在途（件）"},
    "wi.col.qty": {"en": "Order qty after MOQ (units)", "zh": "下单量（MOQ 取整后，件）"},
    "wi.col.stockout": {"en": "Stockout risk", "zh": "缺货概率"},
    "wi.col.lost": {"en": "Lost units", "zh": "缺货件数"},
    "wi.col.leftover": {"en": "Leftover units", "zh": "剩余件数"},
    "wi.col.written_off": {"en": "Not sold in time", "zh": "无法及时售出"},
    "wi.col.written_off_help": {
        "en": "Leftover units that will not sell within the months allowed after the campaign at this SKU's usual rate "
              "(or at all, for a SKU that stops selling): priced as written off by the disposal option in the sidebar.",
        "zh": "按该 SKU 大促后的日常销量，在允许的月数内卖不完的剩余件数（停售 SKU 则全部）：按侧栏所选的处置方式计为核销成本。",
    },
    "wi.col.leftover_cost": {"en": "Leftover cost ({cur})", "zh": "滞销成本（{cur}）"},
    "wi.col.landed_unit": {"en": "Landed / unit ({cur})", "zh": "单位到岸（{cur}）"},
    "wi.col.landed_total": {"en": "Landed total ({cur})", "zh": "到岸合计（{cur}）"},
    "wi.col.on_hand_help": {
        "en": "Stock that can sell in the window: on hand at the window start plus shipments in transit that land before it ends (each counts from the day it is sellable).",
        "zh": "窗口内可售的库存：窗口开始时的在库，加上窗口结束前到仓的在途（各自从可售日起计算）。",
    },
    "wi.col.sellable_from": {"en": "Campaign stock sellable from", "zh": "活动库存可售日"},
    "wi.col.campaign_stock": {"en": "Campaign stock to declare (units)", "zh": "申报活动库存（件）"},
    "wi.col.ordinary": {"en": "Ordinary stock with it (units)", "zh": "随单日常库存（件）"},
    "wi.col.ordinary_help": {
        "en": "Units of the order for ordinary demand before the campaign: campaign stock is reserved and cannot sell "
              "before the campaign starts. Not declared as campaign stock.",
        "zh": "订单中用于活动前日常需求的件数：活动库存被锁定，活动开始前不可售。不申报为活动库存。",
    },
    "wi.col.sellable_from_help": {
        "en": "The day the order's campaign stock can be sold: the campaign's first day when it is reserved for the campaign, else its sellable day at the warehouse (after the window start for a late line); empty when it arrives after the window.",
        "zh": "订单中活动库存可售的日期：锁定为活动库存时为活动首日，否则为到仓可售日（晚到的行在窗口开始之后）；若在窗口结束后才到则为空。",
    },
    "wi.col.margin": {"en": "Margin / unit ({cur})", "zh": "单位毛利（{cur}）"},
    "wi.col.profit": {"en": "Expected profit ({cur})", "zh": "预计利润（{cur}）"},
    "wi.col.rescue": {"en": "Faster mode that saves units", "zh": "可挽回销量的更快方式"},
    "wi.col.rescue_saved": {"en": "Units it saves", "zh": "可挽回件数"},
    "wi.col.rescue_cost": {"en": "Its extra cost ({cur})", "zh": "额外成本（{cur}）"},
    "wi.cash.title": {"en": "Cash tied up by week", "zh": "每周资金占用"},
    "wi.cash.paid": {"en": "Paid (purchase, freight, duty)", "zh": "支出（采购、运费、关税）"},
    "wi.cash.released": {"en": "Released by sales", "zh": "销售回款"},
    "wi.cash.tied": {"en": "Tied up", "zh": "占用余额"},
    "wi.cash.axis_week": {"en": "Week starting", "zh": "周起始日"},
    "wi.cash.axis_money": {"en": "Cash ({cur})", "zh": "资金（{cur}）"},
    "wi.sens.tab_cash": {"en": "Cash", "zh": "资金"},
    "price.section": {"en": "Campaign price rule", "zh": "活动价规则"},
    "price.rule": {
        "en": "A campaign price must not be above the lowest price the item sold at in the {days} days before the campaign starts (the day's revenue ÷ units in the sales history).",
        "zh": "活动价不得高于大促开始前 {days} 天内该商品的最低成交价（按销售记录中当日销售额 ÷ 件数计算）。",
    },
    "price.none_imported": {
        "en": "No planned campaign prices imported: add a campaign_prices table (sku, campaign_id, region, campaign_price, currency) on the Data page to check them.",
        "zh": "尚未导入计划活动价：请在数据页导入 campaign_prices 表（sku、campaign_id、region、campaign_price、currency）后再检查。",
    },
    "price.none_for_campaign": {"en": "No planned campaign prices for this campaign.", "zh": "本次大促没有计划活动价。"},
    "price.checked": {"en": "Campaign prices checked", "zh": "已检查的活动价"},
    "price.breaking": {"en": "Above the 30-day low", "zh": "高于 30 天最低价"},
    "price.no_history": {"en": "Without sales in the 30 days", "zh": "30 天内无成交"},
    "price.no_history_help": {
        "en": "No sale with a revenue in the 30 days before the campaign: there is no low to compare with.",
        "zh": "大促前 30 天内没有带销售额的成交记录，无最低价可比较。",
    },
    "price.all_ok": {"en": "Every planned campaign price is at or below its 30-day low.", "zh": "所有计划活动价均不高于 30 天最低价。"},
    "price.col.planned": {"en": "Planned campaign price", "zh": "计划活动价"},
    "price.col.low": {"en": "30-day low", "zh": "30 天最低价"},
    "price.col.low_date": {"en": "Day of the low", "zh": "最低价日期"},
    "price.col.above": {"en": "Above the low by", "zh": "高出最低价"},
    "cash.section": {"en": "Net cash position", "zh": "净现金头寸"},
    "cash.title": {"en": "Net cash position by week", "zh": "每周净现金头寸"},
    "cash.paid_out": {"en": "Paid out (deposit, balance, freight, duty, inbound)", "zh": "支出（定金、尾款、运费、关税、入仓）"},
    "cash.received": {"en": "Received (platform payouts)", "zh": "收入（平台回款）"},
    "cash.position": {"en": "Running position", "zh": "累计头寸"},
    "cash.axis_week": {"en": "Week starting", "zh": "周起始日"},
    "cash.axis_money": {"en": "Cash ({cur})", "zh": "资金（{cur}）"},
    "cash.trough": {"en": "Lowest net position", "zh": "净头寸最低点"},
    "cash.trough_line": {"en": "lowest: {value} {cur}", "zh": "最低：{value} {cur}"},
    "cash.trough_label": {"en": "Lowest net position ({cur})", "zh": "净头寸最低点（{cur}）"},
    "cash.trough_help": {
        "en": "The most negative running position (paid out minus received) between the first PO and the last platform payout: the cash the campaign needs at once.",
        "zh": "从第一笔采购付款到最后一笔平台回款之间，累计头寸（支出减收入）的最低值，即本次大促同一时点需要的资金。",
    },
    "cash.never_negative": {"en": "never below zero", "zh": "始终不低于零"},
    "cash.paid_label": {"en": "Paid out ({cur})", "zh": "总支出（{cur}）"},
    "cash.received_label": {"en": "Received ({cur})", "zh": "总回款（{cur}）"},
    "cash.received_help": {
        "en": "Platform payouts of every unit the plan expects to sell in the window (new orders and stock already held), at the price net of VAT and platform commission.",
        "zh": "计划预计在备货窗口内售出的全部件数（新下单和现有库存）的平台回款，按扣除增值税和平台佣金后的价格计算。",
    },
    "cash.trimmed_label": {"en": "Units trimmed to the ceiling", "zh": "因资金上限削减的件数"},
    "cash.trimmed_help": {
        "en": "Units cut from the order so the lowest net position stays within the cash ceiling: the lowest expected margin per yuan of cash first.",
        "zh": "为使净头寸最低点不超过资金上限而从订单中削减的件数：每元资金期望毛利最低的先削减。",
    },
    "cash.ceiling_value": {"en": "ceiling {value} CNY", "zh": "上限 {value} 元"},
    "cash.no_ceiling": {"en": "no ceiling", "zh": "未设上限"},
    "cash.terms": {
        "en": "Terms: {deposit}% deposit at the PO, {balance}% balance at shipment, freight at departure, duty and import VAT at the port; the platform pays each sale out {days} days later.",
        "zh": "条款：下单付 {deposit}% 定金，发货付 {balance}% 尾款，运费在启运时付，关税和进口增值税在到港时付；平台在售出 {days} 天后回款。",
    },
    "cash.col.trimmed": {"en": "Units trimmed", "zh": "削减件数"},
    "cash.col.left": {"en": "Units still ordered", "zh": "仍下单件数"},
    "cash.col.margin": {"en": "Margin per unit ({cur})", "zh": "单件毛利（{cur}）"},
    "cash.sens_title": {"en": "Lowest net cash position vs {lever}", "zh": "净现金头寸最低点随「{lever}」的变化"},
    "cash.sens_peak": {"en": "Peak capital tied up (shown negative)", "zh": "资金占用峰值（以负值显示）"},
    "wi.export_xlsx": {"en": "Download plan sheet (.xlsx)", "zh": "下载备货计划表（.xlsx）"},
    "wi.export_csv": {"en": "Download plan sheet (.csv)", "zh": "下载备货计划表（.csv）"},
    "wi.files": {"en": "Files: plan sheet and stock-up declaration", "zh": "文件：备货计划表与备货申报表"},
    "flag.late_po": {"en": "PO too late", "zh": "下单已晚"},
    "flag.concentrated": {"en": "Concentrated in one warehouse", "zh": "单仓集中"},
    "flag.cross_region": {"en": "Cross-region transfer", "zh": "跨区调拨"},
    "flag.no_lane": {"en": "No lane for chosen mode", "zh": "所选方式无线路"},
    "flag.no_warehouse": {"en": "No warehouse in market", "zh": "市场无仓"},
    "flag.moq_raised": {"en": "Raised to MOQ", "zh": "按 MOQ 上调"},
    "flag.transit_after_cutoff": {"en": "Transit after cutoff", "zh": "在途晚于截止"},
    "flag.key_sku": {"en": "Key SKU", "zh": "重点 SKU"},
    "flag.arrives_in_window": {"en": "Arrives after the window starts", "zh": "窗口开始后才到"},
    "flag.misses_window": {"en": "Arrives after the window", "zh": "窗口结束后才到"},
    "flag.negative_margin": {"en": "Negative margin", "zh": "毛利为负"},
    "flag.forced": {"en": "Ordered at a loss (forced)", "zh": "强制亏损下单"},
    "flag.moq_skipped": {"en": "MOQ not worth it: skipped", "zh": "MOQ 不划算：未下单"},
    "flag.rescue": {"en": "A faster mode saves units", "zh": "更快方式可挽回销量"},
    "flag.reserved_wait": {"en": "Reserved until the campaign", "zh": "活动库存锁定至活动开始"},
    "stress.title": {"en": "Stress test", "zh": "压力测试"},
    "tl.duty_step": {"en": "Duty step {market} {points} pts", "zh": "{market} 关税 {points} 个百分点"},
    "shock.note": {"en": "Cost shocks of this scenario are priced in: {shocks}.", "zh": "已计入本方案的成本冲击：{shocks}。"},
    "shock.note.freight": {"en": "freight {factors}", "zh": "运费 {factors}"},
    "shock.note.fx": {"en": "FX shock {pct}", "zh": "汇率冲击 {pct}"},
    "shock.note.duty": {"en": "duty step {steps} (lines reaching the port on or after the date; the other modes of a "
                                "line as its planned mode)",
                        "zh": "关税调整 {steps}（在生效日当天或之后到港的线路；同一线路的其他运输方式按计划方式判断）"},
    "stress.caption": {
        "en": "The plan without cost shocks against the plan with pessimistic lead times, freight ×{freight} on every "
              "mode, the duty step ({duty}) and an FX shock of {fx} at once.",
        "zh": "无成本冲击的计划，对比同时叠加悲观时效、各方式运费 ×{freight}、关税调整（{duty}）和 {fx} 汇率冲击后的计划。",
    },
    "stress.no_duty_step": {"en": "none set", "zh": "未设置"},
    "stress.duty_one": {"en": "{market} {points} pp from {date}", "zh": "{market} 自 {date} 起 {points} 个百分点"},
    "stress.col.figure": {"en": "Figure", "zh": "指标"},
    "stress.col.base": {"en": "Without shocks", "zh": "无冲击"},
    "stress.col.stressed": {"en": "Stressed", "zh": "压力情景"},
    "stress.col.change": {"en": "Change", "zh": "变化"},
    "stress.fig.peak_cash": {"en": "Cash peak ({cur})", "zh": "资金占用峰值（{cur}）"},
    "stress.fig.gross_profit": {"en": "Gross profit ({cur})", "zh": "毛利润（{cur}）"},
    "stress.fig.campaign_roi": {"en": "Campaign ROI (profit ÷ capital)", "zh": "大促 ROI（利润 ÷ 占用资金）"},
    "stress.fig.expected_stockout_units": {"en": "Expected stockout (units)", "zh": "预计缺货（件）"},
    "stress.fig.fill_rate": {"en": "Fill rate (%)", "zh": "满足率（%）"},
    "stress.fig.total_landed_cost": {"en": "Landed cost of the order ({cur})", "zh": "订单到岸成本（{cur}）"},
    "stress.fig.late_lines": {"en": "Late lines", "zh": "晚到行数"},
    "stress.fig.negative_margin_lines": {"en": "Lines at a negative margin", "zh": "毛利为负的行数"},
    "stress.late.title": {"en": "Lines that turn late ({n})", "zh": "变为晚到的行（{n}）"},
    "stress.late.none": {"en": "No line turns late under the stress.", "zh": "压力情景下没有新增晚到的行。"},
    "stress.neg.title": {"en": "Margins that turn negative ({n})", "zh": "毛利转负的行（{n}）"},
    "stress.neg.none": {"en": "No margin turns negative under the stress.", "zh": "压力情景下没有毛利转负的行。"},
    "stress.col.status": {"en": "Now", "zh": "压力下状态"},
    "stress.col.sellable_base": {"en": "Sellable (no shock)", "zh": "可售日（无冲击）"},
    "stress.col.sellable_stressed": {"en": "Sellable (stressed)", "zh": "可售日（压力）"},
    "stress.col.days_later": {"en": "Days later", "zh": "推迟天数"},
    "stress.col.lost_base": {"en": "Lost units (no shock)", "zh": "缺货件数（无冲击）"},
    "stress.col.lost_stressed": {"en": "Lost units (stressed)", "zh": "缺货件数（压力）"},
    "stress.col.landed_base": {"en": "Landed / unit, no shock ({cur})", "zh": "单件到岸成本，无冲击（{cur}）"},
    "stress.col.landed_stressed": {"en": "Landed / unit, stressed ({cur})", "zh": "单件到岸成本，压力（{cur}）"},
    "stress.col.margin_base": {"en": "Margin / unit, no shock ({cur})", "zh": "单件毛利，无冲击（{cur}）"},
    "stress.col.margin_stressed": {"en": "Margin / unit, stressed ({cur})", "zh": "单件毛利，压力（{cur}）"},
    "stress.col.margin_change": {"en": "Margin change ({cur})", "zh": "毛利变化（{cur}）"},
    "stress.fx_note": {
        "en": "Money under the stress is converted at the shocked FX rates.",
        "zh": "压力情景下的金额按冲击后的汇率折算。",
    },
    # Warehouse mix page
    "mix.editor": {"en": "Split of each market's units", "zh": "各市场备货的仓库分配"},
    "mix.editor_help": {
        "en": "Shares are normalised to 100% per market. FBT and self-fulfilled (3PL, self-ship) stock are separate pools: stock in one never covers demand routed to the other.",
        "zh": "各市场的比例会自动归一到 100%。FBT 与自发货（三方仓、自发货）库存是两个独立的池子，互不覆盖。",
    },
    "mix.custom": {"en": "custom split", "zh": "自定义比例"},
    "mix.sku_mix_title": {"en": "Split per SKU ({n} SKU × market)", "zh": "按 SKU 的仓库分配（{n} 个 SKU × 市场）"},
    "mix.sku_mix_help": {
        "en": "These SKUs do not follow their market's split above: each splits its demand in its market as listed "
              "(applied quota moves, or a shared link). Clear them to go back to the market's split.",
        "zh": "以下 SKU 不按上方的市场比例分配：各自按所列比例在本市场分配需求（来自已应用的配额改发或分享链接）。清除后恢复市场比例。",
    },
    "mix.sku_mix_col": {"en": "Share of the SKU's demand in the market", "zh": "该 SKU 在本市场的需求占比"},
    "mix.sku_mix_clear": {"en": "Clear the per-SKU splits", "zh": "清除按 SKU 的分配"},
    "quota.apply": {"en": "Apply these moves to the plan ({n} SKU × market)", "zh": "将改发应用到计划（{n} 个 SKU × 市场）"},
    "quota.apply_help": {
        "en": "Each moved SKU then splits its demand in the market as found above; the plan, its sheets, the "
              "declaration and the share link follow. Undo with “Clear the per-SKU splits”.",
        "zh": "应用后，每个改发的 SKU 按上面找到的比例在本市场分配需求；计划、表格、申报表和分享链接随之更新。可用“清除按 SKU 的分配”撤销。",
    },
    "mix.default": {"en": "default split from the data", "zh": "按数据的默认比例"},
    "mix.share_of": {"en": "{wid} (%)", "zh": "{wid}（%）"},
    "mix.apply": {"en": "Apply", "zh": "应用"},
    "mix.reset": {"en": "Reset", "zh": "恢复默认"},
    "mix.zero": {"en": "At least one warehouse needs a share above 0%.", "zh": "至少一个仓库的比例需大于 0%。"},
    "mix.fbt_pool": {"en": "FBT: units to ship", "zh": "FBT 库存池：发货件数"},
    "mix.self_pool": {"en": "Self-fulfilled: units to ship", "zh": "自发货库存池：发货件数"},
    "mix.pool_help": {
        "en": "Fulfilled-by-TikTok stock and self-fulfilled (3PL, self-ship) stock are planned and counted separately.",
        "zh": "TikTok 官方仓库存与自发货（三方仓、自发货）库存分开规划、分开统计。",
    },
    "mix.transfer": {"en": "Cross-region transfer cost", "zh": "跨区调拨成本"},
    "mix.concentrated": {"en": "Key SKUs over the limit", "zh": "超过单仓上限的重点 SKU"},
    "mix.stranded": {"en": "Stock stranded by the split", "zh": "分仓后滞留的库存"},
    "mix.stranded_help": {
        "en": "Units already in a warehouse that its share of demand is not expected to sell: stock serves only the demand routed to its own warehouse.",
        "zh": "已在某仓、但该仓分到的需求预计卖不完的件数：库存只能满足分配到本仓的需求。",
    },
    "mix.stranded_caption": {
        "en": "Stock only sells to the demand routed to its own warehouse. With this split {units} units already in warehouses that now get less demand are expected to be left there ({cost}), while the warehouses that get more order more. Each warehouse faces its own share's demand, so splitting a market needs more stock for the same service.",
        "zh": "库存只能卖给分配到本仓的需求。按当前分配，已在需求变少的仓库中的 {units} 件预计会滞留（{cost}），而需求变多的仓库会多下单。每个仓面对的是自己那一份需求，因此分仓越多，达到同样服务水平所需的库存越多。",
    },
    "mix.col.stranded": {"en": "Stranded (units)", "zh": "滞留（件）"},
    "mix.concentrated_help": {
        "en": "Key SKUs (top N by revenue) with more of their stock in one warehouse than the redundancy limit.",
        "zh": "单一仓库库存占比超过冗余上限的重点 SKU（销售额前 N）。",
    },
    "mix.on_hand": {"en": "On hand", "zh": "在库"},
    "mix.in_transit": {"en": "In transit (arrives in time)", "zh": "在途（可按时到仓）"},
    "mix.in_transit_window": {"en": "In transit (lands in the window)", "zh": "在途（窗口内到仓）"},
    "mix.to_ship": {"en": "To ship (units)", "zh": "待发货（件）"},
    "mix.alloc_title": {"en": "Stock position per warehouse (units)", "zh": "各仓库存位置（件）"},
    "mix.demand_mean": {"en": "Demand (mean, units)", "zh": "需求均值（件）"},
    "mix.demand_p90": {"en": "Demand P90 (units)", "zh": "需求 P90（件）"},
    "mix.position": {"en": "Stock position after the plan (units)", "zh": "执行方案后的库存（件）"},
    "mix.region_title": {"en": "Demand vs stock by market", "zh": "各市场需求与库存对比"},
    "mix.col.skus": {"en": "SKUs", "zh": "SKU 数"},
    "mix.col.stockout": {"en": "Stockout probability", "zh": "缺货概率"},
    "mix.col.fill": {"en": "Fill rate", "zh": "满足率"},
    "mix.col.share": {"en": "Share in this warehouse (%)", "zh": "该仓占比（%）"},
    "mix.redundancy": {"en": "Redundancy of key SKUs", "zh": "重点 SKU 的分仓冗余"},
    "mix.no_redundancy": {
        "en": "No key SKU (top {n} by revenue) has more than {limit} of its stock in one warehouse.",
        "zh": "没有重点 SKU（销售额前 {n}）在单一仓库的库存占比超过 {limit}。",
    },
    "mix.redundancy_warn": {
        "en": "{n} key-SKU line(s) hold more than {limit} of the SKU's stock in one warehouse: a strike or outage there stops the SKU.",
        "zh": "{n} 行重点 SKU 在单一仓库的库存占比超过 {limit}：该仓一旦停摆，该 SKU 将断货。",
    },
    # Warehouse mix page: the platform's inbound quota and recommended stock (ui/quota.py)
    "quota.title": {"en": "FBT inbound quota", "zh": "FBT 入仓配额"},
    "quota.no_quota": {
        "en": "No FBT inbound quota imported: import fbt_quota.csv (warehouse_id, month, quota_units and/or quota_cbm) "
              "on the Data page to check the plan's FBT shipments against it.",
        "zh": "尚未导入 FBT 入仓配额：请在“数据”页导入 fbt_quota.csv（warehouse_id、month、quota_units 和/或 quota_cbm），"
              "即可按配额检查方案中的 FBT 发货。"},
    "quota.over_units": {"en": "Units over quota", "zh": "超出配额的件数"},
    "quota.over_help": {
        "en": "Units of FBT lines that do not fit the inbound quota of the month they arrive in: the platform refuses "
              "that inbound.",
        "zh": "按到仓月份超出该月入仓配额的 FBT 件数：平台会拒收这部分入仓。"},
    "quota.over_lines": {"en": "FBT lines over quota", "zh": "超配额的 FBT 行"},
    "quota.full_months": {"en": "Months over quota", "zh": "超配额的月份"},
    "quota.full_months_help": {
        "en": "FBT warehouse x month where the shipments in transit plus the plan use more than the quota "
              "(units or CBM).",
        "zh": "在途货件加方案发货超过配额（件数或立方米）的 FBT 仓库 × 月份数。"},
    "quota.move_cost": {"en": "Landed cost change if moved", "zh": "改仓后的到岸成本变化"},
    "quota.move_cost_help": {
        "en": "Change in total landed cost when every unit over quota goes to its proposed 3PL or self-ship "
              "warehouse (landed cost per unit there minus here, times the units moved).",
        "zh": "把所有超配额件数改发到建议的三方仓或自发货后，总到岸成本的变化（新仓单件到岸成本减原仓，乘以改发件数）。"},
    "quota.rule": {
        "en": "A line's quota month is the month its stock reaches the warehouse. Each month's quota is taken first by "
              "shipments already in transit, then by the plan's lines by arrival date (earliest first), then by unit "
              "margin (highest first); the first line that does not fit takes what is left, later lines are over in full.",
        "zh": "一行的配额月份即其货物到仓的月份。每月配额先由在途货件占用，再按方案各行的到仓日期（先到先占）、单件毛利"
              "（高者优先）依次占用；第一条放不下的行占用剩余额度，其后各行全部超出。"},
    "quota.chart_title": {"en": "FBT quota used per month (%)", "zh": "各月 FBT 配额用量（%）"},
    "quota.chart_axis": {"en": "Quota used (%, the tighter of units and CBM)", "zh": "配额用量（%，取件数与立方米中较紧者）"},
    "quota.chart_limit": {"en": "quota (100 %)", "zh": "配额（100%）"},
    "quota.hover_units": {"en": "{used} of {quota} units", "zh": "{used} / {quota} 件"},
    "quota.hover_cbm": {"en": "{used} of {quota} CBM", "zh": "{used} / {quota} 立方米"},
    "quota.hover_none": {"en": "no quota given", "zh": "未给出配额"},
    "quota.all_fit": {"en": "Every FBT line fits the inbound quota of its arrival month.",
                      "zh": "所有 FBT 行都在到仓月份的入仓配额之内。"},
    "quota.over_warn": {
        "en": "{n} FBT line(s) exceed the inbound quota of their arrival month by {units} units in all: the platform "
              "will refuse them. Move them (below) or ask the platform for more quota.",
        "zh": "{n} 行 FBT 发货超出到仓月份的入仓配额，共 {units} 件：平台将拒收。请改发（见下方）或向平台申请更多配额。"},
    "quota.moves_title": {"en": "Where the units over quota can go", "zh": "超配额件数可改发的仓库"},
    "quota.moves_caption": {
        "en": "Proposed per line: the 3PL or self-ship warehouse of the same market that lands first (before the "
              "window, then during the campaign), then the cheapest. Moving {units} units keeps every SKU's total "
              "units and changes the landed cost by {cost}; {late} move(s) would land after the campaign.",
        "zh": "每行建议：同一市场中最早到仓（先看窗口开始前，再看大促期间）、其次最便宜的三方仓或自发货。改发 {units} 件，"
              "各 SKU 总件数不变，到岸成本变化 {cost}；其中 {late} 项将在大促结束后才到。"},
    "quota.no_alternative": {
        "en": "This market has no 3PL or self-ship warehouse with a freight lane: the units over quota cannot be moved. "
              "Add a 3PL warehouse and its lanes, ask the platform for more quota, or ship fewer units.",
        "zh": "该市场没有带头程线路的三方仓或自发货仓：超配额件数无法改发。请添加三方仓及其线路、向平台申请更多配额，"
              "或减少发货。"},
    "quota.unplaced": {"en": "{units} units over quota have no alternative warehouse in their market.",
                       "zh": "{units} 件超配额货物在其市场没有可改发的仓库。"},
    "quota.realloc_caption": {
        "en": "Units per warehouse before and after the moves: {before} units to ship before, {after} after.",
        "zh": "改发前后各仓件数：改发前共 {before} 件，改发后共 {after} 件。"},
    "quota.col.units_before": {"en": "Before (units)", "zh": "改发前（件）"},
    "quota.col.units_after": {"en": "After (units)", "zh": "改发后（件）"},
    "quota.col.moved": {"en": "Moved (units)", "zh": "改发（件）"},
    "quota.all_options": {"en": "Every option ({n})", "zh": "全部方案（{n}）"},
    "quota.risk_title": {"en": "What the moves do to the plan", "zh": "改发对备货计划的影响"},
    "quota.risk_caption": {
        "en": "FBT and 3PL / self-ship stock are separate pools, so each move takes demand along: the FBT warehouse "
              "keeps the largest share of the SKU's demand whose order still fits its quota, the other warehouse takes "
              "the rest of that share, and the whole plan is computed again ({rounds} plans to find those shares). "
              "The other warehouse orders for its own share, lead time and margin: an air line that lands earlier may "
              "order more than was moved, one at a loss may order nothing. So the units, the risk and the cost change, "
              "not only the freight. Apply the moves to make them the plan's own split for these SKUs (the sheets, "
              "the declaration and the link follow).",
        "zh": "FBT 与三方仓/自发货库存互不混用，因此每次改发都带走需求：FBT 仓保留订货仍在配额内的最大需求份额，其余份额转给另一仓，"
              "并重新计算整个计划（共计算 {rounds} 次以找到这些份额）。另一仓按自身的份额、时效和毛利订货：更早到货的空运线路可能"
              "订得比改发的更多，亏损的线路可能不订货。因此件数、风险和成本都会变化，而不只是运费。应用改发后，这些 SKU 的仓库分配即按"
              "此执行（表格、申报表和分享链接随之更新）。",
    },
    "quota.risk_still_over": {
        "en": "{units} units are still over quota: those FBT lines order even with no share of the demand (an order "
              "forced in the levers, or raised to an MOQ). Change that lever, or accept those units as refused inbound.",
        "zh": "仍有 {units} 件超出配额：这些 FBT 行即使不分配需求也会订货（在参数中强制下单，或被提到起订量）。"
              "请调整该参数，或接受这些货物被拒收。",
    },
    "quota.fig.units": {"en": "Units to stock", "zh": "备货件数"},
    "quota.fig.leftover_units": {"en": "Expected leftover (units)", "zh": "预计滞销（件）"},
    "quota.fig.leftover_cost": {"en": "Expected leftover cost ({cur})", "zh": "预计滞销成本（{cur}）"},
    "quota.fig.over_units": {"en": "Units over quota", "zh": "超出配额的件数"},
    "quota.col.before": {"en": "As planned", "zh": "当前计划"},
    "quota.col.after": {"en": "With the moves", "zh": "改发后"},
    "quota.col.from_before": {"en": "FBT units (planned)", "zh": "FBT 件数（当前）"},
    "quota.col.from_after": {"en": "FBT units (moved)", "zh": "FBT 件数（改发后）"},
    "quota.col.to_before": {"en": "Other warehouse units (planned)", "zh": "改发仓件数（当前）"},
    "quota.col.to_after": {"en": "Other warehouse units (moved)", "zh": "改发仓件数（改发后）"},
    "quota.col.short_before": {"en": "Expected stockout (planned, units)", "zh": "预计缺货（当前，件）"},
    "quota.col.short_after": {"en": "Expected stockout (moved, units)", "zh": "预计缺货（改发后，件）"},
    "quota.col.prob_before": {"en": "P(a warehouse runs out) planned", "zh": "任一仓缺货概率（当前）"},
    "quota.col.prob_after": {"en": "P(a warehouse runs out) moved", "zh": "任一仓缺货概率（改发后）"},
    "quota.col.left_before": {"en": "Expected leftover (planned, units)", "zh": "预计滞销（当前，件）"},
    "quota.col.left_after": {"en": "Expected leftover (moved, units)", "zh": "预计滞销（改发后，件）"},
    "quota.col.landed_before": {"en": "Landed cost (planned, {cur})", "zh": "到岸成本（当前，{cur}）"},
    "quota.col.landed_after": {"en": "Landed cost (moved, {cur})", "zh": "到岸成本（改发后，{cur}）"},
    "quota.lands.before_window": {"en": "before the window", "zh": "窗口开始前"},
    "quota.lands.during_campaign": {"en": "during the campaign", "zh": "大促期间"},
    "quota.lands.after_campaign": {"en": "after the campaign", "zh": "大促结束后"},
    "quota.col.month": {"en": "Quota month", "zh": "配额月份"},
    "quota.col.arrival": {"en": "Arrives at warehouse", "zh": "到仓日期"},
    "quota.col.qty": {"en": "To ship (units)", "zh": "发货（件）"},
    "quota.col.fits": {"en": "Fits the quota (units)", "zh": "配额内（件）"},
    "quota.col.over": {"en": "Over quota (units)", "zh": "超配额（件）"},
    "quota.col.over_cbm": {"en": "Over quota (CBM)", "zh": "超配额（立方米）"},
    "quota.col.quota_units": {"en": "Quota (units)", "zh": "配额（件）"},
    "quota.col.booked_units": {"en": "In transit (units)", "zh": "在途（件）"},
    "quota.col.planned_units": {"en": "Plan (units)", "zh": "方案（件）"},
    "quota.col.quota_cbm": {"en": "Quota (CBM)", "zh": "配额（立方米）"},
    "quota.col.booked_cbm": {"en": "In transit (CBM)", "zh": "在途（立方米）"},
    "quota.col.planned_cbm": {"en": "Plan (CBM)", "zh": "方案（立方米）"},
    "quota.col.used_units": {"en": "Used, units (%)", "zh": "件数用量（%）"},
    "quota.col.used_cbm": {"en": "Used, CBM (%)", "zh": "体积用量（%）"},
    "quota.col.from": {"en": "From (FBT)", "zh": "原仓（FBT）"},
    "quota.col.to": {"en": "To", "zh": "改发至"},
    "quota.col.move_units": {"en": "Units moved", "zh": "改发件数"},
    "quota.col.landed_from": {"en": "Landed/unit FBT ({cur})", "zh": "FBT 单件到岸（{cur}）"},
    "quota.col.landed_to": {"en": "Landed/unit there ({cur})", "zh": "新仓单件到岸（{cur}）"},
    "quota.col.change_unit": {"en": "Change per unit ({cur})", "zh": "单件变化（{cur}）"},
    "quota.col.change_total": {"en": "Change in total ({cur})", "zh": "总变化（{cur}）"},
    "quota.col.sellable_from": {"en": "Sellable at FBT", "zh": "FBT 可售日期"},
    "quota.col.sellable_to": {"en": "Sellable there", "zh": "新仓可售日期"},
    "quota.col.delay": {"en": "Later by (days)", "zh": "推迟（天）"},
    "quota.col.lands": {"en": "Lands", "zh": "到仓时点"},
    "quota.rec_title": {"en": "Planned vs the platform's recommended stock", "zh": "方案备货与平台建议备货对比"},
    "quota.no_rec": {
        "en": "No platform recommendation imported: after the declaration, import platform_recommendation.csv "
              "(sku, campaign_id, recommended_units) on the Data page to compare.",
        "zh": "尚未导入平台建议：申报后请在“数据”页导入 platform_recommendation.csv（sku、campaign_id、recommended_units）"
              "进行对比。"},
    "quota.rec_none": {"en": "The platform's recommendation has no row for the campaign {campaign}.",
                       "zh": "平台建议中没有大促 {campaign} 的数据。"},
    "quota.rec_skus": {"en": "SKUs with a recommendation", "zh": "有平台建议的 SKU"},
    "quota.rec_below": {"en": "Planned below it", "zh": "方案低于建议"},
    "quota.rec_below_help": {
        "en": "SKU x market where the plan holds less stock than the platform recommends: the platform may weigh its "
              "traffic by the stock declared.",
        "zh": "方案库存低于平台建议的 SKU × 市场：平台可能按申报库存分配流量。"},
    "quota.rec_above": {"en": "Planned above it", "zh": "方案高于建议"},
    "quota.rec_total_gap": {"en": "Gap in all (plan - recommended)", "zh": "总差额（方案 - 建议）"},
    "quota.rec_caption": {
        "en": "Planned stock = stock available for the window (on hand and in transit) + the plan's order, per SKU "
              "and market; gap = planned - recommended, in units and in % of the recommendation.",
        "zh": "方案库存 = 窗口可用库存（在库与在途）+ 方案下单量，按 SKU 与市场计；差额 = 方案 - 建议，以件数及占建议的百分比表示。"},
    "quota.all_markets": {"en": "all markets", "zh": "所有市场"},
    "quota.col.recommended": {"en": "Recommended (units)", "zh": "平台建议（件）"},
    "quota.col.planned_stock": {"en": "Planned stock (units)", "zh": "方案库存（件）"},
    "quota.col.gap": {"en": "Gap (units)", "zh": "差额（件）"},
    "quota.col.gap_pct": {"en": "Gap (% of recommended)", "zh": "差额（占建议 %）"},
    # Review page
    "pool.title": {"en": "Emergency pool for the top SKUs", "zh": "重点 SKU 应急备货池"},
    "pool.caption": {
        "en": "A reserve beyond the plan's {sl}% service level for the {ks} key SKUs and the SKUs of big creator or "
              "live-stream sessions, held in the market's warehouse with most of the stock and sellable when the "
              "window starts. Units served and stockout probability are those of that warehouse's line, as the plan "
              "computes them.",
        "zh": "在计划 {sl}% 服务水平之外，为前 {ks} 个重点 SKU 及大型达人/直播场次的 SKU 额外准备的备货，放在该市场"
              "库存最多的仓库，并在窗口开始时可售。可满足件数与缺货概率按计划对该仓库行的算法计算。"},
    "pool.below_service": {
        "en": "The pool level is at or below the {sl}% service level: there is no pool. Raise it to size one.",
        "zh": "备货池水平不高于 {sl}% 的服务水平，因此没有备货池。调高它即可计算。"},
    "pool.none": {"en": "No candidate SKU: no key SKU has demand and no creator session reaches the threshold.",
                  "zh": "没有候选 SKU：重点 SKU 无需求，也没有达人场次达到门槛。"},
    "pool.m.units": {"en": "Pool units", "zh": "备货池件数"},
    "pool.m.units_help": {"en": "Reserve units over {n} candidate SKU × market(s), in whole cartons.",
                          "zh": "{n} 个候选 SKU × 市场的备货件数（整箱）。"},
    "pool.m.value": {"en": "Pool value (landed)", "zh": "备货池货值（到岸）"},
    "pool.m.value_help": {"en": "Cash the reserve ties up at its landed cost.", "zh": "备货池按到岸成本占用的资金。"},
    "pool.m.served": {"en": "Expected units it serves", "zh": "预计可满足件数"},
    "pool.m.served_help": {"en": "Demand the plan's stock would miss and the pool covers (expected).",
                           "zh": "计划库存满足不了、由备货池满足的预期需求。"},
    "pool.m.net": {"en": "Expected net value", "zh": "预期净收益"},
    "pool.m.net_help": {"en": "Margin on the units it serves minus the extra cost of the units left over.",
                        "zh": "所满足件数的毛利减去剩余件数的额外成本。"},
    "pool.why.key": {"en": "key SKU", "zh": "重点 SKU"},
    "pool.why.creator": {"en": "creator session of {n} units", "zh": "达人场次 {n} 件"},
    "pool.col.why": {"en": "Why", "zh": "原因"},
    "pool.col.reserve": {"en": "Pool units", "zh": "备货池件数"},
    "pool.col.reserve_help": {
        "en": "Empty where the warehouse's order is not sellable by the window start (the pool would ship with it).",
        "zh": "若该仓订单在窗口开始前无法上架则为空（备货池随该订单发运）。"},
    "pool.col.served": {"en": "Units it serves", "zh": "可满足件数"},
    "pool.col.before": {"en": "Stockout before", "zh": "原缺货概率"},
    "pool.col.after": {"en": "Stockout with pool", "zh": "加备货池后缺货概率"},
    "pool.col.value": {"en": "Pool value ({cur})", "zh": "备货池货值（{cur}）"},
    "pool.col.margin": {"en": "Margin on units served ({cur})", "zh": "所满足件数毛利（{cur}）"},
    "pool.col.leftover": {"en": "Extra leftover cost ({cur})", "zh": "额外剩余成本（{cur}）"},
    "pool.col.net": {"en": "Net value ({cur})", "zh": "净收益（{cur}）"},
    "lever.pool_level_pct": {"en": "Pool level (% of demand covered)", "zh": "备货池水平（需求覆盖 %）"},
    "lever.pool_level_pct.help": {
        "en": "The pool tops each candidate's market up to this quantile of its campaign demand; it must be above "
              "the service level.",
        "zh": "备货池把每个候选 SKU 的市场库存补到其大促需求的这个分位数；须高于服务水平。"},
    "lever.pool_creator_units": {"en": "Creator session threshold (units)", "zh": "达人场次门槛（件）"},
    "lever.pool_creator_units.help": {
        "en": "A creator or live-stream session expected to sell at least this many units in the window makes its "
              "SKU a pool candidate, besides the key SKUs.",
        "zh": "窗口内预计销量不低于此件数的达人/直播场次，其 SKU 也成为备货池候选（重点 SKU 之外）。"},
    "rv.top_stockout": {"en": "Top stockout risks (lost margin)", "zh": "缺货风险最高（损失毛利）"},
    "rv.top_overstock": {"en": "Top overstock risks (leftover cost)", "zh": "积压风险最高（滞销成本）"},
    "rv.late": {"en": "Late items ({n})", "zh": "延误项（{n}）"},
    "rv.blocking": {"en": "Blocking readiness items ({n})", "zh": "阻断性合规缺项（{n}）"},
    "rv.none_late": {"en": "No ordered line is late.", "zh": "没有延误的下单行。"},
    "rv.none_blocking": {"en": "No blocking readiness item.", "zh": "没有阻断性合规缺项。"},
    "rv.col.lost_margin": {"en": "Lost margin ({cur})", "zh": "损失毛利（{cur}）"},
    "rv.decisions": {"en": "Decisions log", "zh": "决策记录"},
    "rv.save_first": {
        "en": "Decisions are kept with a saved scenario version. Save the current levers to start the log.",
        "zh": "决策记录保存在已保存的方案版本中。请先保存当前参数。",
    },
    "rv.decisions_for": {"en": "Decisions for “{name}” (version {version})", "zh": "“{name}”（版本 {version}）的决策"},
    "rv.decision_text": {"en": "Decision", "zh": "决策内容"},
    "rv.add_decision": {"en": "Add to the log", "zh": "记录决策"},
    "rv.no_decisions": {"en": "No decisions recorded yet.", "zh": "还没有决策记录。"},
    "rv.col.when": {"en": "When", "zh": "时间"},
    "rv.col.decision": {"en": "Decision", "zh": "决策"},
    "rv.report": {"en": "Printable report", "zh": "可打印报告"},
    "rv.report_help": {
        "en": "One HTML page with the headline, charts, risks, late items, blocking items and decisions; print it or save it as PDF from the browser.",
        "zh": "一个 HTML 页面，包含要点、图表、风险、延误项、阻断项与决策；可在浏览器中打印或另存为 PDF。",
    },
    "rv.report_title": {"en": "Stock-up review: {campaign} ({date})", "zh": "备货评审：{campaign}（{date}）"},
    "rv.download": {"en": "Download the report (HTML)", "zh": "下载报告（HTML）"},
    "rv.saved_as": {"en": "Saved scenario “{name}” v{version}", "zh": "已保存方案“{name}” v{version}"},
    "rv.badge_unsaved": {
        "en": "Unsaved scenario · levers changed from the defaults: {levers}",
        "zh": "未保存的方案 · 与默认值不同的参数：{levers}",
    },
    "rv.all_default": {"en": "none", "zh": "无"},
    "rv.saved_help": {
        "en": "The numbers on this page are this saved version's: no lever has moved since it was opened or saved.",
        "zh": "本页数字即该保存版本的结果：打开或保存后没有调整过参数。",
    },
    "rv.saved_changed": {
        "en": "Based on saved scenario “{name}” v{version}, changed since: {levers}. The numbers below are not v{version}'s; save them as a new version to keep them.",
        "zh": "基于已保存方案“{name}” v{version}，之后更改了：{levers}。下面的数字已不是 v{version} 的结果；如需保留请另存为新版本。",
    },
    "rv.save_changed": {
        "en": "The levers differ from “{name}” v{version}: save them as a new version to record decisions on these numbers.",
        "zh": "当前参数与“{name}” v{version} 不同：请另存为新版本，再记录针对这些数字的决策。",
    },
    "rv.files": {"en": "Files for the meeting and the platform", "zh": "会议与平台所需文件"},
    "rv.report_bubble": {"en": "Bubble area: units to stock", "zh": "气泡面积：建议备货件数"},
    "rv.report_file": {"en": "review", "zh": "备货评审"},
    "exp.plan_sheet": {"en": "Internal plan sheet", "zh": "内部备货计划表"},
    "exp.plan_sheet_help": {
        "en": "Every SKU and warehouse line of the plan with demand, quantities, dates, cost and risk, and the levers on a second sheet.",
        "zh": "方案中每个 SKU × 仓库行的需求、数量、日期、成本与风险；第二个工作表列出全部参数。",
    },
    "exp.saved_scenario": {"en": "Saved scenario", "zh": "已保存方案"},
    "exp.saved_value": {"en": "“{name}” v{version}", "zh": "“{name}” v{version}"},
    "exp.fx_value": {"en": "1 {ccy} = {rate} CNY", "zh": "1 {ccy} = {rate} 人民币"},
    "exp.uplift_value": {"en": "{sku} in {region}: {value}×", "zh": "{sku}（{region}）：{value}×"},
    "dc.title": {"en": "Stock-up declaration", "zh": "备货申报表"},
    "dc.help": {
        "en": "For the platform's stock-up declaration and the inbound shipment: one row per SKU the plan orders, with platform product and SKU ids, barcode, HS code, units, presale units, cartons, carton size and weight, total CBM and kg, and the departure, warehouse arrival and sellable dates. One sheet per warehouse.",
        "zh": "用于平台备货申报与入仓发货：方案中每个需下单的 SKU 一行，包含平台商品 ID 与 SKU ID、条码、HS 编码、件数、预售件数、箱数、外箱尺寸与毛重、总体积与总重量，以及发运、到仓与可售日期。每个仓库一个工作表。",
    },
    "dc.none": {"en": "The plan orders nothing for this campaign: there is nothing to declare.", "zh": "该大促的方案无需下单：没有需要申报的内容。"},
    "dc.warehouse": {"en": "Declaration for", "zh": "申报仓库"},
    "dc.all": {"en": "All {n} warehouses (one sheet each)", "zh": "全部 {n} 个仓库（每仓一个工作表）"},
    "dc.download": {"en": "Download declaration (.xlsx)", "zh": "下载备货申报表（.xlsx）"},
    "dc.totals": {
        "en": "{lines} SKU lines · {units} units · {cartons} cartons · {cbm} CBM · {kg} kg",
        "zh": "{lines} 个 SKU 行 · {units} 件 · {cartons} 箱 · {cbm} 立方米 · {kg} 千克",
    },
    # Forecast page
    "fc.model": {"en": "Forecast model the plan uses", "zh": "方案使用的预测模型"},
    "fc.model_help": {
        "en": "Auto picks the best model per SKU by rolling-origin backtest. A new model is fitted once for the dataset (with a progress bar) and stored; switching back is instant.",
        "zh": "自动模式按滚动回测为每个 SKU 选择最佳模型。新模型对每个数据集只拟合一次（显示进度）并保存；切换回来即时生效。",
    },
    "fc.model.auto": {"en": "Auto (best per SKU)", "zh": "自动（逐 SKU 选优）"},
    "fc.model.ets": {"en": "ETS (Holt-Winters)", "zh": "ETS（霍尔特-温特斯）"},
    "fc.model.prophet": {"en": "Prophet", "zh": "Prophet"},
    "fc.model.intermittent": {"en": "Intermittent (TSB)", "zh": "间歇需求（TSB）"},
    "fc.model.naive": {"en": "Seasonal naive", "zh": "季节性朴素"},
    "fc.short.auto": {"en": "Auto", "zh": "自动"},
    "fc.short.ets": {"en": "ETS", "zh": "ETS"},
    "fc.short.prophet": {"en": "Prophet", "zh": "Prophet"},
    "fc.short.intermittent": {"en": "TSB", "zh": "TSB"},
    "fc.short.naive": {"en": "Naive", "zh": "朴素"},
    "fc.short.ets_yearly": {"en": "ETS + yearly", "zh": "ETS + 年度季节"},
    "fc.short.lgbm": {"en": "LightGBM", "zh": "LightGBM"},
    "fc.censored": {"en": "Out of stock (sales censored)", "zh": "缺货（销量被截断）"},
    "fc.corrected": {"en": "Demand with stockouts corrected", "zh": "修正缺货后的需求"},
    "fc.censored_caption": {
        "en": "{n} day(s) of this SKU's history were out of stock: the model read demand from the corrected line, not from the zeros.",
        "zh": "该 SKU 历史中有 {n} 天缺货：模型按修正后的需求线建模，而不是把这些零销量当作零需求。",
    },
    "fc.series": {"en": "SKU and market", "zh": "SKU 与市场"},
    "fc.band": {"en": "P10-P90 interval", "zh": "P10-P90 区间"},
    "fc.mean": {"en": "Forecast (mean, incl. campaign uplift)", "zh": "预测均值（含大促提升）"},
    "fc.actual": {"en": "Actual daily units", "zh": "实际日销量"},
    "fc.chart_title": {"en": "Daily demand: {sku} in {region}", "zh": "日需求：{sku}（{region}）"},
    "fc.axis_units": {"en": "Units per day", "zh": "件/天"},
    "fc.chart_caption": {
        "en": "Shaded orange: campaign days of this market. The band is the 80% interval of daily demand.",
        "zh": "橙色阴影：该市场的大促日。区间为日需求的 80% 置信区间。",
    },
    "fc.chosen": {"en": "Model used", "zh": "所用模型"},
    "fc.wape": {"en": "Backtest WAPE", "zh": "回测 WAPE"},
    "fc.wape_help": {"en": "Weighted absolute percentage error: sum of |error| / sum of actual units.", "zh": "加权绝对百分比误差：|误差|之和 / 实际销量之和。"},
    "fc.vs_naive": {"en": "seasonal naive {v}", "zh": "季节性朴素 {v}"},
    "fc.bias": {"en": "Bias", "zh": "偏差"},
    "fc.bias_help": {"en": "(forecast − actual) / actual over the backtest; positive = over-forecast.", "zh": "回测期（预测−实际）/实际；正值表示高估。"},
    "fc.coverage": {"en": "P10-P90 coverage", "zh": "P10-P90 覆盖率"},
    "fc.coverage_help": {"en": "Share of backtest days whose actual fell inside the P10-P90 band (80% is ideal).", "zh": "回测中实际值落在 P10-P90 区间内的天数占比（理想值 80%）。"},
    "fc.reason": {"en": "Why this model", "zh": "选择原因"},
    "fc.reason_tpl": {
        "en": "{model}: lowest error on the window totals over {n} backtest windows (incl. the same weeks last year): {scores}; daily WAPE {wapes}",
        "zh": "选用 {model}：在 {n} 个回测窗口（含去年同期）上窗口总量误差最低：{scores}；日 WAPE 为 {wapes}。",
    },
    "fc.reason_forced": {"en": "{model} was chosen for every SKU", "zh": "已为所有 SKU 指定 {model} 模型。"},
    "fc.uplift": {"en": "Campaign uplift for this SKU", "zh": "该 SKU 的大促提升倍数"},
    "fc.uplift_help": {
        "en": "Campaign-day sales ÷ baseline, from last year's same campaign, shrunk toward the category when the SKU's own history is thin. Scale all uplifts with the uplift lever.",
        "zh": "大促日销量 ÷ 基线，取自去年同一大促；SKU 自身历史较少时向类目水平收缩。可用“大促提升系数”整体调整。",
    },
    "fc.override_title": {"en": "Your uplift for **{campaign}**", "zh": "自定义 **{campaign}** 的提升倍数"},
    "fc.override_value": {"en": "Campaign-day uplift (× baseline)", "zh": "大促日提升倍数（×基线）"},
    "fc.override_help": {
        "en": "Replaces the estimate for this SKU in this market for the chosen campaign; the plan, the share link and saved scenarios carry it.",
        "zh": "替换该 SKU 在该市场、所选大促的估计值；方案、分享链接与保存的方案都会包含此设置。",
    },
    "fc.override_apply": {"en": "Use my uplift", "zh": "使用自定义值"},
    "fc.override_reset": {"en": "Back to estimate", "zh": "恢复估计值"},
    "fc.override_active": {"en": "Override in use: {value}× (estimate {est}×).", "zh": "正在使用自定义值：{value}×（估计值 {est}×）。"},
    "lever.uplift_overrides": {"en": "Uplift overrides", "zh": "自定义提升倍数"},
    "lever.baseline_overrides": {"en": "Baseline overrides", "zh": "自定义基线系数"},
    "lever.cost_shocks": {"en": "Cost shocks", "zh": "成本冲击"},
    "lever.duty_step": {"en": "Duty step", "zh": "关税调整"},
    "lever.duty_step.help": {
        "en": "A tariff change on a date: lines reaching the port on or after it pay the duty rate plus these "
              "percentage points, earlier lines the old rate. 0 = no step.",
        "zh": "某日起生效的关税调整：当天或之后到港清关的货按原税率加上这些百分点缴税，之前到港的仍按原税率。0 = 不调整。",
    },
    "lever.duty_step.date": {"en": "{market}: duty step from", "zh": "{market}：关税调整生效日"},
    "lever.duty_step.points": {"en": "{market}: duty change (percentage points)", "zh": "{market}：关税变化（百分点）"},
    "lever.freight_multiplier": {"en": "Freight multiplier", "zh": "运费倍数"},
    "lever.freight_multiplier.help": {
        "en": "Factor on the first-leg freight of each mode (peak surcharges): 1.3 = +30 %.",
        "zh": "各头程方式运费的倍数（旺季附加费）：1.3 = 上涨 30%。",
    },
    "lever.freight_multiplier.mode": {"en": "Freight × ({mode})", "zh": "运费倍数（{mode}）"},
    "lever.fx_shock_pct": {"en": "FX shock (%)", "zh": "汇率冲击（%）"},
    "lever.fx_shock_pct.help": {
        "en": "Every foreign currency moves this % against CNY, on top of the FX rates: -5 = each USD, GBP or THB "
              "buys 5 % fewer CNY.",
        "zh": "所有外币兑人民币在汇率设置之上再变动该百分比：-5 = 每美元、英镑、泰铢少换 5% 人民币。",
    },
    "exp.baseline_value": {"en": "{sku} in {region}: {value}× forecast", "zh": "{sku}（{region}）：预测 ×{value}"},
    "fc.baseline_title": {"en": "Your baseline for **{sku}** in **{region}**", "zh": "自定义 **{sku}**（**{region}**）的日常基线"},
    "fc.baseline_value": {"en": "Baseline factor (× forecast)", "zh": "基线系数（×预测）"},
    "fc.baseline_help": {
        "en": "Scales this SKU's forecast in this market on every day, for what the history cannot show (a price "
              "change, a relaunch, a delisting); campaign uplift applies on top. 1.00 = the forecast as fitted.",
        "zh": "按此系数缩放该 SKU 在该市场每一天的预测，用于历史数据无法体现的情况（调价、重新上架、下架）；大促提升在此基础上叠加。1.00 = 原始预测。",
    },
    "fc.baseline_apply": {"en": "Use my baseline", "zh": "使用自定义基线"},
    "fc.baseline_reset": {"en": "Back to forecast", "zh": "恢复原始预测"},
    "fc.baseline_active": {"en": "Baseline override in use: {value}× the forecast (chart and plan).", "zh": "正在使用自定义基线：预测 ×{value}（图表与方案均已应用）。"},
    "fc.not_in_market": {"en": "**{campaign}** does not run in {region}: no uplift to set for this series.",
                         "zh": "**{campaign}** 不在 {region} 市场举办：该序列无需设置提升倍数。"},
    "fc.win_error": {"en": "Error on 4-week totals", "zh": "4 周总量误差"},
    "fc.win_error_help": {
        "en": "In the backtests (the model forecast from a past day and was compared with what sold), how far the "
              "forecast total over the next four weeks was from the units really sold, as a share of them: 20 % means "
              "off by 1 unit in 5. The plan orders against such totals, so this is the figure that matters, also for "
              "slow sellers whose single days are mostly zero.",
        "zh": "回测中（模型从过去某天开始预测，并与实际销量对比），未来 4 周预测总量与实际销量之差占实际销量的比例：20% 表示每 5 件差 1 件。备货按这样的总量下单，因此这是关键指标，对日销量多为零的慢销品同样有意义。",
    },
    "fc.win_cov": {"en": "4-week totals inside P10-P90", "zh": "4 周总量落入 P10-P90"},
    "fc.win_cov_help": {"en": "Share of backtest windows whose actual total fell inside the forecast's P10-P90 range "
                                "(80 % is ideal).",
                        "zh": "回测窗口中实际总量落在预测 P10-P90 区间内的占比（理想值 80%）。"},
    "fc.col.chosen": {"en": "Model used", "zh": "所用模型"},
    "lever.forecast_model": {"en": "Forecast model", "zh": "预测模型"},
    "fc.col.uplift": {"en": "Uplift (× baseline)", "zh": "提升倍数（×基线）"},
    "fc.col.source": {"en": "Estimated from", "zh": "估计来源"},
    "fc.col.n_obs": {"en": "Campaigns observed", "zh": "已观测大促数"},
    "fc.accuracy": {"en": "Backtest accuracy", "zh": "回测准确度"},
    "fc.acc.catalogue": {"en": "Whole catalogue", "zh": "全部商品"},
    "fc.acc.category": {"en": "By category", "zh": "按类目"},
    "fc.acc.sku": {"en": "By SKU and market (model used)", "zh": "按 SKU 与市场（所用模型）"},
    "fc.acc.caption": {
        "en": "Rolling-origin backtests; skill = 1 − WAPE ÷ WAPE of seasonal naive (higher is better). Campaign days are scored separately.",
        "zh": "滚动起点回测；技能值 = 1 − WAPE ÷ 季节性朴素 WAPE（越高越好）。大促日单独评分。",
    },
    "fc.col.model": {"en": "Model", "zh": "模型"},
    "fc.col.wape": {"en": "WAPE", "zh": "WAPE"},
    "fc.col.bias": {"en": "Bias", "zh": "偏差"},
    "fc.col.coverage": {"en": "P10-P90 coverage", "zh": "P10-P90 覆盖率"},
    "fc.col.camp_wape": {"en": "WAPE on campaign days", "zh": "大促日 WAPE"},
    "fc.col.skill": {"en": "Skill vs seasonal naive", "zh": "相对季节性朴素的技能值"},
    "fc.col.win_wape": {"en": "WAPE of window totals", "zh": "窗口总量 WAPE"},
    "fc.col.win_coverage": {"en": "P10-P90 coverage of window totals", "zh": "窗口总量 P10-P90 覆盖率"},
    # ---- Campaign report (post-campaign review)
    "cr.no_actuals": {
        "en": "No campaign has actual results in this dataset yet. After a campaign ends, import campaign_actuals.csv on "
              "the Data page (one row per SKU, market and day: units_sold, and where known stockout, on_hand_units, "
              "presale_units, creator_units); the other tables are kept.",
        "zh": "该数据集中还没有任何大促的实际结果。大促结束后，请在“数据”页导入 campaign_actuals.csv（每个 SKU × 市场 × 日一行："
              "units_sold，已知时再加 stockout、on_hand_units、presale_units、creator_units）；其他表保持不变。"},
    "cr.campaign": {"en": "Finished campaign", "zh": "已结束的大促"},
    "cr.basis": {
        "en": "{start} – {end}: {n} SKU × market pairs with actual results (dataset v{version}), against the forecast of "
              "dataset v{fc_version}, the newest whose sales end before the campaign.",
        "zh": "{start} – {end}：{n} 个有实际结果的 SKU × 市场（数据集 v{version}），对比数据集 v{fc_version} 的预测"
              "（销量截止于大促开始前的最新版本）。"},
    "cr.forecast_units": {"en": "Forecast units", "zh": "预测销量（件）"},
    "cr.forecast_units_help": {
        "en": "Baseline forecast × the campaign effect of the forecast, summed over the campaign days (units).",
        "zh": "基线预测 × 预测中的大促效应，按大促各天求和（件）。"},
    "cr.actual_units": {"en": "Actual units", "zh": "实际销量（件）"},
    "cr.vs_forecast": {"en": "{v} vs forecast", "zh": "较预测 {v}"},
    "cr.stockout_days": {"en": "Stockout days (SKU-days)", "zh": "断货天数（SKU·天）"},
    "cr.skus_out": {"en": "{n} SKUs ran out", "zh": "{n} 个 SKU 断货"},
    "cr.stockout_help": {
        "en": "Days flagged as stockout or with 0 units on hand at the end of the day.",
        "zh": "标记为断货或当日结束时库存为 0 的天数。"},
    "cr.lost_units": {"en": "Lost units (estimated)", "zh": "损失销量（估算，件）"},
    "cr.lost_help": {
        "en": "On each stockout day: the forecast's demand that day minus what sold, never below 0.",
        "zh": "每个断货日：当天的预测需求减去实际销量，最小为 0。"},
    "cr.leftover_units": {"en": "Leftover units", "zh": "剩余库存（件）"},
    "cr.leftover_help": {
        "en": "Units on hand at the end of the last campaign day with a count (on_hand_units).",
        "zh": "大促最后一个有盘点的日子结束时的库存（on_hand_units）。"},
    "cr.leftover_cost": {"en": "Leftover cost (purchase basis)", "zh": "剩余库存成本（按采购成本）"},
    "cr.leftover_cost_help": {
        "en": "What sells within 6 months at the baseline rate pays 10 %/year capital on its purchase cost while it "
              "waits; the rest is written off at purchase cost. Freight, duty and storage are not included: a floor.",
        "zh": "6 个月内按基线速度能卖出的部分，按采购成本计 10%/年的资金成本；其余按采购成本报废。不含头程、关税与仓储：为下限。"},
    "cr.presale_conv": {"en": "Presale conversion", "zh": "预售转化率"},
    "cr.deposit_conv": {"en": "with deposit: {v}", "zh": "付定金：{v}"},
    "cr.presale_help": {
        "en": "Converted presale units (campaign_actuals.presale_units) / reservations (presale table), without and "
              "with a deposit.",
        "zh": "已转化预售件数（campaign_actuals.presale_units）/ 预约件数（presale 表），分未付定金与付定金。"},
    "cr.creator_units": {"en": "Creator units", "zh": "达人销量（件）"},
    "cr.creator_expected": {"en": "expected: {v}", "zh": "预计：{v}"},
    "cr.series.actual": {"en": "Actual units", "zh": "实际销量"},
    "cr.series.lost": {"en": "Lost units (est.)", "zh": "损失销量（估算）"},
    "cr.series.forecast": {"en": "Forecast units", "zh": "预测销量"},
    "cr.daily_title": {"en": "Units per campaign day", "zh": "大促每日销量"},
    "cr.category_title": {"en": "Forecast vs actual by category", "zh": "各类目预测与实际"},
    "cr.axis_category": {"en": "Category · market", "zh": "类目 · 市场"},
    "cr.axis_units_total": {"en": "Units over the campaign", "zh": "大促期间件数"},
    "cr.estimator_caption": {
        "en": "Lost units are an estimate: the forecast's demand on stockout days, less what sold. Where the forecast "
              "ran low, the loss is understated.",
        "zh": "损失销量为估算：断货日的预测需求减去实际销量。预测偏低时，损失会被低估。"},
    "cr.by_sku": {"en": "Per SKU and market", "zh": "按 SKU 与市场"},
    "cr.col.forecast": {"en": "Forecast (units)", "zh": "预测（件）"},
    "cr.col.actual": {"en": "Actual (units)", "zh": "实际（件）"},
    "cr.col.error": {"en": "Error vs forecast", "zh": "较预测偏差"},
    "cr.col.stockout_days": {"en": "Stockout days", "zh": "断货天数"},
    "cr.col.lost": {"en": "Lost (units, est.)", "zh": "损失（件，估算）"},
    "cr.col.leftover": {"en": "Leftover (units)", "zh": "剩余（件）"},
    "cr.col.leftover_cost": {"en": "Leftover cost (CNY)", "zh": "剩余成本（CNY）"},
    "cr.col.presale_conv": {"en": "Presale conversion", "zh": "预售转化率"},
    "cr.col.creator": {"en": "Creator (units)", "zh": "达人（件）"},
    "cr.col.forecast_uplift": {"en": "Forecast uplift", "zh": "预测提升倍数"},
    "cr.col.realised_uplift": {"en": "Realised uplift", "zh": "实际提升倍数"},
    "cr.col.learned_uplift": {"en": "Learned uplift", "zh": "学习所得提升倍数"},
    "cr.col.learned_from": {"en": "Learned from", "zh": "来源大促"},
    "cr.col.in_plan": {"en": "In the plan now", "zh": "当前方案中"},
    "cr.learned_title": {"en": "What the next plan learns", "zh": "下次备货可借鉴的数据"},
    "cr.learned_caption": {
        "en": "Realised uplift = units sold on in-stock campaign days / the forecast's baseline of those days. A SKU "
              "with little baseline is pulled toward its category: (A + 20 × category uplift) / (B + 20). Saving "
              "adds a new record; earlier ones are kept.",
        "zh": "实际提升倍数 = 大促有货日的销量 / 这些天的预测基线。基线小的 SKU 向其类目收缩：(A + 20 × 类目提升倍数) / (B + 20)。"
              "每次保存新增一条记录，之前的记录都保留。"},
    "cr.author": {"en": "Your name", "zh": "您的姓名"},
    "cr.author_placeholder": {"en": "who saves this", "zh": "保存人"},
    "cr.save_learned": {"en": "Save as learned defaults", "zh": "保存为学习所得默认值"},
    "cr.saved": {"en": "Saved as record {save_id} (learned from {campaign}).", "zh": "已保存为第 {save_id} 条记录（来自 {campaign}）。"},
    "cr.next_title": {"en": "Learned defaults for the plan of {campaign}", "zh": "{campaign} 备货方案的学习所得默认值"},
    "cr.next_none": {
        "en": "No learned defaults yet: review a finished campaign above and save what it learned.",
        "zh": "尚无学习所得默认值：请先在上方复盘一个已结束的大促并保存。"},
    "cr.next_caption": {
        "en": "Learned from the newest saved review of the same kind of campaign (else the newest). Nothing changes "
              "until you apply it; your own uplift overrides are kept, and every value stays editable on the "
              "Forecast page.",
        "zh": "取自同类大促最新保存的复盘（没有则取最新一次）。点击应用前方案不会改变；您自己设置的提升倍数保持不变，所有数值仍可在“预测”页修改。"},
    "cr.use_uplift": {"en": "Use learned uplift ({n} SKUs)", "zh": "使用学习所得提升倍数（{n} 个 SKU）"},
    "cr.use_conversion": {"en": "Use learned conversion ({pc}, deposit {dc})", "zh": "使用学习所得转化率（{pc}，定金 {dc}）"},
    "cr.in_plan_caption": {
        "en": "In the plan now: presale conversion {pc}, deposit conversion {dc}.",
        "zh": "当前方案：预售转化率 {pc}，定金转化率 {dc}。"},
    "cr.learned_note": {
        "en": "Learned from {campaign}: {v}× (not in the plan; apply it here or on the Campaign report page).",
        "zh": "来自 {campaign} 的学习所得：{v}×（未用于方案；可在此处或“活动复盘”页应用）。"},
    "cr.learned_note_used": {
        "en": "Learned from {campaign}: {v}×, in use (overridable here).",
        "zh": "来自 {campaign} 的学习所得：{v}×，已在使用（可在此修改）。"},
    # Import issue kinds (io.readers.Issue.code)
    "issue.reference_row_dropped": {"en": "Unknown id: row left out", "zh": "编码未知：此行已略过"},
    "issue.quota_not_fbt": {"en": "Quota for a non-FBT warehouse: row left out", "zh": "非 FBT 仓的配额：此行已略过"},
    "issue.quota_missing": {"en": "Quota without units or CBM", "zh": "配额既无件数也无立方米"},
    "issue.above_maximum": {"en": "Value above the maximum", "zh": "数值超过上限"},
    "issue.ambiguous_date": {"en": "Ambiguous date (day/month order)", "zh": "日期格式不明确（日/月顺序）"},
    "issue.bad_date": {"en": "Not a date", "zh": "无法识别的日期"},
    "issue.below_minimum": {"en": "Value below the minimum", "zh": "数值低于下限"},
    "issue.blank_row": {"en": "Blank row skipped", "zh": "已跳过空行"},
    "issue.control_characters": {"en": "Control characters removed", "zh": "已删除控制字符"},
    "issue.duplicate_column": {"en": "Column given twice", "zh": "列重复"},
    "issue.duplicate_key": {"en": "Duplicate row", "zh": "重复行"},
    "issue.duplicate_table": {"en": "Table given twice", "zh": "同一张表上传了两次"},
    "issue.empty_file": {"en": "Empty file", "zh": "空文件"},
    "issue.file_too_large": {"en": "File too large", "zh": "文件过大"},
    "issue.formula_text": {"en": "Looks like a formula (kept as text)", "zh": "疑似公式（按文本保存）"},
    "issue.invalid": {"en": "Invalid value", "zh": "无效值"},
    "issue.long_text": {"en": "Very long text", "zh": "文本过长"},
    "issue.missing_column": {"en": "Required column missing", "zh": "缺少必需列"},
    "issue.missing_table": {"en": "Required table missing", "zh": "缺少必需的表"},
    "issue.missing_value": {"en": "Required value missing", "zh": "缺少必填值"},
    "issue.mixed_date_order": {"en": "Dates mix day/month orders", "zh": "日期的日/月顺序混用"},
    "issue.negative_value": {"en": "Negative value", "zh": "数值为负"},
    "issue.not_allowed": {"en": "Value not allowed", "zh": "取值不在允许范围内"},
    "issue.not_integer": {"en": "Not a whole number", "zh": "不是整数"},
    "issue.order_lines_ignored": {"en": "Order lines ignored (sales given)", "zh": "已忽略订单明细（已提供销量表）"},
    "issue.unknown_column": {"en": "Unknown column ignored", "zh": "已忽略未知列"},
    "issue.unknown_encoding": {"en": "Unknown text encoding", "zh": "无法识别的文本编码"},
    "issue.unknown_reference": {"en": "Unknown SKU / warehouse / campaign", "zh": "未知的 SKU／仓库／大促"},
    "issue.unknown_table": {"en": "Unknown table ignored", "zh": "已忽略未知的表"},
    "issue.unnamed_column": {"en": "Column without a header", "zh": "列缺少表头"},
    "issue.unreadable_file": {"en": "File cannot be read", "zh": "无法读取文件"},
    "issue.unsupported_file": {"en": "File type not supported", "zh": "不支持的文件类型"},
    "issue.wrong_order": {"en": "Values in the wrong order", "zh": "数值顺序错误"},
    "issue.campaign_not_ended": {"en": "Campaign not ended yet", "zh": "大促尚未结束"},
    "issue.wrong_type": {"en": "Wrong type of value", "zh": "数值类型错误"},
    "issue.ragged_row": {"en": "Row with extra cells", "zh": "行的单元格数与表头不符"},
    "issue.mixed_encoding": {"en": "Mixed text encodings", "zh": "混用多种文字编码"},
    "issue.uncertain_encoding": {"en": "Text encoding uncertain", "zh": "文字编码无法确定"},
    "issue.encoding_detected": {"en": "Read in another encoding", "zh": "按其他编码读取"},
    "issue.malformed_xlsx": {"en": "Damaged workbook", "zh": "工作簿已损坏"},
    "issue.xlsx_expanded_too_large": {"en": "Workbook unpacks too large", "zh": "工作簿解压后过大"},
    "issue.too_many_rows": {"en": "Too many rows", "zh": "行数过多"},
    "issue.too_many_columns": {"en": "Too many columns", "zh": "列数过多"},
    "issue.too_many_cells": {"en": "Too many cells", "zh": "单元格过多"},
    "issue.declared_too_large": {"en": "Sheet declares a huge size", "zh": "工作表声明的范围过大"},
    "issue.not_finite": {"en": "Not a finite number", "zh": "不是有限数值"},
    "issue.implausible_value": {"en": "Implausibly large value", "zh": "数值大得不合理"},
    "issue.date_out_of_span": {"en": "Date outside the plausible span", "zh": "日期超出合理范围"},
    "issue.history_too_long": {"en": "Sales date far too old", "zh": "销售日期过早"},
    "issue.id_too_long": {"en": "Id too long", "zh": "编码过长"},
    "issue.invisible_characters": {"en": "Invisible characters in an id", "zh": "编码中含不可见字符"},
    "issue.invisible_in_text": {"en": "Invisible characters in a text", "zh": "文本中含不可见字符"},
    "issue.confusable_id": {"en": "Look-alike letters in an id", "zh": "编码中含形似字母"},
    "issue.empty_table": {"en": "Table without rows", "zh": "表中没有数据行"},
    "data.issue.kind": {"en": "Kind", "zh": "问题类型"},
}
