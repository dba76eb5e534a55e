select * from {{ ref('int_admin_units') }}
