{# The provinces of the structure in force since the 2025 reorganisation (raw.admin_units), renamed and cast. #}

with

source as (

    select * from {{ source('raw_catalogue', 'admin_units') }}

),

renamed as (

    select
        cast(admin_unit_code as varchar) as admin_unit_code,
        name_vi,
        division_type,
        codename,
        phone_code
    from source

)

select * from renamed
