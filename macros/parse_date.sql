{% macro parse_date(expr) -%}
    {#- A `YYYY-MM-DD` date (docs/input-contract.md); NULL when it does not parse (`2023-13-45`). -#}
    case
        when {{ regex_full_match(expr, '[0-9]{4}-[0-9]{2}-[0-9]{2}') }}
            then {{ try_cast(expr, 'date') }}
    end
{%- endmacro %}
