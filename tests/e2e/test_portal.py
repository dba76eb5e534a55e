"""Portal exports: encodings, hostile cells, and the indicators counted from dossier-level records."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from chitieu.period import Period
from tests.conftest import ROOT, tree_hashes

SMALL = ROOT / "tests" / "fixtures" / "portal_export_small.csv"
PERIOD = "2023-08"


def test_encodings_load_and_unknown_ones_are_refused(workspace):
    from chitieu.pipeline import load_step

    text = SMALL.read_text(encoding="utf-8")
    df = pd.read_csv(SMALL, dtype=str, keep_default_na=False)
    cases = {
        "portal-a": ("export.csv", text.encode("utf-8")),
        "portal-b": ("export.csv", text.encode("utf-8-sig")),
        "portal-c": ("export.csv", text.encode("utf-16")),
        "portal-d": ("export.xlsx", None),
        "portal-e": ("export.csv", text.replace("Đ", "D").encode("cp1258", errors="replace") + b"\xff\xfe"),
        "portal-f": ("export.csv", text.replace("000.00.12.H32-00000031", '=HYPERLINK("http://x")', 1).encode()),
        "portal-g": ("export.csv", text.replace("01/08/2023", "2023-08-01", 1).encode()),
        "portal-h": ("export.csv", text.replace(",Tỉnh,", ",Vùng,", 1).encode()),
    }
    raw = workspace / "raw"
    for source, (name, data) in cases.items():
        path = raw / source / PERIOD / name
        path.parent.mkdir(parents=True)
        if data is None:
            df.to_excel(path, index=False)
        else:
            path.write_bytes(data)
    before = tree_hashes(raw)
    report = load_step(Period(PERIOD))
    files = {f["source"]: f for f in report["files"] if f["source"].startswith("portal-")}
    for source in ("portal-a", "portal-b", "portal-c", "portal-d"):
        assert (files[source]["status"], files[source]["n_figures"]) == ("loaded", 50), files[source]
    assert files["portal-e"]["reason_code"] == "unknown_encoding"
    assert files["portal-f"]["reason_code"] == "formula_injection" and "row 2" in files["portal-f"]["reason"]
    assert files["portal-g"]["reason_code"] == "bad_date" and "2023-08-01" in files["portal-g"]["reason"]
    assert files["portal-h"]["reason_code"] == "bad_value" and "Vùng" in files["portal-h"]["reason"]
    assert tree_hashes(raw) == before

    from chitieu.warehouse import connect

    with connect(read_only=True) as con:
        rows = con.execute(
            "select source, count(*), count(distinct dossier_id), min(row_number), max(row_number) "
            "from raw.portal_dossiers group by 1 order by 1"
        ).fetchall()
    assert rows == [(s, 50, 50, 2, 51) for s in ("portal-a", "portal-b", "portal-c", "portal-d")]
    # each record's row number is its line in the file (its row in the sheet)
    lines = SMALL.read_text(encoding="utf-8").splitlines()
    with connect(read_only=True) as con:
        got = con.execute("select source, row_number, dossier_id from raw.portal_dossiers").fetchall()
    assert all(lines[r - 1].split(",")[0] == d for _, r, d in got)


def test_indicators_count_what_the_dossiers_say(workspace):
    """Row-level dossiers drawn at random over 24 months; the marts' numerators and denominators must equal
    what pandas counts in the very same records (nothing passed to the generator is an expected count)."""
    import datetime as dt

    from chitieu.pipeline import dbt_step, load_step
    from chitieu.warehouse import connect
    from tests.support.portal_synth import generate, write_monthly

    dossiers = generate(6_000, dt.date(2021, 6, 1), dt.date(2023, 5, 23))
    paths = write_monthly(dossiers, workspace / "raw")
    months = sorted({p.parent.name for p in paths})
    assert (months[0], months[-1], len(months)) == ("2021-06", "2023-05", 24)
    for month in months:
        load_step(Period(month))
    dbt_step(Period(months[-1]))
    with connect(read_only=True) as con:
        got = {
            code: (n, d)
            for code, n, d in con.execute(
                "select indicator_code, sum(numerator), sum(denominator) from marts.fct_portal_indicators "
                "where received_month between '2021-06' and '2023-05' group by 1"
            ).fetchall()
        }
    online = dossiers["channel"] == "Trực tuyến"
    partly, fully = dossiers["service_type"] == "Một phần", dossiers["service_type"] == "Toàn trình"
    returned = pd.to_datetime(dossiers["returned_date"], format="%d/%m/%Y", errors="coerce")
    due = pd.to_datetime(dossiers["due_date"], format="%d/%m/%Y")
    expected = {
        "online_rate_partly_online": ((partly & online).sum(), partly.sum()),
        "online_rate_fully_online": ((fully & online).sum(), fully.sum()),
        "on_time_rate": ((returned <= due).sum(), returned.notna().sum()),
        "digitisation_rate": ((dossiers["digitised"] == "Có").sum(), len(dossiers)),
        "online_payment_rate": ((dossiers["paid_online"] == "Có").sum(), len(dossiers)),
    }
    assert {k: (int(n), int(d)) for k, (n, d) in got.items()} == {k: (int(n), int(d)) for k, (n, d) in expected.items()}
    assert 0 < expected["on_time_rate"][0] < expected["on_time_rate"][1]  # some late, some pending: not trivial


def test_portal_indicators_are_validated_and_published(workspace):
    from chitieu.pipeline import run_period

    path = workspace / "raw" / "portal-dvc-laichau" / PERIOD / "dvc.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(SMALL.read_bytes())
    result = run_period(PERIOD)
    manifest = json.loads((Path(result["publish"]["path"]) / "manifest.json").read_text())
    assert manifest["tables"]["fct_portal_indicators"]["rows"] > 0
    assert any(i["file_path"] == "portal-dvc-laichau/2023-08/dvc.csv" for i in manifest["inputs"])
