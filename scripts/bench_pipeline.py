"""Benchmark (not a test): time each step of one period's pipeline in a scratch workspace, twice
(cold: first imports; warm: same process), and print the figures."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    shutil.copytree(ROOT / "raw", base / "raw")
    os.environ.update(
        CHITIEU_ROOT=str(ROOT),
        CHITIEU_RAW_DIR=str(base / "raw"),
        CHITIEU_WAREHOUSE_DIR=str(base / "warehouse"),
        CHITIEU_GX_ROOT=str(base / "gx"),
    )
    from chitieu import pipeline

    steps = [
        ("load", pipeline.load_step),
        ("dbt build", pipeline.dbt_step),
        ("GX checkpoint", pipeline.validate_step),
        ("publish", pipeline.publish_step),
    ]
    print(f"{'run':<6}{'period':<9}" + "".join(f"{name:>15}" for name, _ in steps) + f"{'total':>10}")
    for label, period in (("cold", "2023-08"), ("warm", "2023-08"), ("warm", "2023-07")):
        times = []
        for _, fn in steps:
            t0 = time.perf_counter()
            fn(period)
            times.append(time.perf_counter() - t0)
        print(f"{label:<6}{period:<9}" + "".join(f"{t:>14.2f}s" for t in times) + f"{sum(times):>9.2f}s")
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
