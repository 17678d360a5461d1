-- M-REA-1: one row per free user and year: a user with at least one login in Y
-- who holds no non-cancelled enrolment whose span (M-CAR-2) overlaps Y.
with

logins_yearly as (
    select * from {{ ref('int_logins_yearly') }}
),

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

active_years as (
    select
        user_id,
        activity_year,
        {{ date_from_year('activity_year', '01-01') }} as year_start_on,
        {{ date_from_year('activity_year', '12-31') }} as year_end_on,
        sum(n_logins) as n_logins
    from logins_yearly
    group by
        user_id,
        activity_year
),

enrolled_years as (
    -- M-REA-1: an enrolment span overlapping Y makes the user a student of Y
    select distinct
        active_years.user_id,
        active_years.activity_year
    from active_years
    inner join enrollments
        on
            active_years.user_id = enrollments.user_id
            and active_years.year_end_on >= enrollments.started_on
            and active_years.year_start_on <= enrollments.span_end_on
),

final as (
    select
        active_years.user_id,
        active_years.activity_year,
        active_years.n_logins
    from active_years
    left join enrolled_years
        on
            active_years.user_id = enrolled_years.user_id
            and active_years.activity_year = enrolled_years.activity_year
    where enrolled_years.user_id is null
)

select * from final
