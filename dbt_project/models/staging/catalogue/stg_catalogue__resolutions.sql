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
        -- the structure the code is read in ('63' or '34'), decided by the loader (admin_units.catalogue_structure)
        province_structure as admin_structure,
        province_code_on,
        source_document,
        source_section,
        catalogue_file,
        catalogue_sha256
    from source

)

select * from renamed
