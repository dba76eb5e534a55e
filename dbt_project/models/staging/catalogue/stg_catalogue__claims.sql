with

source as (

    select * from {{ source('raw_catalogue', 'claims') }}

),

renamed as (

    select
        resolution_id || ':' || claim_id as claim_key,
        resolution_id,
        claim_id,
        document,
        section,
        text_vi,
        assessment_month,
        horizon_year,
        claimed_met,
        claimed_total
    from source

)

select * from renamed
