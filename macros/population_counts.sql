{% macro population_counts(population, relation, counts, grouped=false) -%}
    {#- The fixed output contract of a population model: one row per (year, segment,
        dimension, group, count) with columns population, year, segment, dimension,
        group_name, count_name, n. `relation` (a CTE) has one row per year and segment
        (and, when `grouped`, per dimension and group: columns `dimension` and
        `group_name`, the total being dimension 'all', group 'all'), a `year` and a
        `segment` column, and one column per name in `counts`. Not grouped: every row
        is the total (dimension 'all', group 'all'). -#}
    {%- set dimension = 'dimension' if grouped else "'all'" %}
    {%- set group_name = 'group_name' if grouped else "'all'" %}
    {%- for count in counts %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            cast('{{ population }}' as {{ dbt.type_string() }}) as population,
            cast(year as integer) as year,
            cast(segment as {{ dbt.type_string() }}) as segment,
            cast({{ dimension }} as {{ dbt.type_string() }}) as dimension,
            cast({{ group_name }} as {{ dbt.type_string() }}) as group_name,
            cast('{{ count }}' as {{ dbt.type_string() }}) as count_name,
            cast({{ count }} as bigint) as n
        from {{ relation }}
    {%- endfor %}
{%- endmacro %}
