"""SYNTHETIC dossier-level portal exports: invented records, seeded, so the same call writes the same bytes.

`generate` / `write_monthly` write a small province's dossiers over many months (the tests). Each dossier's
service type and channel are drawn at random, with shares near those Lai Châu published for 1/6/2021-23/5/2023
(shared/seeds/001: 13.820 of 92.123 partly-online dossiers received online, 57.518 of 102.383 fully-online); the
exact counts are whatever the draw gives, so a test counts them from the records themselves.

`write_national` writes one month of the whole country (~2,000,000 dossiers at scale 1) with the same shares,
vectorised: numpy draws codes, pandas categoricals hold the text once, DuckDB writes the CSV files. Dossier ids
start with `SYNTHETIC-<province>-<YYYYMM>-` and are unique over the country and the months (a backfill
loads many); the files are named `synthetic_dvc_ho-so_...csv`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
SHARE_FULLY, ONLINE_PARTLY, ONLINE_FULLY, DIGITISED, PAID_ONLINE = 0.53, 0.15, 0.56, 0.76, 0.31


def generate(
    n: int, start: dt.date, end: dt.date, *, share_fully: float = SHARE_FULLY, online_partly: float = ONLINE_PARTLY,
    online_fully: float = ONLINE_FULLY, seed: int = 20231027,
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
            "digitised": np.where(rng.random(n) < DIGITISED, "Có", "Không"),
            "paid_online": np.where(rng.random(n) < PAID_ONLINE, "Có", "Không"),
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


# the national month: procedures of the national public-service portal (name, field), a few receiving units per
# province (name, level); after the 2025 reorganisation there is no district level
NATIONAL_PROCEDURES = [
    ("Đăng ký thành lập doanh nghiệp", "Thành lập và hoạt động doanh nghiệp"),
    ("Chứng thực bản sao từ bản chính", "Chứng thực"),
    ("Đăng ký khai sinh", "Hộ tịch"), ("Đăng ký kết hôn", "Hộ tịch"), ("Cấp phiếu lý lịch tư pháp", "Lý lịch tư pháp"),
    ("Cấp giấy phép xây dựng", "Xây dựng"), ("Đăng ký biến động đất đai", "Đất đai"),
    ("Cấp đổi giấy phép lái xe", "Đường bộ"), ("Đăng ký thường trú", "Đăng ký, quản lý cư trú"),
    ("Cấp giấy chứng nhận đủ điều kiện an toàn thực phẩm", "An toàn thực phẩm"),
]  # fmt: skip
_UNITS_PROVINCE = ["Trung tâm Phục vụ hành chính công", "Sở Tư pháp", "Sở Xây dựng", "Sở Tài chính"]
_UNITS_DISTRICT = ["UBND huyện số 1", "UBND huyện số 2", "UBND thành phố trực thuộc tỉnh"]
_UNITS_COMMUNE = ["UBND phường số 1", "UBND xã số 2", "UBND xã số 3", "UBND xã số 4"]


@dataclass(frozen=True)
class ProvincePortal:
    """Where a province's exports go and what they hold."""

    code: str  # the province code in force (dossier ids: SYNTHETIC-<code>-<YYYYMM>-<n>)
    name: str
    source: str  # portal-dvc-<slug>
    slug: str
    rows: int
    exports: int  # 1-3 files, split by the day the dossier was received


def _units(with_districts: bool) -> list[tuple[str, str]]:
    units = [(u, "Tỉnh") for u in _UNITS_PROVINCE]
    if with_districts:
        units += [(u, "Huyện") for u in _UNITS_DISTRICT]
    return units + [(u, "Xã") for u in _UNITS_COMMUNE]


def write_national(
    raw_dir: Path, period_start: dt.date, period_end: dt.date, provinces: list[ProvincePortal], *,
    with_districts: bool, seed: int,
) -> list[Path]:  # fmt: skip
    """Every province's exports of the month into raw/<source>/<YYYY-MM>/; one draw over the whole country."""
    import duckdb

    n = sum(p.rows for p in provinces)
    rng = np.random.default_rng([seed, 7])
    days = (period_end - period_start).days + 1
    prov = np.repeat(np.arange(len(provinces), dtype=np.int32), [p.rows for p in provinces])
    fully = rng.random(n) < SHARE_FULLY
    online = rng.random(n) < np.where(fully, ONLINE_FULLY, ONLINE_PARTLY)
    received = rng.integers(0, days, n, dtype=np.int32)
    due = received + rng.integers(3, 15, n, dtype=np.int32)
    returned = due - rng.integers(0, 3, n, dtype=np.int32) + np.where(rng.random(n) < 0.02, 5, 0).astype(np.int32)
    pending = (rng.random(n) < 0.01) | (returned >= days)  # not returned by the month's end: pending in the export
    local_units = _units(with_districts)
    unit = rng.integers(0, len(local_units), n, dtype=np.int32)
    proc = rng.integers(0, len(NATIONAL_PROCEDURES), n, dtype=np.int32)
    digitised = rng.random(n) < DIGITISED
    paid = rng.random(n) < PAID_ONLINE
    # received day -> export number of the province (1-3 exports, consecutive runs of days)
    exports = np.array([p.exports for p in provinces], dtype=np.int32)
    file_no = (received.astype(np.int64) * exports[prov]) // days
    # by province, export, received day (a stable sort: deterministic); numbered in that order from 1
    order = np.lexsort((received, file_no, prov))
    starts = np.cumsum([0] + [p.rows for p in provinces])[:-1]
    seq = np.arange(1, n + 1, dtype=np.int64) - np.repeat(starts, [p.rows for p in provinces])
    dates = [(period_start + dt.timedelta(days=d)).strftime("%d/%m/%Y") for d in range(days + 20)]
    unit_names = [f"{u} {p.name}" if lvl == "Tỉnh" else f"{u} ({p.name})" for p in provinces for u, lvl in local_units]
    levels = ["Tỉnh", "Huyện", "Xã"]
    level_of = np.array([levels.index(lvl) for _, lvl in local_units], dtype=np.int32)
    fields = sorted({f for _, f in NATIONAL_PROCEDURES})
    field_of = np.array([fields.index(f) for _, f in NATIONAL_PROCEDURES], dtype=np.int32)
    cat = pd.Categorical.from_codes
    df = pd.DataFrame(
        {
            "prov": prov[order],
            "file_no": file_no[order].astype(np.int32),
            "seq": seq,
            "procedure": cat(proc[order], [p for p, _ in NATIONAL_PROCEDURES]),
            "field": cat(field_of[proc[order]], fields),
            "receiving_unit": cat((prov * len(local_units) + unit)[order], unit_names),
            "level": cat(level_of[unit[order]], levels),
            "received_date": cat(received[order], dates),
            "due_date": cat(due[order], dates),
            "returned_date": cat(np.where(pending, -1, returned)[order], dates),
            "channel": cat(online[order].astype(np.int8), ["Trực tiếp", "Trực tuyến"]),
            "service_type": cat(fully[order].astype(np.int8), ["Một phần", "Toàn trình"]),
            "digitised": cat(digitised[order].astype(np.int8), ["Không", "Có"]),
            "paid_online": cat(paid[order].astype(np.int8), ["Không", "Có"]),
        }
    )
    bounds = np.searchsorted(df["prov"].to_numpy() * 4 + df["file_no"].to_numpy(), np.arange(4 * len(provinces) + 1))
    text = ", ".join(f'{k} as "{v}"' for k, v in COLUMNS.items() if k != "dossier_id")
    month = f"{period_start:%Y-%m}"
    paths = []
    con = duckdb.connect()
    try:
        for i, p in enumerate(provinces):
            for f in range(p.exports):
                part = f"_{f + 1}-of-{p.exports}" if p.exports > 1 else ""
                path = raw_dir / p.source / month / f"synthetic_dvc_ho-so_{p.slug}_{month}{part}.csv"
                path.parent.mkdir(parents=True, exist_ok=True)
                con.register("export", df.iloc[bounds[4 * i + f] : bounds[4 * i + f + 1]])
                ident = f"'SYNTHETIC-{p.code}-{period_start:%Y%m}-' || lpad(seq::varchar, 8, '0')"
                dossier_id = f'{ident} as "{COLUMNS["dossier_id"]}"'
                con.execute(f"copy (select {dossier_id}, {text} from export) to '{path}' (header true, delimiter ',')")
                con.unregister("export")
                paths.append(path)
    finally:
        con.close()
    return paths
