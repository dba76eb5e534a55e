"""The synthetic portal-export generator of the tests and benchmarks, now part of chitieu (chitieu.synth.portal);
kept here so tests and scripts import it as before."""

from chitieu.synth.portal import PROCEDURES, UNITS, generate, write_monthly

__all__ = ["PROCEDURES", "UNITS", "generate", "write_monthly"]
