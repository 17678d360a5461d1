-- M-RES-1: one row per year and country of residence at enrolment (country_code
-- NULL and region_group 'Unknown' when no address or not a valid country code).
with

students as (
    select * from {{ ref('int_students_flagged') }}
),

student_counts as (
    select * from {{ ref('int_students_counted') }}
),

students_of_year as (
    select
        year,
        n as n_students
    from student_counts
    where count_name = 'students' and segment = 'all'
),

by_country as (
    select
        start_year as year,
        country_code,
        country_name,
        region_group,
        count(*) as n_students
    from students
    group by
        start_year,
        country_code,
        country_name,
        region_group
),

judged as (
    select
        by_country.*,
        students_of_year.n_students as n_students_of_year,
        -- G-9: small cells hidden
        {{ is_small_cell(['by_country.n_students']) }} as is_suppressed
    from by_country
    inner join students_of_year
        on by_country.year = students_of_year.year
),

final as (
    select
        cast(year as integer) as year,
        country_code,
        country_name,
        region_group,
        case when not is_suppressed then cast(n_students as bigint) end as students,
        case
            when not is_suppressed
                then {{ safe_ratio('n_students', 'n_students_of_year') }}
        end as share,
        is_suppressed
    from judged
)

select * from final
