"""SYNTHETIC target catalogues: per province 2-3 resolutions, each a catalogue YAML file as analysts write them
(chitieu.ingest.catalogue reads them), titled "(DỮ LIỆU TỔNG HỢP / SYNTHETIC)".

Each resolution has one target of every kind of dbt_project/seeds/target_kinds.csv (read through chitieu.facts),
a multi-part target (a part per administrative level in force: province, district before 1/7/2025, commune),
targets with two horizons (2025 and 2030), more percentage targets to reach >= 40 targets a province, and three
supporting indicators (a total and its two parts). Rank targets rank among the provinces of the structure in
force (63 or 34).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

from chitieu import facts
from chitieu.ingest.reading import fold

TITLE_MARK = "(DỮ LIỆU TỔNG HỢP / SYNTHETIC)"
MIN_TARGETS = 40  # leaf targets a province

THEMES = [
    ("đẩy mạnh cải cách hành chính, nâng cao chỉ số PAR INDEX và SIPAS", "administrative reform"),
    ("chuyển đổi số, phát triển chính quyền số, kinh tế số và xã hội số", "digital transformation"),
    ("cải thiện môi trường đầu tư kinh doanh, nâng cao năng lực cạnh tranh cấp tỉnh (PCI)", "business environment"),
]
SHARES = [  # at_least, "%": (name_vi, name_en)
    ("Thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến toàn trình",
     "Eligible procedures fully online"),
    ("Hồ sơ thủ tục hành chính được giải quyết đúng hạn", "Dossiers resolved on time"),
    ("Hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", "Dossiers received online"),
    ("Kết quả giải quyết thủ tục hành chính được số hóa", "Results of procedures digitised"),
    ("Văn bản điện tử ký số được trao đổi trên môi trường mạng", "Signed electronic documents exchanged online"),
    ("Người dân, doanh nghiệp hài lòng với việc giải quyết thủ tục hành chính", "Citizens and firms satisfied"),
    ("Hồ sơ có phí, lệ phí được thanh toán trực tuyến", "Fees paid online"),
    ("Hệ thống thông tin được kết nối qua nền tảng tích hợp, chia sẻ dữ liệu", "Systems on the data-sharing platform"),
    ("Chế độ báo cáo định kỳ được cập nhật trên Hệ thống thông tin báo cáo",
     "Periodic reports on the reporting system"),
    ("Cơ sở dữ liệu chuyên ngành kết nối với Cơ sở dữ liệu quốc gia về dân cư",
     "Databases linked to the population database"),
    ("Hộ gia đình có kết nối Internet cáp quang", "Households on fibre"),
    ("Người dân trưởng thành có điện thoại thông minh", "Adults with a smartphone"),
    ("Doanh nghiệp sử dụng hợp đồng điện tử", "Firms using e-contracts"),
    ("Cán bộ, công chức được bồi dưỡng kỹ năng số", "Civil servants trained in digital skills"),
    ("Đơn vị sự nghiệp công lập tự chủ chi thường xuyên", "Public units self-financing recurrent spending"),
    ("Giao dịch thanh toán không dùng tiền mặt", "Cashless payments"),
    ("Hồ sơ công việc được ký số", "Work files digitally signed"),
    ("Dịch vụ công trực tuyến dùng được trên thiết bị di động", "Online services usable on mobile devices"),
]  # fmt: skip
REGIONS = ["Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng", "Bắc Trung Bộ và duyên hải miền Trung",
           "Tây Nguyên", "Đông Nam Bộ", "Đồng bằng sông Cửu Long"]  # fmt: skip


@dataclass(frozen=True)
class Province:
    code: str  # in the structure in force
    name: str  # name_vi as the structure gives it ("Thành phố Hà Nội", "Lai Châu")
    slug: str  # "hanoi", "laichau": resolution ids and file names


def slug(name: str) -> str:
    return re.sub(r"^(tinh|thanh pho)\s*", "", fold(name)).replace(" ", "").replace("-", "")


@dataclass(frozen=True)
class Leaf:
    """What a figure may report on: a target without parts, a part, or a supporting indicator (kind None)."""

    resolution_code: str
    code: str
    kind: str | None
    unit: str  # canonical
    value: float  # the target value of the first horizon (an indicator: a typical figure)
    value_low: float | None = None
    ranking_size: int | None = None
    parts: tuple[str, ...] = ()  # an indicator that is the total of others


@dataclass
class Resolution:
    resolution_id: str
    code: str
    file_name: str
    doc: dict
    leaves: list[Leaf] = field(default_factory=list)

    @property
    def n_targets(self) -> int:
        return sum(1 for leaf in self.leaves if leaf.kind is not None)


def _horizons(rng: np.random.Generator, value: float, step: float, cap: float | None = None) -> dict:
    """One horizon (2025, sometimes 2030) or two (2025 and 2030, the later one higher by `step`)."""
    draw = rng.random()
    if draw < 0.3:
        later = value + step if cap is None else min(cap, value + step)
        return {"horizons": [{"year": 2025, "value": value}, {"year": 2030, "value": later}]}
    return {"horizon_year": 2030 if draw > 0.85 else 2025, "value": value}


def _targets(rng, province: Province, n_leaves: int, ranking_size: int, with_districts: bool) -> list[dict]:
    """Targets of one resolution: one of each kind, a multi-part target, then percentages up to n_leaves."""
    pct = lambda: float(rng.integers(10, 20) * 5)  # noqa: E731  50 .. 95
    low = int(rng.integers(1, ranking_size - 5))
    region_size = int(rng.integers(5, 15))
    enterprises = float(rng.integers(20, 300) * 100)
    by_kind = {
        "at_least": {"unit": "%", **_horizons(rng, pct(), 5, 100), "name_vi": "Hồ sơ thủ tục hành chính được giải "
                     "quyết trực tuyến toàn trình", "name_en": "Dossiers handled fully online"},
        "at_most": {"unit": "minutes", "horizon_year": 2025, "value": float(rng.integers(10, 21)),
                    "name_vi": "Thời gian chờ đợi bình quân của người dân, doanh nghiệp cho một lượt giao dịch",
                    "name_en": "Average waiting time per transaction"},
        "reduction": {"unit": "%", "horizon_year": 2025, "value": float(rng.integers(4, 9) * 5),
                      "name_vi": "Tỷ lệ cắt giảm thời gian giải quyết thủ tục hành chính được rà soát",
                      "name_en": "Cut in processing time of the procedures reviewed"},
        "milestone": {"unit": "smart cities", "horizon_year": 2025, "value": 1.0,
                      "name_vi": f"Xây dựng 01 đô thị thông minh tại tỉnh {province.name}",
                      "name_en": "One smart city"},
        "rank_band": {"unit": "rank", "horizon_year": 2025, "value_low": float(low), "value": float(low + 5),
                      "ranking_size": ranking_size,
                      "name_vi": f"Chỉ số PAR INDEX nằm trong nhóm {low}-{low + 5} của cả nước",
                      "name_en": f"PAR INDEX in the group {low}-{low + 5} nationally"},
        "rank_top_n": {"unit": "rank", "ranking_size": ranking_size, **_horizons(rng, float(rng.integers(10, 21)), -5),
                       "name_vi": "Chỉ số PCI thuộc nhóm các tỉnh dẫn đầu cả nước",
                       "name_en": "PCI among the top provinces"},
        "regional_rank": {"unit": "rank", "horizon_year": 2025, "value": float(rng.integers(2, 5)),
                          "ranking_size": region_size, "ranking_group": REGIONS[int(rng.integers(0, len(REGIONS)))],
                          "name_vi": "Chỉ số SIPAS nằm trong tốp dẫn đầu của vùng",
                          "name_en": "SIPAS among the region's top"},
        "approx_count": {"unit": "enterprises", "tolerance": 0.05, **_horizons(rng, enterprises, enterprises // 2),
                         "name_vi": "Số doanh nghiệp đang hoạt động trên địa bàn tỉnh khoảng",
                         "name_en": "About this many active enterprises"},
        "yearly_increment": {"unit": "points", "horizon_year": 2025, "value_low": 0.3, "value": 0.8,
                             "name_vi": "Điểm số PCI tăng bình quân 0,3 - 0,8 điểm/năm",
                             "name_en": "PCI score up 0.3 to 0.8 points a year"},
    }  # fmt: skip
    missing = set(facts.target_kinds()) - set(by_kind)
    if missing:
        raise RuntimeError(f"the synthetic catalogue has no target of the kind(s) {sorted(missing)}")
    targets = [{"kind": k, **by_kind[k]} for k in facts.target_kinds()]
    levels = ["province", "district", "commune"] if with_districts else ["province", "commune"]
    words = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}
    targets.append(
        {
            "name_vi": "Hồ sơ công việc được xử lý trên môi trường mạng (" + " / ".join(words[v] for v in levels) + ")",
            "name_en": "Work files processed online, by administrative level",
            "horizon_year": 2025,
            "parts": [
                {"code_suffix": "abc"[i], "kind": "at_least", "unit": "%", "value": float(90 - 10 * i), "level": lvl,
                 "name_vi": f"Hồ sơ công việc tại {words[lvl]} được xử lý trên môi trường mạng",
                 "name_en": f"Work files processed online, {lvl} level"}
                for i, lvl in enumerate(levels)
            ],
        }
    )  # fmt: skip
    n_now = len(facts.target_kinds()) + len(levels)
    for j in rng.permutation(len(SHARES))[: max(0, n_leaves - n_now)]:
        vi, en = SHARES[int(j)]
        targets.append({"kind": "at_least", "unit": "%", **_horizons(rng, pct(), 5, 100), "name_vi": vi, "name_en": en})
    order = rng.permutation(len(targets))
    out = []
    for number, i in enumerate(order, start=1):
        t = dict(targets[int(i)])
        out.append({"code": str(number), **t})
        for p in t.get("parts", []):
            p["code"] = f"{number}.{p.pop('code_suffix')}"
        if "parts" not in t:
            out[-1].setdefault("level", "province")
    return out


def _leaves(resolution_code: str, targets: list[dict]) -> list[Leaf]:
    leaves = []
    for t in targets:
        for p in t.get("parts") or [t]:
            value = p.get("value", (p.get("horizons") or [{}])[0].get("value"))
            leaves.append(
                Leaf(
                    resolution_code,
                    p["code"],
                    p["kind"],
                    p["unit"],
                    float(value),
                    p.get("value_low"),
                    p.get("ranking_size"),
                )
            )
    return leaves


INDICATORS = [
    {"code": "BT1", "name_vi": "Tổng số thủ tục hành chính được tiếp nhận trực tuyến",
     "name_en": "Procedures received online", "unit": "procedures", "parts": ["BT2", "BT3"]},
    {"code": "BT2", "name_vi": "Thủ tục hành chính cấp tỉnh được tiếp nhận trực tuyến",
     "name_en": "Province-level procedures received online", "unit": "procedures"},
    {"code": "BT3", "name_vi": "Thủ tục hành chính cấp xã được tiếp nhận trực tuyến",
     "name_en": "Commune-level procedures received online", "unit": "procedures"},
]  # fmt: skip


def province_resolutions(
    province: Province, *, ranking_size: int, with_districts: bool, code_on: dt.date, rng: np.random.Generator
) -> list[Resolution]:
    """2-3 resolutions of the province, >= MIN_TARGETS leaf targets in all. `code_on`: a day of the structure
    whose code the province has (codes were reused across 1/7/2025)."""
    n = int(rng.integers(2, 4))
    numbers = sorted(int(x) for x in rng.choice(np.arange(1, 60), n, replace=False))
    themes = rng.permutation(len(THEMES))[:n]
    out = []
    for number, theme in zip(numbers, themes, strict=True):
        code = f"{number:02d}-NQ/TU"
        rid = f"{province.slug}-{number:02d}-nq-tu"
        vi, en = THEMES[int(theme)]
        n_leaves = math.ceil(MIN_TARGETS / n) + int(rng.integers(0, 4))
        targets = _targets(rng, province, n_leaves, ranking_size, with_districts)
        doc = {
            "resolution": {
                "id": rid,
                "code": code,
                "title_vi": f"Nghị quyết số {code} của Ban Chấp hành Đảng bộ tỉnh {province.name} về {vi} giai "
                f"đoạn 2021-2025, định hướng đến năm 2030 {TITLE_MARK}",
                "title_en": f"{province.name} resolution {code} on {en}, 2021-2025 (SYNTHETIC data)",
                "issuer": f"Ban Chấp hành Đảng bộ tỉnh {province.name} (tổng hợp / synthetic)",
                "province_code": province.code,
                "province_code_on": code_on,
                "source": {"document": "Dữ liệu tổng hợp của chitieu.synth (synthetic, invented)", "section": "I"},
            },
            "targets": targets,
            "indicators": INDICATORS,
        }
        leaves = _leaves(code, targets)
        leaves += [Leaf(code, i["code"], None, i["unit"], 0.0, parts=tuple(i.get("parts", ()))) for i in INDICATORS]
        out.append(Resolution(rid, code, f"synthetic_{province.slug}_{number:02d}-nq-tu.yaml", doc, leaves))
    return out


def write(resolution: Resolution, catalogue_dir: Path) -> Path:
    path = catalogue_dir / resolution.file_name
    header = "# SYNTHETIC catalogue written by chitieu.synth (invented targets, not a real resolution)\n"
    path.write_text(header + yaml.safe_dump(resolution.doc, allow_unicode=True, sort_keys=False, width=120),
                    encoding="utf-8")  # fmt: skip
    return path
