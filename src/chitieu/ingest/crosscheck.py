"""A submission's figures against the catalogue and the period they were filed for: each must name a
resolution of its province and a target or a supporting indicator of that resolution, and must not be dated
after the period. A figure's province is the code read in the structure in force on its date; it names a
resolution of that province or, from 1/7/2025, of a province that became part of it (Lào Cai 10 -> 15): a code
is never matched alone across the reorganisation (15 was Yên Bái before it)."""

from __future__ import annotations

from chitieu.ingest import admin_units
from chitieu.ingest.errors import CellError
from chitieu.ingest.records import Figure
from chitieu.ingest.sheet import LABEL
from chitieu.period import Period


class Catalogue:
    """The keys a figure is checked against: (province code, structure, resolution code) -> the resolution ids whose
    province it continues, and the codes a figure may report on: the leaf targets (a target without parts, or a
    part) and the supporting indicators of each resolution."""

    def __init__(self, resolutions: list[dict], targets: list[dict], indicators: list[dict]):
        self.resolution_of: dict[tuple[str, str, str], set[str]] = {}
        for r in resolutions:
            for code, reported in admin_units.lineage(r["province_code"], r["province_structure"]):
                key = (code, reported, r["resolution_code"])
                self.resolution_of.setdefault(key, set()).add(r["resolution_id"])
        self.leaves = {(t["resolution_id"], t["target_code"]) for t in targets if not t["is_multi_part"]}
        self.leaves |= {(i["resolution_id"], i["indicator_code"]) for i in indicators}

    def resolution(self, f: Figure) -> set[str]:
        return self.resolution_of.get((f.admin_unit_code, admin_units.structure_on(f.as_of), f.resolution_code), set())


def crosscheck(figures: list[Figure], period: Period, catalogue: Catalogue) -> list[CellError]:
    """Set each figure's resolution_id; return the errors (none: the figures can be loaded)."""
    last_day = period.end
    errors = []
    for f in figures:

        def bad(column: str, found: object, expected: str, code: str, f: Figure = f) -> None:
            errors.append(CellError(f.sheet, f"row {f.row_number}", column, str(found), expected, code))

        found = catalogue.resolution(f)
        f.resolution_id = next(iter(found)) if len(found) == 1 else None
        if len(found) > 1:
            bad(LABEL["resolution_code"], f.resolution_code,
                f"one resolution; since the merger {f.admin_unit_raw} continues several with this code: "
                f"{', '.join(sorted(found))}", "unknown_resolution")  # fmt: skip
        elif f.resolution_id is None:
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
