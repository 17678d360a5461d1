{% macro placement_cutoff_on(cohort_year_expr) -%}
    {#- M-PLA-4: for the graduate cohort of year Y, only responses collected on or
        before June 30 of Y+1 count; the placement figures of Y are final from then. -#}
    {{ date_from_year('(' ~ cohort_year_expr ~ ' + 1)', '06-30') }}
{%- endmacro %}
