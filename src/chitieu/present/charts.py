"""A small chart per target: its published figures over the months, the target as a line, and the projection
to the horizon year. Vega-Lite (altair) rendered to SVG by vl-convert at build time: the page needs no
script, no server and no network to show it.

altair builds each shape of chart once (rank or not, with a target line, with a projection) and vl-convert
compiles it to Vega once; a target's chart is that Vega spec with its own data. vl-convert draws the SVGs, in
worker processes when there are many (a national month has ~1.500 charts; ~10 ms each)."""

from __future__ import annotations

import copy
import functools
import os
from collections.abc import Callable

from chitieu import facts
from chitieu.present import svg
from chitieu.present.report_data import TargetRow

WIDTH, HEIGHT = 220, 70
POOL_FROM = 200  # charts to draw before a pool of processes pays for its start-up


@functools.cache
def _shape(is_rank: bool, has_target: bool, has_projection: bool) -> dict:
    """The Vega-Lite spec of a chart of this shape, its data left as the named datasets points, target and
    projection, and the x axis ticks to be set."""
    import altair as alt

    x = alt.X("month:T", title=None, axis=alt.Axis(format="%m/%Y", labelFontSize=8))
    y_scale = alt.Scale(zero=False, reverse=is_rank)  # rank 1 at the top
    y = alt.Y("value:Q", title=None, scale=y_scale, axis=alt.Axis(labelFontSize=8, tickCount=3))
    layers = [alt.Chart(alt.NamedData("points")).mark_line(point=True, color="#1f5fa8").encode(x=x, y=y)]
    if has_target:
        layers.append(
            alt.Chart(alt.NamedData("target")).mark_rule(color="#c0392b", strokeDash=[4, 3]).encode(y="target:Q")
        )
    if has_projection:
        layers.append(
            alt.Chart(alt.NamedData("projection")).mark_line(strokeDash=[2, 2], color="#7f8c8d").encode(x=x, y=y)
        )
    return alt.layer(*layers).properties(width=WIDTH, height=HEIGHT).configure_view(stroke=None).to_dict()


@functools.cache
def _compiled(is_rank: bool, has_target: bool, has_projection: bool) -> dict:
    """The shape compiled once to Vega (vl-convert), its data and x ticks placeholders: a chart is that Vega
    spec with its own values (the SVG is the same as compiling each chart, ~30 % cheaper)."""
    import vl_convert

    spec = copy.deepcopy(_shape(is_rank, has_target, has_projection))
    for layer in spec["layer"]:
        if "x" in layer.get("encoding", {}):
            layer["encoding"]["x"]["axis"]["values"] = [{"year": 2000, "month": 1, "date": 1}]
    return vl_convert.vegalite_to_vega(spec)


def chart_spec(row: TargetRow) -> dict | None:
    """The target's chart as a Vega spec, or None when it has no figure yet."""
    if not row.series:
        return None
    kind = facts.target_kinds().get(row.kind)
    has_projection = row.projected_value is not None
    spec = copy.deepcopy(_compiled(bool(kind and kind.is_rank), row.target_value is not None, has_projection))
    points = [{"month": f"{m}-01", "value": float(v)} for m, v in row.series]
    last, horizon = points[-1], f"{row.horizon_year}-12-01"
    values = {
        "points": points,
        "target": [{"target": float(row.target_value)}] if row.target_value is not None else [],
        "projection": [last, {"month": horizon, "value": float(row.projected_value)}] if has_projection else [],
    }
    for data in spec["data"]:
        if data["name"] in values:
            data["values"] = values[data["name"]]
    ticks = sorted({points[0]["month"], last["month"]}) + ([horizon] if has_projection else [])
    # Vega's datetime() counts months from 0
    signals = [{"signal": f"datetime({t[:4]}, {int(t[5:7]) - 1}, 1, 0, 0, 0, 0)"} for t in ticks]
    for axis in spec.get("axes", []):
        if "values" in axis:
            axis["values"] = signals
    return spec


def draw(rows: list[TargetRow]) -> Callable[[], dict[str, str]]:
    """Start drawing the charts of the rows that have a figure; the returned function waits for them:
    target_key -> its chart as an SVG document."""
    specs = {r.target_key: s for r in rows if (s := chart_spec(r)) is not None}
    workers = min(os.cpu_count() or 1, 4)
    if len(specs) < POOL_FROM or workers < 2:
        drawn = dict(zip(specs, svg.draw_all(list(specs.values())), strict=True))
        return lambda: drawn
    drawing = svg.Drawing(list(specs.values()), workers)
    return lambda: dict(zip(specs, drawing.result(), strict=True))
