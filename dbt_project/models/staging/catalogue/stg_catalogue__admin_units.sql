{#
  Provinces as a slowly changing dimension: the 63 provinces valid until 30/6/2025 (seed, with the province
  each became part of) and the 34 provinces valid from 1/7/2025 (vietnam-provinces package, loaded to raw).
  A province that kept its boundaries appears in both eras with the same code.
#}

with

before_2025 as (

    select * from {{ ref('admin_units_63_provinces') }}

),

regions as (

    select * from {{ ref('admin_unit_regions') }}

),

since_2025 as (

    select * from {{ source('raw', 'admin_units') }}

),

unioned as (

    select
        b.province_code_2008 as admin_unit_code,
        b.name_vi,
        'province' as admin_level,
        date '2008-08-01' as valid_from,
        date '2025-06-30' as valid_to,
        b.successor_code_2025 as successor_code,
        r.region
    from before_2025 as b
    left join regions as r using (province_code_2008)

    union all

    select
        admin_unit_code,
        name_vi,
        'province' as admin_level,
        date '2025-07-01' as valid_from,
        cast(null as date) as valid_to,
        cast(null as varchar) as successor_code,
        cast(null as varchar) as region
    from since_2025

)

select
    admin_unit_code || '@' || strftime(valid_from, '%Y-%m-%d') as admin_unit_key,
    *
from unioned
