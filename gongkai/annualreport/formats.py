"""The two national annual-report formats, as data.

FMT_2019: 国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》,
used for the 2019 and 2020 reports.
FMT_2021: 国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》,
used from the 2021 reports on.

Row and column codes follow docs/reports.md (from the spec, §2). Labels are the exact
statutory Chinese; they are data, not translatable strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FormatCode = Literal["FMT_2019", "FMT_2021"]
TableCode = Literal["T2", "T3", "T4"]
ValueKind = Literal["count", "signed", "amount"]

FMT_2019: FormatCode = "FMT_2019"
FMT_2021: FormatCode = "FMT_2021"
FORMAT_CODES: tuple[FormatCode, ...] = (FMT_2019, FMT_2021)
TABLE_CODES: tuple[TableCode, ...] = ("T2", "T3", "T4")


@dataclass(frozen=True)
class Column:
    code: str
    label: str
    kind: ValueKind = "count"
    # Other spellings seen in published headers (normalised form, see labels.normalize).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    # Enumerator printed before the label in the official table ("一、", "（一）", "1."), kept
    # apart so that a wrong enumerator can be detected and reported.
    enumerator: str = ""
    # The group a leaf row belongs to, for rows such as "（三）不予公开 1.属于国家秘密".
    group: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def full_label(self) -> str:
        prefix = f"{self.group} " if self.group else ""
        return f"{prefix}{self.enumerator}{self.label}"


@dataclass(frozen=True)
class T2Block:
    """One block of table 二: the heading 第二十条第（X）项, its columns and rows."""

    article_item: str  # "一", "五", "六", "八", "九"
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    @property
    def heading(self) -> str:
        return f"第二十条第（{self.article_item}）项"


@dataclass(frozen=True)
class ReportFormat:
    code: FormatCode
    document: str
    t2_blocks: tuple[T2Block, ...]
    t3_rows: tuple[Row, ...]
    t3_columns: tuple[Column, ...] = field(default=())
    t4_groups: tuple[Row, ...] = field(default=())
    t4_columns: tuple[Column, ...] = field(default=())
    # Rows of the 2021 format that this format counts in one row of its own (the 2019
    # format has one row （六）其他处理 for the 2021 format's three): code -> code.
    t3_row_folds: tuple[tuple[str, str], ...] = field(default=())

    def t3_row_for(self, row_code: str) -> str:
        """The row of table 三 in this format that counts what ``row_code`` (a row of the
        2021 format, the finer one) counts."""
        return dict(self.t3_row_folds).get(row_code, row_code)

    @property
    def t3_cell_count(self) -> int:
        """Data cells of table 三: 161 (23 rows × 7) in FMT_2019, 175 (25 × 7) in FMT_2021."""
        return len(self.t3_rows) * len(self.t3_columns)

    def table_title(self, table: str) -> str:
        """The numbered heading a table is printed under ("三、收到和处理政府信息公开申请情况")."""
        return SECTION_TITLES[table]

    def row_labels(self, table: str) -> dict[str, str]:
        """Each row's label as a person reads it in this format, by row code: table 二's
        with its block ("第二十条第（一）项 规章"), table 三's with its group, table 四's
        groups with 行政诉讼 where they belong."""
        if table == "T2":
            return {
                row.code: f"{block.heading} {row.label}" for block in self.t2_blocks for row in block.rows
            }
        if table == "T3":
            return {row.code: row.full_label for row in self.t3_rows}
        return {
            group.code: f"{group.group}·{group.label}" if group.group else group.label
            for group in self.t4_groups
        }

    @property
    def t2_rows(self) -> tuple[Row, ...]:
        return tuple(row for block in self.t2_blocks for row in block.rows)

    def t2_columns_of(self, row_code: str) -> tuple[Column, ...]:
        for block in self.t2_blocks:
            if any(row.code == row_code for row in block.rows):
                return block.columns
        raise KeyError(row_code)

    def t2_column(self, row_code: str, column_code: str) -> Column:
        for column in self.t2_columns_of(row_code):
            if column.code == column_code:
                return column
        raise KeyError(column_code)

    @property
    def t3_row_codes(self) -> tuple[str, ...]:
        return tuple(row.code for row in self.t3_rows)

    @property
    def t3_outcome_row_codes(self) -> tuple[str, ...]:
        """The leaf rows of 三、本年度办理结果 that add up to （七）总计."""
        return tuple(row.code for row in self.t3_rows if row.code.startswith("R3_") and row.code != "R3_7")


# --- Table 三 (both formats) -------------------------------------------------------------

T3_COLUMNS: tuple[Column, ...] = (
    Column("NP", "自然人"),
    Column("LP_BIZ", "商业企业"),
    Column("LP_RES", "科研机构"),
    Column("LP_NGO", "社会公益组织"),
    Column("LP_LAW", "法律服务机构"),
    Column("LP_OTHER", "其他"),
    Column("TOTAL", "总计"),
)
T3_PART_COLUMNS: tuple[str, ...] = tuple(c.code for c in T3_COLUMNS[:-1])
T3_HEADER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT_GROUP = "法人或其他组织"
T3_OUTCOME_GROUP = "三、本年度办理结果"

_G3 = "（三）不予公开"
_G4 = "（四）无法提供"
_G5 = "（五）不予处理"
_G6 = "（六）其他处理"

_T3_HEAD: tuple[Row, ...] = (
    Row("R1", "本年新收政府信息公开申请数量", "一、"),
    Row("R2", "上年结转政府信息公开申请数量", "二、"),
    Row("R3_1", "予以公开", "（一）", T3_OUTCOME_GROUP),
    Row(
        "R3_2",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）",
        T3_OUTCOME_GROUP,
        aliases=("部分公开",),
    ),
    Row("R3_3_1", "属于国家秘密", "1.", _G3),
    Row("R3_3_2", "其他法律行政法规禁止公开", "2.", _G3),
    Row("R3_3_3", "危及“三安全一稳定”", "3.", _G3, aliases=("危及三安全一稳定",)),
    Row("R3_3_4", "保护第三方合法权益", "4.", _G3),
    Row("R3_3_5", "属于三类内部事务信息", "5.", _G3),
    Row("R3_3_6", "属于四类过程性信息", "6.", _G3),
    Row("R3_3_7", "属于行政执法案卷", "7.", _G3),
    Row("R3_3_8", "属于行政查询事项", "8.", _G3),
    Row("R3_4_1", "本机关不掌握相关政府信息", "1.", _G4),
    Row("R3_4_2", "没有现成信息需要另行制作", "2.", _G4),
    Row("R3_4_3", "补正后申请内容仍不明确", "3.", _G4),
    Row("R3_5_1", "信访举报投诉类申请", "1.", _G5),
    Row("R3_5_2", "重复申请", "2.", _G5),
    Row("R3_5_3", "要求提供公开出版物", "3.", _G5),
    Row("R3_5_4", "无正当理由大量反复申请", "4.", _G5),
    Row("R3_5_5", "要求行政机关确认或重新出具已获取信息", "5.", _G5),
)
_T3_TAIL: tuple[Row, ...] = (
    Row("R3_7", "总计", "（七）", T3_OUTCOME_GROUP),
    Row("R4", "结转下年度继续办理", "四、"),
)
T3_ROWS_2019: tuple[Row, ...] = (
    *_T3_HEAD,
    Row("R3_6", "其他处理", "（六）", T3_OUTCOME_GROUP),
    *_T3_TAIL,
)
T3_ROWS_2021: tuple[Row, ...] = (
    *_T3_HEAD,
    Row(
        "R3_6_1",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.",
        _G6,
        aliases=("逾期不补正",),
    ),
    Row(
        "R3_6_2",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.",
        _G6,
        aliases=("逾期未按收费通知要求缴纳费用",),
    ),
    Row("R3_6_3", "其他", "3.", _G6),
    *_T3_TAIL,
)

# --- Table 四 (both formats) -------------------------------------------------------------

T4_COLUMNS: tuple[Column, ...] = (
    Column("MAINTAIN", "结果维持"),
    Column("CORRECT", "结果纠正"),
    Column("OTHER", "其他结果"),
    Column("PENDING", "尚未审结"),
    Column("TOTAL", "总计"),
)
T4_PART_COLUMNS: tuple[str, ...] = ("MAINTAIN", "CORRECT", "OTHER", "PENDING")
T4_GROUPS: tuple[Row, ...] = (
    Row("RV", "行政复议"),
    Row("LD", "未经复议直接起诉", group="行政诉讼"),
    Row("LR", "复议后起诉", group="行政诉讼"),
)

# --- Table 二 ----------------------------------------------------------------------------

_MADE_2019 = (
    Column("NEW_MADE", "本年新制作数量"),
    Column("NEW_PUBLISHED", "本年新公开数量"),
    Column("TOTAL_PUBLISHED", "对外公开总数量"),
)
_ITEMS_2019 = (
    Column("PREV_ITEMS", "上一年项目数量"),
    Column("DELTA", "本年增/减", "signed", aliases=("本年增减",)),
    Column("DECISIONS", "处理决定数量"),
)
T2_BLOCKS_2019: tuple[T2Block, ...] = (
    T2Block("一", _MADE_2019, (Row("REG", "规章"), Row("NORM", "规范性文件"))),
    T2Block(
        "五",
        _ITEMS_2019,
        (Row("LICENSE", "行政许可"), Row("OTHER_SERVICE", "其他对外管理服务事项")),
    ),
    T2Block("六", _ITEMS_2019, (Row("PENALTY", "行政处罚"), Row("COERCION", "行政强制"))),
    T2Block("八", _ITEMS_2019[:2], (Row("FEES", "行政事业性收费"),)),
    T2Block(
        "九",
        (
            Column("PROJECTS", "采购项目数量"),
            Column("AMOUNT", "采购总金额", "amount"),
        ),
        (Row("PROCUREMENT", "政府集中采购"),),
    ),
)
T2_BLOCKS_2021: tuple[T2Block, ...] = (
    T2Block(
        "一",
        (
            Column("MADE", "本年制发件数"),
            Column("REPEALED", "本年废止件数"),
            Column("VALID", "现行有效件数"),
        ),
        (Row("REG", "规章"), Row("NORM", "行政规范性文件")),
    ),
    T2Block("五", (Column("DECISIONS", "本年处理决定数量"),), (Row("LICENSE", "行政许可"),)),
    T2Block(
        "六",
        (Column("DECISIONS", "本年处理决定数量"),),
        (Row("PENALTY", "行政处罚"), Row("COERCION", "行政强制")),
    ),
    T2Block(
        "八",
        (Column("FEE_AMOUNT", "本年收费金额（单位：万元）", "amount"),),
        (Row("FEES", "行政事业性收费"),),
    ),
)

FORMATS: dict[FormatCode, ReportFormat] = {
    FMT_2019: ReportFormat(
        code=FMT_2019,
        document="国办公开办函〔2019〕60号",
        t2_blocks=T2_BLOCKS_2019,
        t3_rows=T3_ROWS_2019,
        t3_columns=T3_COLUMNS,
        t4_groups=T4_GROUPS,
        t4_columns=T4_COLUMNS,
        t3_row_folds=(("R3_6_1", "R3_6"), ("R3_6_2", "R3_6"), ("R3_6_3", "R3_6")),
    ),
    FMT_2021: ReportFormat(
        code=FMT_2021,
        document="国办公开办函〔2021〕30号",
        t2_blocks=T2_BLOCKS_2021,
        t3_rows=T3_ROWS_2021,
        t3_columns=T3_COLUMNS,
        t4_groups=T4_GROUPS,
        t4_columns=T4_COLUMNS,
    ),
}

SECTION_TITLES: dict[str, str] = {
    "overview": "一、总体情况",
    "T2": "二、主动公开政府信息情况",
    "T3": "三、收到和处理政府信息公开申请情况",
    "T4": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}
NARRATIVE_SECTIONS: tuple[str, ...] = ("overview", "problems", "other_matters")


def format_for_year(year: int) -> FormatCode:
    """The format in force for a report year: FMT_2019 up to the 2020 reports."""
    return FMT_2019 if year <= 2020 else FMT_2021


def get_format(code: str) -> ReportFormat:
    try:
        return FORMATS[code]  # type: ignore[index]
    except KeyError:
        raise ValueError(f"unknown report format {code!r}") from None


# The first cell of table 二's column-label rows (信息内容 | 本年制发件数 | …).
T2_HEAD_LABEL = "信息内容"


def t2_header_words() -> tuple[str, ...]:
    """The words of table 二's column-label rows in both formats, longest first (so that a
    reader cutting a flattened table at them prefers 本年处理决定数量 to 处理决定数量)."""
    words = {T2_HEAD_LABEL}
    for fmt in FORMATS.values():
        words.update(column.label for block in fmt.t2_blocks for column in block.columns)
    return tuple(sorted(words, key=len, reverse=True))
