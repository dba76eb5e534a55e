"""Reading what was published (the DuckLake and the snapshots): the scorecard, the claims, a trace."""
