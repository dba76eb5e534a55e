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
from chitieu.ingest.reading import in_sheet, nfc, nfc_rows
from chitieu.ingest.template import ALIASES, COLUMNS, SHEET, UNITS

HEADER_SCAN_ROWS = 30
_TOTAL_LABELS = {"tong", "tong cong", "cong", "total"}
_DOT_DECIMAL = re.compile(r"^-?\d+\.\d{1,2}%?$")  # 99.5 or 99.50%: an English decimal point
_DOT_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+%?$")  # 1.921: thousands in Vietnamese, a decimal in English
MAX_DIGITS = 28  # raw.figures keeps decimal(38, 10): 28 digits before the point
_WHOLE_UNITS = {"rank", "enterprises", "smart cities"}  # counted, never fractional


def _norm(text: object) -> str:
    s = " ".join(str(text or "").strip().lower().split()).replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


_HEADERS = {_norm(h): f for f, h, _ in COLUMNS} | {_norm(a): f for f, names in ALIASES.items() for a in names}
_REQUIRED = [f for f, _, req in COLUMNS if req]
_LABEL = {f: h for f, h, _ in COLUMNS}
_FREE_TEXT = {"row_no", "target_name", "note"}  # shown, never matched: a stray control character does no harm


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _control_char(v: object) -> str | None:
    """The first control or invisible format character (U+202E, U+200B, U+0007 ...) in text; tab and newlines
    are allowed. They make a code or a name look right on screen and match nothing."""
    for ch in v if isinstance(v, str) else "":
        if ch not in "\t\n\r" and unicodedata.category(ch) in ("Cc", "Cf"):
            return f"U+{ord(ch):04X}"
    return None


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
        found: dict[str, int] = {}
        twice: list[str] = []
        for j, v in enumerate(row):
            if (f := _HEADERS.get(_norm(v))) is None:
                continue
            if f in found:
                twice.append(f"{a1(i, found[f])} {row[found[f]]!r} and {a1(i, j)} {v!r} are both '{_LABEL[f]}'")
            found.setdefault(f, j)
        if "target_code" in found and "value" in found:
            if twice:
                raise RejectedFile(
                    "duplicate_column",
                    f"sheet '{sheet}' header row {i + 1}: " + "; ".join(twice) + "; keep one column of each",
                )
            missing = [f for f in _REQUIRED if f not in found]
            if missing:
                raise RejectedFile(
                    "missing_column",
                    f"sheet '{sheet}' header row {i + 1} lacks the required column(s) "
                    + ", ".join(f"'{_LABEL[f]}'" for f in missing),
                )
            return i, found
    titles = [(i, j, v) for i, row in enumerate(rows) for j, v in enumerate(row) if not _blank(v)]
    if titles and len({i for i, _, _ in titles}) == len(titles):  # one filled cell per row: titles, no table
        raise RejectedFile(
            "only_titles",
            f"sheet '{sheet}' has only title lines ("
            + ", ".join(f"{a1(i, j)} {v!r}" for i, j, v in titles[:3])
            + f") and no table: no header row with '{_LABEL['target_code']}' and '{_LABEL['value']}', no figures",
        )
    raise RejectedFile(
        "no_header",
        f"sheet '{sheet}': no header row with '{_LABEL['target_code']}' and '{_LABEL['value']}' "
        f"in the first {HEADER_SCAN_ROWS} rows; use chitieu's submission template",
    )


def _cell_facts(path: Path, sheets: dict[str, str]) -> dict[tuple[str, int, int], str]:
    """(sheet, row, col) -> a note for formula cells, error values (#REF! pasted as a value) and cells formatted
    as percent (openpyxl inspects the formatting; the values themselves come from calamine, which reads the
    cached results of formulas and reads an error as an empty cell). `sheets`: NFC name -> name in the file."""
    from openpyxl import load_workbook

    notes: dict[tuple[str, int, int], str] = {}
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # calamine could read it; the notes are a bonus
        return notes
    try:
        for name, name_in_file in sheets.items():
            with in_sheet(name):
                for r, row in enumerate(wb[name_in_file].iter_rows()):
                    for c, cell in enumerate(row):
                        kind = getattr(cell, "data_type", None)
                        if kind == "f":
                            notes[(name, r, c)] = f"formula {nfc(cell.value)}"
                        elif kind == "e":
                            notes[(name, r, c)] = f"error {cell.value}"
                        elif "%" in str(getattr(cell, "number_format", "") or "") and isinstance(
                            cell.value, int | float
                        ):
                            notes[(name, r, c)] = "percent format"
    finally:
        wb.close()
    return notes


def read_submission(path: Path) -> list[dict]:
    """All figures of one file, from every sheet that has the template's header (SoLieu first).
    Raises RejectedFile naming every bad cell; never returns part of a file. A parser's own error (broken XML,
    a missing part) is raised as it is: the loader's read_guard turns it into this file's rejection.
    Sheet names and cell text are NFC from here on (see chitieu.ingest.reading)."""
    wb = CalamineWorkbook.from_path(str(path))
    in_file = {nfc(n): n for n in wb.sheet_names}  # NFC name -> the name to ask calamine and openpyxl for
    names = sorted(in_file, key=lambda n: n != SHEET)
    found: list[tuple[str, list, int, dict]] = []
    for name in names:
        with in_sheet(name):
            rows = nfc_rows(wb.get_sheet_by_name(in_file[name]).to_python(skip_empty_area=False))
        try:
            header_idx, cols = _find_header(rows, name)
        except RejectedFile as exc:
            if exc.code in ("missing_column", "duplicate_column"):
                raise
            continue
        found.append((name, rows, header_idx, cols))
    if not found:
        if SHEET not in in_file:
            raise RejectedFile(
                "missing_sheet",
                f"no sheet named '{SHEET}' and no sheet with the template's header "
                f"(found: {', '.join(in_file) or 'none'})",
            )
        with in_sheet(SHEET):  # raises no_header or only_titles
            _find_header(nfc_rows(wb.get_sheet_by_name(in_file[SHEET]).to_python(skip_empty_area=False)), SHEET)
    notes = _cell_facts(path, {f[0]: in_file[f[0]] for f in found})
    figures: list[dict] = []
    errors: list[CellError] = []
    first_row: dict[tuple, str] = {}
    for name, rows, header_idx, cols in found:
        with in_sheet(name):
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

    def formula_note(i: int, field: str) -> str | None:
        """A formula or an error value where calamine read nothing: the file holds no result to load."""
        note = notes.get((sheet, i, cols[field]))
        return note if note and note.startswith(("formula", "error")) else None

    data = [
        i for i in range(header_idx + 1, len(rows))
        if not all(_blank(v) for v in rows[i])
        # a totals row ("Tổng cộng") is not a figure
        and not (cell(rows[i], "target_code") is None and any(_norm(v) in _TOTAL_LABELS for v in rows[i]))
    ]  # fmt: skip
    empty = {  # a required column whose header is there and whose every row is empty: one error, not one a row
        f for f in _REQUIRED
        if len(data) > 1 and all(cell(rows[i], f) is None and not formula_note(i, f) for i in data)
    }  # fmt: skip
    for f in sorted(empty, key=_REQUIRED.index):
        errors.append(CellError(sheet, a1(header_idx, cols[f]), _LABEL[f], "",
                                f"values below the header (the column is empty in all {len(data)} rows)",
                                "empty_column"))  # fmt: skip
    for i in data:
        row = rows[i]

        def bad(field: str, found: object, expected: str, code: str, i: int = i) -> None:
            errors.append(CellError(sheet, a1(i, cols[field]), _LABEL[field], str(found), expected, code))

        fig: dict = {"sheet": sheet, "row_number": i + 1, "cell": a1(i, cols["value"])}
        unusable = set(empty)
        for field in cols:
            if cell(row, field) is None and (note := formula_note(i, field)):
                unusable.add(field)
                if note.startswith("error"):
                    bad(field, note.removeprefix("error "), "a value, not an Excel error", "formula_error")
                else:
                    bad(field, note.removeprefix("formula "),
                        "a value: the formula has no result in the file (an error such as #DIV/0! or #REF!, or "
                        "saved by a program that does not calculate); type the value or fix the formula",
                        "formula_without_result")  # fmt: skip
            elif field not in _FREE_TEXT and (cp := _control_char(cell(row, field))):
                unusable.add(field)
                bad(field, cell(row, field), f"text without control characters (found {cp}, invisible on screen)",
                    "control_character")  # fmt: skip
        for field in _REQUIRED:
            if field not in unusable and cell(row, field) is None:
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
            if field in unusable:
                fig[field], fig[f"{field}_raw"] = None, str(raw or "")
                continue
            try:
                fig[field], fig[f"{field}_raw"] = parse_vi_number(raw)
            except NumberTextError as exc:
                fig[field], fig[f"{field}_raw"] = None, str(raw)
                code = "ambiguous_number" if _DOT_DECIMAL.match(str(raw).strip()) else exc.code
                bad(field, raw, f"a number ({exc})", code)
                continue
            v = fig[field]
            if v is not None and (not v.is_finite() or v.adjusted() >= MAX_DIGITS):
                fig[field] = None
                bad(field, raw, f"a number below 10^{MAX_DIGITS}", "number_out_of_range")
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
            if field == "value" and fig[field] is not None and fig["unit"]:
                if fig[field] < 0:
                    bad(field, raw, f"zero or more: {fig['unit_raw']!r} is never negative", "negative_value")
                elif fig["unit"] in _WHOLE_UNITS and fig[field] != fig[field].to_integral_value():
                    bad(field, raw, f"a whole number of {fig['unit_raw']!r}", "not_a_whole_number")
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
