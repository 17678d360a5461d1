{% macro parse_category(expr, values) -%}
    {#- The canonical spelling of a category among `values`, compared case-insensitively
        (the export may write ` Female`, `DATA`); NULL when unknown or missing. -#}
    {%- if values | length == 0 -%}
        {{ return('cast(null as ' ~ dbt.type_string() ~ ')') }}
    {%- endif -%}
    case lower({{ expr }})
    {%- for value in values %}
        when {{ sql_literal(value | lower) }} then {{ sql_literal(value) }}
    {%- endfor %}
    end
{%- endmacro %}
