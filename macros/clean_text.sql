{% macro clean_text(expr) -%}
    {#- A raw CSV field trimmed, with an empty or blank field as NULL (RAW_EXPORTS.md). -#}
    nullif(trim({{ expr }}), '')
{%- endmacro %}
