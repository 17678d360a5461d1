{% macro timestamp_offset_in_range(expr) -%}
    {#- True when the UTC offset that ends an ISO 8601 timestamp lies within -14:00..+14:00
        (RAW_EXPORTS.md timestamps; DuckDB itself accepts +25:00). -#}
    {{ regex_full_match(expr, '.*(Z|z|[+-](0[0-9]|1[0-3])(:?[0-5][0-9])?|[+-]14(:?00)?)') }}
{%- endmacro %}
