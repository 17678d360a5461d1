{% macro change_is_significant(numerator, denominator, previous_numerator, previous_denominator) -%}
    {#- M-CI-2: the pooled two-proportion z-test of p1 = numerator / denominator against
        p0 = previous_numerator / previous_denominator: true when |z| >= 1.959964, with
        z = (p1 - p0) / sqrt(q (1 - q) (1/n1 + 1/n0)), q = (x1 + x0) / (n1 + n0); NULL
        when q is 0 or 1 (or a denominator is not above 0). The one place the test is
        written; |p1 - p0| >= z * se avoids dividing by a zero standard error. -#}
    {%- set x1 = 'cast(' ~ numerator ~ ' as double)' -%}
    {%- set n1 = 'cast(' ~ denominator ~ ' as double)' -%}
    {%- set x0 = 'cast(' ~ previous_numerator ~ ' as double)' -%}
    {%- set n0 = 'cast(' ~ previous_denominator ~ ' as double)' -%}
    {%- set q = '((' ~ x1 ~ ' + ' ~ x0 ~ ') / (' ~ n1 ~ ' + ' ~ n0 ~ '))' -%}
    case
        when
            {{ denominator }} > 0
            and {{ previous_denominator }} > 0
            and {{ q }} > 0
            and {{ q }} < 1
            then abs({{ x1 }} / {{ n1 }} - {{ x0 }} / {{ n0 }}) >= {{ ci_z() }} * sqrt(
                {{ q }} * (1 - {{ q }}) * (1 / {{ n1 }} + 1 / {{ n0 }})
            )
    end
{%- endmacro %}
