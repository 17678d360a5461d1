{% macro sorted_string_agg(expression, delimiter) -%}
    {#- Aggregate: the values of `expression` sorted and joined by `delimiter` (a SQL
        string literal). Dispatched: DuckDB string_agg ... order by; Spark
        array_join(array_sort(collect_list(...))). -#}
    {{ return(adapter.dispatch('sorted_string_agg', 'impact_warehouse')(expression, delimiter)) }}
{%- endmacro %}

{% macro default__sorted_string_agg(expression, delimiter) -%}
    string_agg({{ expression }}, {{ delimiter }} order by {{ expression }})
{%- endmacro %}

{% macro spark__sorted_string_agg(expression, delimiter) -%}
    array_join(array_sort(collect_list({{ expression }})), {{ delimiter }})
{%- endmacro %}
