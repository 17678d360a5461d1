{% macro year_of(date_expr) -%}
    {#- G-1: the reporting year of a Paris date (`*_on` columns are Paris dates). -#}
    cast(extract(year from {{ date_expr }}) as integer)
{%- endmacro %}
