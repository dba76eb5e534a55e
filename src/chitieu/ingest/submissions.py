"""Read a department submission (chitieu's template, or a workbook with its header) into figures with
provenance to the cell."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook

from chitieu.ingest.cell_facts import cell_facts
from chitieu.ingest.errors import CellError, RejectedFile
from chitieu.ingest.reading import in_sheet, nfc, nfc_rows
from chitieu.ingest.records import Figure
from chitieu.ingest.rows import read_rows
from chitieu.ingest.sheet import LABEL, SheetTable, find_header
from chitieu.ingest.template import SHEET


def _tables(wb: CalamineWorkbook, in_file: dict[str, str]) -> list[SheetTable]:
    """Every sheet with the template's header, SoLieu first; RejectedFile if there is none."""
    found = []
    for name in sorted(in_file, key=lambda n: n != SHEET):
        with in_sheet(name):
            rows = nfc_rows(wb.get_sheet_by_name(in_file[name]).to_python(skip_empty_area=False))
        try:
            found.append(find_header(rows, name))
        except RejectedFile as exc:
            if exc.code in ("missing_column", "duplicate_column"):
                raise
    if found:
        return found
    if SHEET not in in_file:
        raise RejectedFile(
            "missing_sheet",
            f"no sheet named '{SHEET}' and no sheet with the template's header (found: {', '.join(in_file) or 'none'})",
        )
    with in_sheet(SHEET):  # raises no_header or only_titles
        find_header(nfc_rows(wb.get_sheet_by_name(in_file[SHEET]).to_python(skip_empty_area=False)), SHEET)
    raise AssertionError("unreachable: find_header raised")


def _duplicate_rows(figures: list[Figure], tables: dict[str, SheetTable]) -> list[CellError]:
    """One figure per target, unit, reference period and date, across the file's sheets."""
    first: dict[tuple, str] = {}
    errors = []
    for f in figures:
        key = (f.resolution_code, f.target_code, f.admin_unit_raw, f.reference_period, f.as_of)
        if key in first:
            t = tables[f.sheet]
            errors.append(CellError(f.sheet, t.a1(f.row_number - 1, "target_code"), LABEL["target_code"], f.target_code,
                                    f"one figure per target, unit, reference period and date; {first[key]} has it "
                                    "already", "duplicate_row"))  # fmt: skip
        first.setdefault(key, f"sheet '{f.sheet}' row {f.row_number}")
    return errors


def read_submission(path: Path) -> tuple[list[Figure], list[CellError]]:
    """All figures of one file, from every sheet that has the template's header, and the cells that could not
    be read (the caller refuses a file with any: never part of a file). RejectedFile when the file has no
    table of figures at all. A parser's own error (broken XML, a missing part) is raised as it is: the
    loader's read_guard turns it into this file's rejection. Sheet names and cell text are NFC from here on."""
    wb = CalamineWorkbook.from_path(str(path))
    in_file = {nfc(n): n for n in wb.sheet_names}  # NFC name -> the name to ask calamine and openpyxl for
    tables = _tables(wb, in_file)
    notes = cell_facts(path, {t.name: in_file[t.name] for t in tables})
    figures: list[Figure] = []
    errors: list[CellError] = []
    for t in tables:
        with in_sheet(t.name):
            figs, errs = read_rows(t, notes)
        figures += figs
        errors += errs
    errors += _duplicate_rows(figures, {t.name: t for t in tables})
    order = {t.name: k for k, t in enumerate(tables)}  # a sheet's errors row by row, as a person reads them
    errors.sort(key=lambda e: (order[e.sheet], int("".join(c for c in e.cell if c.isdigit()))))
    if not figures and not errors:
        raise RejectedFile("no_figures", f"sheet '{tables[0].name}' has a header but no figure rows")
    return figures, errors
