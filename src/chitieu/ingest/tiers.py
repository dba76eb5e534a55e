"""Tiers of rating scales (the seed rating_tiers, read through chitieu.facts). A tier named in a catalogue or a
cell ("Khá") is its position on its scale (1 = best) and is judged like a rank among as many places as the scale
has tiers: the scale is the target's ranking_group, its size the ranking_size."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu import facts
from chitieu.errors import BadText
from chitieu.ingest.reading import fold

UNIT = "tier"  # the canonical unit of a tier (chitieu.ingest.template.UNITS)


@dataclass(frozen=True)
class Tier:
    scale: str
    position: int
    size: int  # how many tiers the scale has
    label_vi: str


def scale_size(scale: str | None) -> int | None:
    """How many tiers a scale has; None for a name that is no rating scale."""
    tiers = facts.rating_tiers().get(scale or "")
    return len(tiers) if tiers else None


def tier(label: object, scale: str | None = None) -> Tier:
    """The tier a label names ("Khá", "kha"), on the given scale or on the one scale that has it."""
    wanted = fold(label)
    found = [
        Tier(t.scale, t.position, len(tiers), t.label_vi)
        for name, tiers in facts.rating_tiers().items()
        if scale is None or name == scale
        for t in tiers
        if wanted in (fold(t.label_vi), fold(t.label_en))
    ]
    if len(found) != 1:
        known = "; ".join(
            f"{name}: " + ", ".join(t.label_vi for t in tiers) for name, tiers in facts.rating_tiers().items()
        )
        why = "names tiers of several scales" if found else "is no tier"
        raise BadText(f"{label!r} {why} (the tiers, best first: {known})")
    return found[0]
