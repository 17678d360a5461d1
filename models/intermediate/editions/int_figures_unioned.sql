{#- G-11, G-12: every figure of the marts an edition freezes (macro edition_marts), in
    the grain of a frozen figure: what `impact-warehouse edition create` freezes (its
    final rows up to the edition's year) and what marts.restatements compares with the
    frozen files. The optional measures are the mart's own when it has them (checked on
    the built relation), else NULL. -#}
{%- set marts = edition_marts() %}

with

{% for mart in marts -%}
    {{ mart.mart }} as (
        select * from {{ ref(mart.mart) }}
    ),

{% endfor -%}

unioned as (
    {%- for mart in marts %}
        {%- set present = [] -%}
        {%- if execute -%}
            {%- for column in adapter.get_columns_in_relation(ref(mart.mart)) -%}
                {%- do present.append(column.name | lower) -%}
            {%- endfor -%}
        {%- endif %}
        select
            {{ string_literal(mart.mart) }} as mart,
            cast({{ mart.indicator }} as {{ dbt.type_string() }}) as indicator,
            cast(year as integer) as year,
            cast({{ mart.segment }} as {{ dbt.type_string() }}) as segment,
            cast({{ mart.dimension or 'null' }} as {{ dbt.type_string() }}) as dimension,
            cast({{ mart.group or 'null' }} as {{ dbt.type_string() }}) as group_name,
            cast({{ mart.numerator or 'null' }} as bigint) as numerator,
            cast({{ mart.denominator or 'null' }} as bigint) as denominator,
            cast({{ mart.value or 'null' }} as double) as value,
            status,
            is_suppressed,
            cast({{ 'finalised_on' if 'finalised_on' in present else 'null' }} as date)
                as finalised_on,
            cast({{ 'ci_lower' if 'ci_lower' in present else 'null' }} as double) as ci_lower,
            cast({{ 'ci_upper' if 'ci_upper' in present else 'null' }} as double) as ci_upper,
            cast({{ 'change' if 'change' in present else 'null' }} as double) as change,
            cast(
                {{ 'change_is_significant' if 'change_is_significant' in present else 'null' }}
                as boolean
            ) as change_is_significant
        from {{ mart.mart }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select * from unioned
