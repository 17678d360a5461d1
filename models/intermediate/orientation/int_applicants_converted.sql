-- M-ORI-1, M-ORI-2: one row per applicant and year; converted when one of the
-- applications they submitted that year led to a non-cancelled enrolment.
with

applications as (
    select * from {{ ref('int_applications_linked') }}
),

final as (
    select
        user_id,
        -- M-ORI-1: any application submitted in Y, withdrawn ones included
        submitted_year,
        count(*) as n_applications,
        -- M-ORI-2: only applications submitted in Y can convert the applicant of Y
        max(case when is_linked_to_enrollment then 1 else 0 end) = 1 as is_converted
    from applications
    group by
        user_id,
        submitted_year
)

select * from final
