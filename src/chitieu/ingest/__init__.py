"""File -> raw tables: read, parse, record provenance. No business rules here."""
