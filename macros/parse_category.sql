{% macro parse_category(expr, values) -%}
    {#- The canonical spelling of a category among `values`, compared case-insensitively
        (the export may write ` Female`, `DATA`); NULL when unknown or missing. -#}
    case lower({{ expr }})
    {%- for value in values %}
        when '{{ value | lower }}' then '{{ value }}'
    {%- endfor %}
    end
{%- endmacro %}
