-- One row per application of a real user (G-2), with its Paris submission year
-- and whether it led to a non-cancelled enrolment (M-ORI-2). Ids are keyed
-- pseudonyms (doc block pseudonymised_ids).
with

applications as (
    select * from {{ ref('int_applications_linked') }}
),

final as (
    select
        {{ pseudonym('application_id') }} as application_id,
        {{ pseudonym('user_id') }} as user_id,
        path_id,
        status,
        funding_requested,
        submitted_at,
        submitted_on,
        submitted_year,
        decided_on,
        {{ pseudonym('linked_enrollment_id') }} as linked_enrollment_id,
        is_linked_to_enrollment
    from applications
)

select * from final
