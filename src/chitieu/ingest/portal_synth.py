"""SYNTHETIC dossier-level portal exports, for tests and benchmarks. Seeded, so the same call writes the same
bytes. The generated records are invented; only their totals are real: they reproduce the aggregates that
Lai Châu published for 1/6/2021-23/5/2023 (shared/seeds/001): partly-online services 13.820 of 92.123 dossiers
received online, fully-online services 57.518 of 102.383."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from chitieu.ingest.portal import COLUMNS

LAI_CHAU_2021_2023 = {
    "start": dt.date(2021, 6, 1),
    "end": dt.date(2023, 5, 23),
    "partly_online": (92_123, 13_820),  # (dossiers, received online)
    "fully_online": (102_383, 57_518),
}
UNITS = [
    ("Sở Kế hoạch và Đầu tư", "Tỉnh"), ("Sở Tư pháp", "Tỉnh"), ("Sở Giao thông vận tải", "Tỉnh"),
    ("UBND thành phố Lai Châu", "Huyện"), ("UBND huyện Tam Đường", "Huyện"), ("UBND huyện Sìn Hồ", "Huyện"),
    ("UBND xã Bản Giang", "Xã"), ("UBND phường Tân Phong", "Xã"),
]  # fmt: skip
PROCEDURES = [("Đăng ký kinh doanh", "Kinh doanh"), ("Chứng thực bản sao", "Chứng thực"),
              ("Cấp giấy phép lái xe", "Giao thông"), ("Đăng ký khai sinh", "Hộ tịch")]  # fmt: skip


def generate(
    n_partly: int, online_partly: int, n_fully: int, online_fully: int,
    start: dt.date, end: dt.date, seed: int = 20231027,
) -> pd.DataFrame:  # fmt: skip
    """Exactly the given counts of dossiers and online receptions per service type, spread over [start, end]."""
    rng = np.random.default_rng(seed)
    n = n_partly + n_fully
    service = np.array(["Một phần"] * n_partly + ["Toàn trình"] * n_fully)
    online = np.zeros(n, dtype=bool)
    online[rng.choice(n_partly, online_partly, replace=False)] = True
    online[n_partly + rng.choice(n_fully, online_fully, replace=False)] = True
    days = (end - start).days + 1
    received = np.datetime64(start) + rng.integers(0, days, n).astype("timedelta64[D]")
    due = received + rng.integers(3, 15, n).astype("timedelta64[D]")
    late = rng.random(n) < 0.02
    returned = due - rng.integers(0, 3, n).astype("timedelta64[D]") + np.where(late, 5, 0).astype("timedelta64[D]")
    pending = rng.random(n) < 0.01
    unit = rng.integers(0, len(UNITS), n)
    proc = rng.integers(0, len(PROCEDURES), n)
    fmt = lambda a: pd.Series(a).dt.strftime("%d/%m/%Y")  # noqa: E731
    order = np.argsort(received, kind="stable")
    df = pd.DataFrame(
        {
            "dossier_id": [f"000.00.12.H32-{i:08d}" for i in range(n)],
            "procedure": [PROCEDURES[i][0] for i in proc],
            "field": [PROCEDURES[i][1] for i in proc],
            "receiving_unit": [UNITS[i][0] for i in unit],
            "level": [UNITS[i][1] for i in unit],
            "received_date": fmt(received),
            "due_date": fmt(due),
            "returned_date": fmt(returned).where(~pending, ""),
            "channel": np.where(online, "Trực tuyến", "Trực tiếp"),
            "service_type": service,
            "digitised": np.where(rng.random(n) < 0.76, "Có", "Không"),
            "paid_online": np.where(rng.random(n) < 0.31, "Có", "Không"),
        }
    ).iloc[order]
    df["received_month"] = pd.Series(received[order]).dt.strftime("%Y-%m").to_numpy()
    return df.reset_index(drop=True)


def write_monthly(df: pd.DataFrame, raw_dir: Path, source: str = "portal-dvc-laichau") -> list[Path]:
    """One export per month received, as the portal gives them, in raw/<source>/<YYYY-MM>/."""
    paths = []
    for month, part in df.groupby("received_month", sort=True):
        path = raw_dir / source / month / f"dvc_ho-so_{month}.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        part.drop(columns="received_month").rename(columns=COLUMNS).to_csv(path, index=False, encoding="utf-8")
        paths.append(path)
    return paths


def lai_chau_2021_2023() -> pd.DataFrame:
    c = LAI_CHAU_2021_2023
    return generate(*c["partly_online"], *c["fully_online"], c["start"], c["end"])
