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


class Drawing:
    """Specs being drawn by `workers` processes (started at once); `result()` waits for the SVGs, in order. The
    caller does other work meanwhile (the report writes its XLSX and CSV files)."""

    def __init__(self, specs: list[dict], workers: int):
        self._tmp = tempfile.TemporaryDirectory(prefix="chitieu-charts-")
        self._n, self._workers, self._jobs = len(specs), workers, []
        for n in range(workers):
            src, dst = Path(self._tmp.name) / f"{n}.in.json", Path(self._tmp.name) / f"{n}.out.json"
            src.write_text(json.dumps(specs[n::workers]), encoding="utf-8")
            self._jobs.append((subprocess.Popen([sys.executable, "-m", __name__, str(src), str(dst)]), dst))

    def result(self) -> list[str]:
        try:
            for proc, _ in self._jobs:
                if proc.wait() != 0:
                    raise RuntimeError(f"drawing the charts failed (exit code {proc.returncode})")
            out: list[str] = [""] * self._n
            for n, (_, dst) in enumerate(self._jobs):
                out[n :: self._workers] = json.loads(dst.read_text(encoding="utf-8"))
            return out
        finally:
            self._tmp.cleanup()


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(draw_all(json.loads(Path(sys.argv[1]).read_text("utf-8")))), "utf-8")
