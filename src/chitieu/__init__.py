"""chitieu: a data warehouse for provincial resolution targets (chỉ tiêu Nghị quyết)."""

__version__ = "0.1.0"
