-- G-8: the date the warehouse is "as of". The dbt var report_date when given;
-- else the latest date found in the exports. "Date found in the exports" is read
-- as the latest date on which something was recorded (creation, update,
-- submission, decision, collection, declaration, login): planned dates such as
-- expected_end_on or a future started_on are not evidence of the export date.
-- Test accounts are not excluded here: their rows are part of the export.
with

users as (
    select * from {{ ref('stg_platform__users') }}
),

paths as (
    select * from {{ ref('stg_platform__paths') }}
),

applications as (
    select * from {{ ref('stg_platform__applications') }}
),

enrollments as (
    select * from {{ ref('stg_platform__enrollments') }}
),

student_profiles as (
    select * from {{ ref('stg_platform__student_profiles') }}
),

addresses as (
    select * from {{ ref('stg_platform__addresses') }}
),

job_outcomes as (
    select * from {{ ref('stg_platform__job_outcomes') }}
),

declarations as (
    select * from {{ ref('stg_platform__career_outcome_declarations') }}
),

logins_by_file as (
    -- every login that passed the contract, test accounts' included (see above)
    select * from {{ ref('int_logins_daily_by_file') }}
),

recorded_dates as (
    select max({{ paris_date('updated_at') }}) as recorded_on from users
    union all
    select max(created_on) as recorded_on from users
    union all
    select max({{ paris_date('updated_at') }}) as recorded_on from paths
    union all
    select max({{ paris_date('updated_at') }}) as recorded_on from applications
    union all
    select max(submitted_on) as recorded_on from applications
    union all
    select max(decided_on) as recorded_on from applications
    union all
    select max({{ paris_date('updated_at') }}) as recorded_on from enrollments
    union all
    select max(collected_on) as recorded_on from student_profiles
    union all
    select max({{ paris_date('updated_at') }}) as recorded_on from addresses
    union all
    select max(collected_on) as recorded_on from job_outcomes
    union all
    select max(declared_on) as recorded_on from declarations
    union all
    select max(activity_on) as recorded_on from logins_by_file
),

latest as (
    select max(recorded_on) as latest_recorded_on
    from recorded_dates
),

final as (
    select
        {%- if var('report_date', '') | string | trim != '' %}
            cast('{{ var("report_date") | string | trim }}' as date) as report_date,
            'var' as report_date_source,
        {%- else %}
            latest.latest_recorded_on as report_date,
            'exports' as report_date_source,
        {%- endif %}
        latest.latest_recorded_on
    from latest
)

select * from final
