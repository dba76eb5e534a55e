"""Vega specs drawn to SVG by vl-convert, here or in worker processes (`python -m chitieu.present.svg IN
OUT`: a JSON list of specs in, a JSON list of SVG documents out). Workers are plain subprocesses, not a
multiprocessing pool: whatever runs the report (an Airflow task, a script without a main guard) is never
imported again or forked with its threads."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path


def draw_all(specs: list[dict]) -> list[str]:
    import vl_convert

    return [vl_convert.vega_to_svg(spec) for spec in specs]


def draw_in_processes(specs: list[dict], workers: int) -> list[str]:
    """The same as draw_all, the specs split between `workers` processes."""
    chunks = [specs[i::workers] for i in range(workers)]
    with tempfile.TemporaryDirectory(prefix="chitieu-charts-") as tmp:
        jobs = []
        for n, chunk in enumerate(chunks):
            src, dst = Path(tmp) / f"{n}.in.json", Path(tmp) / f"{n}.out.json"
            src.write_text(json.dumps(chunk), encoding="utf-8")
            jobs.append((subprocess.Popen([sys.executable, "-m", __name__, str(src), str(dst)]), dst))
        for proc, _ in jobs:
            if proc.wait() != 0:
                raise RuntimeError(f"drawing the charts failed (exit code {proc.returncode})")
        drawn = [json.loads(dst.read_text(encoding="utf-8")) for _, dst in jobs]
    out: list[str] = [""] * len(specs)
    for n, svgs in enumerate(drawn):
        out[n::workers] = svgs
    return out


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(draw_all(json.loads(Path(sys.argv[1]).read_text("utf-8")))), "utf-8")
