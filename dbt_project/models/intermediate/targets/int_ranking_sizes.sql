{#
  How many places a ranking has in each structure ('63' until 30/6/2025, '34' from 1/7/2025): all provinces
  (ranking_group ''), the provinces of a region (seed admin_unit_regions), the tiers of a rating scale (seed
  rating_tiers, the same in both). A rank figure without a denominator is taken to be among as many as the
  ranking had in the structure in force when its reference period ended.
#}

with

units as (

    select distinct admin_unit_code, structure, region from {{ ref('int_admin_units') }}

),

structures as (

    select distinct structure from units

)

select structure, '' as ranking_group, count(*) as ranking_size
from units
group by all

union all

select structure, region as ranking_group, count(*) as ranking_size
from units
where region is not null
group by all

union all

select s.structure, t.scale as ranking_group, count(*) as ranking_size
from {{ ref('rating_tiers') }} as t
cross join structures as s
group by all
