{% macro gender_group(gender) -%}
    {#- M-GRP-1: the gender group of a user: female, male, non_binary, or unknown
        (undisclosed or empty). -#}
    case
        when {{ gender }} in ('female', 'male', 'non_binary') then {{ gender }}
        else 'unknown'
    end
{%- endmacro %}
