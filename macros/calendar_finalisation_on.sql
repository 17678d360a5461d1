{% macro calendar_finalisation_on(year_expr) -%}
    {#- G-7: orientation, graduation, demographics and career outcomes of year Y
        (and, by this warehouse's reading, residence and reach) are final from
        January 31 of Y+1. -#}
    {{ date_from_year('(' ~ year_expr ~ ' + 1)', '01-31') }}
{%- endmacro %}
