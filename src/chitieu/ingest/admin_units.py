"""Administrative units: the 34 provinces in force since the 2025 reorganisation (the dbt project's var
reorganisation_date, read through chitieu.facts) from the `vietnam-provinces` package, and the 63 provinces
before that from dbt_project/seeds/admin_units_63_provinces.csv (the package release that can be installed
here holds only the new structure)."""

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


def _vi(day: dt.date) -> str:
    """A date as Vietnamese text writes it: day/month/year without leading zeros (1/7/2025)."""
    return f"{day.day}/{day.month}/{day.year}"


def _fold(name: str) -> str:
    """'Thành phố Hà Nội', 'TP. Hà Nội', 'thanh pho ha noi' -> 'ha noi'."""
    return _PREFIX.sub("", fold(name))


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


@functools.cache
def provinces_before_2025() -> list[dict]:
    path = settings().dbt_project_dir / "seeds" / "admin_units_63_provinces.csv"
    with path.open(encoding="utf-8") as fh:
        return [
            {"admin_unit_code": r["province_code_2008"], "name_vi": r["name_vi"], "successor": r["successor_code_2025"]}
            for r in csv.DictReader(fh)
        ]


def explain_unmatched(name: str, on: dt.date | None) -> str:
    """What to tell a person whose province name did not match."""
    wanted = _fold(name)
    if on is None or on >= facts.reorganisation_date():
        for p in provinces_before_2025():
            if _fold(p["name_vi"]) == wanted:
                new = next(q["name_vi"] for q in provinces() if q["admin_unit_code"] == p["successor"])
                return (
                    f"{p['name_vi']} became part of {new} on {_vi(facts.reorganisation_date())}; "
                    "name the province in force on the figure's date"
                )
    return "a province name (e.g. 'Tỉnh Lai Châu')"


def match_province(name: str, on: dt.date | None = None) -> str | None:
    """Official code of a province named with or without diacritics and prefix, in the structure in force
    on the given date (default: today's); None if unknown."""
    wanted = _fold(name)
    structure = provinces() if on is None or on >= facts.reorganisation_date() else provinces_before_2025()
    for p in structure:
        if _fold(p["name_vi"]) == wanted:
            return p["admin_unit_code"]
    return None
