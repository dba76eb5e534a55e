import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_docker_compose_is_valid():
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "check_compose.py")], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
