with

source as (

    select * from {{ source('raw_submissions', 'figures') }}

),

renamed as (

    select
        resolution_id || ':' || target_code as target_series_key,
        resolution_id,
        target_code,
        admin_unit_code,
        -- the loader matched the name in the structure in force on the figure's date: the code is read in it
        case when as_of < {{ reorganisation_date() }} then '63' else '34' end as admin_structure,
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
        -- a year-to-date or partial figure: dated before its reference period ends
        as_of < reference_end as is_provisional,
        -- the file marks the date or the period "(giả định)": the source does not state it
        coalesce(as_of_is_assumed, false) as as_of_is_assumed,
        coalesce(reference_period_is_assumed, false) as reference_period_is_assumed,
        -- when the figure stands, in decimal years (a partial figure stands at its as-of date)
        year(least(reference_end, as_of)) + (dayofyear(least(reference_end, as_of)) - 1) / 365.0 as t_years,
        file_path as source_file,
        file_sha256 as source_file_sha256,
        sheet as source_sheet,
        cell as source_cell,
        numerator_cell,
        denominator_cell,
        row_number as source_row,
        cell_note as source_cell_note,
        received_at,
        note
    from source

)

select * from renamed
