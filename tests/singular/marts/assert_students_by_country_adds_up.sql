-- M-RES-1: the rows of students_by_country partition the students of each year:
-- recounted per (year, country), they add up to the students of the year, every
-- unsuppressed cell equals its recount, and every published share is students /
-- students of the year. Rows returned are violations.
with

by_country as (
    select * from {{ ref('students_by_country') }}
),

students as (
    select * from {{ ref('int_students_enrolled') }}
),

located as (
    select * from {{ ref('int_enrollments_located') }}
),

recount as (
    select
        students.start_year as year,
        located.country_code,
        count(*) as n_students
    from students
    inner join located
        on students.enrollment_id = located.enrollment_id
    group by
        students.start_year,
        located.country_code
),

students_by_year as (
    select
        start_year as year,
        count(*) as n_students
    from students
    group by start_year
),

cells as (
    select
        by_country.year,
        by_country.country_code,
        by_country.students,
        by_country.share,
        by_country.is_suppressed,
        recount.n_students
    from by_country
    left join recount
        on
            by_country.year = recount.year
            and coalesce(by_country.country_code, '?') = coalesce(recount.country_code, '?')
),

totals as (
    select
        cells.year,
        sum(cells.n_students) as n_partitioned
    from cells
    group by cells.year
)

select
    cells.year,
    cells.country_code,
    'cell differs from its recount' as violation
from cells
where
    cells.n_students is null
    or (not cells.is_suppressed and cells.students <> cells.n_students)
union all
select
    cells.year,
    cells.country_code,
    'share is not students / students of the year' as violation
from cells
inner join students_by_year
    on cells.year = students_by_year.year
where
    not cells.is_suppressed
    and abs(cells.share - cast(cells.students as double) / students_by_year.n_students) > 1e-12
union all
select
    students_by_year.year,
    cast(null as {{ dbt.type_string() }}) as country_code,
    'countries do not add up to the students of the year' as violation
from students_by_year
left join totals
    on students_by_year.year = totals.year
where coalesce(totals.n_partitioned, 0) <> students_by_year.n_students
