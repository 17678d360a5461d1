{% macro in_list(expr, values) -%}
    {#- `expr in ('a', 'b')`, the values written as SQL literals; false for an empty list. -#}
    {%- if values | length == 0 -%}
        false
    {%- else -%}
        {{ expr }} in (
        {%- for value in values -%}
            {{ sql_literal(value) }}{{ ', ' if not loop.last }}
        {%- endfor -%}
        )
    {%- endif -%}
{%- endmacro %}
