"""The monthly pipeline: its steps, in order. The Airflow DAG makes a task of each, `chitieu run` runs them
one after the other, the benchmark times each; none of them lists the steps again."""

from __future__ import annotations

import dataclasses
import importlib
import json
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chitieu.config import settings
from chitieu.period import Period


def load_step(period: Period) -> dict:
    """Receive the month's files under raw/<source>/<period>/, load them, quarantine the bad ones."""
    from chitieu.ingest.load import load_period
    from chitieu.transform.build import reset_runs

    reset_runs(period)
    return load_period(period).to_dict()


def dbt_step(period: Period) -> None:
    """`dbt build` of the project for the month: models, their tests and unit tests."""
    from chitieu.transform.build import build

    build(period)


def validate_step(period: Period) -> dict:
    """Great Expectations checkpoint on the month's candidate tables; a critical failure fails the run
    (ValidationFailed) and nothing is published."""
    from chitieu.publish.candidate import catalogue_target_keys, export_candidate
    from chitieu.validate.checkpoint import ValidationFailed, run_checkpoint

    cand = export_candidate(period)
    report = run_checkpoint(period, cand, {"catalogue_target_keys": catalogue_target_keys(cand)})
    (cand / "validation.json").write_text(
        json.dumps(report.to_dict(), ensure_ascii=False, indent=2, sort_keys=True, default=str)
    )
    if not report.success:
        raise ValidationFailed(report)
    return report.to_dict()["statistics"]


def publish_step(period: Period) -> dict:
    """The validated candidate becomes an immutable snapshot and one DuckLake commit."""
    from chitieu.publish.snapshot import publish

    r = publish(period)
    return {"period": r.period, "version": r.version, "path": str(r.path), "created": r.created}


def report_step(period: Period) -> list[str]:
    """The period report (HTML, XLSX, CSV per resolution, in Vietnamese and English) and the landing pages, from
    what was published."""
    from chitieu.present.period_report import write_reports

    return [str(p) for p in write_reports(period)]


@dataclass(frozen=True)
class StepTime:
    """What a step took in its process: wall seconds and the process's peak memory so far (its own or a worker
    process's, whichever is larger). Kept as warehouse/runs/<period>/steps/<step>.json; `make bench` reads it."""

    step: str
    period: str
    seconds: float  # the whole step, its imports included
    import_s: float  # of which importing the libraries it runs on (start-up, not work)
    peak_mb: float

    @staticmethod
    def path(period: str, step: str, warehouse_dir: Path | None = None) -> Path:
        """Where a step's time is kept, in this warehouse (settings') or the one given (a benchmark's)."""
        return (warehouse_dir or settings().warehouse_dir) / "runs" / period / "steps" / f"{step}.json"

    @classmethod
    def read(cls, period: str, step: str, warehouse_dir: Path | None = None) -> StepTime:
        return cls(**json.loads(cls.path(period, step, warehouse_dir).read_text()))


def peak_mb() -> float:
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


@dataclass(frozen=True)
class Step:
    name: str  # the DAG's task id
    run: Callable[[Period], Any]
    doing: str  # what `chitieu run` shows while it runs
    publishes: bool = False  # its success changes the published layer (the DAG's asset)
    imports: tuple[str, ...] = ()  # the libraries it runs on, imported first and timed apart (StepTime.import_s)

    @property
    def doc(self) -> str:
        return self.run.__doc__ or ""

    def timed(self, period: Period) -> Any:
        """run(period), keeping what it took (StepTime); what the DAG's task and `chitieu run` call."""
        t0 = time.perf_counter()
        for module in self.imports:
            importlib.import_module(module)
        imported = time.perf_counter()
        result = self.run(period)
        took = StepTime(self.name, str(period), round(time.perf_counter() - t0, 3), round(imported - t0, 3),
                        round(peak_mb(), 1))  # fmt: skip
        path = StepTime.path(period, self.name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(dataclasses.asdict(took)))
        return result


STEPS: tuple[Step, ...] = (
    Step("load_raw", load_step, "loading raw files", imports=("chitieu.ingest.load",)),
    Step("dbt_build", dbt_step, "dbt build", imports=("dbt.cli.main", "dbt.adapters.duckdb")),
    Step("validate", validate_step, "Great Expectations checkpoint",
         imports=("great_expectations", "chitieu.publish.candidate")),
    Step("publish", publish_step, "publishing", publishes=True, imports=("chitieu.publish.snapshot",)),
    Step("report", report_step, "writing the period report", imports=("chitieu.present.period_report",)),
)  # fmt: skip


def run_period(period: str) -> dict[str, Any]:
    """Every step for the period, in order; what each returned, by name."""
    period = Period(period)
    return {step.name: step.timed(period) for step in STEPS}
