"""Issue 3 behaviours on real runs: claims check, several horizons with trend and projection, the district
level after the 2025 reorganisation. The Điện Biên figures here are synthetic test data (the seeds hold no
Điện Biên results), written in the submission template as a department would."""

from __future__ import annotations

import json

import pytest

from tests.conftest import add_submission
from tests.e2e.test_pipeline import chitieu

DB = dict(resolution_code="12-NQ/TU", admin_unit="Tỉnh Điện Biên")
LC = dict(resolution_code="PCI-CSHT-2023", admin_unit="Tỉnh Lào Cai", target_code="1", unit="hạng", denominator="63")


# Điện Biên's PCI component indices (synthetic test data): 2020 (the year before the period) and 2024, and 2023
# for PCI1, whose last year alone rose 1,1: the target is the average a year over the period, across the ten
PCI_2020 = [5.0 + 0.3 * k for k in range(10)]
PCI_GAIN = [1.2, 2.0, 0.4, 1.6, 2.4, 0.8, 1.2, 2.8, 1.0, 3.0]  # 2020 -> 2024


def _pci(code: str, value: float, year: int) -> dict:
    return DB | dict(target_code=code, value=f"{value:.2f}".replace(".", ","), unit="điểm",
                     reference_period=f"năm {year}", as_of=f"25/4/{year + 1}")  # fmt: skip


PCI_COMPONENTS = (
    [_pci(f"PCI{k + 1}", PCI_2020[k], 2020) for k in range(10)]
    + [_pci(f"PCI{k + 1}", PCI_2020[k] + PCI_GAIN[k], 2024) for k in range(10)]
    + [_pci("PCI1", PCI_2020[0] + PCI_GAIN[0] - 1.1, 2023)]
)


@pytest.fixture(scope="module")
def july_2025(module_workspace):
    from chitieu.pipeline import run_period

    raw = module_workspace / "raw"
    add_submission(
        raw, "so-noi-vu-dien-bien", "2025-07", "so-noi-vu_2025-07.xlsx",
        [DB | dict(target_code="2", value="30%", unit="%", reference_period="năm 2022", as_of="31/12/2022"),
         DB | dict(target_code="2", value="36,5%", unit="%", reference_period="năm 2023", as_of="31/12/2023"),
         DB | dict(target_code="2", value="42%", unit="%", reference_period="năm 2024", as_of="31/12/2024"),
         DB | dict(target_code="3", value="70%", unit="%", reference_period="năm 2024", as_of="31/12/2024"),
         DB | dict(target_code="5", value="12", unit="phút", reference_period="năm 2024", as_of="31/12/2024")],
    )  # fmt: skip
    add_submission(raw, "so-ke-hoach-dien-bien", "2025-07", "pci_2025-07.xlsx", PCI_COMPONENTS)
    # Lào Cai's infrastructure rank: 2023's, dated before the merger (Lào Cai, 10 of the 63), and 2024's, dated
    # after it (the new Lào Cai, 15 of the 34: Yên Bái's old code)
    add_submission(
        raw, "so-ke-hoach-lao-cai", "2025-07", "pci-ha-tang_2025-07.xlsx",
        [LC | dict(value="35", reference_period="năm 2023", as_of="30/4/2024"),
         LC | dict(value="25", reference_period="năm 2024", as_of="15/7/2025")],
    )  # fmt: skip
    for period in ("2023-06", "2023-07", "2023-08", "2025-07"):
        run_period(period)
    return module_workspace


def weighted_projection(at: float) -> float:
    """Independent check of the SQL fit: weights grow by one a year from the first point."""
    import datetime as dt

    import numpy as np

    days = [dt.date(2022, 12, 31), dt.date(2023, 12, 31), dt.date(2024, 12, 31)]
    t = np.array([d.year + (d.timetuple().tm_yday - 1) / 365.0 for d in days])
    x = np.array([30.0, 36.5, 42.0])
    w = t - t[0] + 1
    tm, xm = (w * t).sum() / w.sum(), (w * x).sum() / w.sum()
    slope = (w * (t - tm) * (x - xm)).sum() / (w * (t - tm) ** 2).sum()
    return float(xm + slope * (at - tm))


def targets(month: str, resolution: str) -> dict[str, dict]:
    out = chitieu("scorecard", "--as-of", month, "--resolution", resolution, "--format", "json")
    assert out.returncode == 0, out.stderr
    return {r["target_key"].split(":")[1]: r for r in json.loads(out.stdout)["targets"]}


def test_claim_5_of_9_agrees_with_the_reports_rule_only(july_2025):
    out = chitieu("claims", "--as-of", "2023-08", "--format", "json")
    rows = {r["counting_rule"]: r for r in json.loads(out.stdout) if r["resolution_id"] == "laichau-08-nq-tu"}
    assert rows["strict"]["computed"] == "4/9" and rows["strict"]["agrees"] is False
    assert rows["majority_of_parts"]["computed"] == "5/9" and rows["majority_of_parts"]["agrees"] is True
    assert rows["strict"]["targets_where_rules_differ"] == "6"
    # the rule that gives the report's 5/9 is chitieu's reconstruction, and says so
    assert (
        "reconstruction" in rows["majority_of_parts"]["rule_basis"]
        and "dựng lại" in rows["majority_of_parts"]["rule_basis_vi"]
    )


def test_both_horizons_with_trend_and_projection(july_2025):
    db = targets("2025-07", "12-NQ/TU")
    for horizon, target in (("2@2025", 50), ("2@2030", 55)):
        r = db[horizon]
        assert r["target_value"] == target and r["n_points"] == 3
        assert r["trend_category"] in {"on_track", "needs_acceleration", "limited_progress"}
        assert r["projected_value"] is not None and r["cagr_ratio"] is not None
    # 30% -> 42% in two years: the compound growth needed for 50% by the end of 2025 is being kept up ...
    assert db["2@2025"]["trend_category"] == "on_track"
    # ... while the time-weighted straight line (ESCAP) lands just short of it: both are shown
    assert db["2@2025"]["projected_value"] == pytest.approx(weighted_projection(2026.0), abs=1e-3)
    assert db["2@2030"]["projected_value"] == pytest.approx(weighted_projection(2031.0), abs=1e-3)
    assert db["2@2025"]["progress"] == pytest.approx((42 - 30) / (50 - 30), abs=1e-6)
    # ... and one point is not a trend
    assert db["3@2025"]["trend_category"] == "unable_to_assess" and db["3@2025"]["projected_value"] is None
    assert db["3@2030"]["status"] == "not_yet_met"
    assert db["5@2025"]["status"] == "met" and db["5@2025"]["comparator"] == "<="
    assert db["8.d@2025"]["status"] == "not_yet_reported" and db["8.d@2025"]["trend_category"] == "not_applicable"


def test_dien_bien_counts_8_targets_for_2025_and_4_for_2030_and_the_claim_is_checked(july_2025):
    out = chitieu("scorecard", "--as-of", "2025-07", "--resolution", "12-NQ/TU", "--format", "json")
    counts = {c["horizon_year"]: c for c in json.loads(out.stdout)["counts"]}
    assert (counts[2025]["n_targets"], counts[2030]["n_targets"]) == (8, 4)
    assert counts[2025]["n_met_strict"] == 1  # of the 8: the waiting time (12 minutes, at most 15)
    claims = json.loads(chitieu("claims", "--as-of", "2025-07", "--format", "json").stdout)
    mine = {(c["horizon_year"], c["counting_rule"]): c for c in claims if c["resolution_id"] == "dienbien-12-nq-tu"}
    assert {k: (c["claimed"], c["computed"], c["agrees"]) for k, c in mine.items()} == {
        (2025, "strict"): ("8", "8", True), (2025, "majority_of_parts"): ("8", "8", True),
        (2030, "strict"): ("4", "4", True), (2030, "majority_of_parts"): ("4", "4", True),
    }  # fmt: skip
    db = targets("2025-07", "12-NQ/TU")
    assert db["7@2025"]["tolerance"] == 0.05 and db["7@2025"]["tolerance_parameter"] == "approx_count_tolerance"
    assert (db["8.b@2025"]["unit"], db["8.b@2025"]["ranking_size"], db["8.b@2025"]["target_value"]) == ("tier", 6, 3)


def test_a_district_figure_dated_before_july_2025_is_still_assessed(july_2025):
    """Lai Châu's district part (77%, dated 2023) in July 2025: the level is gone, the figure stays assessable."""
    lc = targets("2025-07", "08-NQ/TU")
    assert lc["6.b@2025"]["status"] == "not_yet_met" and lc["6.b@2025"]["not_assessable_reason"] is None
    assert lc["6.a@2025"]["status"] == "met" and lc["6@2025"]["status"] == "not_yet_met"
    assert targets("2023-08", "08-NQ/TU")["6.b@2025"]["status"] == "not_yet_met"


def test_a_lao_cai_figure_after_the_merger_reaches_its_target(july_2025):
    lc = targets("2025-07", "PCI-CSHT-2023")
    # 2024's rank, reported by the new Lào Cai (15 of the 34), counts for the resolution of Lào Cai (10 of the 63)
    assert (lc["1@2024"]["actual_value"], lc["1@2024"]["status"]) == (25, "met")
    assert lc["1@2024"]["reported_admin_unit_key"] == "15@2025-07-01"
    # the target for 2023 is judged on 2023's rank, and its deadline has passed: missed (không đạt)
    assert (lc["1@2023"]["actual_value"], lc["1@2023"]["status"]) == (35, "not_met")
    assert lc["1@2023"]["reported_admin_unit_key"] == "10@2008-08-01"
    from chitieu import lake

    with lake.connect(read_only=True) as con:
        codes = con.execute(
            "select distinct admin_unit_code from lake.published.fct_resolution_targets "
            "where resolution_id = 'laocai-pci-ha-tang-2023'"
        ).fetchall()
        regions = con.execute(
            "select structure, count(*) from lake.published.dim_admin_unit "
            "where region = 'Trung du và miền núi phía Bắc' group by 1 order by 1"
        ).fetchall()
        hue = con.execute(
            "select name_vi, valid_from, valid_to from lake.published.dim_admin_unit "
            "where admin_unit_code = '46' and structure = '63' order by valid_from"
        ).fetchall()
    assert codes == [("10",)]
    assert regions == [("34", 9), ("63", 14)]
    assert [(n, str(f), str(t)) for n, f, t in hue] == [
        ("Thừa Thiên Huế", "2008-08-01", "2024-12-31"), ("Thành phố Huế", "2025-01-01", "2025-06-30")
    ]  # fmt: skip


def test_provisional_figure_is_flagged(july_2025):
    lc = targets("2023-08", "08-NQ/TU")
    assert lc["1@2025"]["is_provisional"] is True  # 37,36% for 2023, as of 18/8/2023
    assert lc["2@2025"]["is_provisional"] is False


def test_the_pci_increment_is_the_average_a_year_over_the_period_across_the_components(july_2025):
    pci = targets("2025-07", "12-NQ/TU")["8.a@2025"]
    average = sum(PCI_GAIN) / len(PCI_GAIN) / (2024 - 2020)  # 0,41 a year; PCI1's last year alone: +1,1
    assert pci["assessed_value"] == pytest.approx(average, abs=1e-6)
    assert (pci["n_components"], pci["increment_from_year"], pci["increment_to_year"]) == (10, 2020, 2024)
    assert pci["actual_value"] is None and pci["status"] == "met" and pci["comparator"] == "+/year>="
