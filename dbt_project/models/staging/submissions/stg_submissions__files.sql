with

source as (

    select * from {{ source('raw_submissions', 'files') }}

),

renamed as (

    select
        period as submission_period,
        source as reporting_source,
        file_path,
        file_name,
        file_sha256,
        size_bytes,
        status as load_status,
        reason_code,
        reason,
        n_figures,
        quarantine_path,
        received_at,
        archived_path,
        duplicate_of
    from source

)

select * from renamed
