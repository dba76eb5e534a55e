"""The Jinja environment of the pages chitieu writes (templates/), escaping everything by default."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).with_name("templates")


@functools.cache
def env() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))


def rel(target: Path, start: Path) -> str:
    """A link from a page in `start` to `target` that survives copying both folders together."""
    return Path(os.path.relpath(target, start)).as_posix()
