{% macro regex_full_match(expr, pattern) -%}
    {#- True when the whole of `expr` matches the regular expression `pattern`. -#}
    {{ return(adapter.dispatch('regex_full_match', 'impact_warehouse')(expr, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_full_match(expr, pattern) -%}
    ({{ expr }} rlike '^(?:{{ pattern }})$')
{%- endmacro %}
