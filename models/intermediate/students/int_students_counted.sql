-- M-DEM, M-UND, M-TEC, M-RES: the students of each year (M-DEM-1) and how many of
-- them are in each category, with the unknown answers, in the fixed contract of
-- every population model. The one place the student populations are counted
-- (impact indicators, student_demographics, students_by_country).
with

students as (
    select * from {{ ref('int_students_flagged') }}
),

by_year as (
    select
        start_year as year,
        'all' as segment,
        -- M-DEM-2: the denominator is all students of Y
        count(*) as students,
        sum(case when is_unemployed then 1 else 0 end) as unemployed_students,
        sum(
            case when is_employment_unknown then 1 else 0 end
        ) as employment_unknown_students,
        sum(case when is_low_qualification then 1 else 0 end) as low_qualification_students,
        sum(
            case when is_qualification_unknown then 1 else 0 end
        ) as qualification_unknown_students,
        sum(case when is_refugee then 1 else 0 end) as refugee_students,
        sum(case when is_refugee_unknown then 1 else 0 end) as refugee_unknown_students,
        sum(case when has_disability then 1 else 0 end) as students_with_disability,
        sum(
            case when is_disability_unknown then 1 else 0 end
        ) as disability_unknown_students,
        sum(case when is_any_underserved then 1 else 0 end) as any_underserved_students,
        -- M-UND-1..3: France residents with an exact address only
        sum(
            case when is_resident_in_france then 1 else 0 end
        ) as students_residing_in_france,
        sum(
            case when is_in_area_population then 1 else 0 end
        ) as france_exact_address_students,
        sum(case when is_in_underserved_area then 1 else 0 end) as underserved_area_students,
        -- M-TEC-1: Tech paths only
        sum(case when is_in_tech_path then 1 else 0 end) as tech_path_students,
        sum(
            case when is_in_tech_path and is_female then 1 else 0 end
        ) as women_in_tech_students,
        sum(
            case when is_in_tech_path and is_gender_unknown then 1 else 0 end
        ) as tech_gender_unknown_students,
        -- M-RES-1: region groups of the residence at enrolment
        sum(
            case when region_group = 'Africa' then 1 else 0 end
        ) as students_residing_in_africa,
        sum(
            case when region_group = 'Europe' then 1 else 0 end
        ) as students_residing_in_europe,
        sum(
            case when region_group = 'Rest of the world' then 1 else 0 end
        ) as students_residing_in_rest_of_world
    from students
    group by start_year
),

final as (
    {{ population_counts('students', 'by_year', [
        'students',
        'unemployed_students',
        'employment_unknown_students',
        'low_qualification_students',
        'qualification_unknown_students',
        'refugee_students',
        'refugee_unknown_students',
        'students_with_disability',
        'disability_unknown_students',
        'any_underserved_students',
        'students_residing_in_france',
        'france_exact_address_students',
        'underserved_area_students',
        'tech_path_students',
        'women_in_tech_students',
        'tech_gender_unknown_students',
        'students_residing_in_africa',
        'students_residing_in_europe',
        'students_residing_in_rest_of_world',
    ]) }}
)

select * from final
