"""The importer's and the database's words, in English and Chinese.

Every message the importer (:mod:`.readers`, :mod:`.validation`) and the database layer
(:mod:`.storage`) give a person is a :class:`Text`: a key into :data:`MESSAGES` plus the values
to fill in. ``Text.render("en")`` / ``Text.render("zh")`` give the sentence in either language,
so the command line, the dashboard and the tests all read the same catalogue
(``tests/io/test_io_messages.py`` checks that every key has both languages with the same fields).

Values quoted from files are shown through :func:`quote`: at most :data:`QUOTE_CHARS` characters,
control and invisible characters made visible, so a message never carries a hostile payload whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

LANGS = ("en", "zh")

#: Longest part of a user's value a message quotes (the rest becomes "…").
QUOTE_CHARS = 40

_INVISIBLE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]")


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """``'value'`` cut to ``limit`` characters, with control / invisible characters shown as ``?``."""
    s = "" if value is None else str(value)
    s = _INVISIBLE_RE.sub("?", s)
    if len(s) > limit:
        s = s[:limit] + "…"
    return "'" + s.replace("'", "’") + "'"


@dataclass(frozen=True)
class Text:
    """A message in no particular language: a catalogue key and its values (``Text`` values nest)."""

    key: str
    args: tuple[tuple[str, Any], ...] = ()

    def render(self, lang: str = "en") -> str:
        entry = MESSAGES[self.key]
        template = entry.get(lang) or entry["en"]
        values = {k: _render_value(v, lang) for k, v in self.args}
        return template.format(**values) if values else template

    def __str__(self) -> str:  # English for logs and exceptions
        return self.render("en")


def _render_value(v: Any, lang: str) -> Any:
    if isinstance(v, Text):
        return v.render(lang)
    if isinstance(v, tuple) and all(isinstance(x, Text) for x in v):
        return ("、" if lang == "zh" else ", ").join(x.render(lang) for x in v)
    return v


def T(key: str, /, **args: Any) -> Text:
    """Shorthand: ``T("negative_value", value="-3")``; unknown keys fail at once (KeyError)."""
    if key not in MESSAGES:
        raise KeyError(f"message key {key!r} is not in io.messages.MESSAGES; add it in both languages")
    return Text(key, tuple(args.items()))


# --------------------------------------------------------------------------------------------
# The catalogue: key -> {"en": ..., "zh": ...}. Fields in braces are filled by Text.render.
# --------------------------------------------------------------------------------------------

MESSAGES: dict[str, dict[str, str]] = {
    # ---- pieces used inside other messages
    "p.whole_number": {"en": "a whole number", "zh": "整数"},
    "p.number": {"en": "a number", "zh": "数字"},
    "p.one_of": {"en": "one of {values}", "zh": "以下之一：{values}"},
    "p.one_of_list": {"en": "one of {values} (several separated by ';')", "zh": "以下之一：{values}（多个用 ';' 分隔）"},
    "p.at_least": {"en": ">= {lo}", "zh": "≥ {lo}"},
    "p.at_most": {"en": "<= {hi}", "zh": "≤ {hi}"},
    "p.between": {"en": ">= {lo} and <= {hi}", "zh": "≥ {lo} 且 ≤ {hi}"},
    "p.no_range": {"en": "", "zh": ""},
    "p.unit": {"en": " ({unit})", "zh": "（{unit}）"},
    "p.space_before": {"en": " {part}", "zh": "，{part}"},
    "p.none": {"en": "", "zh": ""},
    "p.did_you_mean": {"en": "; did you mean {name}?", "zh": "；是不是 {name}？"},
    "p.did_you_mean_paren": {"en": " (did you mean {name}?)", "zh": "（是不是 {name}？）"},
    "p.dot": {"en": ".", "zh": "。"},
    "p.eg": {"en": " (e.g. {value})", "zh": "（例如 {value}）"},
    "p.optional_cols": {"en": " (optional: {cols})", "zh": "（可选：{cols}）"},

    # ---- file level (readers)
    "file_too_large": {
        "en": "the file is {size_mb} MB; the limit is {limit_mb} MB.",
        "zh": "文件大小为 {size_mb} MB，上限为 {limit_mb} MB。"},
    "file_too_large.fix": {
        "en": "split it (for example one file per month of sales), or raise the limit with the environment "
              "variable LINKSTAR_MAX_UPLOAD_MB.",
        "zh": "把文件拆小（例如每月销量一个文件），或用环境变量 LINKSTAR_MAX_UPLOAD_MB 提高上限。"},
    "unknown_encoding": {
        "en": "the file's text encoding could not be recognised: it is not UTF-8 ({detail}) and no other encoding "
              "reads it without replacing characters.",
        "zh": "无法识别文件的文字编码：它不是 UTF-8（{detail}），其他编码也无法在不替换字符的情况下读取它。"},
    "unknown_encoding.fix": {
        "en": "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and upload it again.",
        "zh": "另存为“CSV UTF-8”（Excel：文件 > 另存为 > CSV UTF-8）后重新上传。"},
    "uncertain_encoding": {
        "en": "the file's encoding is uncertain: as {enc} it reads {sample}, which looks garbled, and as "
              "{alt} it reads {alt_sample}.",
        "zh": "文件编码无法确定：按 {enc} 读取为 {sample}，像是乱码；按 {alt} 读取为 {alt_sample}。"},
    "uncertain_encoding.fix": {
        "en": "save it as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) and upload it again, so no name is "
              "stored garbled.",
        "zh": "另存为“CSV UTF-8”（Excel：文件 > 另存为 > CSV UTF-8）后重新上传，以免名称以乱码保存。"},
    "mixed_encoding": {
        "en": "the file mixes encodings: this row is UTF-8 ({sample}) while the rest of the file is {enc}.",
        "zh": "文件混用了多种编码：这一行是 UTF-8（{sample}），而文件其余部分是 {enc}。"},
    "mixed_encoding.fix": {
        "en": "open the file, retype or re-paste this row, and save the whole file once as 'CSV UTF-8'.",
        "zh": "打开文件，重新输入或粘贴这一行，然后把整个文件另存为“CSV UTF-8”。"},
    "encoding_detected": {
        "en": "the file was read as {enc} ({name}); check that names such as {sample} look right.",
        "zh": "文件按 {enc}（{name}）读取；请确认 {sample} 等名称显示正确。"},
    "encoding_detected.fix": {
        "en": "nothing to do if they look right; otherwise save the file as 'CSV UTF-8'.",
        "zh": "如显示正确则无需处理；否则请另存为“CSV UTF-8”。"},
    "empty_file": {"en": "the file is empty.", "zh": "文件是空的。"},
    "empty_file.fix": {"en": "export the table again with its header row.", "zh": "重新导出该表（包含表头行）。"},
    "empty_sheet": {"en": "sheet {sheet} is empty.", "zh": "工作表 {sheet} 是空的。"},
    "empty_sheet.fix": {"en": "put the header row in row 1 and the data below it.", "zh": "第 1 行放表头，数据放在其下方。"},
    "unreadable_csv": {
        "en": "the file is not a readable CSV table ({detail}).",
        "zh": "文件不是可读取的 CSV 表格（{detail}）。"},
    "unreadable_csv.fix": {
        "en": "check that every row has the same number of separators, or save it again from Excel.",
        "zh": "检查每行的分隔符数量是否一致，或用 Excel 重新保存。"},
    "ragged_row": {
        "en": "this row has {saw} cells but the header has {want}.",
        "zh": "这一行有 {saw} 个单元格，而表头有 {want} 个。"},
    "ragged_row.fix": {
        "en": "check the row for an extra separator (a comma inside a name needs quotes), or save the file again "
              "from Excel.",
        "zh": "检查该行是否多了分隔符（名称中的逗号需要加引号），或用 Excel 重新保存。"},
    "unreadable_xlsx": {
        "en": "the workbook could not be opened ({detail}).",
        "zh": "无法打开该工作簿（{detail}）。"},
    "unreadable_xlsx.fix": {
        "en": "save it again as an Excel workbook (.xlsx), or export the sheet as CSV UTF-8.",
        "zh": "用 Excel 重新另存为 .xlsx 工作簿，或把工作表导出为 CSV UTF-8。"},
    "malformed_xlsx": {
        "en": "the workbook's sheet {sheet} is damaged or not a plain Excel sheet ({detail}).",
        "zh": "工作簿中的工作表 {sheet} 已损坏或不是普通的 Excel 工作表（{detail}）。"},
    "malformed_xlsx.fix": {
        "en": "open it in Excel and save it again as .xlsx, or export the sheet as CSV UTF-8.",
        "zh": "用 Excel 打开后重新另存为 .xlsx，或把工作表导出为 CSV UTF-8。"},
    "xlsx_expanded_too_large": {
        "en": "the workbook unpacks to {size} of sheet data (limit {limit}): far more than its {packed} file "
              "size suggests.",
        "zh": "该工作簿解压后有 {size} 的表格数据（上限 {limit}），远超其 {packed} 的文件大小。"},
    "xlsx_expanded_too_large.fix": {
        "en": "split the data into smaller workbooks or export it as CSV UTF-8 files.",
        "zh": "把数据拆成较小的工作簿，或导出为 CSV UTF-8 文件。"},
    "too_many_rows": {
        "en": "the table has more than {limit} rows (found at least {n}); the limit is {limit}.",
        "zh": "该表超过 {limit} 行（至少 {n} 行）；上限为 {limit} 行。"},
    "too_many_rows.fix": {
        "en": "split the file (for example one per year), or raise LINKSTAR_MAX_ROWS.",
        "zh": "拆分文件（例如每年一个），或提高 LINKSTAR_MAX_ROWS。"},
    "too_many_columns": {
        "en": "the table has {n} columns; the limit is {limit}.",
        "zh": "该表有 {n} 列；上限为 {limit} 列。"},
    "too_many_columns.fix": {
        "en": "keep only the table's own columns (see the data model) and delete the rest.",
        "zh": "只保留该表自己的列（见数据模型），删除其余列。"},
    "too_many_cells": {
        "en": "the sheet holds more than {limit} cells (rows x columns); it was not read further.",
        "zh": "该工作表的单元格（行 × 列）超过 {limit} 个；未继续读取。"},
    "too_many_cells.fix": {
        "en": "delete unused columns and rows (or formatting that reaches far to the right), or save the table "
              "as CSV UTF-8.",
        "zh": "删除未使用的行和列（或延伸到很远的格式），或把表格另存为 CSV UTF-8。"},
    "declared_too_large": {
        "en": "the sheet {sheet} declares the range {ref} ({cells} cells), more than the limit of {limit} cells.",
        "zh": "工作表 {sheet} 声明的范围为 {ref}（{cells} 个单元格），超过上限 {limit} 个。"},
    "declared_too_large.fix": {
        "en": "delete empty rows and columns after the data (Excel: select them, Delete, then save), or save the "
              "table as CSV UTF-8.",
        "zh": "删除数据之后的空行和空列（Excel：选中后删除，再保存），或把表格另存为 CSV UTF-8。"},
    "old_xls": {"en": "old Excel .xls workbooks are not read.", "zh": "不读取旧版 Excel .xls 工作簿。"},
    "old_xls.fix": {"en": "open it in Excel and save it as .xlsx or as CSV UTF-8.",
                    "zh": "用 Excel 打开，另存为 .xlsx 或 CSV UTF-8。"},
    "unsupported_file": {"en": "files ending in {suffix} are not read.", "zh": "不读取扩展名为 {suffix} 的文件。"},
    "unsupported_file.fix": {
        "en": "give tables as .csv or .xlsx files named after the table, e.g. sales.csv.",
        "zh": "请以表名命名的 .csv 或 .xlsx 文件提供各表，例如 sales.csv。"},

    # ---- tables and columns (validation)
    "unknown_table": {
        "en": "{file} is not named after a table and was not read{hint}",
        "zh": "{file} 的文件名不是表名，未读取{hint}"},
    "unknown_table.hint": {"en": "; did you mean {name}?", "zh": "；是不是 {name}？"},
    "unknown_table.fix": {"en": "name each file after its table: {names}.", "zh": "按表名命名每个文件：{names}。"},
    "duplicate_table": {
        "en": "table '{table}' is given twice (also in {other}).",
        "zh": "表 '{table}' 出现了两次（另一份在 {other}）。"},
    "duplicate_table.fix": {"en": "keep one file per table.", "zh": "每张表只保留一个文件。"},
    "missing_table": {"en": "the dataset has no '{table}' table.", "zh": "数据集缺少 '{table}' 表。"},
    "missing_table.fix": {
        "en": "add {table}.csv or {table}.xlsx with the columns {cols}.",
        "zh": "添加 {table}.csv 或 {table}.xlsx，包含列 {cols}。"},
    "empty_table": {
        "en": "table '{table}' has a header but no rows.",
        "zh": "表 '{table}' 只有表头，没有数据行。"},
    "empty_table.fix": {
        "en": "export the table again with its rows, or leave the file out.",
        "zh": "重新导出包含数据行的表格，或不要上传该文件。"},
    "order_lines_ignored": {
        "en": "both sales and order_lines are given; sales is used and order_lines is ignored.",
        "zh": "同时提供了 sales 和 order_lines；使用 sales，忽略 order_lines。"},
    "order_lines_ignored.fix": {
        "en": "give either daily sales or the order-line export, not both.",
        "zh": "只提供每日销量或订单明细导出之一，不要同时提供。"},
    "duplicate_column": {
        "en": "column '{col}' appears more than once; only the first is read.",
        "zh": "列 '{col}' 出现了多次；只读取第一列。"},
    "duplicate_column.fix": {"en": "delete or rename the second {header} column.", "zh": "删除或重命名第二个 {header} 列。"},
    "missing_column": {"en": "required column '{col}' is missing.", "zh": "缺少必填列 '{col}'。"},
    "missing_column_hint": {
        "en": "required column '{col}' is missing; the file has {other}: did you mean '{col}'?",
        "zh": "缺少必填列 '{col}'；文件中有 {other}：是不是 '{col}'？"},
    "missing_column.fix": {
        "en": "add a column '{col}'; required columns are {cols}{optional}.",
        "zh": "添加列 '{col}'；必填列为 {cols}{optional}。"},
    "missing_column_hint.fix": {
        "en": "rename the column {other} to '{col}'; required columns are {cols}{optional}.",
        "zh": "把列 {other} 重命名为 '{col}'；必填列为 {cols}{optional}。"},
    "unnamed_column": {
        "en": "a column without a header holds data; it is ignored.",
        "zh": "一列没有表头但有数据；已忽略该列。"},
    "unnamed_column.fix": {
        "en": "give the column a header from the table's columns, or delete it.",
        "zh": "为该列填写表中的列名作为表头，或删除该列。"},
    "unknown_column": {
        "en": "column {header} is not part of table '{table}' and is ignored{hint}",
        "zh": "列 {header} 不属于表 '{table}'，已忽略{hint}"},
    "unknown_column.fix_rename": {
        "en": "rename it to '{hint}' (columns of {table}: {cols}).",
        "zh": "把它重命名为 '{hint}'（{table} 的列：{cols}）。"},
    "unknown_column.fix": {
        "en": "delete it or leave it; it is not imported (columns of {table}: {cols}).",
        "zh": "删除或保留均可；它不会被导入（{table} 的列：{cols}）。"},
    "unknown_columns_more": {
        "en": "{n} more columns are not part of table '{table}' and are ignored.",
        "zh": "另有 {n} 列不属于表 '{table}'，已忽略。"},
    "blank_row": {"en": "the row is empty and was skipped.", "zh": "该行为空，已跳过。"},
    "blank_row.fix": {"en": "delete empty rows (optional).", "zh": "删除空行（可选）。"},
    "missing_value": {"en": "the value is missing.", "zh": "缺少值。"},
    "bad_date": {"en": "{value} is not a valid date.", "zh": "{value} 不是有效日期。"},
    "mixed_date_order": {
        "en": "dates are written both day-first and month-first (e.g. {value}).",
        "zh": "日期同时存在“日在前”和“月在前”两种写法（例如 {value}）。"},
    "ambiguous_date": {
        "en": "dates such as {value} can be read as day/month or month/day, and no date in the column settles which.",
        "zh": "{value} 之类的日期既可读作“日/月”也可读作“月/日”，该列中没有能确定顺序的日期。"},
    "date_order.fix": {
        "en": "write every date in column '{col}' as YYYY-MM-DD, e.g. 2026-11-01.",
        "zh": "把 '{col}' 列的所有日期写成 YYYY-MM-DD，例如 2026-11-01。"},
    "date_out_of_span": {
        "en": "{value} is outside the plausible dates for {col} ({lo} to {hi}).",
        "zh": "{value} 超出 {col} 的合理日期范围（{lo} 至 {hi}）。"},
    "date_out_of_span.fix": {
        "en": "correct the date (a typo in the year, or an Excel number read as a date?); the span is set with "
              "LINKSTAR_EARLIEST_DATE / LINKSTAR_LATEST_DATE.",
        "zh": "更正日期（年份输错，或 Excel 数字被当作日期？）；范围可用 LINKSTAR_EARLIEST_DATE / LINKSTAR_LATEST_DATE 设置。"},
    "wrong_type_number": {"en": "{value} is not a number.", "zh": "{value} 不是数字。"},
    "not_finite": {"en": "{value} is not a finite number.", "zh": "{value} 不是有限的数字。"},
    "not_integer": {"en": "{value} is not a whole number.", "zh": "{value} 不是整数。"},
    "wrong_type_bool": {"en": "{value} is not true or false.", "zh": "{value} 不是 true 或 false。"},
    "implausible_value": {
        "en": "{value} is above the plausible maximum of {hi} for {col}.",
        "zh": "{value} 超过 {col} 的合理上限 {hi}。"},
    "implausible_value.fix": {
        "en": "correct the value (a misplaced decimal point or a unit mix-up?); it must be at most {hi}{unit}.",
        "zh": "更正该值（小数点错位或单位混淆？）；不得超过 {hi}{unit}。"},
    "negative_value": {"en": "{value} is negative.", "zh": "{value} 是负数。"},
    "below_minimum": {"en": "{value} is below the minimum of {lo}.", "zh": "{value} 低于最小值 {lo}。"},
    "above_maximum": {"en": "{value} is above the maximum of {hi}.", "zh": "{value} 高于最大值 {hi}。"},
    "not_allowed": {"en": "{value} is not one of the allowed values.", "zh": "{value} 不在允许的取值中。"},
    "invalid": {"en": "{value} fails the check {check}.", "zh": "{value} 未通过检查 {check}。"},
    "control_characters": {
        "en": "{value} contains control characters (tabs, line breaks or invisible codes); they were removed.",
        "zh": "{value} 含有控制字符（制表符、换行或不可见代码）；已删除。"},
    "control_characters.fix": {"en": "retype the value, or paste it as plain text.", "zh": "重新输入该值，或以纯文本粘贴。"},
    "formula_text": {
        "en": "{value} looks like a spreadsheet formula; it is kept as plain text and never run.",
        "zh": "{value} 看起来像电子表格公式；按纯文本保存，绝不会执行。"},
    "formula_text.fix": {
        "en": "remove the leading '=', '+', '-' or '@' unless it belongs to the value.",
        "zh": "删除开头的 '='、'+'、'-' 或 '@'，除非它本来就是值的一部分。"},
    "long_text": {
        "en": "the value is {n} characters long (more than {limit}); it is kept as is.",
        "zh": "该值长 {n} 个字符（超过 {limit}）；按原样保存。"},
    "long_text.fix": {"en": "shorten it to at most {limit} characters.", "zh": "缩短到最多 {limit} 个字符。"},
    "id_too_long": {
        "en": "the id is {n} characters long; ids may have at most {limit}.",
        "zh": "该编码长 {n} 个字符；编码最多 {limit} 个字符。"},
    "id_too_long.fix": {
        "en": "use the short id from the shop or the warehouse system (at most {limit} characters).",
        "zh": "使用店铺或仓库系统中的短编码（最多 {limit} 个字符）。"},
    "invisible_characters": {
        "en": "{value} contains an invisible or direction-changing character ({names}) at position {pos}.",
        "zh": "{value} 在第 {pos} 个字符处含有不可见或改变文字方向的字符（{names}）。"},
    "invisible_characters.fix": {
        "en": "retype the id by hand; ids must be plain visible characters.",
        "zh": "手动重新输入该编码；编码只能由可见的普通字符组成。"},
    "invisible_in_text": {
        "en": "{value} contains an invisible or direction-changing character ({names}); it is kept as is.",
        "zh": "{value} 含有不可见或改变文字方向的字符（{names}）；按原样保存。"},
    "invisible_in_text.fix": {
        "en": "retype the value if it displays oddly.",
        "zh": "如显示异常，请重新输入该值。"},
    "confusable_id": {
        "en": "{value} mixes scripts: {char} at position {pos} is a {script} letter that looks like a Latin one{hint}.",
        "zh": "{value} 混用了不同文字：第 {pos} 个字符 {char} 是看起来像拉丁字母的{script}字母{hint}。"},
    "confusable_id.hint": {"en": " (the same as {other} on row {row} to the eye)", "zh": "（与第 {row} 行的 {other} 看起来相同）"},
    "confusable_id.fix": {
        "en": "retype the id with Latin letters only, or make sure it really is a different SKU.",
        "zh": "只用拉丁字母重新输入该编码，或确认它确实是另一个 SKU。"},
    "wrong_order": {
        "en": "{late} {late_value} is before/below {early} {early_value}.",
        "zh": "{late} {late_value} 早于/小于 {early} {early_value}。"},
    "wrong_order.fix": {
        "en": "make {early} <= {late} on this row (swap them if they were typed the wrong way round).",
        "zh": "使本行 {early} ≤ {late}（如果填反了请对调）。"},
    "campaign_not_ended": {
        "en": "actual results for campaign {campaign}, which has not ended yet (its last day is {end}); this row is "
              "left out and the rest is imported.",
        "zh": "大促 {campaign} 尚未结束（最后一天为 {end}），不能导入其实际结果；本行未导入，其余照常导入。"},
    "campaign_not_ended.fix": {
        "en": "import campaign_actuals for {campaign} from {after} on, once the campaign is over (or correct "
              "campaign_id if the rows belong to a finished campaign).",
        "zh": "请在大促结束后（{after} 起）再导入 {campaign} 的 campaign_actuals（如这些行属于已结束的大促，请改正 campaign_id）。"},
    "duplicate_key": {
        "en": "{desc} appears more than once (first on row {first}).",
        "zh": "{desc} 出现了多次（首次在第 {first} 行）。"},
    "duplicate_key.fix": {
        "en": "keep one row per {key}: add the rows together or delete the repeat.",
        "zh": "每个 {key} 只保留一行：把这些行合并或删除重复行。"},
    "unknown_reference": {
        "en": "{col} {value} is not in {ref_file}{hint}.",
        "zh": "{col} {value} 不在 {ref_file} 中{hint}。"},
    "unknown_reference.fix": {
        "en": "add {value} to {ref_file}, or correct the id (ids are case-sensitive).",
        "zh": "把 {value} 添加到 {ref_file}，或更正编码（编码区分大小写）。"},
    "history_too_long": {
        "en": "{value} is more than {years} years before the latest sale ({latest}); one stray old date would stretch "
              "every forecast over the whole gap.",
        "zh": "{value} 比最近一次销售（{latest}）早了 {years} 年以上；一个错误的旧日期会让所有预测跨越整个时间段。"},
    "history_too_long.fix": {
        "en": "correct the date, or import only the last {years} years of sales (LINKSTAR_MAX_HISTORY_YEARS).",
        "zh": "更正日期，或只导入最近 {years} 年的销量（LINKSTAR_MAX_HISTORY_YEARS）。"},
    "reference_row_dropped": {
        "en": "{col} {value} is not in {ref_file}{hint}: this row is left out, the rest of the file imports.",
        "zh": "{col} {value} 不在 {ref_file} 中{hint}：此行已略过，文件其余部分照常导入。"},
    "quota_not_fbt": {
        "en": "warehouse_id {value} is a {mode} warehouse: the platform's inbound quota applies only to FBT "
              "warehouses, so this row is left out (the rest of the file imports).",
        "zh": "warehouse_id {value} 是 {mode} 仓：平台入仓配额只适用于 FBT 仓，此行已略过（文件其余部分照常导入）。"},
    "quota_not_fbt.fix": {
        "en": "give the quota of an FBT warehouse{example}, or delete the row.",
        "zh": "请填写 FBT 仓的配额{example}，或删除此行。"},
    "quota_missing": {
        "en": "the row has neither quota_units nor quota_cbm.",
        "zh": "此行既没有 quota_units 也没有 quota_cbm。"},
    "quota_missing.fix": {
        "en": "enter the month's inbound quota in units (quota_units), in cubic metres (quota_cbm), or both.",
        "zh": "请填写该月入仓配额：件数（quota_units）、立方米（quota_cbm），或两者都填。"},
    "kept_reference": {
        "en": "{n} rows of the kept table {table} (dataset version {version}) name a {col} that {ref_file} does not "
              "have, e.g. {value}.",
        "zh": "沿用的表 {table}（数据集版本 {version}）中有 {n} 行的 {col} 不在 {ref_file} 中，例如 {value}。"},
    "kept_reference.fix": {
        "en": "keep those ids in {ref_file}, or upload a new {table} file as well.",
        "zh": "在 {ref_file} 中保留这些编码，或同时上传新的 {table} 文件。"},

    # ---- fixes built from the column spec
    "fix.units": {"en": "enter units sold as 0 or more (returns go in a separate file).",
                  "zh": "销量填 0 或以上的数（退货另行记录）。"},
    "fix.quantity": {"en": "enter the line quantity as 0 or more (refunds go in a separate file).",
                     "zh": "订单行数量填 0 或以上的数（退款另行记录）。"},
    "fix.number": {
        "en": "enter {col} as {kind}{range}{unit}, without units or currency signs.",
        "zh": "{col} 请填{kind}{range}{unit}，不要带单位或货币符号。"},
    "fix.date": {"en": "write {col} as YYYY-MM-DD, e.g. 2026-11-01.", "zh": "{col} 请写成 YYYY-MM-DD，例如 2026-11-01。"},
    "fix.month": {"en": "write {col} as YYYY-MM, e.g. 2026-11 (a date in the month also works).",
                  "zh": "{col} 请写成 YYYY-MM，例如 2026-11（也可填该月内任一日期）。"},
    "fix.datetime": {"en": "write {col} as YYYY-MM-DD HH:MM, e.g. 2026-11-01.",
                     "zh": "{col} 请写成 YYYY-MM-DD HH:MM，例如 2026-11-01。"},
    "fix.bool": {"en": "enter {col} as true or false (yes/no, 1/0 are accepted).",
                 "zh": "{col} 请填 true 或 false（也接受 yes/no、1/0、是/否）。"},
    "fix.allowed": {"en": "use {range}.", "zh": "请使用{range}。"},
    "fix.text": {"en": "enter a value for {col}.", "zh": "请填写 {col}。"},

    # ---- summary
    "summary.ok": {
        "en": "OK: {errors} errors, {warnings} warnings in {files} files ({tables} tables, {rows} rows).",
        "zh": "通过：{files} 个文件中有 {errors} 个错误、{warnings} 个警告（{tables} 张表，{rows} 行）。"},
    "summary.rejected": {
        "en": "NOT imported: {errors} errors, {warnings} warnings in {files} files ({tables} tables, {rows} rows).",
        "zh": "未导入：{files} 个文件中有 {errors} 个错误、{warnings} 个警告（{tables} 张表，{rows} 行）。"},
    "where.row": {"en": "row {row}", "zh": "第 {row} 行"},
    "where.column": {"en": "column '{col}'", "zh": "列 '{col}'"},
    "where.fix": {"en": "Fix:", "zh": "处理方法："},

    # ---- the database file (storage)
    "db.missing": {
        "en": "the database file {path} does not exist.",
        "zh": "数据库文件 {path} 不存在。"},
    "db.missing.fix": {
        "en": "check LINKSTAR_DB (or --db); the dashboard creates a new file when the folder is writable.",
        "zh": "检查 LINKSTAR_DB（或 --db）；只要文件夹可写，看板会新建数据库文件。"},
    "db.empty": {
        "en": "the database file {path} is empty (0 bytes), so it holds no data.",
        "zh": "数据库文件 {path} 是空的（0 字节），不含任何数据。"},
    "db.empty.fix": {
        "en": "delete it to start afresh, or use the last good copy{backup}.",
        "zh": "删除它以重新开始，或使用最近一份完好的备份{backup}。"},
    "db.corrupt": {
        "en": "the database file {path} is damaged ({detail}).",
        "zh": "数据库文件 {path} 已损坏（{detail}）。"},
    "db.corrupt.fix": {
        "en": "open the last good copy{backup}: copy it over the damaged file, or set LINKSTAR_DB to it.",
        "zh": "打开最近一份完好的备份{backup}：把它复制覆盖损坏的文件，或把 LINKSTAR_DB 指向它。"},
    "db.foreign": {
        "en": "{path} is not a Linkstar database (it is not a DuckDB file, or it holds other tables).",
        "zh": "{path} 不是 Linkstar 数据库（不是 DuckDB 文件，或其中是其他表）。"},
    "db.foreign.fix": {
        "en": "point LINKSTAR_DB (or --db) at the Linkstar database file, or at a new file name.",
        "zh": "把 LINKSTAR_DB（或 --db）指向 Linkstar 数据库文件，或一个新文件名。"},
    "db.locked": {
        "en": "the database file {path} is in use by another program{holder} and stayed busy for {seconds} s.",
        "zh": "数据库文件 {path} 正被另一个程序使用{holder}，等待 {seconds} 秒后仍然繁忙。"},
    "db.locked.fix": {
        "en": "wait until the other program (a command-line import, or the dashboard) is done and try again; "
              "the dashboard lets go of the file a few seconds after its last use.",
        "zh": "等另一个程序（命令行导入或看板）结束后重试；看板在最后一次使用几秒后会释放该文件。"},
    "db.read_only": {
        "en": "the database file {path} cannot be written (read-only file or folder).",
        "zh": "数据库文件 {path} 无法写入（文件或文件夹是只读的）。"},
    "db.read_only.fix": {
        "en": "make the file and its folder writable for this user, or set LINKSTAR_DB to a writable place.",
        "zh": "让当前用户对该文件及其文件夹有写权限，或把 LINKSTAR_DB 指向可写的位置。"},
    "db.newer_schema": {
        "en": "the database file {path} was written by a newer Linkstar Analytics (schema {have}, this one "
              "knows {known}).",
        "zh": "数据库文件 {path} 由较新版本的 Linkstar Analytics 写入（结构版本 {have}，本程序只支持到 {known}）。"},
    "db.newer_schema.fix": {
        "en": "update Linkstar Analytics, or point LINKSTAR_DB at another file.",
        "zh": "更新 Linkstar Analytics，或把 LINKSTAR_DB 指向其他文件。"},
    "db.older_schema": {
        "en": "the database file {path} has schema {have}; this code needs {known}.",
        "zh": "数据库文件 {path} 的结构版本为 {have}；本程序需要 {known}。"},
    "db.older_schema.fix": {
        "en": "open it once without read-only mode so it is brought up to date.",
        "zh": "以非只读方式打开一次，使其升级到最新结构。"},
    "db.busy_write": {
        "en": "the save did not go through: {n} other saves were being written at the same moment.",
        "zh": "保存未完成：同一时刻有 {n} 个其他保存正在写入。"},
    "db.busy_write.fix": {"en": "save again in a moment.", "zh": "请稍后再保存一次。"},
    "db.backup": {"en": " ({path}, made {when})", "zh": "（{path}，创建于 {when}）"},
    "db.no_backup": {"en": " (none has been made yet)", "zh": "（尚未创建备份）"},
}
