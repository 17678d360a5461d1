{% macro quoted_columns(columns) -%}
    {#- Column names, each quoted for the engine (adapter.quote), joined by ', '. -#}
    {%- set quoted = [] -%}
    {%- for column in columns -%}
        {%- do quoted.append(adapter.quote(column)) -%}
    {%- endfor -%}
    {{ return(quoted | join(', ')) }}
{%- endmacro %}
