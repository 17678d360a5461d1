-- One row per valid ISO 3166-1 alpha-2 country code, with its UN M49 region and
-- the region group of M-RES-1; pseudo-codes are absent (M-REA-2).
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
        countries.m49_region_name,
        countries.region_group,
        -- M-UND-1
        france_territories.country_code is not null as is_france_territory
    from countries
    left join france_territories
        on countries.country_code = france_territories.country_code
)

select * from final
