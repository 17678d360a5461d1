with

people as (
    select * from {{ ref('stg_lane__people') }}
),

countries as (
    select * from {{ ref('countries') }}
),

final as (
    select
        people.person_id,
        people.person_name,
        people.country_code,
        countries.country_name,
        countries.region_group,
        people.joined_at,
        {{ paris_date('people.joined_at') }} as joined_on,
        people.note,
        people.source_file,
        people.person_id % 2 = 0 as is_even,
        cast(people.person_id as double) / 3 as third
    from people
    left join countries
        on people.country_code = countries.country_code
)

select * from final
