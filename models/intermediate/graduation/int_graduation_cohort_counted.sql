-- M-GRA-1..5: the graduation cohort counted per year, in enrolments (M-GRA-3: a
-- person in two paths counts twice; M-GRA-4: still-active enrolments are in the
-- cohort only), in the fixed contract of every population model.
with

enrollments as (
    select * from {{ ref('int_enrollments_graduation_flagged') }}
),

by_year as (
    select
        graduation_cohort_year as year,
        'all' as segment,
        count(*) as cohort_enrollments,
        sum(case when is_graduated_on_time then 1 else 0 end) as on_time_graduations,
        sum(case when is_graduated_within_150 then 1 else 0 end) as graduations_within_150
    from enrollments
    group by graduation_cohort_year
),

final as (
    {{ population_counts('graduation_cohort', 'by_year', [
        'cohort_enrollments',
        'on_time_graduations',
        'graduations_within_150',
    ]) }}
)

select * from final
