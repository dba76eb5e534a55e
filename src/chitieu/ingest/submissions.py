"""Read a department submission (chitieu template) into figures with provenance to the cell."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from python_calamine import CalamineWorkbook

from chitieu.ingest import admin_units
from chitieu.ingest.errors import CellError, RejectedFile
from chitieu.ingest.numbers import NumberTextError, parse_vi_number
from chitieu.ingest.periods import parse_reference_period, parse_vi_date
from chitieu.ingest.template import ALIASES, COLUMNS, SHEET, UNITS

HEADER_SCAN_ROWS = 30
_TOTAL_LABELS = {"tong", "tong cong", "cong", "total"}
_DOT_DECIMAL = re.compile(r"^-?\d+\.\d{1,2}%?$")  # 99.5 or 99.50%: an English decimal point
_DOT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+%?$")  # 1.921: thousands in Vietnamese, a decimal in English


def _norm(text: object) -> str:
    s = " ".join(str(text or "").strip().lower().split()).replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


_HEADERS = {_norm(h): f for f, h, _ in COLUMNS} | {_norm(a): f for f, names in ALIASES.items() for a in names}
_REQUIRED = [f for f, _, req in COLUMNS if req]
_LABEL = {f: h for f, h, _ in COLUMNS}


def col_letter(idx: int) -> str:
    s = ""
    idx += 1
    while idx:
        idx, rem = divmod(idx - 1, 26)
        s = chr(65 + rem) + s
    return s


def a1(row_idx: int, col_idx: int) -> str:
    return f"{col_letter(col_idx)}{row_idx + 1}"


def _find_header(rows: list[list], sheet: str) -> tuple[int, dict[str, int]]:
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = {_HEADERS[_norm(v)]: j for j, v in enumerate(row) if _norm(v) in _HEADERS}
        if "target_code" in found and "value" in found:
            missing = [f for f in _REQUIRED if f not in found]
            if missing:
                raise RejectedFile(
                    "missing_column",
                    f"sheet '{sheet}' header row {i + 1} lacks the required column(s) "
                    + ", ".join(f"'{_LABEL[f]}'" for f in missing),
                )
            return i, found
    raise RejectedFile(
        "no_header",
        f"sheet '{sheet}': no header row with '{_LABEL['target_code']}' and '{_LABEL['value']}' "
        f"in the first {HEADER_SCAN_ROWS} rows; use chitieu's submission template",
    )


def _cell_facts(path: Path, sheets: list[str]) -> dict[tuple[str, int, int], str]:
    """(sheet, row, col) -> a note for formula cells and cells formatted as percent (openpyxl inspects the
    formatting; the values themselves come from calamine, which reads the cached results of formulas)."""
    from openpyxl import load_workbook

    notes: dict[tuple[str, int, int], str] = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # calamine could read it; the notes are a bonus
        return notes
    try:
        for name in sheets:
            for r, row in enumerate(wb[name].iter_rows()):
                for c, cell in enumerate(row):
                    if getattr(cell, "data_type", None) == "f":
                        notes[(name, r, c)] = f"formula {cell.value}"
                    elif "%" in str(getattr(cell, "number_format", "") or "") and isinstance(cell.value, int | float):
                        notes[(name, r, c)] = "percent format"
    finally:
        wb.close()
    return notes


def read_submission(path: Path, display_name: str | None = None) -> list[dict]:
    """All figures of one file, from every sheet that has the template's header (SoLieu first).
    Raises RejectedFile naming every bad cell; never returns part of a file."""
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken zips/xml
        raise RejectedFile(
            "unreadable_workbook", f"{display_name or path.name}: not a readable .xlsx workbook: {exc}"
        ) from exc
    names = sorted(wb.sheet_names, key=lambda n: n != SHEET)
    found: list[tuple[str, list, int, dict]] = []
    for name in names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        try:
            header_idx, cols = _find_header(rows, name)
        except RejectedFile as exc:
            if exc.code == "missing_column":
                raise
            continue
        found.append((name, rows, header_idx, cols))
    if not found:
        if SHEET not in wb.sheet_names:
            raise RejectedFile(
                "missing_sheet",
                f"no sheet named '{SHEET}' and no sheet with the template's header "
                f"(found: {', '.join(wb.sheet_names) or 'none'})",
            )
        _find_header(wb.get_sheet_by_name(SHEET).to_python(skip_empty_area=False), SHEET)  # raises no_header
    notes = _cell_facts(path, [f[0] for f in found])
    figures: list[dict] = []
    errors: list[CellError] = []
    first_row: dict[tuple, str] = {}
    for name, rows, header_idx, cols in found:
        _read_sheet(name, rows, header_idx, cols, notes, figures, errors, first_row)
    if errors:
        raise RejectedFile(
            errors[0].code,
            f"{len(errors)} cell(s) could not be read: " + "; ".join(str(e) for e in errors[:20]),
            errors,
        )
    if not figures:
        raise RejectedFile("no_figures", f"sheet '{found[0][0]}' has a header but no figure rows")
    return figures


def _read_sheet(sheet, rows, header_idx, cols, notes, figures, errors, first_row) -> None:
    def cell(row: list, field: str):
        j = cols.get(field)
        if j is None or j >= len(row):
            return None
        v = row[j]
        return None if (isinstance(v, str) and not v.strip()) else v

    for i in range(header_idx + 1, len(rows)):
        row = rows[i]
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue

        def bad(field: str, found: object, expected: str, code: str, i: int = i) -> None:
            errors.append(CellError(sheet, a1(i, cols[field]), _LABEL[field], str(found), expected, code))

        if cell(row, "target_code") is None and any(_norm(v) in _TOTAL_LABELS for v in row if v is not None):
            continue  # a totals row ("Tổng cộng"): not a figure

        fig: dict = {"sheet": sheet, "row_number": i + 1, "cell": a1(i, cols["value"])}
        for field in _REQUIRED:
            if cell(row, field) is None:
                bad(field, "", "a value (required column)", "required")
        target_code = cell(row, "target_code")
        fig["resolution_code"] = str(cell(row, "resolution_code") or "").strip()
        fig["target_code"] = (
            str(int(target_code))
            if isinstance(target_code, float) and target_code.is_integer()
            else str(target_code or "").strip()
        )
        unit_raw = str(cell(row, "unit") or "").strip()
        fig["unit_raw"] = unit_raw
        fig["unit"] = UNITS.get(unit_raw.lower())
        if unit_raw and fig["unit"] is None:
            bad("unit", unit_raw, "one of " + ", ".join(sorted(UNITS)), "unknown_unit")
        cell_notes = []
        for field in ("value", "numerator", "denominator"):
            raw = cell(row, field)
            fig[f"{field}_cell"] = a1(i, cols[field]) if field in cols else None
            note = notes.get((sheet, i, cols[field])) if field in cols else None
            if note:
                cell_notes.append(f"{a1(i, cols[field])}: {note}")
            try:
                fig[field], fig[f"{field}_raw"] = parse_vi_number(raw)
            except NumberTextError as exc:
                fig[field], fig[f"{field}_raw"] = None, str(raw)
                code = "ambiguous_number" if _DOT_DECIMAL.match(str(raw).strip()) else "not_a_number"
                bad(field, raw, f"a number ({exc})", code)
                continue
            if field == "value" and fig["unit"] == "%" and note == "percent format" and fig[field] is not None:
                fig[field] = fig[field] * 100  # Excel stores 37,36% as 0.3736 in a cell formatted as percent
            if (
                field == "value" and fig["unit"] == "%" and isinstance(raw, str)
                and _DOT_GROUPED.match(raw.strip())
            ):  # fmt: skip
                fig[field] = None
                bad(field, raw, "a percentage: '1.921' could be 1,921% or 1921%; write it with a comma decimal",
                    "ambiguous_number")  # fmt: skip
            if field in ("numerator", "denominator") and fig[field] is not None and fig[field] < 0:
                bad(field, raw, "a count of zero or more", "negative_count")
        fig["cell_note"] = "; ".join(cell_notes) or None
        ref_raw = cell(row, "reference_period")
        fig["reference_period_raw"] = str(ref_raw or "")
        try:
            ref = parse_reference_period(ref_raw) if ref_raw is not None else None
        except ValueError as exc:
            ref = None
            bad("reference_period", ref_raw, str(exc), "bad_reference_period")
        fig["reference_period"] = ref.code if ref else None
        fig["reference_start"] = ref.start if ref else None
        fig["reference_end"] = ref.end if ref else None
        as_of_raw = cell(row, "as_of")
        fig["as_of_raw"] = str(as_of_raw or "")
        try:
            fig["as_of"] = parse_vi_date(as_of_raw) if as_of_raw is not None else None
        except ValueError as exc:
            fig["as_of"] = None
            bad("as_of", as_of_raw, str(exc), "bad_date")
        unit_name = str(cell(row, "admin_unit") or "").strip()
        fig["admin_unit_raw"] = unit_name
        # a name means the province of the structure in force on the figure's date (63 before 1/7/2025)
        fig["admin_unit_code"] = admin_units.match_province(unit_name, fig["as_of"]) if unit_name else None
        if unit_name and fig["admin_unit_code"] is None:
            bad("admin_unit", unit_name, admin_units.explain_unmatched(unit_name, fig["as_of"]), "unknown_admin_unit")
        fig["note"] = str(cell(row, "note") or "") or None
        key = (fig["resolution_code"], fig["target_code"], unit_name, fig["reference_period"], fig["as_of"])
        if key in first_row:
            bad("target_code", fig["target_code"],
                f"one figure per target, unit, reference period and date; {first_row[key]} has it already",
                "duplicate_row")  # fmt: skip
        first_row.setdefault(key, f"sheet '{sheet}' row {i + 1}")
        figures.append(fig)


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str) -> str:
    return _SAFE.sub("_", name)[:120]
