"""Benchmark (not a test): time each step of chitieu.pipeline.STEPS for one period in a scratch workspace,
twice (cold: first imports; warm: same process), and print the figures."""

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
    # a scratch workspace: chitieu.config reads these (the bench never touches the checkout's warehouse)
    os.environ.update(
        CHITIEU_ROOT=str(ROOT),
        CHITIEU_RAW_DIR=str(base / "raw"),
        CHITIEU_WAREHOUSE_DIR=str(base / "warehouse"),
        CHITIEU_GX_ROOT=str(base / "gx"),
    )
    from chitieu.period import Period
    from chitieu.pipeline import STEPS

    print(f"{'run':<6}{'period':<9}" + "".join(f"{s.name:>15}" for s in STEPS) + f"{'total':>10}")
    for label, period in (("cold", "2023-08"), ("warm", "2023-08"), ("warm", "2023-07")):
        times = []
        for step in STEPS:
            t0 = time.perf_counter()
            step.run(Period(period))
            times.append(time.perf_counter() - t0)
        print(f"{label:<6}{period:<9}" + "".join(f"{t:>14.2f}s" for t in times) + f"{sum(times):>9.2f}s")
    shutil.rmtree(base)


if __name__ == "__main__":
    main()
