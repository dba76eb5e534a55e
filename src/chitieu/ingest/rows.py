"""The rows of a submission's sheet as figures: every cell parsed the Vietnamese way, every problem a
CellError naming the cell, what was found and what was expected."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from chitieu.errors import BadText
from chitieu.ingest import admin_units, tiers
from chitieu.ingest.cell_facts import CellKey
from chitieu.ingest.dates import assumed, parse_reference_period, parse_vi_date
from chitieu.ingest.errors import CellError
from chitieu.ingest.numbers import NumberTextError, parse_vi_number
from chitieu.ingest.reading import fold
from chitieu.ingest.records import Figure
from chitieu.ingest.sheet import LABEL, REQUIRED, SheetTable, blank
from chitieu.ingest.template import UNITS

_TOTAL_LABELS = {"tong", "tong cong", "cong", "total"}
_DOT_DECIMAL = re.compile(r"^-?\d+\.\d{1,2}%?$")  # 99.5 or 99.50%: an English decimal point
_DOT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+%?$")  # 1.921: thousands in Vietnamese, a decimal in English
MAX_DIGITS = 28  # raw.figures keeps decimal(38, 10): 28 digits before the point
_WHOLE_UNITS = {"rank", "tier", "enterprises", "smart cities", "procedures"}  # counted, never fractional
_FREE_TEXT = {"row_no", "target_name", "note"}  # shown, never matched: a stray control character does no harm
_NUMBERS = ("value", "numerator", "denominator")


def _control_char(v: object) -> str | None:
    """The first control or invisible format character (U+202E, U+200B, U+0007 ...) in text; tab and newlines
    are allowed. They make a code or a name look right on screen and match nothing."""
    for ch in v if isinstance(v, str) else "":
        if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf"):
            return f"U+{ord(ch):04X}"
    return None


class _Rows:
    """One sheet's rows read into figures and errors."""

    def __init__(self, table: SheetTable, notes: dict[CellKey, str]):
        self.t = table
        self.notes = notes
        self.figures: list[Figure] = []
        self.errors: list[CellError] = []

    def cell(self, row: list, field: str) -> object:
        j = self.t.cols.get(field)
        if j is None or j >= len(row):
            return None
        v = row[j]
        return None if (isinstance(v, str) and not v.strip()) else v

    def note(self, i: int, field: str) -> str | None:
        return self.notes.get((self.t.name, i, self.t.cols[field])) if field in self.t.cols else None

    def formula_note(self, i: int, field: str) -> str | None:
        """A formula or an error value where calamine read nothing: the file holds no result to load."""
        note = self.note(i, field)
        return note if note and note.startswith(("formula", "error")) else None

    def bad(self, i: int, field: str, found: object, expected: str, code: str) -> None:
        self.errors.append(CellError(self.t.name, self.t.a1(i, field), LABEL[field], str(found), expected, code))

    def data_rows(self) -> list[int]:
        rows = self.t.rows
        return [
            i for i in range(self.t.header_row + 1, len(rows))
            if not all(blank(v) for v in rows[i])
            # a totals row ("Tổng cộng") is not a figure
            and not (self.cell(rows[i], "target_code") is None and any(fold(v) in _TOTAL_LABELS for v in rows[i]))
        ]  # fmt: skip

    def read(self) -> None:
        data = self.data_rows()
        # a required column whose header is there and whose every row is empty: one error, not one a row
        empty = {
            f for f in REQUIRED
            if len(data) > 1 and all(self.cell(self.t.rows[i], f) is None and not self.formula_note(i, f) for i in data)
        }  # fmt: skip
        for f in sorted(empty, key=REQUIRED.index):
            self.bad(self.t.header_row, f, "", f"values below the header (the column is empty in all {len(data)} rows)",
                     "empty_column")  # fmt: skip
        for i in data:
            self.figures.append(self.read_row(i, set(empty)))

    def unusable_cells(self, i: int, row: list, unusable: set[str]) -> None:
        """Formulas without a result, error values, control characters: the cell cannot be read."""
        for field in self.t.cols:
            if self.cell(row, field) is None and (note := self.formula_note(i, field)):
                unusable.add(field)
                if note.startswith("error"):
                    self.bad(i, field, note.removeprefix("error "), "a value, not an Excel error", "formula_error")
                else:
                    self.bad(i, field, note.removeprefix("formula "),
                             "a value: the formula has no result in the file (an error such as #DIV/0! or #REF!, "
                             "or saved by a program that does not calculate); type the value or fix the formula",
                             "formula_without_result")  # fmt: skip
            elif field not in _FREE_TEXT and (cp := _control_char(self.cell(row, field))):
                unusable.add(field)
                self.bad(i, field, self.cell(row, field),
                         f"text without control characters (found {cp}, invisible on screen)",
                         "control_character")  # fmt: skip
        for field in REQUIRED:
            if field not in unusable and self.cell(row, field) is None:
                self.bad(i, field, "", "a value (required column)", "required")

    def read_row(self, i: int, unusable: set[str]) -> Figure:
        row = self.t.rows[i]
        self.unusable_cells(i, row, unusable)
        code = self.cell(row, "target_code")
        unit_raw = str(self.cell(row, "unit") or "").strip()
        fig = Figure(
            sheet=self.t.name,
            row_number=i + 1,
            cell=self.t.a1(i, "value"),
            resolution_code=str(self.cell(row, "resolution_code") or "").strip(),
            target_code=str(int(code)) if isinstance(code, float) and code.is_integer() else str(code or "").strip(),
            unit_raw=unit_raw,
            unit=UNITS.get(unit_raw.lower()),
            note=str(self.cell(row, "note") or "") or None,
        )
        if unit_raw and fig.unit is None:
            self.bad(i, "unit", unit_raw, "one of " + ", ".join(sorted(UNITS)), "unknown_unit")
        cell_notes = []
        for field in _NUMBERS[1:] + _NUMBERS[:1] if fig.unit == tiers.UNIT else _NUMBERS:  # a tier: value last
            setattr(fig, f"{field}_cell", self.t.a1(i, field) if field in self.t.cols else None)
            if note := self.note(i, field):
                cell_notes.append(f"{self.t.a1(i, field)}: {note}")
            self.read_number(i, row, field, fig, unusable)
        fig.cell_note = "; ".join(cell_notes) or None
        self.read_dates(i, row, fig)
        unit_name = str(self.cell(row, "admin_unit") or "").strip()
        fig.admin_unit_raw = unit_name
        # a name means the province of the structure in force on the figure's date
        fig.admin_unit_code = admin_units.match_province(unit_name, fig.as_of) if unit_name else None
        if unit_name and fig.admin_unit_code is None:
            self.bad(i, "admin_unit", unit_name, admin_units.explain_unmatched(unit_name, fig.as_of),
                     "unknown_admin_unit")  # fmt: skip
        return fig

    def read_tier(self, i: int, raw: object, fig: Figure) -> None:
        """A tier ("Khá") is its position on its scale (1 = best), the denominator the scale's size."""
        fig.value_raw = str(raw)
        try:
            found = tiers.tier(raw)
        except BadText as exc:
            self.bad(i, "value", raw, f"a tier of a rating scale: {exc}", "bad_value")
            return
        fig.value = Decimal(found.position)
        fig.denominator = Decimal(found.size) if fig.denominator is None else fig.denominator

    def read_number(self, i: int, row: list, field: str, fig: Figure, unusable: set[str]) -> None:
        raw = self.cell(row, field)
        if field == "value" and fig.unit == tiers.UNIT and isinstance(raw, str) and field not in unusable:
            return self.read_tier(i, raw, fig)
        if field in unusable:
            setattr(fig, field, None)
            setattr(fig, f"{field}_raw", str(raw or ""))
            return
        try:
            value, text = parse_vi_number(raw)
        except NumberTextError as exc:
            setattr(fig, f"{field}_raw", str(raw))
            code = "ambiguous_number" if _DOT_DECIMAL.match(str(raw).strip()) else exc.code
            self.bad(i, field, raw, f"a number ({exc})", code)
            return
        setattr(fig, f"{field}_raw", text)
        if value is not None and (not value.is_finite() or value.adjusted() >= MAX_DIGITS):
            self.bad(i, field, raw, f"a number below 10^{MAX_DIGITS}", "number_out_of_range")
            return
        if field in ("numerator", "denominator"):
            if value is not None and value < 0:
                self.bad(i, field, raw, "a count of zero or more", "negative_count")
            setattr(fig, field, value)
            return
        if fig.unit == "%" and self.note(i, field) == "percent format" and value is not None:
            value = value * 100  # Excel stores 37,36% as 0.3736 in a cell formatted as percent
        if fig.unit == "%" and isinstance(raw, str) and _DOT_GROUPED.match(raw.strip()):
            self.bad(i, field, raw, "a percentage: '1.921' could be 1,921% or 1921%; write it with a comma decimal",
                     "ambiguous_number")  # fmt: skip
            return
        fig.value = value
        if value is not None and fig.unit:
            if value < 0:
                self.bad(i, field, raw, f"zero or more: {fig.unit_raw!r} is never negative", "negative_value")
            elif fig.unit in _WHOLE_UNITS and value != value.to_integral_value():
                self.bad(i, field, raw, f"a whole number of {fig.unit_raw!r}", "not_a_whole_number")

    def read_dates(self, i: int, row: list, fig: Figure) -> None:
        """The as-of date, then the reference period (which may be "to date": that day); each may be marked
        "(giả định)", an assumption the source does not state."""
        as_of_raw = self.cell(row, "as_of")
        fig.as_of_raw = str(as_of_raw or "")
        as_of_cell, fig.as_of_is_assumed = assumed(as_of_raw)
        try:
            fig.as_of = parse_vi_date(as_of_cell) if as_of_raw is not None else None
        except BadText as exc:
            self.bad(i, "as_of", as_of_raw, str(exc), "bad_date")
        ref_raw = self.cell(row, "reference_period")
        fig.reference_period_raw = str(ref_raw or "")
        ref_cell, fig.reference_period_is_assumed = assumed(ref_raw)
        try:
            ref = parse_reference_period(ref_cell, fig.as_of) if ref_raw is not None else None
        except BadText as exc:
            ref = None
            self.bad(i, "reference_period", ref_raw, str(exc), "bad_reference_period")
        if ref:
            fig.reference_period, fig.reference_start, fig.reference_end = ref.code, ref.start, ref.end


def read_rows(table: SheetTable, notes: dict[CellKey, str]) -> tuple[list[Figure], list[CellError]]:
    """The figures of a sheet's data rows (after its header, blank and totals rows skipped) and the errors."""
    rows = _Rows(table, notes)
    rows.read()
    return rows.figures, rows.errors
