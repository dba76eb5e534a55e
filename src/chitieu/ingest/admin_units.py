"""Administrative units: the 34 provinces in force since the 2025 reorganisation (the dbt project's var
reorganisation_date, read through chitieu.facts) from the `vietnam-provinces` package, and the 63 provinces
before that from dbt_project/seeds/admin_units_63_provinces.csv (the package release that can be installed
here holds only the new structure), a row per name a province had with the days it was in force.

A code means a province only in a structure ("63" or "34"): the new Lào Cai is 15, Yên Bái's old code. So a
code is read together with the date that says its structure, and a resolution's province is followed across
the merger (`lineage`): from 1/7/2025 the figures of the province it became part of are its own."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re

from vietnam_provinces.lookup import PROVINCE_MAPPING

from chitieu import facts
from chitieu.config import settings
from chitieu.ingest.reading import fold

_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s*")
BEFORE, SINCE = "63", "34"  # the structures, by how many provinces they have


def _vi(day: dt.date) -> str:
    """A date as Vietnamese text writes it: day/month/year without leading zeros (1/7/2025)."""
    return f"{day.day}/{day.month}/{day.year}"


def _fold(name: str) -> str:
    """'Thành phố Hà Nội', 'TP. Hà Nội', 'thanh pho ha noi' -> 'ha noi'."""
    return _PREFIX.sub("", fold(name))


def structure_on(day: dt.date | None) -> str:
    """The structure in force on a day (today's when there is none)."""
    return BEFORE if day is not None and day < facts.reorganisation_date() else SINCE


@functools.cache
def provinces() -> list[dict]:
    """The current structure (34 provinces), as the package gives it."""
    return [
        {
            "admin_unit_code": f"{code:02d}",
            "name_vi": p.name,
            "division_type": p.division_type.name.lower(),
            "codename": p.codename,
            "phone_code": p.phone_code,
        }
        for code, p in sorted(PROVINCE_MAPPING.items())
    ]


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@functools.cache
def names_before_2025() -> list[dict]:
    """Every name a province of the 63 had, with the days it was in force (None: the structure's bounds)."""
    path = settings().dbt_project_dir / "seeds" / "admin_units_63_provinces.csv"
    with path.open(encoding="utf-8") as fh:
        return [
            {"admin_unit_code": r["province_code_2008"], "name_vi": r["name_vi"], "successor": r["successor_code_2025"],
             "valid_from": _day(r["name_valid_from"]), "valid_to": _day(r["name_valid_to"])}
            for r in csv.DictReader(fh)
        ]  # fmt: skip


def provinces_before_2025(on: dt.date | None = None) -> list[dict]:
    """The 63 provinces, each under the name it had on the day (default: the last day of the structure)."""
    on = on or facts.reorganisation_date() - dt.timedelta(days=1)
    return [
        p
        for p in names_before_2025()
        if (p["valid_from"] is None or p["valid_from"] <= on) and (p["valid_to"] is None or on <= p["valid_to"])
    ]


def catalogue_structure(code: str, on: dt.date | None) -> str:
    """The structure a resolution's province code is read in: the one in force on `on` (its adoption). Without
    a date, where the code names one province beyond doubt: a province of the 63 kept whole (Lai Châu 12), or a
    code only the 63 have (Lào Cai 10), is read in the 63 (the figures of both structures count for it); a code
    that names different provinces in the two (15, 08 ...) or only a new one, in today's."""
    if on is not None:
        return structure_on(on)
    successor = {p["admin_unit_code"]: p["successor"] for p in names_before_2025()}
    kept = successor.get(code) == code and list(successor.values()).count(code) == 1
    only_old = code in successor and code not in {p["admin_unit_code"] for p in provinces()}
    return BEFORE if kept or only_old else SINCE


def lineage(code: str, structure: str) -> set[tuple[str, str]]:
    """(code, structure) of the provinces whose figures count for a province: itself and, for one of the 63, the
    province of the 34 it became part of. Never backwards: the new province is more than any of the old."""
    out = {(code, structure)}
    if structure == BEFORE:
        out |= {(p["successor"], SINCE) for p in names_before_2025() if p["admin_unit_code"] == code}
    return out


def explain_unmatched(name: str, on: dt.date | None) -> str:
    """What to tell a person whose province name did not match."""
    wanted = _fold(name)
    if structure_on(on) == SINCE:
        for p in names_before_2025():
            if _fold(p["name_vi"]) == wanted:
                new = next(q["name_vi"] for q in provinces() if q["admin_unit_code"] == p["successor"])
                return (
                    f"{p['name_vi']} became part of {new} on {_vi(facts.reorganisation_date())}; "
                    "name the province in force on the figure's date"
                )
    return "a province name (e.g. 'Tỉnh Lai Châu')"


def match_province(name: str, on: dt.date | None = None) -> str | None:
    """Official code of a province named with or without diacritics and prefix, in the structure in force
    on the given date (default: today's); None if unknown. Any name a province had in that structure names it
    (Thừa Thiên Huế and Thành phố Huế are both 46): the name in force on a day is dim_admin_unit's."""
    wanted = _fold(name)
    structure = provinces() if structure_on(on) == SINCE else names_before_2025()
    for p in structure:
        if _fold(p["name_vi"]) == wanted:
            return p["admin_unit_code"]
    return None
