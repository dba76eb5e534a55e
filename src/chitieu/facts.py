"""Business facts that the dbt project states once, read by Python: the kinds of target and how each is judged
(seed target_kinds), the counting rules of multi-part targets (seed counting_rules), the named parameters that
are chitieu's assumptions (seed assessment_parameters), the tiers of rating scales (seed rating_tiers), and the
date of the 2025 reorganisation (var reorganisation_date in dbt_project.yml). Never restate them in Python: read
them here."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

from chitieu.config import settings
from chitieu.errors import BadText


@dataclass(frozen=True)
class TargetKind:
    """A kind of target (a row of dbt_project/seeds/target_kinds.csv, whose _seeds.yml describes the columns)."""

    kind: str
    comparator: str  # as shown beside a target: ">=", "cut >=", "rank<=" ...
    direction: str  # higher_is_better | lower_is_better
    is_rank: bool  # a rank in a ranking: the catalogue must give the ranking's size
    compares: str  # figure | average_yearly_change
    threshold: str  # target_value | target_less_tolerance | band_low
    sentence_vi: str
    sentence_en: str


@dataclass(frozen=True)
class CountingRule:
    """A rule by which a multi-part target counts (a row of dbt_project/seeds/counting_rules.csv)."""

    rule: str  # strict | majority_of_parts
    sentence_vi: str
    sentence_en: str
    basis_vi: str  # where the rule comes from (majority_of_parts: chitieu's reconstruction, not the report's)
    basis_en: str


@dataclass(frozen=True)
class Parameter:
    """A named assumption of the assessment (a row of dbt_project/seeds/assessment_parameters.csv)."""

    name: str
    value: float
    unit: str
    description_vi: str
    description_en: str


@dataclass(frozen=True)
class RatingTier:
    """A tier of an ordered rating scale (a row of dbt_project/seeds/rating_tiers.csv); position 1 is the best."""

    scale: str
    position: int
    label_vi: str
    label_en: str


def _seed(name: str) -> list[dict[str, str]]:
    path = settings().dbt_project_dir / "seeds" / f"{name}.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _bool(text: str) -> bool:
    if text.strip().lower() not in {"true", "false"}:
        raise BadText(f"not a boolean in a seed: {text!r}")
    return text.strip().lower() == "true"


@functools.cache
def target_kinds() -> dict[str, TargetKind]:
    """The kinds of target, by name."""
    return {
        r["kind"]: TargetKind(
            kind=r["kind"],
            comparator=r["comparator"],
            direction=r["direction"],
            is_rank=_bool(r["is_rank"]),
            compares=r["compares"],
            threshold=r["threshold"],
            sentence_vi=r["sentence_vi"],
            sentence_en=r["sentence_en"],
        )
        for r in _seed("target_kinds")
    }


@functools.cache
def counting_rules() -> dict[str, CountingRule]:
    """The counting rules of multi-part targets, by name."""
    return {
        r["rule"]: CountingRule(r["rule"], r["sentence_vi"], r["sentence_en"], r["basis_vi"], r["basis_en"])
        for r in _seed("counting_rules")
    }


@functools.cache
def parameters() -> dict[str, Parameter]:
    """The named assumptions of the assessment, by name."""
    return {
        r["name"]: Parameter(r["name"], float(r["value"]), r["unit"], r["description_vi"], r["description_en"])
        for r in _seed("assessment_parameters")
    }


@functools.cache
def rating_tiers() -> dict[str, list[RatingTier]]:
    """scale -> its tiers, best first."""
    out: dict[str, list[RatingTier]] = {}
    for r in _seed("rating_tiers"):
        out.setdefault(r["scale"], []).append(RatingTier(r["scale"], int(r["position"]), r["label_vi"], r["label_en"]))
    return {scale: sorted(tiers, key=lambda t: t.position) for scale, tiers in out.items()}


def _project_vars(project_dir: Path) -> dict:
    doc = yaml.safe_load((project_dir / "dbt_project.yml").read_text(encoding="utf-8"))
    return doc.get("vars") or {}


@functools.cache
def reorganisation_date() -> dt.date:
    """The first day of the 34-province structure (and of communes without districts)."""
    value = _project_vars(settings().dbt_project_dir)["reorganisation_date"]
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
