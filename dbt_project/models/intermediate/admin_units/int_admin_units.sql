{#
  Provinces as a slowly changing dimension across the 2025 reorganisation (var reorganisation_date): the 63
  provinces valid until the day before it (seed admin_units_63_provinces, with the province each became part
  of) and the 34 provinces valid from it (stg_catalogue__admin_units, from the vietnam-provinces package).
  A province that kept its boundaries appears in both eras with the same code.
#}

with

before_reorganisation as (

    select * from {{ ref('admin_units_63_provinces') }}

),

regions as (

    select * from {{ ref('admin_unit_regions') }}

),

since_reorganisation as (

    select * from {{ ref('stg_catalogue__admin_units') }}

),

unioned as (

    select
        b.province_code_2008 as admin_unit_code,
        b.name_vi,
        'province' as admin_level,
        date '2008-08-01' as valid_from,
        {{ reorganisation_eve() }} as valid_to,
        b.successor_code_2025 as successor_code,
        r.region
    from before_reorganisation as b
    left join regions as r using (province_code_2008)

    union all

    select
        admin_unit_code,
        name_vi,
        'province' as admin_level,
        {{ reorganisation_date() }} as valid_from,
        cast(null as date) as valid_to,
        cast(null as varchar) as successor_code,
        cast(null as varchar) as region
    from since_reorganisation

)

select
    admin_unit_code || '@' || strftime(valid_from, '%Y-%m-%d') as admin_unit_key,
    *
from unioned
