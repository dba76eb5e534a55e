"""Errors a person can act on: what was wrong, where, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass

from chitieu.errors import ChitieuError, RejectCode


@dataclass
class CellError:
    sheet: str
    cell: str
    column: str
    found: str
    expected: str
    code: str = RejectCode.BAD_CELL

    def __post_init__(self) -> None:
        self.code = RejectCode(self.code)  # an unknown code is a bug, caught here

    def __str__(self) -> str:
        return f"sheet '{self.sheet}' cell {self.cell} ({self.column}): found {self.found!r}, expected {self.expected}"


class RejectedFile(ChitieuError):
    """A received file that cannot be loaded as it is. `code` is machine-readable; the message is for people."""

    def __init__(self, code: str, message: str, cells: list[CellError] | None = None):
        super().__init__(message)
        self.code = RejectCode(code)  # an unknown code is a bug, caught here
        self.message = message
        self.cells = cells or []

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message,
            "cells": [c.__dict__ for c in self.cells],
        }
