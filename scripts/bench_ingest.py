"""Benchmark (not a test): ingest of a 1,000,000-row portal export, CSV and XLSX.

Each measurement runs in a fresh process, so its peak memory (max RSS) is its own:
  chitieu csv / xlsx   the whole ingest: guards, sha256, archive, read, checks, parse, provenance, DuckDB insert
  pandas+openpyxl      pandas.read_excel(engine="openpyxl") of the same XLSX
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


def main() -> None:
    t = time.perf_counter()
    csv, xlsx = make_files()
    print(f"{N:,} rows: CSV {csv.stat().st_size / 1e6:.0f} MB, XLSX {xlsx.stat().st_size / 1e6:.0f} MB "
          f"(ready in {time.perf_counter() - t:.0f} s)")  # fmt: skip
    results = {
        "chitieu csv": run("chitieu", csv),
        "duckdb read_csv": run("duckdb-read-csv", csv),
        "chitieu xlsx": run("chitieu", xlsx),
        "pandas+openpyxl": run("pandas-openpyxl", xlsx),
    }
    print(f"{'':<18}{'rows':>10}{'seconds':>10}{'rows/s':>12}{'peak MB':>10}")
    for name, r in results.items():
        print(
            f"{name:<18}{r['rows']:>10,}{r['seconds']:>10.2f}{r['rows'] / r['seconds']:>12,.0f}{r['max_rss_mb']:>10.0f}"
        )
    csv_ratio = results["chitieu csv"]["seconds"] / results["duckdb read_csv"]["seconds"]
    xlsx_ratio = results["pandas+openpyxl"]["seconds"] / results["chitieu xlsx"]["seconds"]
    peak = max(r["max_rss_mb"] for k, r in results.items() if k.startswith("chitieu"))
    print(f"CSV: chitieu takes {csv_ratio:.2f}x DuckDB's bare read_csv (bar: <= 2x)")
    print(f"XLSX: chitieu is {xlsx_ratio:.1f}x faster than pandas+openpyxl (bar: >= 15x)")
    print(f"peak memory of chitieu's ingest: {peak:.0f} MB (bar: < 1536 MB)")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        print(json.dumps(one(sys.argv[2], sys.argv[3])))
    else:
        main()
