"""SYNTHETIC dossier-level portal exports, for tests and benchmarks: invented records, seeded, so the same call
writes the same bytes. Each dossier's service type and channel are drawn at random, with shares near those Lai
Châu published for 1/6/2021-23/5/2023 (shared/seeds/001: 13.820 of 92.123 partly-online dossiers received
online, 57.518 of 102.383 fully-online); the exact counts are whatever the draw gives, so a test counts them
from the records themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from chitieu.ingest.portal import COLUMNS

UNITS = [
    ("Sở Kế hoạch và Đầu tư", "Tỉnh"), ("Sở Tư pháp", "Tỉnh"), ("Sở Giao thông vận tải", "Tỉnh"),
    ("UBND thành phố Lai Châu", "Huyện"), ("UBND huyện Tam Đường", "Huyện"), ("UBND huyện Sìn Hồ", "Huyện"),
    ("UBND xã Bản Giang", "Xã"), ("UBND phường Tân Phong", "Xã"),
]  # fmt: skip
PROCEDURES = [("Đăng ký kinh doanh", "Kinh doanh"), ("Chứng thực bản sao", "Chứng thực"),
              ("Cấp giấy phép lái xe", "Giao thông"), ("Đăng ký khai sinh", "Hộ tịch")]  # fmt: skip


def generate(
    n: int, start: dt.date, end: dt.date, *, share_fully: float = 0.53, online_partly: float = 0.15,
    online_fully: float = 0.56, seed: int = 20231027,
) -> pd.DataFrame:  # fmt: skip
    """n dossiers received over [start, end]: fully-online services with probability `share_fully`, each
    received online with the probability of its service type."""
    rng = np.random.default_rng(seed)
    fully = rng.random(n) < share_fully
    service = np.where(fully, "Toàn trình", "Một phần")
    online = rng.random(n) < np.where(fully, online_fully, online_partly)
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
