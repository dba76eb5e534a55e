with

source as (

    select * from {{ source('raw', 'admin_units') }}

),

renamed as (

    select
        admin_unit_code,
        name_vi,
        division_type,
        codename,
        'province' as admin_level
    from source

)

select * from renamed
