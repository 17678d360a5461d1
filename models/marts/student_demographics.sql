-- M-DEM, M-UND, M-TEC: one row per year and category: the students in the
-- category, the category's population, the share and the share of unknown answers.
with

student_counts as (
    select * from {{ ref('int_students_counted') }}
),

by_year as (
    -- the counts of the students population, one column each
    select
        year,
        sum(case when count_name = 'students' then n end) as n_students,
        sum(case when count_name = 'unemployed_students' then n end) as n_unemployed,
        sum(
            case when count_name = 'employment_unknown_students' then n end
        ) as n_employment_unknown,
        sum(
            case when count_name = 'low_qualification_students' then n end
        ) as n_low_qualification,
        sum(
            case when count_name = 'qualification_unknown_students' then n end
        ) as n_qualification_unknown,
        sum(case when count_name = 'refugee_students' then n end) as n_refugee,
        sum(
            case when count_name = 'refugee_unknown_students' then n end
        ) as n_refugee_unknown,
        sum(case when count_name = 'students_with_disability' then n end) as n_disability,
        sum(
            case when count_name = 'disability_unknown_students' then n end
        ) as n_disability_unknown,
        sum(
            case when count_name = 'underserved_area_students' then n end
        ) as n_underserved_area,
        sum(
            case when count_name = 'france_exact_address_students' then n end
        ) as n_area_population,
        sum(
            case when count_name = 'students_residing_in_france' then n end
        ) as n_in_france,
        sum(
            case when count_name = 'any_underserved_students' then n end
        ) as n_any_underserved,
        sum(case when count_name = 'women_in_tech_students' then n end) as n_women_in_tech,
        sum(case when count_name = 'tech_path_students' then n end) as n_in_tech,
        sum(
            case when count_name = 'tech_gender_unknown_students' then n end
        ) as n_tech_gender_unknown
    from student_counts
    where segment = 'all'
    group by year
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

judged as (
    select
        *,
        -- G-9: small cells hidden
        {{ is_small_cell(['students', 'denominator']) }} as is_suppressed
    from categories
),

final as (
    select
        cast(year as integer) as year,
        cast(category as {{ dbt.type_string() }}) as category,
        case when not is_suppressed then cast(students as bigint) end as students,
        case when not is_suppressed then cast(denominator as bigint) end as denominator,
        case
            when not is_suppressed then {{ safe_ratio('students', 'denominator') }}
        end as share,
        case
            when is_suppressed then null
            -- M-UND-2: the underserved_area unknowns are among France residents
            when category = 'underserved_area'
                then {{ safe_ratio('unknowns', 'unknowns + denominator') }}
            else {{ safe_ratio('unknowns', 'denominator') }}
        end as unknown_share,
        is_suppressed
    from judged
)

select * from final
