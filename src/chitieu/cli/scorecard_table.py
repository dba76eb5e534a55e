"""The scorecard as terminal tables: one per resolution, then the headline counts under each counting rule."""

from __future__ import annotations

from rich.table import Table

from chitieu.cli.options import console

_COLOUR = {"met": "green", "not_met": "red", "not_yet_reported": "yellow", "not_assessable": "magenta"}
_COLUMNS = ("target", "horizon", "rule", "target", "actual", "unit", "as of", "status", "trend", "source")


def _target(r: dict) -> str:
    if r["target_value_low"] is not None and r["kind"] == "rank_band":
        text = f"{r['target_value_low']:g}-{r['target_value']:g}"
    else:
        text = "" if r["target_value"] is None else f"{r['target_value']:g}"
    return text + (f" /{r['ranking_size']}" if r["ranking_size"] else "")


def _row(r: dict) -> tuple[str, ...]:
    actual = r["actual_value_raw"] or ("" if r["parts_total"] is None else f"{r['parts_met']}/{r['parts_total']} parts")
    if r["is_provisional"]:
        actual += " (prov.)"
    status = r["status"]
    reason = f" ({r['not_assessable_reason'].split(':')[0]})" if r["not_assessable_reason"] else ""
    trend = r["trend_category"] or ""
    if r["projected_value"] is not None:
        trend += f" → {r['projected_value']:g} in {r['horizon']}"
    return (
        ("  " if "." in r["target_code"] else "") + r["target_code"],
        str(r["horizon"]),
        r["comparator"],
        _target(r),
        actual,
        r["unit"] or "",
        r["as_of"] or "",
        f"[{_COLOUR[status]}]{status}[/]{reason}",
        trend,
        f"{r['source_file']}!{r['source_sheet']}!{r['source_cell']}" if r["source_file"] else "",
    )


def print_scorecard(rows: list[dict], counts: list[dict]) -> None:
    for res_id in dict.fromkeys(r["resolution_id"] for r in rows):
        res_rows = [r for r in rows if r["resolution_id"] == res_id]
        table = Table(title=f"{res_rows[0]['resolution']} — as of {res_rows[0]['assessment_month']}")
        for c in _COLUMNS:
            table.add_column(c)
        for r in res_rows:
            table.add_row(*_row(r))
        console.print(table)
    for c in counts:
        differ = c["targets_where_rules_differ"]
        console.print(
            f"[bold]{c['resolution']}[/] {c['assessment_month']}, horizon {c['horizon_year']}: "
            f"{c['n_met_strict']}/{c['n_targets']} met (strict: every part of a multi-part target met); "
            f"{c['n_met_majority_of_parts']}/{c['n_targets']} (majority of parts); "
            f"{c['n_not_yet_reported']} not yet reported, {c['n_not_assessable']} not assessable"
            + (f"; the rules differ on target {differ}" if differ else "")
        )
