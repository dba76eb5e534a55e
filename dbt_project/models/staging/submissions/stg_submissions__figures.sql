with

source as (

    select * from {{ source('raw', 'figures') }}

),

renamed as (

    select
        resolution_id || ':' || target_code as target_key,
        resolution_id,
        target_code,
        admin_unit_code,
        period as submission_period,
        source as reporting_source,
        cast(value as double) as actual_value,
        value_raw as actual_value_raw,
        unit,
        cast(numerator as double) as numerator,
        cast(denominator as double) as denominator,
        reference_period,
        reference_start,
        reference_end,
        as_of,
        file_path as source_file,
        file_sha256 as source_file_sha256,
        sheet as source_sheet,
        cell as source_cell,
        row_number as source_row,
        note
    from source

)

select * from renamed
