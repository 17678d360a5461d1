-- M-GRA-1..5: every enrolment with its graduation cohort (Paris year of the
-- contractual end) and its on-time and 150% flags. Counted in enrolments (M-GRA-3).
with

enrollments as (
    select * from {{ ref('int_enrollments_filtered') }}
),

durations as (
    select
        *,
        {{ dbt.datediff('started_on', 'expected_end_on', 'day') }} as planned_days,
        {{ dbt.datediff('started_on', 'graduated_on', 'day') }} as days_to_graduation
    from enrollments
),

final as (
    select
        enrollment_id,
        user_id,
        path_id,
        funding_type,
        status,
        started_on,
        expected_end_on,
        graduated_on,
        -- M-GRA-1: the cohort of Y is the enrolments expected to end in Y
        {{ year_of('expected_end_on') }} as graduation_cohort_year,
        planned_days,
        days_to_graduation,
        -- M-GRA-2: graduating one day after expected_end_on is late
        coalesce(graduated_on <= expected_end_on, false) as is_graduated_on_time,
        coalesce(graduated_on > expected_end_on, false) as is_graduated_late,
        -- M-GRA-5: within 150% of the planned duration, in whole days, no rounding:
        -- d <= 1.5 * p  <=>  2 * d <= 3 * p
        coalesce(
            2 * days_to_graduation <= 3 * planned_days, false
        ) as is_graduated_within_150,
        -- M-GRA-4: still active, in the denominator only
        status = 'active' as is_still_active
    from durations
)

select * from final
