"""The targets of a catalogue as rows of raw.targets, one per horizon year; a multi-part target gives a row of its
own per horizon and one per part and horizon. Its horizons are its own (`horizon_year` or `horizons`), else the
years its parts have between them (the PCI target of Điện Biên: four parts for 2025, one of them also for 2030).
A part without horizons of its own takes the target's.

What a field may hold is checked here; how a target is judged is the seed target_kinds (read through
chitieu.facts). A yearly-increment target may name its `components` (supporting indicators of
the catalogue, e.g. PCI's component indices): the average is taken across them. Two fields take names instead
of numbers: `tolerance` may name a parameter of the seed
assessment_parameters (chitieu's assumption, resolved by dbt), and the value of a tier target ("PCI xếp hạng khá")
is a tier of its scale (seed rating_tiers), the scale being its ranking_group.
"""

from __future__ import annotations

from chitieu import facts
from chitieu.errors import BadText
from chitieu.ingest import tiers

INHERITED = (
    "kind", "value", "value_low", "tolerance", "unit", "level", "ranking_size", "ranking_group",
    "baseline_value", "baseline_year", "name_vi", "name_en",
)  # fmt: skip


class CatalogueError(BadText):
    """A catalogue file that does not describe a resolution as chitieu reads it."""


def _num(v):
    return None if v is None else float(v)


def _stated(t: dict) -> list[dict] | None:
    """The horizons a target states itself: [{year, value?}] from `horizons` or `horizon_year`."""
    if t.get("horizons"):
        return [{"year": int(h["year"]), **{k: v for k, v in h.items() if k != "year"}} for h in t["horizons"]]
    if t.get("horizon_year"):
        return [{"year": int(t["horizon_year"])}]
    return None


def _horizons(t: dict, parent: dict | None, where: str) -> list[dict]:
    found = _stated(t) or (_stated(parent) if parent else None)
    if not found and t.get("parts"):  # a multi-part target is due when its parts are
        years = sorted({h["year"] for p in t["parts"] for h in _stated(p) or []})
        found = [{"year": y} for y in years]
    if not found:
        raise CatalogueError(f"{where}: target {t.get('code')}: no horizon_year or horizons")
    return found


def _tolerance(f: dict, code: str, where: str) -> tuple[float | None, str | None]:
    """(the tolerance the resolution states, the name of the parameter chitieu assumes instead)."""
    value = f["tolerance"]
    if isinstance(value, str):
        if value not in facts.parameters():
            raise CatalogueError(
                f"{where}: target {code}: tolerance {value!r} is neither a number nor a parameter of the seed "
                f"assessment_parameters ({', '.join(sorted(facts.parameters()))})"
            )
        return None, value
    return _num(value), None


def _tier(f: dict, code: str, where: str) -> None:
    """A tier target: its value may name the tier; the scale's size is the ranking size."""
    size = tiers.scale_size(f["ranking_group"])
    if size is None:
        raise CatalogueError(
            f"{where}: target {code}: a tier target's ranking_group must be a scale of the seed rating_tiers "
            f"({', '.join(sorted(facts.rating_tiers()))})"
        )
    if isinstance(f["value"], str):
        try:
            f["value"] = tiers.tier(f["value"], f["ranking_group"]).position
        except BadText as exc:
            raise CatalogueError(f"{where}: target {code}: {exc}") from exc
    if f["ranking_size"] not in (None, size):
        raise CatalogueError(f"{where}: target {code}: {f['ranking_group']} has {size} tiers, not {f['ranking_size']}")
    f["ranking_size"] = size


def _check_leaf(f: dict, code: str, year: int, where: str) -> None:
    kinds = facts.target_kinds()
    if f["kind"] not in kinds:
        raise CatalogueError(f"{where}: target {code}: kind must be one of {sorted(kinds)}")
    if f["unit"] == tiers.UNIT:
        _tier(f, code, where)
    if f["value"] is None:
        raise CatalogueError(f"{where}: target {code} ({year}): no target value")
    if kinds[f["kind"]].is_rank and not f["ranking_size"]:
        raise CatalogueError(f"{where}: target {code}: a rank target needs ranking_size")


def target_rows(targets: list[dict], resolution: dict, where: str) -> list[dict]:
    """Every target, part and horizon of a catalogue as rows of raw.targets."""
    rows: list[dict] = []

    def add(t: dict, parent: dict | None) -> None:
        code = str(t.get("code", "")).strip()
        if not code:
            raise CatalogueError(f"{where}: a target without a code")
        has_parts = bool(t.get("parts"))
        for h in _horizons(t, parent, where):
            f = {k: h.get(k, t.get(k, (parent or {}).get(k))) for k in INHERITED}
            if not has_parts:
                _check_leaf(f, code, h["year"], where)
            tolerance, tolerance_parameter = _tolerance(f, code, where)
            rows.append(
                {
                    "resolution_id": resolution["resolution_id"],
                    "target_code": code,
                    "parent_code": parent["code"] if parent else None,
                    "is_multi_part": has_parts,
                    "kind": None if has_parts else f["kind"],
                    "target_value": None if has_parts else _num(f["value"]),
                    "target_value_low": None if has_parts else _num(f["value_low"]),
                    "tolerance": tolerance,
                    "tolerance_parameter": tolerance_parameter,
                    "unit": None if has_parts else f["unit"],
                    "horizon_year": h["year"],
                    "level": f["level"] or "province",
                    "ranking_size": int(f["ranking_size"]) if f["ranking_size"] else None,
                    "ranking_group": f["ranking_group"],
                    "baseline_value": _num(f["baseline_value"]),
                    "baseline_year": int(f["baseline_year"]) if f["baseline_year"] else None,
                    "name_vi": " ".join(str(f["name_vi"] or "").split()),
                    "name_en": f["name_en"],
                    "component_codes": [str(c).strip() for c in t.get("components") or []] or None,
                    "reading_vi": " ".join(str(t["reading_vi"]).split()) if t.get("reading_vi") else None,
                    "reading_en": " ".join(str(t["reading_en"]).split()) if t.get("reading_en") else None,
                    "source_section": t.get("source_section")
                    or (parent or {}).get("source_section")
                    or resolution["source_section"],
                }
            )
        for part in t.get("parts") or []:
            add(part, {**t, "code": code})

    for t in targets:
        add(t, None)
    keys = [(r["target_code"], r["horizon_year"]) for r in rows]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise CatalogueError(f"{where}: duplicate target codes {dupes}")
    return rows
