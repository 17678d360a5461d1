{% macro parse_boolean(expr) -%}
    {#- docs/input-contract.md booleans: true/false, 1/0, yes/no, any case; anything else NULL.
        `expr` is expected trimmed with empty as NULL (see clean_text). -#}
    case
        when lower({{ expr }}) in ('true', '1', 'yes') then true
        when lower({{ expr }}) in ('false', '0', 'no') then false
    end
{%- endmacro %}
