-- How many students fit several underserved categories (the report: "many students
-- belong to several categories simultaneously")? For the students of each year
-- (M-DEM-1, their first enrolment of the year), the number of the five categories of
-- M-DEM-3 / M-UND they belong to (unemployed, low qualification, refugee, disability,
-- underserved area): one row per year and count of categories, 0 to 5. A student with
-- 1 or more is "any underserved" (the report's 75%).
-- Internal analysis: cells under min_cell_size (G-9) are flagged, not suppressed.
with

fct_enrollments as (
    select * from {{ ref('fct_enrollments') }}
),

students as (
    select
        start_year as year,
        user_id,
        case when is_unemployed then 1 else 0 end
        + case when is_low_qualification then 1 else 0 end
        + case when is_refugee then 1 else 0 end
        + case when has_disability then 1 else 0 end
        + case when is_in_underserved_area then 1 else 0 end as n_categories
    from fct_enrollments
    where is_first_enrollment_of_year
),

counted as (
    select
        year,
        n_categories,
        count(*) as students
    from students
    group by year, n_categories
),

year_totals as (
    select
        year,
        count(*) as students_of_year
    from students
    group by year
),

final as (
    select
        counted.year,
        counted.n_categories,
        counted.students,
        year_totals.students_of_year,
        {{ safe_ratio('counted.students', 'year_totals.students_of_year') }} as share,
        counted.students < {{ var('min_cell_size') }} as is_small_cell
    from counted
    inner join year_totals
        on counted.year = year_totals.year
)

select * from final
order by year, n_categories
