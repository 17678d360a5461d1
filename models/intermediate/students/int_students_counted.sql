-- M-DEM, M-UND, M-TEC, M-RES: one row per year: the students of the year and how
-- many of them are in each category, with the unknown answers. The one place the
-- student populations are counted (impact indicators and student_demographics).
with

students as (
    select * from {{ ref('int_students_flagged') }}
),

final as (
    select
        student_year as year,
        -- M-DEM-2: the denominator is all students of Y
        count(*) as n_students,
        sum(case when is_unemployed then 1 else 0 end) as n_unemployed,
        sum(case when is_employment_unknown then 1 else 0 end) as n_employment_unknown,
        sum(case when is_low_qualification then 1 else 0 end) as n_low_qualification,
        sum(
            case when is_qualification_unknown then 1 else 0 end
        ) as n_qualification_unknown,
        sum(case when is_refugee then 1 else 0 end) as n_refugee,
        sum(case when is_refugee_unknown then 1 else 0 end) as n_refugee_unknown,
        sum(case when has_disability then 1 else 0 end) as n_disability,
        sum(case when is_disability_unknown then 1 else 0 end) as n_disability_unknown,
        sum(case when is_any_underserved then 1 else 0 end) as n_any_underserved,
        -- M-UND-1..3: France residents with an exact address only
        sum(case when is_resident_in_france then 1 else 0 end) as n_in_france,
        sum(case when is_in_area_population then 1 else 0 end) as n_area_population,
        sum(case when is_in_underserved_area then 1 else 0 end) as n_underserved_area,
        -- M-TEC-1: Tech paths only
        sum(case when is_in_tech_path then 1 else 0 end) as n_in_tech,
        sum(case when is_in_tech_path and is_female then 1 else 0 end) as n_women_in_tech,
        sum(
            case when is_in_tech_path and is_gender_unknown then 1 else 0 end
        ) as n_tech_gender_unknown,
        -- M-RES-1: region groups of the residence at enrolment
        sum(case when region_group = 'Africa' then 1 else 0 end) as n_africa,
        sum(case when region_group = 'Europe' then 1 else 0 end) as n_europe,
        sum(
            case when region_group = 'Rest of the world' then 1 else 0 end
        ) as n_rest_of_world
    from students
    group by student_year
)

select * from final
