select * from {{ ref('stg_catalogue__admin_units') }}
