-- M-DEM-1: students of year Y are the individuals with a non-cancelled enrolment
-- started in Y, each described by their first such enrolment (earliest
-- started_on, then lowest enrollment_id).
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

final as (
    select
        user_id,
        {{ year_of('started_on') }} as start_year,
        enrollment_id,
        path_id,
        funding_type,
        started_on
    from enrollments
    qualify row_number() over (
            partition by user_id, {{ year_of('started_on') }}
            order by started_on, enrollment_id
        ) = 1
)

select * from final
