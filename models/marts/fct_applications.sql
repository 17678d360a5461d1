-- One row per application of a real user (G-2), with its Paris submission year
-- and whether it led to a non-cancelled enrolment (M-ORI-2), and the status (G-7) of
-- the orientation figures of that year as impact_indicators publishes them. Ids are
-- keyed pseudonyms (doc block pseudonymised_ids).
with

applications as (
    select * from {{ ref('int_applications_linked') }}
),

judged as (
    select * from {{ ref('int_indicators_judged') }}
),

orientation_statuses as (
    -- G-8: no row for a year impact_indicators does not publish
    select
        year,
        status
    from judged
    where
        indicator = 'orientation_rate'
        and segment = 'all'
        and dimension = 'all'
),

final as (
    select
        {{ pseudonym('applications.application_id') }} as application_id,
        {{ pseudonym('applications.user_id') }} as user_id,
        applications.path_id,
        applications.status,
        applications.funding_requested,
        applications.submitted_at,
        applications.submitted_on,
        applications.submitted_year,
        applications.decided_on,
        {{ pseudonym('applications.linked_enrollment_id') }} as linked_enrollment_id,
        applications.is_linked_to_enrollment,
        orientation_statuses.status as submitted_year_status
    from applications
    left join orientation_statuses
        on applications.submitted_year = orientation_statuses.year
)

select * from final
