-- M-UND-1, M-UND-2, M-UND-3, M-RES-1: every enrolment with its holder's residence
-- at the start of the enrolment, the France test, the exact-address test and the
-- priority-neighbourhood (QPV) flag. These flags live here and nowhere else.
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

addresses as (
    select * from {{ ref('stg_platform__addresses') }}
),

countries as (
    select * from {{ ref('countries') }}
),

france_territories as (
    select * from {{ ref('france_territories') }}
),

ranked_addresses as (
    -- M-UND-1: the latest address valid on started_on (ties: greatest
    -- address_id); when none is, the earliest address (ties: smallest address_id)
    select
        enrollments.enrollment_id,
        addresses.address_id,
        addresses.valid_from,
        addresses.country_code,
        addresses.geocode_precision,
        addresses.qpv_code,
        row_number() over (
            partition by enrollments.enrollment_id
            order by
                case
                    when addresses.valid_from <= enrollments.started_on then 0
                    else 1
                end,
                case
                    when addresses.valid_from <= enrollments.started_on
                        then addresses.valid_from
                end desc nulls last,
                case
                    when addresses.valid_from <= enrollments.started_on
                        then addresses.address_id
                end desc nulls last,
                addresses.valid_from asc nulls last,
                addresses.address_id asc
        ) as address_rank
    from enrollments
    inner join addresses
        on enrollments.user_id = addresses.user_id
),

residence as (
    select *
    from ranked_addresses
    where address_rank = 1
),

final as (
    select
        enrollments.enrollment_id,
        enrollments.user_id,
        residence.address_id,
        residence.valid_from as address_valid_from,
        residence.country_code as address_country_code,
        residence.geocode_precision,
        -- M-RES-1: a code that is not a country is unknown
        countries.country_code,
        countries.country_name,
        coalesce(countries.region_group, 'Unknown') as region_group,
        -- M-UND-1: France = metropolitan France and the five overseas departments
        france_territories.country_code is not null as is_resident_in_france,
        -- M-UND-2: exact addresses only
        coalesce(residence.geocode_precision = 'housenumber', false)
            as is_exact_address,
        coalesce(
            france_territories.country_code is not null
            and residence.geocode_precision = 'housenumber',
            false
        ) as is_in_area_population,
        -- M-UND-3: a QPV code counts only on an exact French address
        coalesce(
            france_territories.country_code is not null
            and residence.geocode_precision = 'housenumber'
            and trim(residence.qpv_code) <> '',
            false
        ) as is_in_underserved_area,
        residence.qpv_code is not null as has_qpv_code
    from enrollments
    left join residence
        on enrollments.enrollment_id = residence.enrollment_id
    left join countries
        on residence.country_code = countries.country_code
    left join france_territories
        on residence.country_code = france_territories.country_code
)

select * from final
