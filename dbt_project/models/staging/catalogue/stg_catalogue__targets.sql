{# The catalogue's targets (raw.targets), renamed and cast; a tolerance named after a parameter of the seed
   assessment_parameters (chitieu's assumption, not the resolution's) takes its value, the name kept beside it. #}

with

source as (

    select * from {{ source('raw_catalogue', 'targets') }}

),

parameters as (

    select * from {{ ref('assessment_parameters') }}

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
        coalesce(source.tolerance, parameters.value, 0) as tolerance,
        source.tolerance_parameter,
        source.unit,
        horizon_year,
        level as admin_level,
        ranking_size,
        ranking_group,
        baseline_value,
        baseline_year,
        name_vi,
        name_en,
        cast(component_codes as varchar[]) as component_codes,
        reading_vi,
        reading_en,
        source_section
    from source
    left join parameters on source.tolerance_parameter = parameters.name

)

select * from renamed
