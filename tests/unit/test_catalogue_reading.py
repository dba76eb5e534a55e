"""The catalogues read as the resolutions count their targets: Điện Biên's 12-NQ/TU grouped into the article's 8
targets for 2025 and 4 for 2030; what no source states (a tolerance) named as chitieu's assumption; a tier target
("PCI xếp hạng khá") and a tier figure ("Khá") as positions on their scale (seed rating_tiers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from chitieu import facts
from chitieu.ingest.catalogue import CatalogueError, load_all, load_catalogue
from chitieu.ingest.submissions import read_submission
from chitieu.ingest.template import write_submission

ROOT = Path(__file__).resolve().parents[2]


def _dien_bien() -> tuple[list[dict], list[dict]]:
    _, targets, claims, _ = load_all(ROOT / "raw/catalogue")
    mine = lambda rows: [r for r in rows if r["resolution_id"] == "dienbien-12-nq-tu"]  # noqa: E731
    return mine(targets), mine(claims)


def test_dien_bien_counts_8_targets_for_2025_and_4_for_2030_as_the_article_does():
    targets, claims = _dien_bien()
    headline = {y: sorted(t["target_code"] for t in targets if t["parent_code"] is None and t["horizon_year"] == y)
                for y in (2025, 2030)}  # fmt: skip
    assert headline == {2025: ["1", "2", "3", "4", "5", "6", "7", "8"], 2030: ["2", "3", "7", "8"]}
    parts = lambda code, y: sorted(  # noqa: E731
        t["target_code"] for t in targets if t["parent_code"] == code and t["horizon_year"] == y
    )
    assert parts("6", 2025) == ["6.a", "6.b", "6.c", "6.d"]  # ICT infrastructure: one target, four figures
    assert parts("8", 2025) == ["8.a", "8.b", "8.c", "8.d"] and parts("8", 2030) == ["8.d"]  # PCI
    # the article's counts are claims checked against the catalogue every month (no month, no count met)
    assert {(c["horizon_year"], c["claimed_total"], c["claimed_met"], c["assessment_month"]) for c in claims} == {
        (2025, 8, None, None), (2030, 4, None, None)
    }  # fmt: skip


def test_the_enterprise_tolerance_is_a_named_assumption_and_the_reading_is_recorded():
    targets, _ = _dien_bien()
    seven = [t for t in targets if t["target_code"] == "7"]
    assert {(t["horizon_year"], t["target_value"]) for t in seven} == {(2025, 2000), (2030, 2700)}
    assert all(t["tolerance"] is None and t["tolerance_parameter"] == "approx_count_tolerance" for t in seven)
    assert facts.parameters()["approx_count_tolerance"].value == 0.05
    assert "chitieu" in facts.parameters()["approx_count_tolerance"].description_en
    assert all("đăng ký thành lập" in t["reading_vi"] and "registered" in t["reading_en"] for t in seven)


def test_pci_khá_is_a_tier_target():
    targets, _ = _dien_bien()
    (khá,) = [t for t in targets if t["target_code"] == "8.b"]
    assert (khá["kind"], khá["unit"], khá["ranking_group"]) == ("rank_top_n", "tier", "PCI (VCCI)")
    scale = facts.rating_tiers()["PCI (VCCI)"]
    assert (khá["target_value"], khá["ranking_size"]) == (3, len(scale)) and scale[2].label_vi == "Khá"


def _catalogue(tmp_path: Path, target: str) -> Path:
    p = tmp_path / "x.yaml"
    p.write_text(f"resolution: {{id: x, code: X, province_code: 12}}\ntargets: [{target}]\n", encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("{code: '1', kind: approx_count, value: 10, tolerance: guess, horizon_year: 2025}",
         "tolerance 'guess' is neither a number nor a parameter"),
        ("{code: '1', kind: rank_top_n, unit: tier, value: Khá, ranking_group: PAPI, horizon_year: 2025}",
         "ranking_group must be a scale of the seed rating_tiers"),
        ("{code: '1', kind: rank_top_n, unit: tier, value: Giỏi, ranking_group: PCI (VCCI), horizon_year: 2025}",
         "'Giỏi' is no tier"),
        ("{code: '1', kind: rank_top_n, unit: tier, value: 3, ranking_group: PCI (VCCI), ranking_size: 5,"
         " horizon_year: 2025}", "PCI \\(VCCI\\) has 6 tiers, not 5"),
        ("{code: '1', parts: [{code: '1.a', kind: at_least, value: 1}]}", "target 1: no horizon_year or horizons"),
    ],
)  # fmt: skip
def test_what_the_catalogue_names_must_exist(tmp_path, target, message):
    with pytest.raises(CatalogueError, match=message):
        load_catalogue(_catalogue(tmp_path, target))


def test_a_tier_figure_is_its_position_on_the_scale(tmp_path):
    base = {"resolution_code": "12-NQ/TU", "target_code": "8.b", "admin_unit": "Tỉnh Điện Biên",
            "reference_period": "năm 2024", "as_of": "30/4/2025"}  # fmt: skip
    path = write_submission(
        tmp_path / "t.xlsx", reporter="x", period_label="x",
        rows=[base | {"value": "Khá", "unit": "xếp loại"},
              base | {"value": "trung binh", "unit": "Xếp loại", "reference_period": "năm 2023"},
              base | {"value": "Xuất sắc", "unit": "xếp loại", "reference_period": "năm 2022"}],
    )  # fmt: skip
    figures, errors = read_submission(path)
    assert [(f.value_raw, f.value, f.denominator, f.unit) for f in figures[:2]] == [
        ("Khá", 3, 6, "tier"), ("trung binh", 4, 6, "tier")
    ]  # fmt: skip
    assert [(e.cell, e.code) for e in errors] == [("F8", "bad_value")] and "Xuất sắc" in errors[0].found


def test_the_pci_increment_is_averaged_across_the_component_indices(tmp_path):
    targets, _ = _dien_bien()
    (pci,) = [t for t in targets if t["target_code"] == "8.a"]
    assert pci["component_codes"] == [f"PCI{k}" for k in range(1, 11)] and pci["baseline_year"] == 2020
    assert facts.target_kinds()[pci["kind"]].compares == "average_yearly_change"
    p = tmp_path / "x.yaml"
    p.write_text(
        "resolution: {id: x, code: X, province_code: 12}\n"
        "targets: [{code: '1', kind: yearly_increment, value_low: 0.3, value: 0.8, horizon_year: 2025,"
        " components: [C1, C2]}]\n"
        "indicators: [{code: C1, unit: points, name_vi: c1}]\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match=r"target 1: components \['C2'\] are no indicators"):
        load_catalogue(p)
