{% macro complementary_suppression(relation, partition_by, size, name, is_small) -%}
    {#- G-9 and G-10 over the rows of `relation` (a CTE): every column of it plus
        `is_suppressed`. A row is suppressed when it is small (`is_small`, G-9); when
        exactly one row of a partition (`partition_by`: the rows that split one
        population) is small, the row with the next smallest `size` (ties: the
        `name` that sorts first) is suppressed too (G-10). The one place G-10 is
        written. -#}
    {%- set partition = partition_by | join(', ') %}
    select
        ranked.*,
        ranked.{{ is_small }}
        or (
            ranked.n_small_in_partition = 1
            and not ranked.{{ is_small }}
            and ranked.rank_among_others = 1
        ) as is_suppressed
    from (
        select
            {{ relation }}.*,
            sum(case when {{ is_small }} then 1 else 0 end) over (
                partition by {{ partition }}
            ) as n_small_in_partition,
            -- the smallest row that G-9 left published, per partition
            row_number() over (
                partition by {{ partition }}, {{ is_small }}
                order by {{ size }}, {{ name }}
            ) as rank_among_others
        from {{ relation }}
    ) as ranked
{%- endmacro %}
