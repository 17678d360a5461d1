{% macro is_small_cell(counts) -%}
    {#- G-9: true when a cell is built from fewer than var('min_cell_size')
        individuals, i.e. when any of its counts is under it (NULL counts are
        ignored). The one place the small-cell rule is written. -#}
    {%- set tests = [] -%}
    {%- for count in counts -%}
        {%- do tests.append(count ~ ' < ' ~ var('min_cell_size')) -%}
    {%- endfor -%}
    coalesce({{ tests | join(' or ') }}, false)
{%- endmacro %}
