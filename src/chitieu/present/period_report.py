"""The period report: per resolution and month, a static HTML page in the province's table format (STT, chỉ
tiêu, mục tiêu, kết quả, đánh giá), an XLSX of the same table, a CSV with a BOM; and a landing page listing
every resolution and month published. Vietnamese by default. Written under warehouse/reports/."""

from __future__ import annotations

from pathlib import Path

from chitieu import facts
from chitieu.config import settings
from chitieu.ingest.archive import archived_copy
from chitieu.period import Period
from chitieu.present import charts, tables
from chitieu.present.html import env, rel
from chitieu.present.lang import Lang, Say
from chitieu.present.report_data import ResolutionReport, TargetRow, published_months, read


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in text).strip("-").lower()


def page_name(resolution_id: str, period: str, lang: Lang) -> str:
    return f"{period}/{_slug(resolution_id)}.{lang}.html"


class RowView:
    """A TargetRow as the page shows it: words and numbers in the reader's language, links relative."""

    def __init__(self, row: TargetRow, say: Say, here: Path):
        self.row = row
        self.code = row.target_code
        self.is_part = row.is_part
        self.name = row.name_vi if say.lang == Lang.vi or not row.name_en else row.name_en
        self.target = tables.target_text(row, say)
        self.actual = tables.actual_text(row, say)
        self.status = row.status
        self.status_text = tables.status_text(row.status, say)
        self.reason = tables.reason_text(row.not_assessable_reason, say)
        self.majority_text = tables.status_text(row.status_majority_of_parts, say) if row.rules_differ else None
        self.trend = tables.trend_text(row.trend_category, say)
        self.projection = (
            say("→ {value} in {year}", value=say.number(row.projected_value, 2), year=row.horizon_year)
            if row.projected_value is not None
            else ""
        )
        self.progress = None if row.progress is None else max(0.0, min(1.0, float(row.progress)))
        self.as_of = say.date(row.as_of)
        self.chart = charts.target_chart(row, say)
        self.source = None
        if row.source_file:
            self.source = {
                "href": rel(archived_copy(row.source_file_sha256, row.source_file), here),
                "file": row.source_file,
                "cell": f"{row.source_sheet}!{row.source_cell}",
                "sha": row.source_file_sha256[:12],
            }


def render_page(report: ResolutionReport, lang: Lang, out: Path) -> Path:
    say = Say(lang)
    path = out / page_name(report.resolution_id, report.period, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    here = path.parent
    snapshot = Path(report.snapshot_path)
    audit = snapshot / "audit.html"
    rules = facts.counting_rules()
    html = env().get_template("period_report.html.j2").render(
        say=say,
        lang=lang,
        report=report,
        title=report.title_vi if lang == Lang.vi or not report.title_en else report.title_en,
        rows=[RowView(r, say, here) for r in report.rows],
        counts=report.counts,
        claims=report.claims,
        rule_sentence={k: (r.sentence_vi if lang == Lang.vi else r.sentence_en) for k, r in rules.items()},
        month=tables.month_text(report.period, say),
        snapshot_href=rel(audit if audit.exists() else snapshot / "manifest.json", here),
        other_lang=[(str(x), rel(out / page_name(report.resolution_id, report.period, x), here)) for x in Lang
                    if x != lang],
        index_href=rel(out / "index.html", here),
    )  # fmt: skip
    path.write_text(html, encoding="utf-8")
    return path


def render_landing(out: Path, lang: Lang = Lang.vi) -> Path:
    """index.html: every resolution with its published months, newest first, each with its snapshot version."""
    say = Say(lang)
    reports = {}
    for rid, months in published_months().items():
        latest = read(Period(months[-1]), rid)[0]
        reports[rid] = {
            "title": latest.title_vi if lang == Lang.vi else (latest.title_en or latest.title_vi),
            "code": latest.resolution_code,
            "months": [(m, tables.month_text(Period(m), say), page_name(rid, m, lang)) for m in reversed(months)],
            "latest_version": latest.snapshot_version,
        }
    path = out / ("index.html" if lang == Lang.vi else f"index.{lang}.html")
    path.write_text(env().get_template("index.html.j2").render(say=say, lang=lang, reports=reports), "utf-8")
    return path


def write_reports(period: Period, resolution: str | None = None, lang: Lang = Lang.vi) -> list[Path]:
    """Every file of the month's report in one language: HTML, XLSX and CSV per resolution, then the landing
    page. Returns their paths."""
    out = settings().reports_dir
    written = []
    for report in read(period, resolution):
        written.append(render_page(report, lang, out))
        written += tables.write_table_files(report, Say(lang), out / period)
    written.append(render_landing(out, lang))
    return written
