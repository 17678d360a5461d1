-- impact_indicators agrees with the facts it is built from: every unsuppressed
-- numerator and denominator equals a recount from fct_applications,
-- fct_enrollments, fct_career_outcome_declarations, dim_users and free_user_reach,
-- and every recounted (indicator, year, segment) up to the report date's year
-- has its row. Rows returned are
-- violations.
with

indicators as (
    select * from {{ ref('impact_indicators') }}
),

applications as (
    select * from {{ ref('fct_applications') }}
),

enrollments as (
    select * from {{ ref('fct_enrollments') }}
),

declarations as (
    select * from {{ ref('fct_career_outcome_declarations') }}
),

users as (
    select * from {{ ref('dim_users') }}
),

reach as (
    select * from {{ ref('free_user_reach') }}
),

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

applicants as (
    select
        submitted_year as year,
        count(distinct user_id) as n_applicants,
        count(distinct case when is_linked_to_enrollment then user_id end) as n_converted
    from applications
    group by submitted_year
),

students as (
    select
        enrollments.start_year as year,
        count(*) as n_students,
        sum(case when enrollments.is_unemployed then 1 else 0 end) as n_unemployed,
        sum(case when enrollments.is_low_qualification then 1 else 0 end) as n_low,
        sum(case when enrollments.is_refugee then 1 else 0 end) as n_refugee,
        sum(case when enrollments.has_disability then 1 else 0 end) as n_disability,
        sum(case when enrollments.is_any_underserved then 1 else 0 end) as n_any,
        sum(
            case
                when enrollments.is_resident_in_france and enrollments.is_exact_address
                    then 1
                else 0
            end
        ) as n_area,
        sum(case when enrollments.is_in_underserved_area then 1 else 0 end) as n_qpv,
        sum(case when enrollments.is_in_tech_path then 1 else 0 end) as n_tech,
        sum(
            case
                when enrollments.is_in_tech_path and users.gender = 'female' then 1
                else 0
            end
        ) as n_women_tech,
        sum(
            case when enrollments.residence_region_group = 'France' then 1 else 0 end
        ) as n_france,
        sum(
            case when enrollments.residence_region_group = 'Africa' then 1 else 0 end
        ) as n_africa,
        sum(
            case when enrollments.residence_region_group = 'Europe' then 1 else 0 end
        ) as n_europe,
        sum(
            case
                when enrollments.residence_region_group = 'Rest of the world' then 1
                else 0
            end
        ) as n_rest
    from enrollments
    inner join users
        on enrollments.user_id = users.user_id
    where enrollments.is_first_enrollment_of_year
    group by enrollments.start_year
),

expected as (
    select
        'applicants' as indicator,
        year,
        'all' as segment,
        n_applicants as numerator,
        cast(null as bigint) as denominator
    from applicants
    union all
    select
        'orientation_rate' as indicator,
        year,
        'all' as segment,
        n_converted as numerator,
        n_applicants as denominator
    from applicants
    union all
    select
        'graduation_rate' as indicator,
        graduation_cohort_year as year,
        'all' as segment,
        sum(case when is_graduated_on_time then 1 else 0 end) as numerator,
        count(*) as denominator
    from enrollments
    group by graduation_cohort_year
    union all
    select
        'graduation_rate_150' as indicator,
        graduation_cohort_year as year,
        'all' as segment,
        sum(case when is_graduated_within_150 then 1 else 0 end) as numerator,
        count(*) as denominator
    from enrollments
    group by graduation_cohort_year
    union all
    select
        'job_placement_rate' as indicator,
        placement_cohort_year as year,
        'all' as segment,
        sum(case when is_placed then 1 else 0 end) as numerator,
        count(*) as denominator
    from enrollments
    where placement_cohort_year is not null
    group by placement_cohort_year
    union all
    select
        'apprentice_job_placement_rate' as indicator,
        placement_cohort_year as year,
        'all' as segment,
        sum(
            case when is_placed and funding_type = 'apprenticeship' then 1 else 0 end
        ) as numerator,
        sum(case when funding_type = 'apprenticeship' then 1 else 0 end) as denominator
    from enrollments
    where placement_cohort_year is not null
    group by placement_cohort_year
    union all
    select
        'placement_response_rate' as indicator,
        placement_cohort_year as year,
        'all' as segment,
        sum(case when has_response then 1 else 0 end) as numerator,
        count(*) as denominator
    from enrollments
    where placement_cohort_year is not null
    group by placement_cohort_year
    union all
    select
        'career_outcomes' as indicator,
        declared_year as year,
        'all' as segment,
        sum(case when is_counted then 1 else 0 end) as numerator,
        cast(null as bigint) as denominator
    from declarations
    group by declared_year
    union all
    select
        'career_outcomes' as indicator,
        declared_year as year,
        segment,
        count(*) as numerator,
        cast(null as bigint) as denominator
    from declarations
    where is_counted
    group by declared_year, segment
    union all
    select
        'share_unemployed' as indicator,
        year,
        'all' as segment,
        n_unemployed as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_low_qualification' as indicator,
        year,
        'all' as segment,
        n_low as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_refugee' as indicator,
        year,
        'all' as segment,
        n_refugee as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_disability' as indicator,
        year,
        'all' as segment,
        n_disability as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_any_underserved' as indicator,
        year,
        'all' as segment,
        n_any as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_underserved_area' as indicator,
        year,
        'all' as segment,
        n_qpv as numerator,
        n_area as denominator
    from students
    union all
    select
        'share_women_in_tech' as indicator,
        year,
        'all' as segment,
        n_women_tech as numerator,
        n_tech as denominator
    from students
    union all
    select
        'share_residing_in_france' as indicator,
        year,
        'all' as segment,
        n_france as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_region_africa' as indicator,
        year,
        'all' as segment,
        n_africa as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_region_europe' as indicator,
        year,
        'all' as segment,
        n_europe as numerator,
        n_students as denominator
    from students
    union all
    select
        'share_region_rest_of_world' as indicator,
        year,
        'all' as segment,
        n_rest as numerator,
        n_students as denominator
    from students
    union all
    select
        'free_users' as indicator,
        year,
        'all' as segment,
        free_users as numerator,
        cast(null as bigint) as denominator
    from reach
    where not is_suppressed
    union all
    select
        'free_user_countries' as indicator,
        year,
        'all' as segment,
        countries as numerator,
        cast(null as bigint) as denominator
    from reach
    where not is_suppressed
)

select
    expected.indicator,
    expected.year,
    expected.segment,
    expected.numerator as expected_numerator,
    indicators.numerator,
    expected.denominator as expected_denominator,
    indicators.denominator
from expected
cross join report_date
left join indicators
    on
        expected.indicator = indicators.indicator
        and expected.year = indicators.year
        and expected.segment = indicators.segment
where
    expected.year <= {{ year_of('report_date.report_date') }}
    and (
        indicators.indicator is null
        or (
            not indicators.is_suppressed
            and (
                indicators.numerator <> expected.numerator
                or coalesce(indicators.denominator, -1) <> coalesce(expected.denominator, -1)
            )
        )
    )
