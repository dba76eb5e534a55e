"""A SYNTHETIC national month: the target catalogues of every province, its departments' submissions and its
portal's dossier exports, written into out/raw/ as the loader reads a landing zone (CHITIEU_RAW_DIR=out/raw).

The provinces are those of the structure in force on the period's first day (chitieu.facts.reorganisation_date:
the 34 provinces from 1/7/2025, the 63 before). At scale 1 every province is there, with ~2,000,000 dossier rows
in all; `scale` multiplies the dossier rows (round(2,000,000 x scale)) and, below 1, also the provinces (the first
max(3, ceil(n x scale)) of a seeded shuffle, the same every month: scale 0.01 gives 3 provinces and 20,000
dossiers). Each province keeps its 2-3 resolutions (the same every month, so that months follow each other as a
backfill) and its 8-15 department submissions at any scale.

One national month per folder: the synthetic catalogue files (synthetic_*.yaml) and the period's synthetic files
of a previous call are replaced; other files are left alone.
"""

from __future__ import annotations

import datetime as dt
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from chitieu import facts
from chitieu.ingest import admin_units
from chitieu.period import Period
from chitieu.synth import catalogues, portal, submissions

DOSSIERS_A_MONTH = 2_000_000


@dataclass(frozen=True)
class Summary:
    period: str
    provinces: int
    resolutions: int
    targets: int  # leaf targets (what a figure reports on; supporting indicators not counted)
    submissions: int  # department workbooks
    dossier_rows: int
    portal_files: int
    files: int  # every file written: catalogues, workbooks, exports
    megabytes: float
    seconds: float

    def to_dict(self) -> dict:
        return asdict(self)


def structure(period: Period) -> list[catalogues.Province]:
    """The provinces in force on the period's first day."""
    if period.start >= facts.reorganisation_date():
        rows = [(p["admin_unit_code"], p["name_vi"]) for p in admin_units.provinces()]
    else:
        rows = [(p["admin_unit_code"], p["name_vi"]) for p in admin_units.provinces_before_2025()]
    return [catalogues.Province(code, name, catalogues.slug(name)) for code, name in rows]


def _clear(raw: Path, period: Period) -> None:
    for path in [*raw.glob("catalogue/synthetic_*.yaml"), *raw.glob(f"*/{period}/synthetic_*")]:
        path.unlink()


def generate_month(out: Path, period: Period, *, scale: float = 1.0, seed: int = 2025) -> Summary:
    """Write the national month into out/raw/catalogue/ and out/raw/<source>/<period>/; what was written."""
    t0 = time.perf_counter()
    if scale <= 0:
        raise ValueError("scale must be above 0")
    period = Period(period)
    raw = Path(out) / "raw"
    (raw / "catalogue").mkdir(parents=True, exist_ok=True)
    _clear(raw, period)
    rng = np.random.default_rng([seed, period.year, period.month])
    everyone = structure(period)
    if scale < 1:  # the same provinces every month of a structure (a backfill follows them)
        keep = max(3, math.ceil(len(everyone) * scale))
        chosen = sorted(int(i) for i in np.random.default_rng([seed, len(everyone)]).permutation(len(everyone))[:keep])
        provinces = [everyone[i] for i in chosen]
    else:
        provinces = everyone
    with_districts = period.start < facts.reorganisation_date()
    # the day a catalogue's province code is read on: one per structure, so a catalogue is the same every month
    code_on = facts.reorganisation_date() - dt.timedelta(days=1) if with_districts else facts.reorganisation_date()
    written: list[Path] = []
    n_res = n_targets = n_subs = 0
    for index, p in enumerate(provinces):
        prng = np.random.default_rng([seed, int(p.code), 3])  # a province's resolutions do not change by month
        resolutions = catalogues.province_resolutions(
            p, ranking_size=len(everyone), with_districts=with_districts, code_on=code_on, rng=prng
        )
        written += [catalogues.write(r, raw / "catalogue") for r in resolutions]
        leaves = [leaf for r in resolutions for leaf in r.leaves]
        subs = submissions.write_province(raw, period, p, leaves, seed, index)
        written += subs
        n_res += len(resolutions)
        n_targets += sum(r.n_targets for r in resolutions)
        n_subs += len(subs)
    total = round(DOSSIERS_A_MONTH * scale)
    weights = rng.uniform(0.4, 1.6, len(provinces))
    rows = np.floor(weights / weights.sum() * total).astype(int)
    rows[: total - rows.sum()] += 1
    exports = rng.integers(1, 4, len(provinces))
    plan = [
        portal.ProvincePortal(p.code, p.name, f"portal-dvc-{p.slug}", p.slug, int(n), int(e))
        for p, n, e in zip(provinces, rows, exports, strict=True)
    ]
    exports_written = portal.write_national(
        raw, period.start, period.end, plan, with_districts=with_districts, seed=seed * 1000 + period.month
    )
    written += exports_written
    return Summary(
        period=str(period),
        provinces=len(provinces),
        resolutions=n_res,
        targets=n_targets,
        submissions=n_subs,
        dossier_rows=int(rows.sum()),
        portal_files=len(exports_written),
        files=len(written),
        megabytes=round(sum(p.stat().st_size for p in written) / 1e6, 1),
        seconds=round(time.perf_counter() - t0, 2),
    )
