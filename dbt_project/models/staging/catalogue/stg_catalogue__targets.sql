with

source as (

    select * from {{ source('raw', 'targets') }}

),

renamed as (

    select
        resolution_id || ':' || target_code as target_key,
        resolution_id,
        target_code,
        case when parent_code is not null then resolution_id || ':' || parent_code end as parent_target_key,
        parent_code as parent_target_code,
        is_multi_part,
        kind,
        target_value,
        target_value_low,
        unit,
        horizon_year,
        level as admin_level,
        name_vi,
        name_en
    from source

)

select * from renamed
