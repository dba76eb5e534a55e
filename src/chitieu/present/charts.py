"""A small chart per target: its published figures over the months, the target as a line, and the projection
to the horizon year. Vega-Lite (altair) rendered to SVG by vl-convert at build time: the page needs no
script, no server and no network to show it."""

from __future__ import annotations

import functools

import altair as alt
import pandas as pd

from chitieu import facts
from chitieu.present.report_data import TargetRow

WIDTH, HEIGHT = 220, 70


@functools.cache
def _vl():
    import vl_convert

    return vl_convert


def target_chart(row: TargetRow) -> str | None:
    """The chart as an SVG document, or None when the target has no figure yet."""
    if not row.series:
        return None
    points = pd.DataFrame(
        {"month": pd.to_datetime([m + "-01" for m, _ in row.series]), "value": [float(v) for _, v in row.series]}
    )
    ticks = sorted({points["month"].iloc[0], points["month"].iloc[-1]})
    if row.projected_value is not None:
        ticks.append(pd.Timestamp(f"{row.horizon_year}-12-01"))
    tick_values = [alt.DateTime(year=t.year, month=t.month, date=1) for t in ticks]
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%m/%Y", labelFontSize=8, values=tick_values))
    kind = facts.target_kinds().get(row.kind)
    y_scale = alt.Scale(zero=False, reverse=bool(kind and kind.is_rank))  # rank 1 at the top
    y = alt.Y("value:Q", title=None, scale=y_scale, axis=alt.Axis(labelFontSize=8, tickCount=3))
    layers = [alt.Chart(points).mark_line(point=True, color="#1f5fa8").encode(x=x, y=y)]
    if row.target_value is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"target": [row.target_value]}))
            .mark_rule(color="#c0392b", strokeDash=[4, 3])
            .encode(y="target:Q")
        )
    if row.projected_value is not None:
        horizon = pd.Timestamp(f"{row.horizon_year}-12-01")
        proj = pd.DataFrame({"month": [points["month"].iloc[-1], horizon],
                             "value": [points["value"].iloc[-1], float(row.projected_value)]})  # fmt: skip
        layers.append(alt.Chart(proj).mark_line(strokeDash=[2, 2], color="#7f8c8d").encode(x=x, y=y))
    chart = alt.layer(*layers).properties(width=WIDTH, height=HEIGHT).configure_view(stroke=None)
    return _vl().vegalite_to_svg(chart.to_dict())
