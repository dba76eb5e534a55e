"""Validate docker-compose.yml without a container engine: what can be checked here, is.

- it is valid against the Compose specification's JSON schema (check-jsonschema's vendored copy);
- the Airflow image is the version pinned in requirements.lock;
- each Airflow service runs a command of chitieu.orchestrate.service.PROCESSES (what the service tests start natively),
  and every process there has its service; every long-running service has a healthcheck;
- the Airflow settings are chitieu.config.airflow_config's, for the container's paths; every other AIRFLOW_*
  variable is one chitieu.orchestrate.service.DEPLOYMENT_ENV lists, every CHITIEU_* one chitieu.config knows;
- every ${VAR} without a default is in .env.example, every secret there is the placeholder, none is written here;
- every bind mount is a folder of the checkout (or warehouse/, which the init service creates).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
RUNTIME_DIRS = {"warehouse"}  # git-ignored, created by the init service


def _default(value: str) -> str:
    """${VAR:-default} -> default (what compose uses when .env does not set VAR)."""
    m = re.fullmatch(r"\$\{[A-Z_]+:-([^}]*)\}", value)
    return m[1] if m else value


def _container_settings(env: dict[str, str]):
    from chitieu import config

    names = set(config.ENV_VARS.values())
    saved = dict(os.environ)
    try:
        for k in names:
            os.environ.pop(k, None)
        os.environ.update({k: v for k, v in env.items() if k in names} | {"AIRFLOW_HOME": "/opt/airflow"})
        return config.settings()
    finally:
        os.environ.clear()
        os.environ.update(saved)


def check(path: Path) -> list[str]:
    from chitieu import config
    from chitieu.orchestrate import service

    problems: list[str] = []
    schema = subprocess.run(
        [str(Path(sys.executable).with_name("check-jsonschema")), "--builtin-schema", "vendor.compose-spec", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if schema.returncode != 0:
        problems.append("not valid against the Compose specification:\n" + schema.stdout + schema.stderr)
    text = path.read_text()
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return [*problems, f"not YAML: {exc}"]
    services = doc.get("services") or {}

    pinned = re.search(r"^apache-airflow==(\S+)", (ROOT / "requirements.lock").read_text(), re.M)[1]
    if f"FROM apache/airflow:{pinned}-python3.11" not in text:
        problems.append(f"the image is not apache/airflow:{pinned}-python3.11 (the version in requirements.lock)")

    commands = {name: svc["command"] for name, svc in services.items() if name.startswith("airflow-") and
                isinstance(svc.get("command"), str)}  # fmt: skip
    known = {" ".join(args): name for name, args in service.PROCESSES.items()}
    for name, cmd in commands.items():
        if " ".join(shlex.split(cmd)) not in known:
            problems.append(
                f"{name}: `airflow {cmd}` is not a process the tests start (chitieu.orchestrate.service.PROCESSES)"
            )
    for args in known:
        if args not in {" ".join(shlex.split(c)) for c in commands.values()}:
            problems.append(f"no service runs `airflow {args}`")
    for name, svc in services.items():
        if svc.get("restart") == "always" and "healthcheck" not in svc:
            problems.append(f"{name} has no healthcheck")

    env = services["airflow-scheduler"]["environment"]
    s = _container_settings(env)
    for key, value in config.airflow_env(s).items():
        if key not in env:
            problems.append(f"{key} (chitieu.config) is not set")
        elif _default(str(env[key])) != value:
            problems.append(f"{key} is {env[key]!r}, chitieu.config says {value!r}")
    allowed = set(config.airflow_env(s)) | set(service.DEPLOYMENT_ENV) | set(config.ENV_VARS.values())
    for key in env:
        if key.startswith(("AIRFLOW", "CHITIEU_")) and key not in allowed:
            problems.append(f"{key} is neither chitieu.config's nor in chitieu.orchestrate.service.DEPLOYMENT_ENV")

    example = (ROOT / ".env.example").read_text()
    declared = dict(re.findall(r"^([A-Z_]+)=(\S*)", example, re.M))
    for var in sorted(set(re.findall(r"(?<!\$)\$\{([A-Z_]+)(?::?\?[^}]*)?\}", text))):
        if var not in declared:
            problems.append(f"${{{var}}} is required but not in .env.example")
    for var in config.SECRET_VARS:
        if declared.get(var) != config.PLACEHOLDER:
            problems.append(f".env.example: {var} must be the placeholder {config.PLACEHOLDER}")
        for line in text.splitlines():
            if re.match(rf"\s*{var}:\s*[^$\s]", line):
                problems.append(f"a literal value for {var}: {line.strip()}")

    for name, svc in services.items():
        for vol in svc.get("volumes", []):
            src = vol.split(":")[0]
            if src.startswith("./") and not (ROOT / src).is_dir() and src[2:].split("/")[0] not in RUNTIME_DIRS:
                problems.append(f"{name}: bind mount {src} is not a folder of the checkout")
    return problems


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "docker-compose.yml"
    problems = check(path)
    for p in problems:
        print(f"{path.name}: {p}", file=sys.stderr)
    if not problems:
        print(f"{path.name}: valid (no container engine here to start it)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
