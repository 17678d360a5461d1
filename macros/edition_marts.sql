{% macro edition_marts() -%}
    {#- The marts an edition freezes (G-11), each mapped onto the grain of a frozen
        figure: SQL expressions over the mart's columns for indicator, segment, dimension
        and group (none: NULL, the row of impact_indicators) and for the numerator,
        denominator and value that G-12 compares. Every mart also has year, status and
        is_suppressed; the optional measures of int_figures_unioned are taken when the
        mart has them. int_figures_unioned reads this list and `impact-warehouse edition
        create` freezes what that model holds, so a mart joins editions with one entry
        here.
    -#}
    {{ return([
        {'mart': 'impact_indicators', 'indicator': 'indicator', 'segment': 'segment',
         'dimension': none, 'group': none,
         'numerator': 'numerator', 'denominator': 'denominator', 'value': 'value'},
        {'mart': 'impact_by_group', 'indicator': 'indicator', 'segment': "'all'",
         'dimension': 'dimension', 'group': adapter.quote('group'),
         'numerator': 'numerator', 'denominator': 'denominator', 'value': 'value'},
        {'mart': 'graduate_outcomes', 'indicator': "'graduate_outcomes'",
         'segment': 'segment', 'dimension': "'outcome_status'",
         'group': 'outcome_status', 'numerator': 'graduates', 'denominator': none,
         'value': 'share'},
    ]) }}
{%- endmacro %}
