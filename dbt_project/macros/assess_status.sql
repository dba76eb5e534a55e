{#
  The status rule for one (sub-)target, stated once. `value` is the figure compared (for yearly_increment,
  the change per year between the two latest figures).
    not_yet_reported  no figure known at the end of the assessment month
    at_least          met when value >= target               ("≥ 80% of procedures online")
    reduction         met when the cut >= target              ("cut processing time by ≥ 30%"; the cut is a figure)
    milestone         met when value >= target                ("one smart city": 1 = done)
    at_most           met when value <= target                ("waiting time ≤ 15 minutes")
    rank_band         met when rank <= the band's worst rank  ("group 45-50": ranks 1..50; lower is better,
                                                               so a rank better than the band counts as met)
    rank_top_n        met when rank <= N                      ("top 40")
    regional_rank     met when rank within the group <= N     ("top 5 of the northern mountain region")
    approx_count      met when value >= target x (1 - tolerance)   ("about 2.000 enterprises", a stock)
    yearly_increment  met when the yearly change >= the band's low end ("+0,3 to +0,8 points a year":
                                                               within or above the band)
  Whether a target can be assessed at all (a level that no longer exists, a rank out of a ranking of another
  size) is decided before this rule, in int_targets_assessed.
#}
{% macro assess_status(kind, value, target_value, target_value_low, tolerance) -%}
    case
        when {{ value }} is null then 'not_yet_reported'
        when {{ kind }} in ('at_least', 'reduction', 'milestone') and {{ value }} >= {{ target_value }} then 'met'
        when {{ kind }} = 'at_most' and {{ value }} <= {{ target_value }} then 'met'
        when {{ kind }} in ('rank_band', 'rank_top_n', 'regional_rank') and {{ value }} <= {{ target_value }}
            then 'met'
        when {{ kind }} = 'approx_count' and {{ value }} >= {{ target_value }} * (1 - {{ tolerance }}) then 'met'
        when {{ kind }} = 'yearly_increment' and {{ value }} >= {{ target_value_low }} then 'met'
        else 'not_met'
    end
{%- endmacro %}

{#
  Attainment: the share of the target reached in the desired direction (1.0 = exactly on target):
  value / target where more is better, target / value where less is better (at_most, ranks).
#}
{% macro attainment(kind, value, target_value) -%}
    case
        when {{ value }} is null then null
        when {{ kind }} in ('at_most', 'rank_band', 'rank_top_n', 'regional_rank')
            then {{ target_value }} / nullif({{ value }}, 0)
        else {{ value }} / nullif({{ target_value }}, 0)
    end
{%- endmacro %}
