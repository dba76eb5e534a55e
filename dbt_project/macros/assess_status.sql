{#
  The status rule for one (sub-)target, stated once for every kind: the kinds themselves, their comparator and
  their rule in one sentence are the seed target_kinds (seeds/target_kinds.csv), whose columns these macros take.
    not_yet_reported  no figure known at the end of the assessment month
    met               the value compared (the figure, or for compares = average_yearly_change the average
                      change a year over the period, int_increments_averaged) is on the better side of the
                      threshold, or equal:
                      >= for direction higher_is_better, <= for lower_is_better (ranks: a rank better than a
                      band counts as met)
    not_yet_met       otherwise, while the horizon year has not ended (chưa đạt: there is still time)
    not_met           otherwise, from the last day of the horizon year on (không đạt: missed at the deadline)
  Whether a target can be assessed at all (a level that no longer exists, a rank out of a ranking of another
  size) is decided before this rule, in int_targets_assessed.
#}

{# The value a figure is compared with, by the kind's `threshold` column. #}
{% macro threshold_value(threshold, target_value, target_value_low, tolerance) -%}
    case {{ threshold }}
        when 'target_value' then {{ target_value }}
        when 'target_less_tolerance' then {{ target_value }} * (1 - {{ tolerance }})
        when 'band_low' then {{ target_value_low }}
    end
{%- endmacro %}

{# The deadline of a target due by the end of its horizon year has come by the end of the assessment month. #}
{% macro deadline_passed(horizon_year) -%}
    ({{ assessment_month_end() }} >= make_date({{ horizon_year }}, 12, 31))
{%- endmacro %}

{% macro assess_status(direction, threshold, value, target_value, target_value_low, tolerance, deadline_passed) -%}
    {%- set bar = threshold_value(threshold, target_value, target_value_low, tolerance) -%}
    case
        when {{ value }} is null then 'not_yet_reported'
        when {{ direction }} = 'higher_is_better' and {{ value }} >= {{ bar }} then 'met'
        when {{ direction }} = 'lower_is_better' and {{ value }} <= {{ bar }} then 'met'
        when {{ deadline_passed }} then 'not_met'
        else 'not_yet_met'
    end
{%- endmacro %}

{#
  Attainment: the share of the target reached in the desired direction (1.0 = exactly on target):
  value / target where more is better, target / value where less is better. Only for quantities: a rank or a
  tier is a position (int_targets_assessed leaves it null for them).
#}
{% macro attainment(direction, value, target_value) -%}
    case
        when {{ value }} is null then null
        when {{ direction }} = 'lower_is_better' then {{ target_value }} / nullif({{ value }}, 0)
        else {{ value }} / nullif({{ target_value }}, 0)
    end
{%- endmacro %}
