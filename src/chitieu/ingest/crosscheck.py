"""A submission's figures against the catalogue and the period they were filed for: each must name a
resolution of its province and a target or a supporting indicator of that resolution, and must not be dated
after the period."""

from __future__ import annotations

from chitieu.ingest.errors import CellError
from chitieu.ingest.records import Figure
from chitieu.ingest.sheet import LABEL
from chitieu.period import Period


class Catalogue:
    """The keys a figure is checked against: (province, resolution code) -> resolution id, and the codes a figure
    may report on: the leaf targets (a target without parts, or a part) and the supporting indicators of each
    resolution."""

    def __init__(self, resolutions: list[dict], targets: list[dict], indicators: list[dict]):
        self.resolution_of = {(r["province_code"], r["resolution_code"]): r["resolution_id"] for r in resolutions}
        self.leaves = {(t["resolution_id"], t["target_code"]) for t in targets if not t["is_multi_part"]}
        self.leaves |= {(i["resolution_id"], i["indicator_code"]) for i in indicators}


def crosscheck(figures: list[Figure], period: Period, catalogue: Catalogue) -> list[CellError]:
    """Set each figure's resolution_id; return the errors (none: the figures can be loaded)."""
    last_day = period.end
    errors = []
    for f in figures:

        def bad(column: str, found: object, expected: str, code: str, f: Figure = f) -> None:
            errors.append(CellError(f.sheet, f"row {f.row_number}", column, str(found), expected, code))

        f.resolution_id = catalogue.resolution_of.get((f.admin_unit_code, f.resolution_code))
        if f.resolution_id is None:
            bad(LABEL["resolution_code"], f.resolution_code, f"a resolution of {f.admin_unit_raw} in the catalogue",
                "unknown_resolution")  # fmt: skip
        elif (f.resolution_id, f.target_code) not in catalogue.leaves:
            bad(LABEL["target_code"], f.target_code,
                f"a target code of {f.resolution_code} (parts of multi-part targets: 6.a, 6.b ...) "
                "or one of its supporting indicators (BT1 ...)",
                "unknown_target")  # fmt: skip
        if f.as_of and (f.as_of - last_day).days > 366:
            bad(LABEL["as_of"], f.as_of_raw or f.as_of,
                f"a date within or before the reporting period {period}; {f.as_of.year} is years away "
                "(a typo in the year?)", "implausible_date")  # fmt: skip
        elif f.as_of and f.as_of > last_day:
            bad(LABEL["as_of"], f.as_of, f"a date within or before the reporting period {period}",
                "as_of_after_period")  # fmt: skip
        if f.reference_start and f.reference_start > last_day:
            bad(LABEL["reference_period"], f.reference_period_raw,
                f"a period that has begun by the end of the reporting period {period}",
                "reference_after_period")  # fmt: skip
    return errors
