{#
  Targets of a kind that compares an average_yearly_change (seed target_kinds: "điểm số các chỉ số thành phần
  tăng bình quân 0,3 - 0,8 điểm/năm"): the average change a year over the period, averaged across the series the
  target names. Its series are its components (supporting indicators of the catalogue, e.g. PCI's component
  indices), or, when it names none, its own figures. Per series, from the figure of the target's baseline year
  (the last one before the period; without a baseline year, the first figure known) to the latest figure known,
  divided by the whole years between them. One point per (target, unit, month); the average only when every
  series has both points, else the reason names the series short of them.
#}

with

targets as (

    select t.*
    from {{ ref('stg_catalogue__targets') }} as t
    inner join {{ ref('target_kinds') }} as k on t.kind = k.kind
    where k.compares = 'average_yearly_change' and not t.is_multi_part

),

resolutions as (

    select * from {{ ref('stg_catalogue__resolutions') }}

),

points as (

    select * from {{ ref('int_figures_known_by_month') }}

),

series as (

    select
        t.target_key,
        t.resolution_id,
        r.admin_unit_code,
        t.baseline_year,
        unnest(case when len(t.component_codes) > 0 then t.component_codes else [t.target_code] end) as series_code
    from targets as t
    inner join resolutions as r on t.resolution_id = r.resolution_id

),

per_series as (

    select
        s.target_key,
        s.admin_unit_code,
        s.series_code,
        any_value(s.baseline_year) as baseline_year,
        count(p.actual_value) as n_points,
        arg_min(p.actual_value, p.t_years) filter (
            where s.baseline_year is null or year(p.reference_end) = s.baseline_year
        ) as first_value,
        min(p.t_years) filter (where s.baseline_year is null or year(p.reference_end) = s.baseline_year) as first_t,
        arg_min(year(p.reference_end), p.t_years) filter (
            where s.baseline_year is null or year(p.reference_end) = s.baseline_year
        ) as first_year,
        arg_min(p.actual_value, p.recency) as last_value,
        arg_min(p.t_years, p.recency) as last_t,
        arg_min(year(p.reference_end), p.recency) as last_year,
        max(p.as_of) as as_of,
        bool_or(p.as_of_is_assumed) as as_of_is_assumed,
        bool_or(p.reference_period_is_assumed) as reference_period_is_assumed
    from series as s
    left join points as p
        on p.target_series_key = s.resolution_id || ':' || s.series_code
        and p.admin_unit_code = s.admin_unit_code
    group by all

),

changes as (

    select
        *,
        -- yearly figures: the whole years between the two points (a year's t is not an exact integer)
        round((last_value - first_value) / nullif(round(last_t - first_t), 0), 6) as change_a_year
    from per_series

),

averaged as (

    select
        target_key,
        admin_unit_code,
        any_value(baseline_year) as baseline_year,
        count(*) as n_series,
        count(change_a_year) as n_changes,
        round(avg(change_a_year), 6) as average_change,
        cast(sum(n_points) as bigint) as n_points,
        cast(min(first_year) as integer) as increment_from_year,
        cast(max(last_year) as integer) as increment_to_year,
        max(as_of) as as_of,
        bool_or(as_of_is_assumed) as as_of_is_assumed,
        bool_or(reference_period_is_assumed) as reference_period_is_assumed,
        string_agg(case when change_a_year is null then series_code end, ', ' order by series_code) as short
    from changes
    group by all

)

select
    target_key,
    admin_unit_code,
    case when n_changes = n_series then average_change end as average_change,
    n_series as n_components,
    n_points,
    increment_from_year,
    increment_to_year,
    as_of,
    as_of_is_assumed,
    reference_period_is_assumed,
    case
        when n_points > 0 and n_changes < n_series
            then 'insufficient_data: '
                || case
                    when baseline_year is not null
                        then 'no figure of the baseline year ' || baseline_year || ', or none later, for '
                    else 'fewer than two figures for '
                end
                || short
    end as insufficient_reason
from averaged
