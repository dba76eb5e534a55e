{#
  The 2025 reorganisation (Resolution 202/2025/QH15): from the var `reorganisation_date` (dbt_project.yml),
  the 34-province structure is in force and the district level is abolished.
#}

{# The date as a SQL date literal. #}
{% macro reorganisation_date() -%}
    {{ return("date '" ~ var('reorganisation_date') ~ "'") }}
{%- endmacro %}

{# The day before it (the last day of the 63-province structure), as a SQL date literal. #}
{% macro reorganisation_eve() -%}
    {%- set d = modules.datetime.date.fromisoformat(var('reorganisation_date') | string) -%}
    {{ return("date '" ~ (d - modules.datetime.timedelta(days=1)).isoformat() ~ "'") }}
{%- endmacro %}

{# The date as Vietnamese text writes it: day/month/year without leading zeros ("1/7/2025"). #}
{% macro reorganisation_date_vi() -%}
    {%- set d = modules.datetime.date.fromisoformat(var('reorganisation_date') | string) -%}
    {{ return(d.day ~ '/' ~ d.month ~ '/' ~ d.year) }}
{%- endmacro %}
