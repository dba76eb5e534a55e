"""Running the pipeline under Airflow: what its tasks call, the services of a deployment, local runs."""
