{% macro parse_integer(expr) -%}
    {#- A plain (optionally signed) integer as integer; NULL when it is not one. -#}
    case
        when {{ regex_full_match(expr, '[+-]?[0-9]{1,9}') }}
            then {{ try_cast(expr, 'integer') }}
    end
{%- endmacro %}
