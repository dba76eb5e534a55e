"""A sheet of a submission as a table: where its header row is and which column holds each field."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.reading import fold
from chitieu.ingest.template import ALIASES, COLUMNS

HEADER_SCAN_ROWS = 30
HEADERS = {fold(h): f for f, h, _ in COLUMNS} | {fold(a): f for f, names in ALIASES.items() for a in names}
REQUIRED = [f for f, _, req in COLUMNS if req]
LABEL = {f: h for f, h, _ in COLUMNS}


@dataclass(frozen=True)
class SheetTable:
    name: str
    rows: list[list]  # the sheet's cells, NFC
    header_row: int  # 0-based
    cols: dict[str, int]  # field -> 0-based column

    def a1(self, row: int, field: str) -> str:
        return a1(row, self.cols[field])


def col_letter(idx: int) -> str:
    s = ""
    idx += 1
    while idx:
        idx, rem = divmod(idx - 1, 26)
        s = chr(65 + rem) + s
    return s


def a1(row_idx: int, col_idx: int) -> str:
    return f"{col_letter(col_idx)}{row_idx + 1}"


def blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def find_header(rows: list[list], sheet: str) -> SheetTable:
    """The first row (of the first 30) naming the target code and value columns; RejectedFile if the sheet
    has none, or if that row repeats a column or lacks a required one."""
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found: dict[str, int] = {}
        twice: list[str] = []
        for j, v in enumerate(row):
            if (f := HEADERS.get(fold(v))) is None:
                continue
            if f in found:
                twice.append(f"{a1(i, found[f])} {row[found[f]]!r} and {a1(i, j)} {v!r} are both '{LABEL[f]}'")
            found.setdefault(f, j)
        if "target_code" in found and "value" in found:
            if twice:
                raise RejectedFile(
                    "duplicate_column",
                    f"sheet '{sheet}' header row {i + 1}: " + "; ".join(twice) + "; keep one column of each",
                )
            missing = [f for f in REQUIRED if f not in found]
            if missing:
                raise RejectedFile(
                    "missing_column",
                    f"sheet '{sheet}' header row {i + 1} lacks the required column(s) "
                    + ", ".join(f"'{LABEL[f]}'" for f in missing),
                )
            return SheetTable(sheet, rows, i, found)
    titles = [(i, j, v) for i, row in enumerate(rows) for j, v in enumerate(row) if not blank(v)]
    if titles and len({i for i, _, _ in titles}) == len(titles):  # one filled cell per row: titles, no table
        raise RejectedFile(
            "only_titles",
            f"sheet '{sheet}' has only title lines ("
            + ", ".join(f"{a1(i, j)} {v!r}" for i, j, v in titles[:3])
            + f") and no table: no header row with '{LABEL['target_code']}' and '{LABEL['value']}', no figures",
        )
    raise RejectedFile(
        "no_header",
        f"sheet '{sheet}': no header row with '{LABEL['target_code']}' and '{LABEL['value']}' "
        f"in the first {HEADER_SCAN_ROWS} rows; use chitieu's submission template",
    )
