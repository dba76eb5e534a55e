{#
  The series of figures known at the month's end, per series and unit, summarised for trend and projection:
  the first and the latest point, the point before the latest, and a time-weighted linear fit (weights grow by
  one per year from the first point, so recent points weigh more: ESCAP's anticipated progress).
#}

with

points as (

    select * from {{ ref('int_figures_known_by_month') }}

),

bounds as (

    select
        target_series_key,
        admin_unit_code,
        count(*) as n_points,
        arg_min(actual_value, t_years) as first_value,
        min(t_years) as first_t,
        arg_max(actual_value, t_years) as last_value,
        max(t_years) as last_t
    from points
    group by all

),

previous as (

    select target_series_key, admin_unit_code, actual_value as previous_value, t_years as previous_t
    from points
    where recency = 2

),

weighted as (

    select
        p.target_series_key,
        p.admin_unit_code,
        p.t_years as t,
        p.actual_value as x,
        p.t_years - b.first_t + 1 as w
    from points as p
    inner join bounds as b using (target_series_key, admin_unit_code)

),

means as (

    select
        target_series_key,
        admin_unit_code,
        sum(w * t) / sum(w) as t_mean,
        sum(w * x) / sum(w) as x_mean
    from weighted
    group by all

),

fit as (

    select
        w.target_series_key,
        w.admin_unit_code,
        sum(w.w * (w.t - m.t_mean) * (w.x - m.x_mean)) / nullif(sum(w.w * (w.t - m.t_mean) ^ 2), 0) as slope,
        any_value(m.t_mean) as t_mean,
        any_value(m.x_mean) as x_mean
    from weighted as w
    inner join means as m using (target_series_key, admin_unit_code)
    group by all

)

select
    b.*,
    p.previous_value,
    p.previous_t,
    f.slope,
    f.x_mean - f.slope * f.t_mean as intercept
from bounds as b
left join previous as p using (target_series_key, admin_unit_code)
left join fit as f using (target_series_key, admin_unit_code)
