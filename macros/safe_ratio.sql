{% macro safe_ratio(numerator, denominator) -%}
    {#- G-6: a rate is numerator / denominator, unrounded; NULL on a zero denominator. -#}
    cast({{ numerator }} as double) / nullif(cast({{ denominator }} as double), 0)
{%- endmacro %}
