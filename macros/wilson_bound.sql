{% macro wilson_bound(numerator, denominator, side) -%}
    {#- M-CI-1: a bound of the 95% Wilson score interval of numerator / denominator
        (side 'lower' or 'upper'); NULL when the denominator is not above 0. Clamped
        to [0, 1]: the exact bounds lie in it, floating-point rounding can put them
        1e-16 outside (20/20 gives an upper bound of 1.0000000000000002). The one
        place the interval is written. -#}
    {%- if side not in ['lower', 'upper'] -%}
        {{ exceptions.raise_compiler_error(
            "wilson_bound: side must be 'lower' or 'upper', not '" ~ side ~ "'"
        ) }}
    {%- endif -%}
    {%- set n = 'cast(' ~ denominator ~ ' as double)' -%}
    {%- set p = 'cast(' ~ numerator ~ ' as double) / ' ~ n -%}
    {%- set z = ci_z() -%}
    case
        when {{ denominator }} > 0
            then least(1, greatest(0, (
                ({{ p }}) + {{ z }} * {{ z }} / (2 * {{ n }})
                {{ '-' if side == 'lower' else '+' }} {{ z }} * sqrt(
                    ({{ p }}) * (1 - ({{ p }})) / {{ n }}
                    + {{ z }} * {{ z }} / (4 * {{ n }} * {{ n }})
                )
            ) / (1 + {{ z }} * {{ z }} / {{ n }})))
    end
{%- endmacro %}
