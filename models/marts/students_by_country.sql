-- M-RES-1: one row per year and country of residence at enrolment (country_code
-- NULL and region_group 'Unknown' when no address or not a valid country code).
with

students as (
    select * from {{ ref('int_students_flagged') }}
),

by_country as (
    select
        student_year as year,
        country_code,
        country_name,
        region_group,
        count(*) as n_students
    from students
    group by
        student_year,
        country_code,
        country_name,
        region_group
),

by_year as (
    select
        student_year as year,
        count(*) as n_students
    from students
    group by student_year
),

final as (
    select
        cast(by_country.year as integer) as year,
        by_country.country_code,
        by_country.country_name,
        by_country.region_group,
        -- G-9: small cells hidden
        case
            when by_country.n_students >= {{ var('min_cell_size') }}
                then cast(by_country.n_students as bigint)
        end as students,
        case
            when by_country.n_students >= {{ var('min_cell_size') }}
                then {{ safe_ratio('by_country.n_students', 'by_year.n_students') }}
        end as share,
        by_country.n_students < {{ var('min_cell_size') }} as is_suppressed
    from by_country
    inner join by_year
        on by_country.year = by_year.year
)

select * from final
