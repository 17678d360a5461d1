-- M-CAR-4: the counted career outcomes per Paris year of declaration, in total and
-- per segment (zero included, for every year with a declaration), in the fixed
-- contract of every population model.
with

declarations as (
    select * from {{ ref('int_declarations_counted') }}
),

career_segments as (
    -- M-CAR-4: the segments of a declaration
    select 'apprentice' as segment
    union all
    select 'student' as segment
    union all
    select 'free_user' as segment
),

declaration_years as (
    select distinct declared_year
    from declarations
),

by_segment as (
    select
        declaration_years.declared_year as year,
        career_segments.segment,
        count(declarations.declaration_id) as counted_career_outcomes
    from declaration_years
    cross join career_segments
    left join declarations
        on
            declaration_years.declared_year = declarations.declared_year
            and career_segments.segment = declarations.segment
            and declarations.is_counted
    group by
        declaration_years.declared_year,
        career_segments.segment
),

in_total as (
    select
        declared_year as year,
        'all' as segment,
        sum(case when is_counted then 1 else 0 end) as counted_career_outcomes
    from declarations
    group by declared_year
),

by_year as (
    select
        year,
        segment,
        counted_career_outcomes
    from in_total
    union all
    select
        year,
        segment,
        counted_career_outcomes
    from by_segment
),

final as (
    {{ population_counts('career_outcomes', 'by_year', [
        'counted_career_outcomes',
    ]) }}
)

select * from final
