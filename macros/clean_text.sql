{% macro clean_text(expr) -%}
    {#- A raw CSV field trimmed (trim_spaces: every Unicode space, as DuckDB's trim), with an
        empty or blank field as NULL (docs/input-contract.md). -#}
    nullif({{ trim_spaces(expr) }}, '')
{%- endmacro %}
