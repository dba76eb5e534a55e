{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='assessment_month',
        on_schema_change='fail',
    )
}}
{#
  The supporting figures the reports state beside their targets (indicators of the catalogues, never targets:
  not counted, not assessed), as known at the end of the assessment month, with their consistency checks
  (int_supporting_figures_checked) and their provenance down to the cells. The checks' rules are the GX suite
  expectations/suites/fct_supporting_figures.yml (warnings: published with the finding).
#}

with

checked as (

    select * from {{ ref('int_supporting_figures_checked') }}

),

final as (

    select
        '{{ assessment_month() }}' as assessment_month,
        '{{ assessment_month() }}' || '|' || indicator_key || '|' || admin_unit_code || '|' || reference_period
            as supporting_figure_key,
        resolution_id,
        indicator_code,
        name_vi,
        name_en,
        unit,
        admin_unit_code,
        reference_period,
        as_of,
        is_provisional,
        as_of_is_assumed,
        reference_period_is_assumed,
        actual_value as value,
        actual_value_raw as value_raw,
        numerator,
        denominator,
        value_decimals,
        computed_percent,
        percent_gap,
        percent_tolerance,
        n_parts,
        n_parts_known,
        parts_sum,
        parts_gap,
        submission_period,
        reporting_source,
        source_file,
        source_file_sha256,
        source_sheet,
        source_cell,
        numerator_cell,
        denominator_cell,
        note
    from checked

)

select * from final
