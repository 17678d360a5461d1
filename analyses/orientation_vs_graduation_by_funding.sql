-- The orientation-versus-graduation trade-off, by funding type (the 2023 report's
-- closing question): do the funding routes that admit more applicants graduate fewer?
-- Orientation (M-ORI-1..3) per funding requested on the application: an applicant of
-- year Y who asked for several funding types counts once under each of them.
-- Graduation (M-GRA-1..3) per funding type of the enrolment, in enrolments.
-- The two funding columns differ in meaning (requested vs obtained): read the rows
-- side by side, not as one population. Internal analysis: cells under min_cell_size
-- (G-9) are flagged, not suppressed.
with

fct_applications as (
    select * from {{ ref('fct_applications') }}
),

fct_enrollments as (
    select * from {{ ref('fct_enrollments') }}
),

applicants as (
    select
        submitted_year as year,
        coalesce(funding_requested, 'not_stated') as funding_type,
        user_id,
        max(case when is_linked_to_enrollment then 1 else 0 end) as is_converted
    from fct_applications
    group by
        submitted_year,
        coalesce(funding_requested, 'not_stated'),
        user_id
),

orientation as (
    select
        year,
        funding_type,
        count(*) as applicants,
        sum(is_converted) as converted,
        {{ safe_ratio('sum(is_converted)', 'count(*)') }} as orientation_rate
    from applicants
    group by year, funding_type
),

graduation as (
    select
        graduation_cohort_year as year,
        funding_type,
        count(*) as cohort_enrollments,
        sum(case when is_graduated_on_time then 1 else 0 end) as graduated_on_time,
        {{ safe_ratio(
            'sum(case when is_graduated_on_time then 1 else 0 end)', 'count(*)'
        ) }} as graduation_rate
    from fct_enrollments
    where graduation_cohort_year is not null
    group by graduation_cohort_year, funding_type
),

final as (
    select
        coalesce(orientation.year, graduation.year) as year,
        coalesce(orientation.funding_type, graduation.funding_type) as funding_type,
        orientation.applicants,
        orientation.converted,
        orientation.orientation_rate,
        graduation.cohort_enrollments,
        graduation.graduated_on_time,
        graduation.graduation_rate,
        coalesce(orientation.applicants, 0) < {{ var('min_cell_size') }}
        or coalesce(graduation.cohort_enrollments, 0) < {{ var('min_cell_size') }}
            as is_small_cell
    from orientation
    full outer join graduation
        on
            orientation.year = graduation.year
            and orientation.funding_type = graduation.funding_type
)

select * from final
order by year, funding_type
