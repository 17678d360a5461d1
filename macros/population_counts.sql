{% macro population_counts(population, relation, counts) -%}
    {#- The fixed output contract of a population model: one row per (year, segment,
        count) with columns population, year, segment, count_name, n. `relation`
        (a CTE) has one row per year and segment, a `year` and a `segment` column,
        and one column per name in `counts`. -#}
    {%- for count in counts %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            cast('{{ population }}' as {{ dbt.type_string() }}) as population,
            cast(year as integer) as year,
            cast(segment as {{ dbt.type_string() }}) as segment,
            cast('{{ count }}' as {{ dbt.type_string() }}) as count_name,
            cast({{ count }} as bigint) as n
        from {{ relation }}
    {%- endfor %}
{%- endmacro %}
