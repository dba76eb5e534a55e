{# The latest figure known at the month's end, per series and unit: the latest as-of date, then the later
   reference period, then the later submission. #}

select * exclude (recency)
from {{ ref('int_figures_known_by_month') }}
where recency = 1
