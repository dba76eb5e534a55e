with

source as (

    select * from {{ source('raw_portal', 'portal_dossiers') }}

),

renamed as (

    select
        source || ':' || dossier_id as dossier_key,
        dossier_id,
        period as submission_period,
        source as reporting_source,
        procedure,
        field,
        receiving_unit,
        level as admin_level,
        received_date,
        strftime(received_date, '%Y-%m') as received_month,
        due_date,
        returned_date,
        channel = 'online' as is_online,
        service_type,
        digitised as is_digitised,
        paid_online as is_paid_online,
        file_path as source_file,
        file_sha256 as source_file_sha256,
        row_number as source_row
    from source

)

select * from renamed
