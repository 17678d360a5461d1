-- Every indicator of MARTS.md for every year with data, unsuppressed and without
-- status: one row per (indicator, year, segment). Shares are numerator /
-- denominator (G-6: NULL on a zero denominator); counts carry a NULL denominator.
-- applicants_growth: numerator = applicants(Y), denominator = applicants(Y-1),
-- value = applicants(Y) / applicants(Y-1) - 1 (the report's +190% is 1.90).
with

applicants as (
    select * from {{ ref('int_applicants_converted') }}
),

graduation as (
    select * from {{ ref('int_enrollments_graduation_flagged') }}
),

graduates as (
    select * from {{ ref('int_graduates_placed') }}
),

declarations as (
    select * from {{ ref('int_declarations_counted') }}
),

student_counts as (
    select * from {{ ref('int_students_counted') }}
),

reach_counts as (
    select * from {{ ref('int_free_users_counted') }}
),

applicants_by_year as (
    -- M-ORI-1, M-ORI-2 (G-4: individuals)
    select
        applicant_year as year,
        count(*) as n_applicants,
        sum(case when is_converted then 1 else 0 end) as n_converted
    from applicants
    group by applicant_year
),

orientation as (
    select
        'applicants' as indicator,
        year,
        n_applicants as numerator,
        cast(null as bigint) as denominator
    from applicants_by_year

    union all

    -- M-ORI-3
    select
        'orientation_rate' as indicator,
        year,
        n_converted as numerator,
        n_applicants as denominator
    from applicants_by_year

    union all

    -- M-ORI-3: growth on Y-1, only when Y-1 has data
    select
        'applicants_growth' as indicator,
        current_year.year,
        current_year.n_applicants as numerator,
        previous_year.n_applicants as denominator
    from applicants_by_year as current_year
    inner join applicants_by_year as previous_year
        on current_year.year = previous_year.year + 1
),

graduation_rates as (
    -- M-GRA-3, M-GRA-4, M-GRA-5: counted in enrolments
    select
        'graduation_rate' as indicator,
        graduation_cohort_year as year,
        sum(case when is_graduated_on_time then 1 else 0 end) as numerator,
        count(*) as denominator
    from graduation
    group by graduation_cohort_year

    union all

    select
        'graduation_rate_150' as indicator,
        graduation_cohort_year as year,
        sum(case when is_graduated_within_150 then 1 else 0 end) as numerator,
        count(*) as denominator
    from graduation
    group by graduation_cohort_year
),

placement_rates as (
    -- M-PLA-5: counted in graduate enrolments
    select
        'job_placement_rate' as indicator,
        placement_cohort_year as year,
        sum(case when is_placed then 1 else 0 end) as numerator,
        count(*) as denominator
    from graduates
    group by placement_cohort_year

    union all

    select
        'apprentice_job_placement_rate' as indicator,
        placement_cohort_year as year,
        sum(case when is_apprenticeship and is_placed then 1 else 0 end) as numerator,
        sum(case when is_apprenticeship then 1 else 0 end) as denominator
    from graduates
    group by placement_cohort_year

    union all

    select
        'placement_response_rate' as indicator,
        placement_cohort_year as year,
        sum(case when has_response then 1 else 0 end) as numerator,
        count(*) as denominator
    from graduates
    group by placement_cohort_year
),

career_segments as (
    select 'apprentice' as segment
    union all
    select 'student' as segment
    union all
    select 'free_user' as segment
),

declaration_years as (
    select distinct declared_year as year
    from declarations
),

career as (
    -- M-CAR-4: counted outcomes by Paris year of declaration, in total ...
    select
        'career_outcomes' as indicator,
        declared_year as year,
        'all' as segment,
        sum(case when is_counted then 1 else 0 end) as numerator,
        cast(null as bigint) as denominator
    from declarations
    group by declared_year

    union all

    -- ... and per segment, zero included
    select
        'career_outcomes' as indicator,
        declaration_years.year,
        career_segments.segment,
        count(declarations.declaration_id) as numerator,
        cast(null as bigint) as denominator
    from declaration_years
    cross join career_segments
    left join declarations
        on
            declaration_years.year = declarations.declared_year
            and career_segments.segment = declarations.segment
            and declarations.is_counted
    group by
        declaration_years.year,
        career_segments.segment
),

demographics as (
    select
        'share_unemployed' as indicator,
        year,
        n_unemployed as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_low_qualification' as indicator,
        year,
        n_low_qualification as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_refugee' as indicator,
        year,
        n_refugee as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_disability' as indicator,
        year,
        n_disability as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_underserved_area' as indicator,
        year,
        n_underserved_area as numerator,
        n_area_population as denominator
    from student_counts
    union all
    select
        'share_any_underserved' as indicator,
        year,
        n_any_underserved as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_women_in_tech' as indicator,
        year,
        n_women_in_tech as numerator,
        n_in_tech as denominator
    from student_counts
    union all
    select
        'share_residing_in_france' as indicator,
        year,
        n_in_france as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_region_africa' as indicator,
        year,
        n_africa as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_region_europe' as indicator,
        year,
        n_europe as numerator,
        n_students as denominator
    from student_counts
    union all
    select
        'share_region_rest_of_world' as indicator,
        year,
        n_rest_of_world as numerator,
        n_students as denominator
    from student_counts
),

reach as (
    -- M-REA-1
    select
        'free_users' as indicator,
        year,
        n_free_users as numerator,
        cast(null as bigint) as denominator
    from reach_counts

    union all

    -- M-REA-2
    select
        'free_user_countries' as indicator,
        year,
        n_countries as numerator,
        cast(null as bigint) as denominator
    from reach_counts
),

shares as (
    select
        indicator,
        year,
        'all' as segment,
        numerator,
        denominator
    from orientation
    union all
    select
        indicator,
        year,
        'all' as segment,
        numerator,
        denominator
    from graduation_rates
    union all
    select
        indicator,
        year,
        'all' as segment,
        numerator,
        denominator
    from placement_rates
    union all
    select
        indicator,
        year,
        segment,
        numerator,
        denominator
    from career
    union all
    select
        indicator,
        year,
        'all' as segment,
        numerator,
        denominator
    from demographics
    union all
    select
        indicator,
        year,
        'all' as segment,
        numerator,
        denominator
    from reach
),

final as (
    select
        cast(indicator as {{ dbt.type_string() }}) as indicator,
        cast(year as integer) as year,
        cast(segment as {{ dbt.type_string() }}) as segment,
        cast(numerator as bigint) as numerator,
        cast(denominator as bigint) as denominator,
        case
            when indicator = 'applicants_growth'
                then {{ safe_ratio('numerator', 'denominator') }} - 1
            when denominator is null then cast(numerator as double)
            else {{ safe_ratio('numerator', 'denominator') }}
        end as value,
        case
            when indicator = 'applicants_growth' then 'growth'
            when denominator is null then 'count'
            else 'share'
        end as value_kind
    from shares
)

select * from final
