"""Target catalogues (one YAML file per resolution, edited by analysts) -> rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

KINDS = {"at_least", "at_most", "rank_band"}
_TARGET_FIELDS = ("kind", "value", "value_low", "unit", "horizon_year", "level", "name_vi", "name_en")


class CatalogueError(ValueError):
    pass


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_catalogue(path: Path) -> tuple[dict, list[dict]]:
    """One resolution and its targets (a multi-part target gives a parent row and one row per part)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    where = path.name
    try:
        res = doc["resolution"]
        targets = doc["targets"]
    except (TypeError, KeyError) as exc:
        raise CatalogueError(f"{where}: needs 'resolution' and 'targets' sections") from exc
    sha = _sha256(path)
    adopted = res.get("adopted_on")
    resolution = {
        "resolution_id": res["id"],
        "resolution_code": res["code"],
        "title_vi": " ".join(str(res.get("title_vi", "")).split()),
        "title_en": res.get("title_en"),
        "issuer": res.get("issuer"),
        "adopted_on": adopted if isinstance(adopted, dt.date) else None,
        "province_code": str(res["province_code"]).zfill(2),
        "source_document": (res.get("source") or {}).get("document"),
        "source_section": (res.get("source") or {}).get("section"),
        "catalogue_file": path.name,
        "catalogue_sha256": sha,
    }
    rows: list[dict] = []

    def add(t: dict, parent: dict | None) -> None:
        code = str(t.get("code", "")).strip()
        if not code:
            raise CatalogueError(f"{where}: a target without a code")
        inherited = {k: t.get(k, (parent or {}).get(k)) for k in _TARGET_FIELDS}
        has_parts = bool(t.get("parts"))
        if not has_parts:
            if inherited["kind"] not in KINDS:
                raise CatalogueError(f"{where}: target {code}: kind must be one of {sorted(KINDS)}")
            if inherited["value"] is None:
                raise CatalogueError(f"{where}: target {code}: no target value")
        rows.append(
            {
                "resolution_id": resolution["resolution_id"],
                "target_code": code,
                "parent_code": parent["code"] if parent else None,
                "is_multi_part": has_parts,
                "kind": None if has_parts else inherited["kind"],
                "target_value": None if has_parts else float(inherited["value"]),
                "target_value_low": None
                if has_parts or inherited["value_low"] is None
                else float(inherited["value_low"]),
                "unit": None if has_parts else inherited["unit"],
                "horizon_year": int(inherited["horizon_year"]) if inherited["horizon_year"] else None,
                "level": inherited["level"],
                "name_vi": " ".join(str(inherited["name_vi"] or "").split()),
                "name_en": inherited["name_en"],
            }
        )
        for part in t.get("parts") or []:
            add(part, {**t, "code": code})

    for t in targets:
        add(t, None)
    codes = [r["target_code"] for r in rows]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise CatalogueError(f"{where}: duplicate target codes {dupes}")
    return resolution, rows


def load_all(catalogue_dir: Path) -> tuple[list[dict], list[dict]]:
    resolutions, targets = [], []
    for path in sorted(catalogue_dir.glob("*.y*ml")):
        r, ts = load_catalogue(path)
        resolutions.append(r)
        targets.extend(ts)
    if not resolutions:
        raise CatalogueError(f"no target catalogue (*.yaml) in {catalogue_dir}")
    return resolutions, targets
