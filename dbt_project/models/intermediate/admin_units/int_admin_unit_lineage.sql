{#
  Whose figures count for a province: for each province of a structure (code, structure), the provinces whose
  figures are its own. Itself; and for a province of the 63, from 1/7/2025 the province of the 34 it became part
  of (Lào Cai 10 -> the new Lào Cai 15; Lai Châu 12 -> Lai Châu 12). Never the other way: the new province is
  more than any one of the old. A figure names a province in the structure in force on its date
  (stg_submissions__figures.admin_structure); a resolution in the one in force when it was adopted.
#}

with

units as (

    select distinct admin_unit_code, structure, successor_code from {{ ref('int_admin_units') }}

)

select
    admin_unit_code,
    structure,
    admin_unit_code as reported_code,
    structure as reported_structure
from units

union all

select
    admin_unit_code,
    structure,
    successor_code as reported_code,
    '34' as reported_structure
from units
where structure = '63'
