with

source as (

    select * from {{ source('raw_catalogue', 'targets') }}

),

renamed as (

    select
        resolution_id || ':' || target_code || '@' || horizon_year as target_key,
        resolution_id || ':' || target_code as target_series_key,
        resolution_id,
        target_code,
        case
            when parent_code is not null then resolution_id || ':' || parent_code || '@' || horizon_year
        end as parent_target_key,
        parent_code as parent_target_code,
        is_multi_part,
        kind,
        target_value,
        target_value_low,
        coalesce(tolerance, 0) as tolerance,
        unit,
        horizon_year,
        level as admin_level,
        ranking_size,
        ranking_group,
        baseline_value,
        baseline_year,
        name_vi,
        name_en,
        source_section
    from source

)

select * from renamed
