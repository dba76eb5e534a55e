{#
  The supporting figures (indicators of the catalogues, never targets) known at the end of the assessment month
  (the figures of int_figures_known_by_month whose series is an indicator: one per indicator, unit and reference
  period), with what an auditor checks:
    value_decimals      the decimals printed in the raw text after its decimal comma ("64,7%" -> 1, "96%" -> 0;
                        a number cell, which prints no comma, counts 0)
    computed_percent    100 x numerator / denominator, for a percentage with both
    percent_gap         |value - computed_percent|
    percent_tolerance   one unit of the last printed decimal (a truncated figure is consistent: "64,7%" for 64,77;
                        "96%" for 95,54)
    parts_sum           for a total, the sum of its parts' figures of the same unit and reference period, when
                        every part has one (else null: an incomplete sum says nothing)
    parts_gap           value - parts_sum
#}

with

figures as (

    select * from {{ ref('int_figures_known_by_month') }}

),

indicators as (

    select * from {{ ref('stg_catalogue__indicators') }}

),

supporting as (

    select
        figures.*,
        indicators.indicator_key,
        indicators.indicator_code,
        indicators.name_vi,
        indicators.name_en,
        indicators.part_codes,
        coalesce(len(indicators.part_codes), 0) as n_parts
    from figures
    inner join indicators
        on figures.target_series_key = indicators.indicator_key

),

total_parts as (

    select
        indicator_key,
        resolution_id,
        admin_unit_code,
        reference_period,
        unit,
        unnest(part_codes) as part_code
    from supporting
    where n_parts > 0

),

parts_summed as (

    select
        total_parts.indicator_key,
        total_parts.admin_unit_code,
        total_parts.reference_period,
        count(part.actual_value) as n_parts_known,
        sum(cast(part.actual_value as decimal(38, 10))) as parts_sum
    from total_parts
    left join supporting as part
        on part.resolution_id = total_parts.resolution_id
        and part.indicator_code = total_parts.part_code
        and part.admin_unit_code = total_parts.admin_unit_code
        and part.reference_period = total_parts.reference_period
        and part.unit = total_parts.unit
    group by all

),

checked as (

    select
        supporting.*,
        length(regexp_extract(coalesce(actual_value_raw, ''), ',([0-9]+)', 1)) as value_decimals,
        case
            when unit = '%' and numerator is not null and denominator > 0
                then 100.0 * numerator / denominator
        end as computed_percent,
        coalesce(parts_summed.n_parts_known, 0) as n_parts_known,
        case
            when parts_summed.n_parts_known = supporting.n_parts then parts_summed.parts_sum
        end as parts_sum_exact
    from supporting
    left join parts_summed
        on parts_summed.indicator_key = supporting.indicator_key
        and parts_summed.admin_unit_code = supporting.admin_unit_code
        and parts_summed.reference_period = supporting.reference_period

)

select
    * exclude (parts_sum_exact),
    round(abs(actual_value - computed_percent), 10) as percent_gap,
    case when computed_percent is not null then power(10, -value_decimals) end as percent_tolerance,
    cast(parts_sum_exact as double) as parts_sum,
    cast(cast(actual_value as decimal(38, 10)) - parts_sum_exact as double) as parts_gap
from checked
