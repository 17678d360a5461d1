-- G-2 and G-5: the enrolments every indicator starts from (no test accounts, no
-- cancelled enrolment), with the coverage span of M-CAR-2 computed once.
with

enrollments as (
    select * from {{ ref('stg_platform__enrollments') }}
),

users as (
    select * from {{ ref('int_users_filtered') }}
),

final as (
    select
        enrollments.enrollment_id,
        enrollments.user_id,
        enrollments.path_id,
        enrollments.application_id,
        enrollments.funding_type,
        enrollments.status,
        enrollments.started_on,
        enrollments.expected_end_on,
        enrollments.ended_on,
        enrollments.graduated_on,
        -- M-CAR-2: the span ends 12 months after graduation, else the end, else
        -- the expected end
        {{ enrollment_span_end(
            'enrollments.graduated_on',
            'enrollments.ended_on',
            'enrollments.expected_end_on'
        ) }} as span_end_on
    from enrollments
    inner join users
        on enrollments.user_id = users.user_id
    -- G-5: a cancelled enrolment never made its holder a student
    where enrollments.status <> 'cancelled'
)

select * from final
