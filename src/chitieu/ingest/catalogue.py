"""Target catalogues (one YAML file per resolution, edited by analysts) -> rows.

A target with several horizons ("50% by 2025, 55% by 2030") gives one row per horizon; a multi-part target
gives a parent row and one row per part (chitieu.ingest.catalogue_targets). The kinds and how each is judged are
the seed dbt_project/seeds/target_kinds.csv (read through chitieu.facts), applied by
dbt_project/macros/assess_status.sql.

Supporting indicators (section `indicators`) are figures a report states beside its targets ("52.072/98.946 hồ
sơ, đạt 52,6%"); they are never targets (not counted, not assessed) but are loaded and checked for consistency.
An indicator with `parts` is the total of those indicators (same reference period).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from chitieu import facts
from chitieu.hashing import sha256_file
from chitieu.ingest import admin_units
from chitieu.ingest.catalogue_targets import CatalogueError, target_rows
from chitieu.ingest.reading import nfc
from chitieu.ingest.template import UNITS

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's safe loader: ~6x faster on 88 catalogues

__all__ = ["CatalogueError", "load_all", "load_catalogue"]


def _date(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def load_catalogue(path: Path) -> tuple[dict, list[dict], list[dict], list[dict]]:
    """One resolution, its target rows, its claims (headline statements of reports, to be checked) and its
    supporting indicators."""
    doc = yaml.load(nfc(path.read_text(encoding="utf-8")), Loader=_LOADER)  # NFC: its codes and names are matched
    where = path.name
    try:
        res = doc["resolution"]
        targets = doc["targets"]
    except (TypeError, KeyError) as exc:
        raise CatalogueError(f"{where}: needs 'resolution' and 'targets' sections") from exc
    sha = sha256_file(path)
    adopted = res.get("adopted_on")
    source = res.get("source") or {}
    resolution = {
        "resolution_id": res["id"],
        "resolution_code": res["code"],
        "title_vi": " ".join(str(res.get("title_vi", "")).split()),
        "title_en": res.get("title_en"),
        "issuer": res.get("issuer"),
        "adopted_on": _date(adopted),
        "province_code": str(res["province_code"]).zfill(2),
        # the code is read in the structure in force on this day (63 provinces before 1/7/2025, 34 after): the
        # adoption, or a day the catalogue names (admin_units.catalogue_structure says what no date means)
        "province_code_on": _date(res.get("province_code_on")) or _date(adopted),
        "source_document": source.get("document"),
        "source_section": source.get("section"),
        "catalogue_file": path.name,
        "catalogue_sha256": sha,
    }
    resolution["province_structure"] = admin_units.catalogue_structure(
        resolution["province_code"], resolution["province_code_on"]
    )
    rows = target_rows(targets, resolution, where)
    claims = [
        {
            "resolution_id": resolution["resolution_id"],
            "claim_id": str(c["id"]),
            "document": c.get("document"),
            "section": c.get("section"),
            "text_vi": " ".join(str(c.get("text_vi", "")).split()),
            # a claim about one month is checked in that month; one about the catalogue ("8 targets for 2025") in
            # every month
            "assessment_month": str(c["assessment_month"]) if c.get("assessment_month") else None,
            "horizon_year": int(c["horizon_year"]),
            "claimed_met": int(c["claimed_met"]) if c.get("claimed_met") is not None else None,
            "claimed_total": int(c["claimed_total"]),
        }
        for c in doc.get("claims") or []
    ]
    indicators = load_indicators(doc.get("indicators") or [], resolution["resolution_id"], rows, where)
    return resolution, rows, claims, indicators


def load_indicators(items: list, resolution_id: str, targets: list[dict], where: str) -> list[dict]:
    """The supporting indicators of a resolution: code, names, unit and, for a total, the codes of its parts.
    Codes are unique and distinct from the target codes; parts are indicators of the same section, in the
    total's unit."""
    units = set(UNITS.values())
    if not isinstance(items, list):
        raise CatalogueError(f"{where}: 'indicators' must be a list")
    rows = []
    for item in items:
        code = str((item or {}).get("code", "")).strip() if isinstance(item, dict) else ""
        if not code:
            raise CatalogueError(f"{where}: a supporting indicator without a code")
        if not item.get("name_vi"):
            raise CatalogueError(f"{where}: indicator {code}: no name_vi")
        if item.get("unit") not in units:
            raise CatalogueError(f"{where}: indicator {code}: unit must be one of {sorted(units)}")
        parts = item.get("parts") or []
        if not isinstance(parts, list):
            raise CatalogueError(f"{where}: indicator {code}: parts must be a list of indicator codes")
        rows.append(
            {
                "resolution_id": resolution_id,
                "indicator_code": code,
                "name_vi": " ".join(str(item["name_vi"]).split()),
                "name_en": item.get("name_en"),
                "unit": item["unit"],
                "part_codes": [str(p).strip() for p in parts] or None,
            }
        )
    codes = [r["indicator_code"] for r in rows]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise CatalogueError(f"{where}: duplicate indicator codes {dupes}")
    clash = sorted(set(codes) & {t["target_code"] for t in targets})
    if clash:
        raise CatalogueError(f"{where}: indicator codes {clash} are target codes too")
    by_code = {r["indicator_code"]: r for r in rows}
    for t in targets:
        unknown = [c for c in t["component_codes"] or [] if c not in by_code]
        if unknown:
            raise CatalogueError(f"{where}: target {t['target_code']}: components {unknown} are no indicators")
        if t["component_codes"] and facts.target_kinds()[t["kind"]].compares != "average_yearly_change":
            raise CatalogueError(
                f"{where}: target {t['target_code']}: components belong to a target judged on an average yearly change"
            )
    for r in rows:
        for part in r["part_codes"] or []:
            if part not in by_code:
                raise CatalogueError(f"{where}: indicator {r['indicator_code']}: part {part} is not an indicator")
            if part == r["indicator_code"]:
                raise CatalogueError(f"{where}: indicator {part} is a part of itself")
            if by_code[part]["unit"] != r["unit"]:
                raise CatalogueError(
                    f"{where}: indicator {r['indicator_code']}: part {part} is in {by_code[part]['unit']!r}, "
                    f"the total in {r['unit']!r}"
                )
    return rows


def load_all(catalogue_dir: Path) -> tuple[list[dict], list[dict], list[dict], list[dict]]:
    """Every catalogue's resolutions, targets, claims and supporting indicators."""
    resolutions, targets, claims, indicators = [], [], [], []
    for path in sorted(catalogue_dir.glob("*.y*ml")):
        r, ts, cs, ins = load_catalogue(path)
        resolutions.append(r)
        targets.extend(ts)
        claims.extend(cs)
        indicators.extend(ins)
    if not resolutions:
        raise CatalogueError(f"no target catalogue (*.yaml) in {catalogue_dir}")
    ids = [r["resolution_id"] for r in resolutions]
    if len(set(ids)) != len(ids):
        raise CatalogueError(f"two catalogues use the same resolution id: {sorted(ids)}")
    return resolutions, targets, claims, indicators
