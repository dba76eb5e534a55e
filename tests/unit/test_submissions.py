from pathlib import Path

import pytest

from chitieu.facts import target_kinds
from chitieu.ingest.catalogue import load_all
from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.submissions import read_submission
from chitieu.ingest.template import write_submission

ROOT = Path(__file__).resolve().parents[2]


def row(**kw):
    base = {
        "resolution_code": "08-NQ/TU", "target_code": "1", "admin_unit": "Tỉnh Lai Châu", "value": "37,36%",
        "unit": "%", "reference_period": "năm 2023", "as_of": "18/8/2023",
    }  # fmt: skip
    return base | kw


def test_bundled_submission_reads_with_cells():
    figs, errors = read_submission(ROOT / "raw/so-noi-vu/2023-08/so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx")
    assert errors == []
    first = figs[0]
    assert first.target_code == "1"
    assert first.value_raw == "37,36%" and float(first.value) == 37.36
    assert first.cell == "F6" and first.sheet == "SoLieu"
    assert first.admin_unit_code == "12"
    assert str(first.as_of) == "2023-08-18"


def test_bundled_dates_are_the_sources_and_assumptions_are_marked():
    """Target 2 dated as footnote 31 says (17/7/2023, a day, not a month); the "đến nay" figures dated at the
    report, its date assumed; the 2022 ranks at their month of publication, a placeholder day, marked."""
    raw = ROOT / "raw"
    (two,) = read_submission(raw / "so-tttt/2023-07/so-tttt_bao-cao-chi-tieu_2023-07.xlsx")[0]
    assert (two.target_code, two.reference_period, str(two.as_of), two.as_of_is_assumed) == (
        "2", "2023-07-17", "2023-07-17", False
    )  # fmt: skip
    august = {
        f.target_code: f for f in read_submission(raw / "so-noi-vu/2023-08/so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx")[0]
    }
    assert august["6.b"].reference_period_raw == "đến nay" and august["6.b"].as_of_is_assumed
    assert str(august["6.b"].as_of) == august["6.b"].reference_period == "2023-08-30"
    assert not august["1"].as_of_is_assumed  # 37,36% "đến 18/8/2023": the source's date
    june = read_submission(raw / "so-noi-vu/2023-06/so-noi-vu_bao-cao-chi-tieu_2023-06.xlsx")[0]
    ranks = [f for f in june if f.target_code in ("8", "9")]
    assert [(str(f.as_of), f.as_of_is_assumed, f.as_of_raw) for f in ranks] == [
        ("2023-04-30", True, "30/4/2023 (giả định)")
    ] * 2


def test_bad_cells_are_named(tmp_path):
    path = write_submission(
        tmp_path / "bad.xlsx", reporter="x", period_label="x",
        rows=[row(), row(value="99.5%"), row(as_of="32/8/2023", admin_unit="Tỉnh Atlantis")],
    )  # fmt: skip
    figures, errors = read_submission(path)
    assert len(figures) == 3  # read whole; the loader refuses the file for its errors
    assert [(e.cell, e.code) for e in errors] == [
        ("F7", "ambiguous_number"),
        ("C7", "duplicate_row"),
        ("K8", "bad_date"),
        ("E8", "unknown_admin_unit"),
    ]
    assert errors[0].found == "99.5%" and "Atlantis" in errors[3].found


def test_not_a_workbook(tmp_path):
    from chitieu.ingest.reading import read_guard

    p = tmp_path / "x.xlsx"
    p.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(RejectedFile) as exc, read_guard():
        read_submission(p)
    assert exc.value.code == "unreadable_workbook" and "Could not find EOCD" in exc.value.message


def test_missing_required_column(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "SoLieu"
    ws.append(["Mã chỉ tiêu", "Giá trị"])
    ws.append(["1", "37,36"])
    wb.save(tmp_path / "m.xlsx")
    with pytest.raises(RejectedFile, match="Đơn vị tính"):
        read_submission(tmp_path / "m.xlsx")


def test_catalogues_as_data():
    resolutions, targets, claims, indicators = load_all(ROOT / "raw/catalogue")
    assert {r["resolution_id"]: r["province_code"] for r in resolutions} == {
        "laichau-08-nq-tu": "12", "dienbien-12-nq-tu": "11", "laocai-pci-ha-tang-2023": "10",
    }  # fmt: skip
    lc = [t for t in targets if t["resolution_id"] == "laichau-08-nq-tu"]
    assert len([t for t in lc if t["parent_code"] is None]) == 9
    assert sorted(t["target_code"] for t in lc if t["parent_code"] == "6") == ["6.a", "6.b", "6.c"]
    db = {(t["target_code"], t["horizon_year"]): t for t in targets if t["resolution_id"] == "dienbien-12-nq-tu"}
    assert db[("2", 2025)]["target_value"] == 50 and db[("2", 2030)]["target_value"] == 55
    assert db[("8.d", 2030)]["kind"] == "rank_top_n" and db[("8.d", 2030)]["ranking_size"] == 63
    assert {t["kind"] for t in targets if not t["is_multi_part"]} == set(target_kinds())  # every kind is used
    five_of_nine = next(c for c in claims if c["claim_id"] == "so-ket-2023-5-of-9")
    assert five_of_nine["claimed_met"] == 5 and five_of_nine["claimed_total"] == 9
    # supporting indicators are not targets: none shares a code with a target, none is counted
    sup = {i["indicator_code"]: i for i in indicators if i["resolution_id"] == "laichau-08-nq-tu"}
    assert len(sup) == 18 and not set(sup) & {t["target_code"] for t in lc}
    assert sup["BT12"]["part_codes"] == ["BT13", "BT14"] and sup["BT12"]["unit"] == "procedures"
    assert sup["BT15"]["part_codes"] == ["BT16", "BT17", "BT18"] and sup["BT1"]["part_codes"] is None


def test_the_catalogue_accepts_exactly_the_seeds_kinds(tmp_path):
    from chitieu.ingest.catalogue import CatalogueError, load_catalogue

    def catalogue(kind: str) -> Path:
        p = tmp_path / f"{kind}.yaml"
        p.write_text(
            "resolution: {id: x, code: X, province_code: 12}\n"
            f"targets: [{{code: '1', kind: {kind}, value: 40, value_low: 30, ranking_size: 63, horizon_year: 2025}}]\n"
        )
        return p

    kinds = target_kinds()
    assert kinds and all(k == v.kind for k, v in kinds.items())
    for kind in kinds:
        _, rows, _, _ = load_catalogue(catalogue(kind))
        assert rows[0]["kind"] == kind
    with pytest.raises(CatalogueError, match="kind must be one of"):
        load_catalogue(catalogue("about_right"))


def test_a_catalogue_error_is_named(tmp_path):
    from chitieu.ingest.catalogue import CatalogueError, load_catalogue

    p = tmp_path / "x.yaml"
    p.write_text(
        "resolution: {id: x, code: X, province_code: 12}\n"
        "targets: [{code: '1', kind: rank_top_n, value: 40, unit: rank, horizon_year: 2025}]\n"
    )
    with pytest.raises(CatalogueError, match="target 1: a rank target needs ranking_size"):
        load_catalogue(p)


def _with_indicators(tmp_path: Path, indicators: str) -> Path:
    p = tmp_path / "x.yaml"
    p.write_text(
        "resolution: {id: x, code: X, province_code: 12}\n"
        "targets: [{code: '1', kind: at_least, value: 80, unit: '%', horizon_year: 2025}]\n"
        f"indicators: {indicators}\n"
    )
    return p


def test_catalogue_supporting_indicators(tmp_path):
    from chitieu.ingest.catalogue import load_catalogue

    _, targets, _, indicators = load_catalogue(_with_indicators(tmp_path, (
        "[{code: T, unit: procedures, name_vi: Tổng, parts: [A, B]},"
        " {code: A, unit: procedures, name_vi: A}, {code: B, unit: procedures, name_vi: B, name_en: B}]"
    )))  # fmt: skip
    assert [t["target_code"] for t in targets] == ["1"]  # indicators are never targets
    assert [(i["indicator_code"], i["part_codes"]) for i in indicators] == [("T", ["A", "B"]), ("A", None), ("B", None)]
    assert {i["resolution_id"] for i in indicators} == {"x"}


@pytest.mark.parametrize(
    ("indicators", "message"),
    [
        ("[{code: A, unit: '%', name_vi: a}, {code: A, unit: '%', name_vi: b}]", r"duplicate indicator codes \['A'\]"),
        ("[{code: T, unit: '%', name_vi: t, parts: [A, Z]}, {code: A, unit: '%', name_vi: a}]",
         "indicator T: part Z is not an indicator"),
        ("[{code: T, unit: '%', name_vi: t, parts: [T]}]", "indicator T is a part of itself"),
        ("[{code: T, unit: VND, name_vi: t, parts: [A]}, {code: A, unit: '%', name_vi: a}]",
         "indicator T: part A is in '%', the total in 'VND'"),
        ("[{code: '1', unit: '%', name_vi: t}]", r"indicator codes \['1'\] are target codes too"),
        ("[{code: A, unit: gallons, name_vi: a}]", "indicator A: unit must be one of"),
        ("[{unit: '%', name_vi: a}]", "a supporting indicator without a code"),
        ("[{code: A, unit: '%'}]", "indicator A: no name_vi"),
    ],
)  # fmt: skip
def test_catalogue_indicators_are_checked(tmp_path, indicators, message):
    from chitieu.ingest.catalogue import CatalogueError, load_catalogue

    with pytest.raises(CatalogueError, match=message):
        load_catalogue(_with_indicators(tmp_path, indicators))


def test_province_names_across_the_2025_reorganisation():
    import datetime as dt

    from chitieu.ingest.admin_units import explain_unmatched, match_province

    before, after = dt.date(2024, 12, 31), dt.date(2025, 8, 1)
    assert match_province("TP. Hồ Chí Minh", after) == "79"
    assert match_province("Thanh pho Ha Noi", after) == "01"
    assert match_province("tinh lai chau", before) == match_province("Tỉnh Lai Châu", after) == "12"
    assert match_province("Tỉnh Lào Cai", before) == "10" and match_province("Tỉnh Lào Cai", after) == "15"
    assert match_province("Yên Bái", before) == "15" and match_province("Yên Bái", after) is None
    assert "became part of Lào Cai on 1/7/2025" in explain_unmatched("Yên Bái", after)
    # a renamed province: both names are the one province (46); each name is in force on its own days
    assert match_province("Tỉnh Thừa Thiên Huế", dt.date(2024, 5, 1)) == match_province("Thành phố Huế", before)
    assert match_province("Thành phố Huế", dt.date(2025, 3, 1)) == match_province("Thành phố Huế", after) == "46"


def test_the_63_provinces_by_name_on_a_day_and_followed_across_the_merger():
    import datetime as dt

    from chitieu.ingest.admin_units import lineage, provinces_before_2025

    on = {d: {p["admin_unit_code"]: p["name_vi"] for p in provinces_before_2025(d)}
          for d in (dt.date(2024, 12, 31), dt.date(2025, 1, 1))}  # fmt: skip
    assert len(on[dt.date(2024, 12, 31)]) == len(on[dt.date(2025, 1, 1)]) == len(provinces_before_2025()) == 63
    assert (on[dt.date(2024, 12, 31)]["46"], on[dt.date(2025, 1, 1)]["46"]) == ("Thừa Thiên Huế", "Thành phố Huế")
    assert lineage("10", "63") == {("10", "63"), ("15", "34")}  # Lào Cai: the new Lào Cai's figures count
    assert lineage("15", "63") == {("15", "63"), ("15", "34")}  # Yên Bái too; but Yên Bái's never count for 10
    assert lineage("15", "34") == {("15", "34")}  # never backwards: old Lào Cai's figures are not the new one's
    assert lineage("12", "63") == {("12", "63"), ("12", "34")}
    # a catalogue without a date: a code read where it names one province beyond doubt, else today's structure
    from chitieu.ingest.admin_units import catalogue_structure

    assert catalogue_structure("15", dt.date(2021, 5, 20)) == "63" and catalogue_structure("15", None) == "34"
    assert catalogue_structure("12", None) == catalogue_structure("10", None) == "63"  # kept whole; only the 63's
    assert catalogue_structure("08", None) == "34"  # Tuyên Quang of the 63 and the new one (with Hà Giang) differ


def _figure(unit: str, day, code: str = "PCI-CSHT-2023"):
    import datetime as dt

    from chitieu.ingest.admin_units import match_province
    from chitieu.ingest.records import Figure

    as_of = dt.date.fromisoformat(day)
    return Figure(sheet="SoLieu", row_number=6, resolution_code=code, target_code="1", admin_unit_raw=unit,
                  admin_unit_code=match_province(unit, as_of), as_of=as_of)  # fmt: skip


def test_a_code_is_never_matched_alone_across_the_reorganisation():
    """Lào Cai's resolution (10 of the 63) takes the new Lào Cai's figures (15 of the 34); a figure of Yên Bái
    (15 of the 63) naming it is refused, although 15 is the new Lào Cai's code. Where the new Lào Cai continues two
    resolutions with one code (Lào Cai's and Yên Bái's), its figure is refused as ambiguous, not guessed."""
    import datetime as dt

    from chitieu.ingest import admin_units
    from chitieu.ingest.crosscheck import Catalogue, crosscheck
    from chitieu.period import Period

    resolutions, targets, _, indicators = load_all(ROOT / "raw/catalogue")
    before, after = _figure("Tỉnh Lào Cai", "2024-04-30"), _figure("Tỉnh Lào Cai", "2025-07-15")
    yen_bai = _figure("Tỉnh Yên Bái", "2024-04-30")
    assert (before.admin_unit_code, after.admin_unit_code, yen_bai.admin_unit_code) == ("10", "15", "15")
    errors = crosscheck([before, after, yen_bai], Period("2025-07"), Catalogue(resolutions, targets, indicators))
    assert (before.resolution_id, after.resolution_id) == ("laocai-pci-ha-tang-2023",) * 2
    assert [(e.cell, e.code) for e in errors] == [("row 6", "unknown_resolution")] and "Yên Bái" in errors[0].expected
    same_code = {"resolution_id": "yb", "resolution_code": "PCI-CSHT-2023", "province_code": "15",
                 "province_structure": admin_units.catalogue_structure("15", dt.date(2021, 1, 1))}  # fmt: skip
    catalogue = Catalogue([*resolutions, same_code], targets, indicators)
    (error,) = crosscheck([_figure("Tỉnh Lào Cai", "2025-07-15")], Period("2025-07"), catalogue)
    assert error.code == "unknown_resolution" and "laocai-pci-ha-tang-2023, yb" in error.expected
