select * from {{ ref('stg_catalogue__targets') }}
