{% macro trim_spaces(expr) -%}
    {#- Leading and trailing space characters removed, as DuckDB's trim() does: every
        Unicode space separator (category Zs: the space, the no-break space U+00A0,
        U+2007, U+202F, U+3000, ...), never tabs or line breaks. -#}
    {{ return(adapter.dispatch('trim_spaces', 'impact_warehouse')(expr)) }}
{%- endmacro %}

{% macro default__trim_spaces(expr) -%}
    trim({{ expr }})
{%- endmacro %}

{% macro spark__trim_spaces(expr) -%}
    {#- Spark's trim() removes the ASCII space only: a no-break space would survive. -#}
    regexp_replace({{ expr }}, '^\\p{Zs}+|\\p{Zs}+$', '')
{%- endmacro %}
