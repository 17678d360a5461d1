{% macro paris_date(expr) -%}
    {#- G-1: the Europe/Paris calendar date of a naive timestamp holding UTC.
        The only place the reporting time zone is applied. -#}
    {{ return(adapter.dispatch('paris_date', 'impact_warehouse')(expr)) }}
{%- endmacro %}

{% macro default__paris_date(expr) -%}
    cast(({{ expr }} at time zone 'UTC') at time zone 'Europe/Paris' as date)
{%- endmacro %}

{% macro spark__paris_date(expr) -%}
    to_date(from_utc_timestamp({{ expr }}, 'Europe/Paris'))
{%- endmacro %}
