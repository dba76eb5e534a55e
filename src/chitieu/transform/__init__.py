"""Running the dbt project (business rules live in dbt_project/, not here)."""
