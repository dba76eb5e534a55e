"""Benchmark (not a test): ingest of a 1,000,000-row portal export, CSV and XLSX.

Each measurement runs in a fresh process, so its peak memory (max RSS) is its own:
  chitieu csv / xlsx   the whole ingest: guards, sha256, archive, read, checks, parse, provenance, DuckDB insert
  pandas+openpyxl      pandas.read_excel(engine="openpyxl") of the same XLSX
  fastexcel            fastexcel's bare read of the same XLSX, every cell as text (the issue's yardstick)
  duckdb read_xlsx     DuckDB's bare read_xlsx of the same XLSX into a table (what chitieu's XLSX read is built on)
  duckdb read_csv      DuckDB's bare read_csv of the same CSV into a table
Files are generated once (seeded, synthetic) under warehouse/bench/ and reused.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "warehouse" / "bench"
N = int(os.environ.get("BENCH_ROWS", "1000000"))


def make_files() -> tuple[Path, Path]:
    import datetime as dt

    from chitieu.ingest.portal import COLUMNS
    from chitieu.synth.portal import generate

    csv, xlsx = BENCH / f"portal_{N}.csv", BENCH / f"portal_{N}.xlsx"
    if csv.exists() and xlsx.exists():
        return csv, xlsx
    BENCH.mkdir(parents=True, exist_ok=True)
    df = generate(N, dt.date(2023, 8, 1), dt.date(2023, 8, 31))
    df = df.drop(columns="received_month").rename(columns=COLUMNS)
    df.to_csv(csv, index=False)
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("HoSo")
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append(list(row))
    wb.save(xlsx)
    return csv, xlsx


def one(mode: str, path: str) -> dict:
    t0 = time.perf_counter()
    if mode == "pandas-openpyxl":
        import pandas as pd

        rows = len(pd.read_excel(path, engine="openpyxl", dtype=str))
    elif mode == "duckdb-read-xlsx":
        import duckdb

        from chitieu.lake import extension_directory

        con = duckdb.connect(str(Path(tempfile.mkdtemp()) / "bare.duckdb"))
        con.execute(f"set extension_directory = '{extension_directory()}'; load excel")
        con.execute(f"create table t as select * from read_xlsx('{path}', all_varchar = true, stop_at_empty = false)")
        rows = con.execute("select count(*) from t").fetchall()[0][0]
    elif mode == "fastexcel":  # every cell as text
        import fastexcel

        rows = fastexcel.read_excel(path).load_sheet(0, dtypes="string").to_arrow().num_rows
    elif mode == "duckdb-read-csv":
        import duckdb

        con = duckdb.connect(str(Path(tempfile.mkdtemp()) / "bare.duckdb"))
        con.execute(f"create table t as select * from read_csv('{path}', header = true)")
        rows = con.execute("select count(*) from t").fetchall()[0][0]
    else:  # chitieu csv | xlsx: the real ingest of a period holding this one export
        base = Path(tempfile.mkdtemp())
        target = base / "raw" / "portal-bench" / "2023-08" / Path(path).name
        target.parent.mkdir(parents=True)
        shutil.copytree(ROOT / "raw" / "catalogue", base / "raw" / "catalogue")
        os.link(path, target) if os.stat(path).st_dev == os.stat(target.parent).st_dev else shutil.copy(path, target)
        os.environ.update(CHITIEU_RAW_DIR=str(base / "raw"), CHITIEU_WAREHOUSE_DIR=str(base / "wh"))
        from chitieu.ingest.load import load_period
        from chitieu.period import Period

        t0 = time.perf_counter()
        report = load_period(Period("2023-08"))
        (f,) = [f for f in report.files if f.source == "portal-bench"]
        assert f.status == "loaded", f
        rows = f.n_figures
    seconds = time.perf_counter() - t0
    return {
        "mode": mode,
        "rows": rows,
        "seconds": seconds,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run(mode: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--one", mode, str(path)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{mode} {path.name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure() -> dict:
    """Every measurement, and the ratios make bench reports (each in a fresh process)."""
    t = time.perf_counter()
    csv, xlsx = make_files()
    made = time.perf_counter() - t
    results = {
        "chitieu csv": run("chitieu", csv),
        "duckdb read_csv": run("duckdb-read-csv", csv),
        "chitieu xlsx": run("chitieu", xlsx),
        "fastexcel": run("fastexcel", xlsx),
        "duckdb read_xlsx": run("duckdb-read-xlsx", xlsx),
        "pandas+openpyxl": run("pandas-openpyxl", xlsx),
    }
    sec = {k: r["seconds"] for k, r in results.items()}
    return {
        "rows": N,
        "files_mb": {"csv": round(csv.stat().st_size / 1e6), "xlsx": round(xlsx.stat().st_size / 1e6)},
        "files_ready_s": round(made, 1),
        "runs": results,
        "xlsx_vs_openpyxl": round(sec["pandas+openpyxl"] / sec["chitieu xlsx"], 2),  # bar: >= 15
        "xlsx_vs_fastexcel": round(sec["chitieu xlsx"] / sec["fastexcel"], 2),  # bar: <= 1.3
        "xlsx_vs_duckdb": round(sec["chitieu xlsx"] / sec["duckdb read_xlsx"], 2),
        "csv_vs_duckdb": round(sec["chitieu csv"] / sec["duckdb read_csv"], 2),  # bar: <= 2
        "xlsx_peak_mb": round(results["chitieu xlsx"]["max_rss_mb"]),  # bar: <= 700
    }


def main() -> None:
    m = measure()
    print(f"{N:,} rows: CSV {m['files_mb']['csv']} MB, XLSX {m['files_mb']['xlsx']} MB")
    print(f"{'':<18}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    for name, r in m["runs"].items():
        print(
            f"{name:<18}{r['rows']:>10,}{r['seconds']:>10.2f}{r['rows'] / r['seconds']:>12,.0f}{r['max_rss_mb']:>10.0f}"
        )
    print(f"CSV: chitieu takes {m['csv_vs_duckdb']:.2f}x DuckDB's bare read_csv (bar: <= 2x)")
    print(f"XLSX: chitieu is {m['xlsx_vs_openpyxl']:.1f}x faster than pandas+openpyxl (bar: >= 15x)")
    print(f"XLSX: chitieu takes {m['xlsx_vs_fastexcel']:.2f}x fastexcel's bare read (bar: <= 1.3x)")
    print(f"peak memory of chitieu's XLSX ingest: {m['xlsx_peak_mb']} MB (bar: <= 700 MB)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2], sys.argv[3])))
    else:
        main()
