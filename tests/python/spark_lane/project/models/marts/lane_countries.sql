with

countries as (
    select * from {{ ref('countries') }}
),

france_territories as (
    select * from {{ ref('france_territories') }}
),

final as (
    select
        countries.country_code,
        countries.country_name,
        countries.m49_region_code,
        countries.region_group,
        france_territories.country_code is not null as is_france
    from countries
    left join france_territories
        on countries.country_code = france_territories.country_code
)

select * from final
