with

source as (

    select * from {{ source('raw_catalogue', 'resolutions') }}

),

renamed as (

    select
        resolution_id,
        resolution_code,
        title_vi,
        title_en,
        issuer,
        adopted_on,
        province_code as admin_unit_code,
        source_document,
        source_section,
        catalogue_file,
        catalogue_sha256
    from source

)

select * from renamed
