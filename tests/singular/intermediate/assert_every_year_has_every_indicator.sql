-- MARTS.md: every year with data gets a row for every indicator that can be
-- computed for it. Here: a year with students has every student share; a year with
-- applicants has applicants and orientation_rate; a year with a graduation or
-- placement cohort has its rates. Rows returned are missing rows.
with

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

students as (
    select distinct student_year as year
    from {{ ref('int_students_enrolled') }}
),

applicants as (
    select distinct applicant_year as year
    from {{ ref('int_applicants_converted') }}
),

graduation_cohorts as (
    select distinct graduation_cohort_year as year
    from {{ ref('int_enrollments_graduation_flagged') }}
),

placement_cohorts as (
    select distinct placement_cohort_year as year
    from {{ ref('int_graduates_placed') }}
),

expected as (
    {%- set student_shares = [
        'share_unemployed', 'share_low_qualification', 'share_refugee',
        'share_underserved_area', 'share_disability', 'share_women_in_tech',
        'share_any_underserved', 'share_residing_in_france', 'share_region_africa',
        'share_region_europe', 'share_region_rest_of_world'] %}
    {%- for indicator in student_shares %}
        select
            '{{ indicator }}' as indicator,
            year
        from students
        union all
    {%- endfor %}
    select
        'applicants' as indicator,
        year
    from applicants
    union all
    select
        'orientation_rate' as indicator,
        year
    from applicants
    union all
    select
        'graduation_rate' as indicator,
        year
    from graduation_cohorts
    union all
    select
        'graduation_rate_150' as indicator,
        year
    from graduation_cohorts
    union all
    select
        'job_placement_rate' as indicator,
        year
    from placement_cohorts
    union all
    select
        'apprentice_job_placement_rate' as indicator,
        year
    from placement_cohorts
    union all
    select
        'placement_response_rate' as indicator,
        year
    from placement_cohorts
)

select
    expected.indicator,
    expected.year
from expected
left join indicators
    on
        expected.indicator = indicators.indicator
        and expected.year = indicators.year
where indicators.indicator is null
