{% macro clean_text(expr) -%}
    {#- A raw CSV field trimmed (trim_spaces: every Unicode space, as DuckDB's trim), with an
        empty or blank field as NULL (RAW_EXPORTS.md). -#}
    nullif({{ trim_spaces(expr) }}, '')
{%- endmacro %}
