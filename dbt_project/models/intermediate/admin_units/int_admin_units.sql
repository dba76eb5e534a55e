{#
  Provinces as a slowly changing dimension across the 2025 reorganisation (var reorganisation_date): the 63
  provinces valid until the day before it (seed admin_units_63_provinces: a row per name a province had, with
  the days it was in force, and the province it became part of) and the 34 provinces valid from it
  (stg_catalogue__admin_units, from the vietnam-provinces package). `structure` ('63' or '34') says which
  structure a code is read in: the same code can name different provinces in the two (15: Yên Bái, then the new
  Lào Cai), so a code is never matched without a date. Regions (seed admin_unit_regions) in both structures.
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
        '63' as structure,
        coalesce(b.name_valid_from, date '2008-08-01') as valid_from,
        coalesce(b.name_valid_to, {{ reorganisation_eve() }}) as valid_to,
        b.successor_code_2025 as successor_code
    from before_reorganisation as b

    union all

    select
        admin_unit_code,
        name_vi,
        'province' as admin_level,
        '34' as structure,
        {{ reorganisation_date() }} as valid_from,
        cast(null as date) as valid_to,
        cast(null as varchar) as successor_code
    from since_reorganisation

)

select
    u.admin_unit_code || '@' || strftime(u.valid_from, '%Y-%m-%d') as admin_unit_key,
    u.*,
    r.region
from unioned as u
left join regions as r on u.admin_unit_code = r.admin_unit_code and u.structure = r.structure
