"""The scorecard as terminal tables, in the reader's language: one per resolution, then the headline counts
under each counting rule."""

from __future__ import annotations

from types import SimpleNamespace

from rich.table import Table

from chitieu import facts
from chitieu.cli.options import console
from chitieu.period import Period
from chitieu.present import tables
from chitieu.present.lang import Lang, Say

_COLOUR = {"met": "green", "not_yet_met": "dark_orange", "not_met": "red", "not_yet_reported": "yellow",
           "not_assessable": "magenta"}  # fmt: skip
_COLUMNS = ("No.", "Horizon", "Target value", "Result", "As of", "Assessment", "Trend", "Source")


def _row(r: dict, say: Say) -> tuple[str, ...]:
    row = SimpleNamespace(**r)  # the scorecard's row read like a report row by the table helpers
    status = tables.status_text(r["status"], say)
    reason = f" ({tables.reason_text(r['not_assessable_reason'], say)})" if r["not_assessable_reason"] else ""
    trend = tables.trend_text(r["trend_category"], say)
    if r["projected_value"] is not None:
        trend += " " + say("→ {value} in {year}", value=say.number(r["projected_value"], 2), year=r["horizon"])
    return (
        ("  " if "." in r["target_code"] else "") + r["target_code"],
        str(r["horizon"]),
        tables.target_text(row, say),
        tables.actual_text(row, say),
        say.date(r["as_of"]) + (f" ({tables.assumed_text(row, say)})" if tables.assumed_text(row, say) else ""),
        f"[{_COLOUR[r['status']]}]{status}[/]{reason}",
        trend,
        f"{r['source_file']}!{r['source_sheet']}!{r['source_cell']}" if r["source_file"] else "",
    )


def print_scorecard(rows: list[dict], counts: list[dict], lang: Lang = Lang.vi) -> None:
    say = Say(lang)
    for res_id in dict.fromkeys(r["resolution_id"] for r in rows):
        res_rows = [r for r in rows if r["resolution_id"] == res_id]
        first = res_rows[0]
        month = tables.month_text(Period(first["assessment_month"]), say)
        table = Table(title=f"{first['resolution']} — {say('assessment as of')} {month}")
        for c in _COLUMNS:
            table.add_column(say(c))
        for r in res_rows:
            table.add_row(*_row(r, say))
        console.print(table)
    rules = facts.counting_rules()
    sentence = {k: (r.sentence_vi if lang == Lang.vi else r.sentence_en) for k, r in rules.items()}
    for c in counts:
        differ = c["targets_where_rules_differ"]
        console.print(
            say("{resolution}, horizon {horizon}: {strict}/{n} met under the strict rule ({strict_rule}); "
                "{majority}/{n} by the majority of parts ({majority_rule}); {not_yet} not yet met, {missed} not met "
                "by the deadline, {unreported} not yet reported, {unassessable} cannot be assessed",
                resolution=f"[bold]{c['resolution']}[/]", horizon=c["horizon_year"], strict=c["n_met_strict"],
                n=c["n_targets"], strict_rule=sentence["strict"], majority=c["n_met_majority_of_parts"],
                majority_rule=sentence["majority_of_parts"], not_yet=c["n_not_yet_met_strict"],
                missed=c["n_not_met_strict"], unreported=c["n_not_yet_reported"], unassessable=c["n_not_assessable"])
            + (f"; {say('The rules differ on target')} {differ}" if differ else "")
        )  # fmt: skip
