"""The period report: per resolution and month, a static HTML page in the province's table format (STT, chỉ
tiêu, mục tiêu, kết quả, đánh giá), an XLSX of the same table, a CSV with a BOM; and a landing page listing
every resolution and month published. Vietnamese by default, English beside it. Written under
warehouse/reports/."""

from __future__ import annotations

from pathlib import Path

from chitieu import facts
from chitieu.config import settings
from chitieu.ingest.archive import archive_dir, archived_copy
from chitieu.period import Period
from chitieu.present import charts, tables
from chitieu.present.audit_report import audit_name
from chitieu.present.html import env, rel
from chitieu.present.lang import Lang, Say
from chitieu.present.report_data import PublishedResolution, ResolutionReport, TargetRow, published_months, read, slug


def page_name(resolution_id: str, period: str, lang: Lang) -> str:
    return f"{period}/{slug(resolution_id)}.{lang}.html"


def landing_name(lang: Lang) -> str:
    return "index.html" if lang == Lang.vi else f"index.{lang}.html"


class RowView:
    """A TargetRow as the page shows it: words and numbers in the reader's language, links relative."""

    def __init__(self, row: TargetRow, say: Say, here: Path, chart: str | None, archive: Path):
        self.row = row
        self.code = row.target_code
        self.is_part = row.is_part
        self.name = row.name_vi if say.lang == Lang.vi or not row.name_en else row.name_en
        self.target = tables.target_text(row, say)
        self.assumptions = tables.assumptions_text(row, say)
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
        self.assumed = tables.assumed_text(row, say)
        self.chart = chart
        self.source = None
        if row.source_file:
            self.source = {
                "href": rel(archived_copy(row.source_file_sha256, row.source_file, archive), here),
                "file": row.source_file,
                "cell": f"{row.source_sheet}!{row.source_cell}",
                "sha": row.source_file_sha256[:12],
            }


def render_page(report: ResolutionReport, lang: Lang, out: Path, langs: tuple[Lang, ...], drawn: dict) -> Path:
    """The page in `lang`; it links the pages of the other languages being written (`langs`) or already there.
    `drawn`: target_key -> its chart (the same in every language)."""
    say = Say(lang)
    path = out / page_name(report.resolution_id, report.period, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    here = path.parent
    snapshot = Path(report.snapshot_path)
    audit = snapshot / audit_name(lang)
    rules = facts.counting_rules()
    archive = archive_dir()
    others = [(x, out / page_name(report.resolution_id, report.period, x)) for x in Lang if x != lang]
    html = env().get_template("period_report.html.j2").render(
        say=say,
        lang=lang,
        report=report,
        title=report.title_vi if lang == Lang.vi or not report.title_en else report.title_en,
        rows=[RowView(r, say, here, drawn.get(r.target_key), archive) for r in report.rows],
        counts=report.counts,
        claims=report.claims,
        rule_sentence={k: (r.sentence_vi if lang == Lang.vi else r.sentence_en) for k, r in rules.items()},
        rule_basis={k: (r.basis_vi if lang == Lang.vi else r.basis_en) for k, r in rules.items()},
        month=tables.month_text(report.period, say),
        snapshot_href=rel(audit if audit.exists() else snapshot / "manifest.json", here),
        other_lang=[(str(x), rel(p, here)) for x, p in others if x in langs or p.exists()],
        index_href=rel(out / landing_name(lang), here),
    )  # fmt: skip
    path.write_text(html, encoding="utf-8")
    return path


def render_landing(out: Path, lang: Lang, published: list[PublishedResolution]) -> Path:
    """Every resolution with its published months that have a page in `lang`, newest first."""
    say = Say(lang)
    reports = {}
    for res in published:
        pages = [(m, v, page_name(res.resolution_id, m, lang)) for m, v in reversed(res.months)]
        pages = [p for p in pages if (out / p[2]).exists()]
        if not pages:
            continue
        reports[res.resolution_id] = {
            "title": res.title_vi if lang == Lang.vi else (res.title_en or res.title_vi),
            "code": res.code,
            "months": [(m, tables.month_text(Period(m), say), name) for m, _, name in pages],
            "latest_version": pages[0][1],
        }
    path = out / landing_name(lang)
    path.write_text(env().get_template("index.html.j2").render(say=say, lang=lang, reports=reports), "utf-8")
    return path


def write_reports(period: Period, resolution: str | None = None, langs: tuple[Lang, ...] = tuple(Lang)) -> list[Path]:
    """Every file of the month's report in each language of `langs` (Vietnamese and English by default): HTML,
    XLSX and CSV per resolution, then the landing pages. Returns their paths."""
    out = settings().reports_dir
    written = []
    reports = read(period, resolution)
    drawing = charts.draw([r for report in reports for r in report.rows])  # once, shown in each language
    for report in reports:  # the tables while the charts are drawn
        for lang in langs:
            written += tables.write_table_files(report, Say(lang), out / period)
    drawn = drawing()
    for report in reports:
        for lang in langs:
            written.append(render_page(report, lang, out, langs, drawn))
    published = published_months()
    written += [render_landing(out, lang, published) for lang in langs]
    return written
