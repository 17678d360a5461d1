{% macro query_values(sql) -%}
    {#- The values of the first column of `sql`, run at execution time; an empty list while
        dbt parses. -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(run_query(sql).columns[0].values() | list) }}
{%- endmacro %}

{% macro previous_relation() -%}
    {#- The model's own relation as the previous build left it, to reuse what it holds;
        none with --full-refresh and while dbt parses. -#}
    {%- if flags.FULL_REFRESH or not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(load_relation(this)) }}
{%- endmacro %}
