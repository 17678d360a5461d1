{% macro parse_id(expr) -%}
    {#- A positive integer identifier as bigint; NULL when it is not one (`abc`, `1.5`,
        `0`, `-3`). The regex comes first: try_cast('1.5' as bigint) rounds on DuckDB. -#}
    case
        when {{ regex_full_match(expr, '0*[1-9][0-9]{0,17}') }}
            then {{ try_cast(expr, 'bigint') }}
    end
{%- endmacro %}
