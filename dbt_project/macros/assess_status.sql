{#
  The status rule for one (sub-)target, stated once.
    not_yet_reported  no figure known at the end of the assessment month
    at_least          met when actual >= target value        ("≥ 80%")
    at_most           met when actual <= target value        ("≤ 15 minutes")
    rank_band         met when rank <= the band's worst rank ("group 45-50": ranks 1..50 are met;
                      lower is better, so a rank better than the band counts as met)
#}
{% macro assess_status(kind, actual, target_value) -%}
    case
        when {{ actual }} is null then 'not_yet_reported'
        when {{ kind }} = 'at_least' and {{ actual }} >= {{ target_value }} then 'met'
        when {{ kind }} = 'at_most' and {{ actual }} <= {{ target_value }} then 'met'
        when {{ kind }} = 'rank_band' and {{ actual }} <= {{ target_value }} then 'met'
        else 'not_met'
    end
{%- endmacro %}

{#
  Attainment as the share of the target reached in the desired direction (1.0 = exactly on target):
  actual / target for at_least, target / actual for at_most and ranks.
#}
{% macro attainment(kind, actual, target_value) -%}
    case
        when {{ actual }} is null then null
        when {{ kind }} = 'at_least' then {{ actual }} / nullif({{ target_value }}, 0)
        else {{ target_value }} / nullif({{ actual }}, 0)
    end
{%- endmacro %}
