"""Validate the period's candidate tables (Parquet files about to be published) with a GX checkpoint.

The checkpoint validates the very files that publishing will copy, so what is published is what passed. GX's
Data Docs of the run are written beside them (`data_docs/`, offline: `chitieu.validate.data_docs`) and published
with them.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from chitieu.config import settings
from chitieu.errors import PipelineFailed
from chitieu.validate.data_docs import build_site
from chitieu.validate.suites import build_suite, load_specs

log = logging.getLogger(__name__)

# key columns shown for offending rows
_ROW_KEYS = {
    "fct_resolution_targets": [
        "assessment_month",
        "target_key",
        "admin_unit_code",
        "source_file",
        "source_sheet",
        "source_cell",
    ],
    "fct_scorecard": ["assessment_month", "resolution_id", "admin_unit_code"],
    "fct_portal_indicators": ["received_month", "receiving_unit", "admin_level", "indicator_code"],
    # a supporting figure's finding carries its trail to the file, sheet and cell
    "fct_supporting_figures": [
        "indicator_code",
        "reference_period",
        "value_raw",
        "numerator",
        "denominator",
        "source_file",
        "source_sheet",
        "source_cell",
    ],
}


class ValidationFailed(PipelineFailed):
    def __init__(self, report: ValidationReport):
        super().__init__(report.failure_message())
        self.report = report


@dataclass
class ValidationReport:
    period: str
    success: bool
    results: list[dict] = field(default_factory=list)
    data_docs: str | None = None  # the run's Data Docs, relative to the candidate (and the snapshot) folder
    folder: Path | None = field(default=None, repr=False, compare=False)  # the candidate folder

    @property
    def critical_failures(self) -> list[dict]:
        return [r for r in self.results if not r["success"] and r["severity"] == "critical"]

    def failure_message(self) -> str:
        lines = [f"validation of period {self.period} failed; nothing was published."]
        for r in self.critical_failures:
            lines.append(f"- [{r['table']}] {r['expectation']} ({r['description']})")
            if r.get("error"):
                lines.append(f"    error: {r['error']}")
            for row in r.get("offending_rows", [])[:10]:
                lines.append(f"    offending row: {row}")
            if r.get("observed"):
                lines.append(f"    observed: {r['observed']}")
        if self.data_docs:
            lines.append(f"Data Docs: {self.folder / self.data_docs if self.folder else self.data_docs}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "period": self.period,
            "success": self.success,
            "data_docs": self.data_docs,
            "statistics": {
                "evaluated": len(self.results),
                "failed_critical": len(self.critical_failures),
                "failed_warning": sum(1 for r in self.results if not r["success"] and r["severity"] == "warning"),
            },
            "results": self.results,
        }


def _plain(value):
    """GX results hold numpy scalars; make them JSON-friendly."""
    return json.loads(json.dumps(value, default=lambda o: o.item() if hasattr(o, "item") else str(o)))


def run_checkpoint(period: str, candidate_dir: Path, parameters: dict) -> ValidationReport:
    import great_expectations as gx

    s = settings()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="file", project_root_dir=str(s.gx_root))
    # no progress bars: in a task's log they are lines on stderr, which Airflow shows as errors
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_or_update_pandas_filesystem(
        name="chitieu_candidate", base_directory=candidate_dir
    )
    definitions = []
    specs = load_specs(s.expectations_dir / "suites")
    for spec in specs:
        asset = datasource.add_parquet_asset(name=spec.table)
        batch_def = asset.add_batch_definition_path(name=f"{spec.table}_period", path=f"{spec.table}.parquet")
        suite = context.suites.add_or_update(build_suite(spec))
        definitions.append(
            context.validation_definitions.add_or_update(
                gx.ValidationDefinition(name=f"{spec.table}_period", data=batch_def, suite=suite)
            )
        )
    checkpoint = context.checkpoints.add_or_update(
        gx.Checkpoint(
            name="chitieu_period",
            validation_definitions=definitions,
            actions=[],  # the run's Data Docs are built into the candidate folder below, not into a site of all runs
            result_format={"result_format": "COMPLETE"},
        )
    )
    result = checkpoint.run(
        expectation_parameters=parameters,
        run_id=gx.RunIdentifier(run_name=f"chitieu-{period}"),
    )

    table_of_suite = {spec.name: spec.table for spec in specs}
    results = []
    for vr in result.run_results.values():
        table = table_of_suite[vr.suite_name]
        for r in vr.results:
            cfg = r.expectation_config
            res = r.result or {}
            entry = {
                "table": table,
                "expectation": cfg.type,
                "description": cfg.description,
                "severity": str(getattr(cfg.severity, "value", cfg.severity)),
                "kwargs": _plain({k: v for k, v in cfg.kwargs.items() if k != "batch_id"}),
                "success": bool(r.success),
                "unexpected_count": res.get("unexpected_count"),
                "observed": _plain(res.get("observed_value")),
            }
            if r.exception_info and r.exception_info.get("raised_exception"):
                entry["error"] = r.exception_info.get("exception_message")
            elif not r.success:
                for info in (r.exception_info or {}).values():
                    if isinstance(info, dict) and info.get("raised_exception"):
                        entry["error"] = info.get("exception_message")
            idx = res.get("unexpected_index_list") or []
            entry["offending_rows"] = _plain(_offending_rows(candidate_dir / f"{table}.parquet", table, idx))
            results.append(entry)
    results.sort(key=lambda e: (e["table"], e["expectation"], json.dumps(e["kwargs"], sort_keys=True)))
    docs = build_site(context, result.run_results, [spec.name for spec in specs], candidate_dir / "data_docs")
    report = ValidationReport(
        period=period,
        success=not any(not r["success"] and r["severity"] == "critical" for r in results),
        results=results,
        data_docs=docs.relative_to(candidate_dir).as_posix(),
        folder=candidate_dir,
    )
    return report


def _offending_rows(path: Path, table: str, index_list: list) -> list[dict]:
    """GX gives row indexes (pandas) for column-map expectations; show the rows' keys instead."""
    if not index_list:
        return []
    import pandas as pd

    df = pd.read_parquet(path)
    keys = [c for c in _ROW_KEYS.get(table, []) if c in df.columns]
    rows = []
    for item in index_list[:20]:
        if isinstance(item, dict):  # already a row description
            rows.append({k: item.get(k) for k in item})
            continue
        if isinstance(item, int) and 0 <= item < len(df):
            row = df.iloc[item]
            shown = {k: None if pd.isna(row[k]) else row[k] for k in keys}  # NaN is no JSON: a missing value
            if table != "fct_supporting_figures":  # its value is value_raw, among its keys
                shown["actual_value"] = row.get("actual_value")
            rows.append(shown)
    return rows
