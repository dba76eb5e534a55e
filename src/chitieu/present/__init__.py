"""What a person reads: numbers, dates and labels the Vietnamese way (English available), the period report,
the audit report."""
