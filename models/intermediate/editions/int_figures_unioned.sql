{#- G-11, G-12: every figure of the marts an edition freezes (macro edition_marts), in
    the grain of a frozen figure: what `impact-warehouse edition create` freezes (its
    final rows up to the edition's year) and what marts.restatements compares with the
    frozen files. The optional measures are the mart's own when it has them (checked on
    the built relation), else NULL. -#}
{%- set marts = edition_marts() -%}
{%- set optional = {
    'finalised_on': 'date',
    'ci_lower': 'double',
    'ci_upper': 'double',
    'change': 'double',
    'change_is_significant': 'boolean',
} %}

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
            {%- for name, data_type in optional.items() %}
                cast({{ name if name in present else 'null' }} as {{ data_type }})
                    as {{ name }}{{ ',' if not loop.last }}
            {%- endfor %}
        from {{ mart.mart }}
        {{ 'union all' if not loop.last }}
    {%- endfor %}
)

select * from unioned
