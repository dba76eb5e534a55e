"""Validate docker-compose.yml without a container engine: what can be checked here, is.

- it parses, services and anchors resolve, every service has an image or a build;
- the Airflow image is the version pinned in requirements.lock;
- every bind mount points at a folder of this checkout, and the design card's folders are mounted;
- every ${VAR} without a default is listed in .env.example, and no secret value is written in the file;
- the environment the DAG reads (CHITIEU_*) matches the settings the tests run with.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    text = (ROOT / "docker-compose.yml").read_text()
    doc = yaml.safe_load(text)
    problems: list[str] = []
    services = doc.get("services") or {}
    for required in ("postgres", "airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor"):
        if required not in services:
            problems.append(f"service {required} is missing")
    for name, svc in services.items():
        if "image" not in svc and "build" not in svc:
            problems.append(f"service {name} has neither image nor build")
    lock = (ROOT / "requirements.lock").read_text()
    pinned = re.search(r"^apache-airflow==(\S+)", lock, re.M)[1]
    if f"apache/airflow:{pinned}-python3.11" not in text:
        problems.append(f"the image is not apache/airflow:{pinned}-python3.11 (the version in requirements.lock)")
    mounted = set()
    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            src = vol.split(":")[0]
            if src.startswith("./"):
                mounted.add(src[2:])
                if not (ROOT / src).is_dir():
                    problems.append(f"{name}: bind mount {src} is not a folder of the checkout")
    for folder in ("dags", "dbt_project", "expectations", "raw"):
        if folder not in mounted:
            problems.append(f"{folder}/ is not mounted")
    example = (ROOT / ".env.example").read_text()
    declared = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    for var in sorted(set(re.findall(r"\$\{([A-Z_]+)(?::?\?[^}]*)?\}", text))):
        if var not in declared:
            problems.append(f"${{{var}}} is required but not in .env.example")
    for key in ("PASSWORD", "FERNET_KEY", "JWT_SECRET"):
        for line in text.splitlines():
            if key in line and ":" in line and "${" not in line and not line.strip().startswith("#"):
                problems.append(f"a literal value for {key}: {line.strip()}")
    env = services["airflow-scheduler"]["environment"]
    if env.get("CHITIEU_DUCKDB_PATH") != f"{env.get('CHITIEU_WAREHOUSE_DIR')}/chitieu.duckdb":
        problems.append("CHITIEU_DUCKDB_PATH is not inside CHITIEU_WAREHOUSE_DIR")
    for p in problems:
        print(f"docker-compose.yml: {p}", file=sys.stderr)
    if not problems:
        print(f"docker-compose.yml: {len(services)} services valid (no container engine here to start them)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
