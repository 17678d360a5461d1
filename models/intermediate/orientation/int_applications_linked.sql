-- M-ORI-1, M-ORI-2: every application of a real user (G-2), with its Paris
-- submission year and whether it led to a non-cancelled enrolment.
with

applications as (
    select * from {{ ref('stg_platform__applications') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

enrollments as (
    -- G-5: cancelled enrolments are already gone from this relation
    select * from {{ ref('int_enrollments_filtered') }}
),

linked_enrollments as (
    -- M-ORI-2: employer programmes (no application_id) take no part here
    select
        application_id,
        min(enrollment_id) as enrollment_id,
        count(*) as n_enrollments
    from enrollments
    where application_id is not null
    group by application_id
),

final as (
    select
        applications.application_id,
        applications.user_id,
        applications.path_id,
        applications.status,
        applications.funding_requested,
        applications.submitted_at,
        -- G-1: submitted_on is the Paris date of submitted_at (staging)
        applications.submitted_on,
        {{ year_of('applications.submitted_on') }} as submitted_year,
        applications.decided_on,
        linked_enrollments.enrollment_id as linked_enrollment_id,
        coalesce(linked_enrollments.n_enrollments, 0) as n_linked_enrollments,
        linked_enrollments.enrollment_id is not null as is_linked_to_enrollment
    from applications
    inner join users
        on applications.user_id = users.user_id
    left join linked_enrollments
        on applications.application_id = linked_enrollments.application_id
)

select * from final
