"""The resolution's table in words and numbers of the reader's language, and as files: XLSX (numbers and dates
as cells with formats, text never run as a formula) and CSV (UTF-8 with a BOM, so Excel reads the Vietnamese
right; `;` between fields, as Excel expects where the decimal mark is a comma)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from babel.dates import format_date

from chitieu import facts
from chitieu.ingest.tiers import UNIT as TIER
from chitieu.period import Period
from chitieu.present.lang import Lang, Say
from chitieu.present.report_data import ResolutionReport, TargetRow, slug

STATUS = {"met": "Met", "not_yet_met": "Not yet met", "not_met": "Not met", "not_yet_reported": "Not yet reported",
          "not_assessable": "Cannot be assessed"}  # fmt: skip
REASON = {"level_abolished": "the administrative level no longer exists",
          "part_not_assessable": "a part cannot be assessed",
          "ranking_size_mismatch": "ranked among a different number of provinces than the target",
          "insufficient_data": "not enough figures yet"}  # fmt: skip
TREND = {"target_achieved": "Target achieved", "on_track": "On track", "needs_acceleration": "Needs acceleration",
         "limited_progress": "Limited progress", "deterioration": "Deterioration",
         "unable_to_assess": "Unable to assess", "not_applicable": "Not applicable"}  # fmt: skip
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def month_text(period: Period, say: Say) -> str:
    if say.lang == Lang.vi:
        return f"tháng {period.month}/{period.year}"
    return format_date(period.start, "MMMM yyyy", locale="en")


def status_text(status: str | None, say: Say) -> str:
    return say(STATUS[status]) if status else ""


def reason_text(reason: str | None, say: Say) -> str:
    if not reason:
        return ""
    code = reason.split(":")[0]
    return say(REASON[code]) if code in REASON else reason


def trend_text(trend: str | None, say: Say) -> str:
    return say(TREND[trend]) if trend else ""


def _unit(unit: str | None, say: Say) -> str:
    """A canonical unit of chitieu.ingest.template.UNITS in the reader's words."""
    return say(unit) if unit else ""


def tier_label(row: TargetRow, position: float | None, say: Say) -> str:
    """The name of a tier of the row's scale (its ranking_group, seed rating_tiers): 'Khá' / 'Mid-high'."""
    for t in facts.rating_tiers().get(row.ranking_group or "", []):
        if position is not None and t.position == int(position):
            return t.label_vi if say.lang == Lang.vi else t.label_en
    return say.number(position)


def target_text(row: TargetRow, say: Say) -> str:
    """'≥ 80%', 'nhóm 45–50/63' (a band of ranks), 'tăng mỗi năm 0,3–0,8 điểm' (a band of yearly increases),
    '≤ 15 phút', 'nhóm Khá trở lên' (a tier); 'mọi phần' (all parts) for a multi-part target."""
    if row.target_value is None:
        return say(row.comparator or "all parts")
    if row.unit == TIER:
        return say("tier {label} or better", label=tier_label(row, row.target_value, say))
    kind = facts.target_kinds().get(row.kind)
    if row.target_value_low is not None and kind is not None:  # a band: "group 45-50", "+0,3 to +0,8 a year"
        label = say("group") if kind.is_rank else say("increase a year")
        value = f"{say.number(row.target_value_low, 2)}–{say.number(row.target_value, 2)}"
    else:
        label, value = say(row.comparator), say.number(row.target_value, 2)
    if row.unit == "%":
        value += "%"
    elif row.unit and row.unit != "rank":
        value += f" {_unit(row.unit, say)}"
    if row.ranking_size:
        value += f"/{row.ranking_size}"
    return f"{label} {value}"


def assumptions_text(row: TargetRow, say: Say) -> list[str]:
    """What the assessment of the row assumes that its source does not say: chitieu's reading of the clause, the
    tolerance taken from a named parameter (seed assessment_parameters)."""
    out = []
    reading = row.reading_vi if say.lang == Lang.vi else (row.reading_en or row.reading_vi)
    if reading:
        out.append(say("chitieu's reading: {text}", text=reading))
    if row.tolerance_parameter and (p := facts.parameters().get(row.tolerance_parameter)):
        out.append(say("assumed tolerance {value} ({name}): {text}", value=say.percent(p.value * 100, 2),
                       name=p.name, text=p.description_vi if say.lang == Lang.vi else p.description_en))  # fmt: skip
    return out


def increment_text(row: TargetRow, say: Say) -> str:
    """'+0,41 điểm/năm (bình quân 10 chỉ số thành phần, 2020–2024)': the average change a year it is judged on."""
    value = say.number(row.assessed_value, 2)
    sign = "+" if row.assessed_value >= 0 else ""
    return say("{value} {unit} a year on average ({n} series, {start}–{end})", value=f"{sign}{value}",
               unit=_unit(row.unit, say), n=row.n_components, start=row.increment_from_year,
               end=row.increment_to_year)  # fmt: skip


def assumed_text(row: TargetRow, say: Say) -> str:
    """What of the figure's dating its source does not give and its file assumes ("(giả định)")."""
    flags = [say("date assumed")] if row.as_of_is_assumed else []
    flags += [say("period assumed")] if row.reference_period_is_assumed else []
    return ", ".join(flags)


def actual_text(row: TargetRow, say: Say) -> str:
    if row.n_components and row.assessed_value is not None:
        return increment_text(row, say)
    if row.actual_value is None:
        if row.parts_total is not None:
            return say("{met}/{total} parts met", met=row.parts_met, total=row.parts_total)
        return ""
    if row.unit == "%":
        text = say.percent(row.actual_value)
    elif row.unit == TIER:
        text = tier_label(row, row.actual_value, say)
    elif row.unit == "rank":
        text = say("rank {rank}", rank=say.number(row.actual_value))
        if row.denominator:
            text += f"/{say.number(row.denominator)}"
    else:
        text = f"{say.number(row.actual_value, 2)} {_unit(row.unit, say)}".strip()
    return text + (f" ({say('provisional')})" if row.is_provisional else "")


HEADERS = ("No.", "Target", "Comparison", "Target value", "Unit", "Result", "As of", "Assessment (strict)",
           "Assessment (majority of parts)", "Reason", "Trend", "Source (file!sheet!cell)",
           "Assumed (not in the source)")  # fmt: skip


def _cells(row: TargetRow, say: Say) -> list:
    """One row of the table as values: numbers and dates as such (the file format decides how they show)."""
    pct = row.unit == "%"
    return [
        row.target_code,
        row.name_vi if say.lang == Lang.vi or not row.name_en else row.name_en,
        target_text(row, say),  # the comparison as written ("nhóm 45–50/63"), the number beside it
        None if row.target_value is None else (row.target_value / 100 if pct else row.target_value),
        _unit(row.unit, say),
        None if row.actual_value is None else (float(row.actual_value) / 100 if pct else float(row.actual_value)),
        dt.date.fromisoformat(str(row.as_of)[:10]) if row.as_of else None,
        status_text(row.status, say),
        status_text(row.status_majority_of_parts or row.status, say),
        reason_text(row.not_assessable_reason, say),
        trend_text(row.trend_category, say),
        f"{row.source_file}!{row.source_sheet}!{row.source_cell}" if row.source_file else "",
        assumed_text(row, say),
    ]


def safe_text(value: object) -> object:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def write_xlsx(report: ResolutionReport, say: Say, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = say("Targets")[:31]
    ws.append([f"{report.resolution_code} — {month_text(report.period, say)}"])
    ws["A1"].font = Font(bold=True)
    ws.append([say(h) for h in HEADERS])
    for row in report.rows:
        values = _cells(row, say)
        ws.append([None] * len(values))
        r = ws.max_row
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, float | int) and c in (4, 6):
                cell.number_format = "0.00%" if row.unit == "%" else "#,##0.##"
    for col, width in zip("ABCDEFGHIJKLM", (6, 60, 12, 12, 10, 12, 12, 18, 18, 30, 20, 50, 20), strict=True):
        ws.column_dimensions[col].width = width
    wb.save(path)
    return path


def write_csv(report: ResolutionReport, say: Say, path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, delimiter=";")
        w.writerow([say(h) for h in HEADERS])
        for row in report.rows:
            values = _cells(row, say)
            pct = row.unit == "%"
            for i in (3, 5):  # numbers as the reader writes them: 37,36% / 1.921
                v = values[i]
                values[i] = "" if v is None else (say.percent(v * 100) if pct else say.number(v, 2))
            values[6] = say.date(values[6])
            w.writerow([safe_text(v) for v in values])
    return path


def write_table_files(report: ResolutionReport, say: Say, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stem = slug(report.resolution_id)
    return [write_xlsx(report, say, folder / f"{stem}.{say.lang}.xlsx"),
            write_csv(report, say, folder / f"{stem}.{say.lang}.csv")]  # fmt: skip
