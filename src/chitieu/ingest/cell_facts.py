"""What the values alone do not say about a cell: a formula, an error value, a percent format.

The values come from calamine, which reads the cached results of formulas and reads an error as an empty
cell; openpyxl reads the workbook's formulas and formats, and they become notes on the cells."""

from __future__ import annotations

from pathlib import Path

from chitieu.ingest.reading import in_sheet, nfc

CellKey = tuple[str, int, int]  # (sheet, 0-based row, 0-based column)


def cell_facts(path: Path, sheets: dict[str, str]) -> dict[CellKey, str]:
    """A note ("formula =B2/C2", "error #REF!", "percent format") per cell that has one.
    `sheets`: NFC name -> the name in the file."""
    from openpyxl import load_workbook

    notes: dict[CellKey, str] = {}
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
