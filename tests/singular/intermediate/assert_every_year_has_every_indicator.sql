-- docs/marts.md: every year with data gets a row for every indicator that can be
-- computed for it. Here: every year in which a population has members (recounted
-- from the member-level models) has a row for every indicator the registry
-- declares on that population; a change on the previous year (a denominator year
-- offset of -1) only when the previous year has members too. Rows returned are
-- missing rows.
with

registry as (
    select * from {{ ref('indicator_registry') }}
),

indicators as (
    select * from {{ ref('int_indicators_computed') }}
),

applicants as (
    select * from {{ ref('int_applicants_converted') }}
),

graduation_cohort as (
    select * from {{ ref('int_enrollments_graduation_flagged') }}
),

graduates as (
    select * from {{ ref('int_graduates_placed') }}
),

declarations as (
    select * from {{ ref('int_declarations_counted') }}
),

students as (
    select * from {{ ref('int_students_enrolled') }}
),

free_users as (
    select * from {{ ref('int_free_users_yearly') }}
),

population_years as (
    select distinct
        'applicants' as population,
        submitted_year as year
    from applicants
    union all
    select distinct
        'graduation_cohort' as population,
        graduation_cohort_year as year
    from graduation_cohort
    union all
    select distinct
        'graduates' as population,
        placement_cohort_year as year
    from graduates
    union all
    select distinct
        'career_outcomes' as population,
        declared_year as year
    from declarations
    union all
    select distinct
        'students' as population,
        start_year as year
    from students
    union all
    select distinct
        'free_users' as population,
        activity_year as year
    from free_users
),

expected as (
    select
        registry.indicator,
        population_years.year
    from registry
    inner join population_years
        on registry.population = population_years.population
    left join population_years as earlier_years
        on
            registry.population = earlier_years.population
            and population_years.year + registry.denominator_year_offset
            = earlier_years.year
    where registry.denominator_year_offset = 0 or earlier_years.year is not null
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
