"""Turn expectations/suites/*.yml into Great Expectations suites."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from chitieu.errors import BadText

# GX's own severity (great_expectations.expectations.metadata_types.FailureSeverity): a failed critical
# expectation blocks publishing; a failed warning is published with the finding
SEVERITIES = ("critical", "warning")


@dataclass(frozen=True)
class SuiteSpec:
    table: str
    expectations: list[dict]

    @property
    def name(self) -> str:
        return f"chitieu_{self.table}"


def load_specs(suites_dir: Path) -> list[SuiteSpec]:
    specs = []
    for path in sorted(suites_dir.glob("*.yml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, e in enumerate(doc["expectations"]):
            if e.get("severity") not in SEVERITIES:
                raise BadText(f"{path.name}: expectation {i + 1} needs severity: critical | warning")
        specs.append(SuiteSpec(doc["table"], doc["expectations"]))
    return specs


def build_suite(spec: SuiteSpec):
    import great_expectations as gx
    import great_expectations.expectations as gxe

    suite = gx.ExpectationSuite(name=spec.name)
    for e in spec.expectations:
        cls = getattr(gxe, e["type"])
        suite.add_expectation(cls(**e["kwargs"], description=e.get("description"), severity=e["severity"]))
    return suite
