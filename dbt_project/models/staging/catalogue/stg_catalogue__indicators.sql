{# Supporting indicators of the resolutions (raw.indicators, from the catalogues), renamed and cast. #}

with

source as (

    select * from {{ source('raw_catalogue', 'indicators') }}

),

renamed as (

    select
        resolution_id || ':' || indicator_code as indicator_key,
        resolution_id,
        indicator_code,
        name_vi,
        name_en,
        unit,
        cast(part_codes as varchar[]) as part_codes
    from source

)

select * from renamed
