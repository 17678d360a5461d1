{% macro date_from_year(year_expr, month_day) -%}
    {#- The date `month_day` ('MM-DD') of the integer year `year_expr`, portably
        (a cast of an ISO string works on DuckDB and Spark). -#}
    cast(
        {{ dbt.concat(['cast(' ~ year_expr ~ ' as ' ~ dbt.type_string() ~ ')', "'-" ~ month_day ~ "'"]) }}
        as date
    )
{%- endmacro %}
