"""Administrative units from the `vietnam-provinces` package (the 34 provinces in force since 1/7/2025)."""

from __future__ import annotations

import functools
import re
import unicodedata

from vietnam_provinces.lookup import PROVINCE_MAPPING

_PREFIX = re.compile(r"^(tỉnh|thành phố|tp\.?)\s+", re.IGNORECASE)


def _fold(name: str) -> str:
    s = _PREFIX.sub("", " ".join(name.strip().split()).lower())
    s = s.replace("đ", "d")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


@functools.cache
def provinces() -> list[dict]:
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


def match_province(name: str) -> str | None:
    """Official code of a province named with or without diacritics and prefix; None if unknown."""
    wanted = _fold(name)
    for p in provinces():
        if _fold(p["name_vi"]) == wanted or p["codename"].replace("_", " ") == wanted:
            return p["admin_unit_code"]
    return None
