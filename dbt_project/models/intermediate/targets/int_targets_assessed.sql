{#
  Every leaf target (a target without parts, or a part) per horizon, for the assessment month (var period):
  status (macro assess_status), why it cannot be assessed, progress from the baseline, Open SDG trend
  category, projected value at the horizon, rank movement. A yearly-increment target is judged on the average
  change a year over the period across its components (int_increments_averaged). How a kind is judged (its direction, whether it is
  a rank, what is compared with what) comes from the seed target_kinds, never from lists of kind names here.
#}

with

targets as (

    select * from {{ ref('stg_catalogue__targets') }}
    where not is_multi_part

),

kinds as (

    select * from {{ ref('target_kinds') }}

),

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

latest as (

    select * from {{ ref('int_figures_latest_by_month') }}

),

trends as (

    select * from {{ ref('int_target_trends') }}

),

increments as (

    select * from {{ ref('int_increments_averaged') }}

),

ranking_sizes as (

    select * from {{ ref('int_ranking_sizes') }}

),

joined as (

    select
        t.*,
        k.comparator,
        k.direction,
        k.is_rank,
        k.compares,
        k.threshold,
        r.admin_unit_code,
        f.actual_value,
        f.actual_value_raw,
        f.numerator,
        f.denominator,
        -- the size of the ranking a rank is among: its denominator, else the ranking's in the structure in force
        -- when its reference period ended (63 provinces, 14 in the region ...; 34, 9 ... from 1/7/2025)
        case when k.is_rank then cast(coalesce(f.denominator, rs.ranking_size) as integer) end as figure_ranking_size,
        f.reference_period,
        coalesce(f.as_of, inc.as_of) as as_of,
        coalesce(f.is_provisional, false) as is_provisional,
        coalesce(f.as_of_is_assumed, inc.as_of_is_assumed, false) as as_of_is_assumed,
        coalesce(f.reference_period_is_assumed, inc.reference_period_is_assumed, false) as reference_period_is_assumed,
        f.submission_period,
        f.reporting_source,
        f.reported_admin_unit_key,
        f.source_file,
        f.source_file_sha256,
        f.source_sheet,
        f.source_cell,
        f.source_cell_note,
        f.received_at,
        coalesce(tr.n_points, inc.n_points, 0) as n_points,
        inc.n_components,
        inc.increment_from_year,
        inc.increment_to_year,
        inc.insufficient_reason,
        tr.first_value,
        tr.first_t,
        tr.last_value,
        tr.last_t,
        tr.previous_value,
        tr.previous_t,
        tr.slope,
        tr.intercept,
        -- the value the rule compares: the average yearly change for increment targets (int_increments_averaged),
        -- else the figure
        case when k.compares = 'average_yearly_change' then inc.average_change else f.actual_value end
            as assessed_value,
        t.horizon_year + 1.0 as horizon_t
    from targets as t
    left join kinds as k on t.kind = k.kind
    inner join resolutions as r on t.resolution_id = r.resolution_id
    left join latest as f
        on t.target_key = f.target_key
        and r.admin_unit_code = f.admin_unit_code
    left join trends as tr
        on t.target_series_key = tr.target_series_key
        and r.admin_unit_code = tr.admin_unit_code
    left join increments as inc
        on t.target_key = inc.target_key
        and r.admin_unit_code = inc.admin_unit_code
    left join ranking_sizes as rs
        on coalesce(t.ranking_group, '') = rs.ranking_group
        and rs.structure = case
            when f.reference_end < {{ reorganisation_date() }} then '63'
            when f.reference_end >= {{ reorganisation_date() }} then '34'
        end

),

reasoned as (

    select
        *,
        case
            -- a district figure dated before the reorganisation stays assessable; none can be dated after it
            when admin_level = 'district' and (
                as_of >= {{ reorganisation_date() }}
                or (as_of is null and {{ assessment_month_end() }} >= {{ reorganisation_date() }})
            )
                then 'level_abolished: district level abolished on {{ reorganisation_date_vi() }}'
            when is_rank and figure_ranking_size <> ranking_size
                then 'ranking_size_mismatch: rank among ' || cast(figure_ranking_size as integer)
                    || ', target set among ' || ranking_size
            when compares = 'average_yearly_change' then insufficient_reason
        end as not_assessable_reason
    from joined

),

assessed as (

    select
        *,
        case
            when not_assessable_reason is not null then 'not_assessable'
            else {{ assess_status(
                'direction', 'threshold', 'assessed_value', 'target_value', 'target_value_low', 'tolerance',
                deadline_passed('horizon_year')
            ) }}
        end as status,
        coalesce(baseline_value, case when n_points >= 2 then first_value end) as progress_baseline,
        -- Open SDG: observed growth over the growth needed to reach the target at the horizon
        case
            when n_points >= 2 and first_value > 0 and last_t > first_t and horizon_t > first_t
                and target_value > 0 and target_value <> first_value
                then (pow(last_value / first_value, 1.0 / (last_t - first_t)) - 1)
                    / (pow(target_value / first_value, 1.0 / (horizon_t - first_t)) - 1)
        end as cagr_ratio
    from reasoned

),

final as (

    select
        '{{ assessment_month() }}' as assessment_month,
        target_key,
        target_series_key,
        resolution_id,
        target_code,
        parent_target_key,
        admin_unit_code,
        kind,
        comparator,
        target_value,
        target_value_low,
        tolerance,
        tolerance_parameter,
        unit,
        horizon_year,
        admin_level,
        ranking_size,
        ranking_group,
        actual_value,
        actual_value_raw,
        assessed_value,
        numerator,
        denominator,
        figure_ranking_size,
        reference_period,
        as_of,
        is_provisional,
        as_of_is_assumed,
        reference_period_is_assumed,
        submission_period,
        reporting_source,
        reported_admin_unit_key,
        source_file,
        source_file_sha256,
        source_sheet,
        source_cell,
        source_cell_note,
        received_at,
        status,
        not_assessable_reason,
        -- a rank or a tier is a position, not a quantity: no share of the target is "attained"
        case when not is_rank then {{ attainment('direction', 'assessed_value', 'target_value') }} end as attainment,
        case
            when is_rank or compares = 'average_yearly_change' or status = 'not_assessable' then null
            -- no distance to cover when the baseline already meets the target
            when direction = 'lower_is_better' and progress_baseline <= target_value then null
            when direction = 'higher_is_better' and progress_baseline >= target_value then null
            else round((assessed_value - progress_baseline) / (target_value - progress_baseline), 6)
        end as progress,
        progress_baseline,
        n_points,
        n_components,
        increment_from_year,
        increment_to_year,
        case
            when is_rank or compares = 'average_yearly_change' then 'not_applicable'
            when status = 'met' then 'target_achieved'
            when status = 'not_assessable' or cagr_ratio is null then 'unable_to_assess'
            when cagr_ratio >= 0.95 then 'on_track'
            when cagr_ratio >= 0.6 then 'needs_acceleration'
            when cagr_ratio >= 0 then 'limited_progress'
            else 'deterioration'
        end as trend_category,
        cagr_ratio,
        case
            when not is_rank and compares = 'figure' and n_points >= 2 and slope is not null
                then intercept + slope * horizon_t
        end as projected_value,
        case when is_rank then previous_value - last_value end as rank_movement,
        -- places gained since the catalogue's baseline ("tăng 14 bậc so với năm 2020": 38 -> 24)
        case when is_rank then baseline_value - actual_value end as rank_movement_since_baseline
    from assessed

)

select * from final
