"""`make bench` (a benchmark, not a test): the national month and a backfill, timed; the ingest ratios of
scripts/bench_ingest.py. Prints a table and writes warehouse/bench/pipeline.json.

  national_month  a SYNTHETIC national month (chitieu.synth, BENCH_SCALE, 1 = 34 provinces, ~2.000.000
                  dossiers) raw -> published -> report, through `chitieu run` (a child process, cold) and
                  through Airflow as a service (api-server, scheduler, dag-processor; LocalExecutor; SQLite
                  metadata): the scheduler runs the DAG for the month by itself. Each step's own seconds and
                  peak memory come from what the step recorded (chitieu.pipeline.StepTime); start-up is the
                  rest of the run's time (imports, DAG parse, scheduling, task start).
  laichau_month   the bundled month 2023-08 through `chitieu run`, cold (a fresh workspace) and warm (again).
  backfill        BENCH_BACKFILL_MONTHS months (36) of a smaller synthetic nation (BENCH_BACKFILL_SCALE), one
                  after the other in one process: the seconds of month 1, 12 and 36 (does history cost?).
  ingest          scripts/bench_ingest.py's 1M-row export (BENCH_ROWS).

BENCH_SKIP=airflow,laichau,backfill,ingest leaves parts out (their figures are null). Scratch data under a temporary
folder (BENCH_DIR to keep it); nothing is written into raw/ or the checkout's warehouse.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
OUT = Path(os.environ.get("BENCH_OUT") or ROOT / "warehouse" / "bench" / "pipeline.json")
PERIOD = os.environ.get("BENCH_PERIOD", "2025-08")
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
BACKFILL_MONTHS = int(os.environ.get("BENCH_BACKFILL_MONTHS", "36"))
BACKFILL_SCALE = float(os.environ.get("BENCH_BACKFILL_SCALE", "0.05"))
BACKFILL_FIRST = os.environ.get("BENCH_BACKFILL_FIRST", "2022-07")  # 36 months in the 63-province structure
SKIP = set(filter(None, os.environ.get("BENCH_SKIP", "").split(",")))
DAG_TIMEOUT = 1800


def workspace(base: Path, raw: Path) -> dict[str, str]:
    """Where a run keeps everything (chitieu.config reads these)."""
    return {
        "CHITIEU_ROOT": str(ROOT),
        "CHITIEU_RAW_DIR": str(raw),
        "CHITIEU_WAREHOUSE_DIR": str(base / "warehouse"),
        "CHITIEU_GX_ROOT": str(base / "gx"),
        "AIRFLOW_HOME": str(base / "airflow"),
    }


def step_times(base: Path, period: str) -> dict[str, dict]:
    """What each step of the period recorded (chitieu.pipeline.StepTime), in the order of STEPS."""
    import dataclasses

    from chitieu.pipeline import STEPS, StepTime

    return {s.name: dataclasses.asdict(StepTime.read(period, s.name, base / "warehouse")) for s in STEPS}


def summarise(wall: float, steps: dict[str, dict]) -> dict:
    """Start-up: everything but the steps' own work (their imports, the process, parsing, scheduling)."""
    work = sum(s["seconds"] - s["import_s"] for s in steps.values())
    return {
        "seconds": round(wall, 2),
        "steps_s": {k: round(s["seconds"] - s["import_s"], 2) for k, s in steps.items()},
        "imports_s": round(sum(s["import_s"] for s in steps.values()), 2),
        "step_peak_mb": {k: s["peak_mb"] for k, s in steps.items()},
        "startup_s": round(wall - work, 2),
        "peak_mb": max(s["peak_mb"] for s in steps.values()),
    }


def through_cli(base: Path, raw: Path, period: str = PERIOD) -> dict:
    env = os.environ | workspace(base, raw)
    t0 = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).with_name("chitieu")), "run", "--period", period], env=env,
                          capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"chitieu run failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return summarise(wall, step_times(base, period))


def laichau_month(base: Path) -> dict:
    """The bundled month 2023-08 (Lai Châu's figures), `chitieu run` in a fresh workspace (cold: nothing built,
    no dbt manifest, no GX context), then again (warm)."""
    if "laichau" in SKIP:
        return dict.fromkeys(KEYS["laichau_month"])
    shutil.copytree(ROOT / "raw", base / "raw")
    cold = through_cli(base, base / "raw", "2023-08")
    warm = through_cli(base, base / "raw", "2023-08")
    return {"cold": cold, "warm": warm, "cold_s": cold["seconds"], "warm_s": warm["seconds"]}


def through_airflow(base: Path, raw: Path) -> dict:
    """The scheduler runs the month (first = last period = PERIOD): from the run's queued_at to its end_date,
    as Airflow records them."""
    from datetime import datetime

    from chitieu.config import DAG_ID
    from chitieu.orchestrate.service import AirflowService

    env = os.environ | workspace(base, raw) | {"CHITIEU_FIRST_PERIOD": PERIOD, "CHITIEU_LAST_PERIOD": PERIOD,
                                               "AIRFLOW__CORE__EXECUTOR": "LocalExecutor"}  # fmt: skip
    svc = AirflowService.prepare(base, env)
    svc.start("api-server", "scheduler", "dag-processor")
    try:
        svc.wait_healthy()
        svc.wait_for_dag(DAG_ID)
        status, body = svc.request("PATCH", f"/api/v2/dags/{DAG_ID}", {"is_paused": False})
        if status != 200:
            raise SystemExit(f"could not unpause {DAG_ID}: {body}")
        (run,) = svc.wait_runs(DAG_ID, 1, timeout=DAG_TIMEOUT)
    finally:
        svc.stop()
    queued, ended = (datetime.fromisoformat(run[k].replace("Z", "+00:00")) for k in ("queued_at", "end_date"))
    return summarise((ended - queued).total_seconds(), step_times(base, PERIOD))


def national_month(base: Path) -> dict:
    from chitieu.period import Period
    from chitieu.synth.national import generate_month

    gen = generate_month(base / "national", Period(PERIOD), scale=SCALE)
    raw = base / "national" / "raw"
    out = {"generated": gen.to_dict(), "dossier_rows": gen.dossier_rows}
    out["cli"] = cli = through_cli(base / "cli", raw)
    out["airflow"] = air = None if "airflow" in SKIP else through_airflow(base / "airflow", raw)
    out |= {"cli_s": cli["seconds"], "airflow_s": air and air["seconds"], "startup_s": air and air["startup_s"],
            "peak_mb": max(cli["peak_mb"], air["peak_mb"] if air else 0)}  # fmt: skip
    return out


def backfill(base: Path) -> dict | None:
    if "backfill" in SKIP:
        return dict.fromkeys(KEYS["backfill"])
    from chitieu.period import Period
    from chitieu.synth.national import generate_month

    periods = [Period(BACKFILL_FIRST)]
    while len(periods) < BACKFILL_MONTHS:
        periods.append(periods[-1].next())
    raw = base / "backfill" / "raw"
    for p in periods:
        generate_month(base / "backfill", p, scale=BACKFILL_SCALE)
    env = os.environ | workspace(base / "backfill", raw)
    proc = subprocess.run([sys.executable, __file__, "--backfill", *periods], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"backfill failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    months = [sum(s["seconds"] - s["import_s"] for s in step_times(base / "backfill", p).values()) for p in periods]
    picked = {n: months[n - 1] for n in (1, 12, 36) if n <= len(months)}
    return dict.fromkeys(KEYS["backfill"]) | {
        "periods": [periods[0], periods[-1]],
        "scale": BACKFILL_SCALE,
        "months_s": [round(m, 2) for m in months],
        **{f"month_{n}_s": round(s, 2) for n, s in picked.items()},
        "month_36_over_month_1": round(picked[36] / picked[1], 2) if 36 in picked else None,
    }


def run_backfill(periods: list[str]) -> None:
    """In the child: every month in turn, in one process (each step records its own time)."""
    from chitieu.pipeline import run_period

    for p in periods:
        run_period(p)


def ingest() -> dict | None:
    if "ingest" in SKIP:
        return dict.fromkeys(KEYS["ingest"])
    import bench_ingest

    return bench_ingest.measure()


def machine() -> dict:
    def first(path: str, key: str) -> str:
        lines = Path(path).read_text().splitlines() if Path(path).exists() else []
        return next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith(key)), "")

    mem_kb = first("/proc/meminfo", "MemTotal").split(" ")[0] or "0"
    return {"cpus": os.cpu_count(), "cpu": first("/proc/cpuinfo", "model name") or platform.processor(),
            "memory_gb": round(int(mem_kb) / 1024 / 1024, 1), "python": platform.python_version(),
            "system": platform.platform()}  # fmt: skip


KEYS = {  # the figures scripts read: json[group][name]
    "national_month": ("airflow_s", "cli_s", "startup_s", "peak_mb", "dossier_rows"),
    "laichau_month": ("cold_s", "warm_s"),
    "backfill": ("month_1_s", "month_12_s", "month_36_s"),
    "ingest": ("xlsx_vs_openpyxl", "xlsx_vs_fastexcel", "csv_vs_duckdb", "xlsx_peak_mb"),
}


def flat(result: dict) -> dict:
    return {f"{group}.{name}": (result[group] or {}).get(name) for group, names in KEYS.items() for name in names}


def print_tables(result: dict, figures: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    nm = result["national_month"]
    gen = nm["generated"]
    steps = Table(title=f"National month {PERIOD}: {nm['dossier_rows']:,} dossier rows, {gen['provinces']} provinces, "
                  f"{gen['targets']:,} targets")  # fmt: skip
    steps.add_column("step")
    runs = [(name, r) for name, r in (("chitieu run", nm["cli"]), ("Airflow", nm["airflow"])) if r]
    for name, _ in runs:
        steps.add_column(f"{name} s", justify="right")
        steps.add_column(f"{name} peak MB", justify="right")
    for step in nm["cli"]["steps_s"]:
        cells = [(f"{r['steps_s'][step]:.1f}", f"{r['step_peak_mb'][step]:.0f}") for _, r in runs]
        steps.add_row(step, *[c for pair in cells for c in pair])
    steps.add_row("start-up", *[c for _, r in runs for c in (f"{r['startup_s']:.1f}", "")])
    steps.add_row("  of which imports", *[c for _, r in runs for c in (f"{r['imports_s']:.1f}", "")])
    steps.add_row("[b]end to end", *[c for _, r in runs for c in (f"[b]{r['seconds']:.1f}", f"{r['peak_mb']:.0f}")])
    console.print(steps)
    table = Table(title="Figures (warehouse/bench/pipeline.json)")
    table.add_column("key")
    table.add_column("value", justify="right")
    for key, value in figures.items():
        table.add_row(key, "—" if value is None else f"{value:,.2f}" if isinstance(value, float) else f"{value:,}")
    console.print(table)


def main() -> None:
    keep = os.environ.get("BENCH_DIR")
    base = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    try:
        result = {"machine": machine(), "national_month": national_month(base),
                  "laichau_month": laichau_month(base / "laichau"), "backfill": backfill(base),
                  "ingest": ingest()}  # fmt: skip
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    result["bench_seconds"] = round(time.perf_counter() - t0, 1)
    figures = flat(result)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print_tables(result, figures)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--backfill":
        run_backfill(sys.argv[2:])
    else:
        main()
