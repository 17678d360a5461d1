-- M-GRA-1..5: the graduation cohort counted per year, in enrolments (M-GRA-3: a
-- person in two paths counts twice; M-GRA-4: still-active enrolments are in the
-- cohort only), in total and by every group of M-GRP-1 (and M-VA-1 cell), in the
-- fixed contract of every population model.
with

enrollments as (
    select * from {{ ref('int_enrollments_graduation_flagged') }}
),

enrollment_groups as (
    select * from {{ ref('int_enrollments_grouped') }}
),

by_group as (
    -- the dimension `all` is the total
    select
        enrollments.graduation_cohort_year as year,
        'all' as segment,
        enrollment_groups.dimension,
        enrollment_groups.group_name,
        count(*) as cohort_enrollments,
        sum(
            case when enrollments.is_graduated_on_time then 1 else 0 end
        ) as on_time_graduations,
        sum(
            case when enrollments.is_graduated_within_150 then 1 else 0 end
        ) as graduations_within_150
    from enrollments
    inner join enrollment_groups
        on enrollments.enrollment_id = enrollment_groups.enrollment_id
    group by
        enrollments.graduation_cohort_year,
        enrollment_groups.dimension,
        enrollment_groups.group_name
),

final as (
    {{ population_counts('graduation_cohort', 'by_group', [
        'cohort_enrollments',
        'on_time_graduations',
        'graduations_within_150',
    ], grouped=true) }}
)

select * from final
