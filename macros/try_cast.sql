{% macro try_cast(expr, data_type) -%}
    {#- Cast that yields NULL instead of failing (dbt.safe_cast is a plain cast on
        DuckDB). Staging compares the result with the raw value to quarantine rows. -#}
    {{ return(adapter.dispatch('try_cast', 'impact_warehouse')(expr, data_type)) }}
{%- endmacro %}

{% macro default__try_cast(expr, data_type) -%}
    try_cast({{ expr }} as {{ data_type }})
{%- endmacro %}
