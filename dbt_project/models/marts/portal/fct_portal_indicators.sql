{#
  The indicators the resolutions use, computed from dossier-level portal exports, per receiving unit, level and
  month received, with numerator and denominator kept so that any period can be re-aggregated exactly:
    on_time_rate              dossiers returned by their due date / dossiers returned
    online_rate_partly_online received online / received, for partly-online services
    online_rate_fully_online  received online / received, for fully-online services
    digitisation_rate         dossiers digitised / dossiers received
    online_payment_rate       dossiers paid online / dossiers received
#}

with

dossiers as (

    select * from {{ ref('stg_portal__dossiers') }}

),

counted as (

    select
        received_month,
        reporting_source,
        receiving_unit,
        admin_level,
        count(*) filter (where returned_date is not null and returned_date <= due_date) as on_time_n,
        count(*) filter (where returned_date is not null) as on_time_d,
        count(*) filter (where service_type = 'partly_online' and is_online) as partly_n,
        count(*) filter (where service_type = 'partly_online') as partly_d,
        count(*) filter (where service_type = 'fully_online' and is_online) as fully_n,
        count(*) filter (where service_type = 'fully_online') as fully_d,
        count(*) filter (where is_digitised) as digitised_n,
        count(*) filter (where is_paid_online) as paid_n,
        count(*) as received_d
    from dossiers
    group by all

),

indicators as (

    unpivot counted
    on (on_time_n, on_time_d) as on_time_rate,
       (partly_n, partly_d) as online_rate_partly_online,
       (fully_n, fully_d) as online_rate_fully_online,
       (digitised_n, received_d) as digitisation_rate,
       (paid_n, received_d) as online_payment_rate
    into name indicator_code value numerator, denominator

)

select
    received_month,
    reporting_source,
    receiving_unit,
    admin_level,
    indicator_code,
    numerator,
    denominator,
    round(100.0 * numerator / nullif(denominator, 0), 4) as value_percent
from indicators
