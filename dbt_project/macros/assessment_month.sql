{#
  The assessment month: the var `period` (YYYY-MM), which the pipeline (and the Airflow DAG, the data interval's
  month) passes to every dbt command; it has no default, so a run that forgets it fails instead of assessing
  some other month. While dbt only parses (dbt parse, dbt ls), a placeholder month is returned.
#}
{% macro assessment_month() -%}
    {%- set period = var('period', none) -%}
    {%- if period is none -%}
        {%- if execute -%}
            {{ exceptions.raise_compiler_error(
                "The assessment month is not set: pass --vars '{period: \"YYYY-MM\"}' (e.g. \"2023-08\")"
            ) }}
        {%- endif -%}
        {{ return('1900-01') }}
    {%- endif -%}
    {%- set period = period | string -%}
    {%- if not modules.re.fullmatch('[0-9]{4}-(0[1-9]|1[0-2])', period) -%}
        {{ exceptions.raise_compiler_error("var period must be a month as YYYY-MM, got '" ~ period ~ "'") }}
    {%- endif -%}
    {{ return(period) }}
{%- endmacro %}

{# The last day of the assessment month, as a SQL date expression. #}
{% macro assessment_month_end() -%}
    {{ return("last_day(cast('" ~ assessment_month() ~ "-01' as date))") }}
{%- endmacro %}
