-- M-DEM, M-UND, M-TEC: one row per year and category: the students in the
-- category, the category's population, the share and the share of unknown answers.
with

students as (
    select * from {{ ref('int_students_flagged') }}
),

by_year as (
    select
        student_year as year,
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
        sum(case when is_resident_in_france then 1 else 0 end) as n_in_france,
        sum(case when is_in_area_population then 1 else 0 end) as n_area_population,
        sum(case when is_in_underserved_area then 1 else 0 end) as n_underserved_area,
        sum(case when is_any_underserved then 1 else 0 end) as n_any_underserved,
        sum(case when is_in_tech_path then 1 else 0 end) as n_in_tech,
        sum(case when is_in_tech_path and is_female then 1 else 0 end) as n_women_in_tech,
        sum(
            case when is_in_tech_path and is_gender_unknown then 1 else 0 end
        ) as n_tech_gender_unknown
    from students
    group by student_year
),

categories as (
    select
        year,
        'unemployed' as category,
        n_unemployed as students,
        n_students as denominator,
        n_employment_unknown as unknowns
    from by_year
    union all
    select
        year,
        'low_qualification' as category,
        n_low_qualification as students,
        n_students as denominator,
        n_qualification_unknown as unknowns
    from by_year
    union all
    select
        year,
        'refugee' as category,
        n_refugee as students,
        n_students as denominator,
        n_refugee_unknown as unknowns
    from by_year
    union all
    select
        year,
        'disability' as category,
        n_disability as students,
        n_students as denominator,
        n_disability_unknown as unknowns
    from by_year
    union all
    -- M-UND-2: unknown = France residents without an exact address
    select
        year,
        'underserved_area' as category,
        n_underserved_area as students,
        n_area_population as denominator,
        n_in_france - n_area_population as unknowns
    from by_year
    union all
    -- no single unknown share for the union of five categories
    select
        year,
        'any_underserved' as category,
        n_any_underserved as students,
        n_students as denominator,
        cast(null as bigint) as unknowns
    from by_year
    union all
    select
        year,
        'women_in_tech' as category,
        n_women_in_tech as students,
        n_in_tech as denominator,
        n_tech_gender_unknown as unknowns
    from by_year
),

final as (
    select
        cast(year as integer) as year,
        cast(category as {{ dbt.type_string() }}) as category,
        case
            when students >= {{ var('min_cell_size') }}
                and denominator >= {{ var('min_cell_size') }}
                then cast(students as bigint)
        end as students,
        case
            when students >= {{ var('min_cell_size') }}
                and denominator >= {{ var('min_cell_size') }}
                then cast(denominator as bigint)
        end as denominator,
        case
            when students >= {{ var('min_cell_size') }}
                and denominator >= {{ var('min_cell_size') }}
                then {{ safe_ratio('students', 'denominator') }}
        end as share,
        case
            when students >= {{ var('min_cell_size') }}
                and denominator >= {{ var('min_cell_size') }}
                -- M-UND-2: the underserved_area unknowns are among France residents
                then
                    case
                        when category = 'underserved_area'
                            then {{ safe_ratio('unknowns', 'unknowns + denominator') }}
                        else {{ safe_ratio('unknowns', 'denominator') }}
                    end
        end as unknown_share,
        not(
            students >= {{ var('min_cell_size') }}
            and denominator >= {{ var('min_cell_size') }}
        ) as is_suppressed
    from categories
)

select * from final
