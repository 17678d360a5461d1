-- Every figure of the report: the computed indicators with their status (G-7, from
-- the report date of G-8), small-cell suppression (G-9), 95% Wilson interval (M-CI-1)
-- and change on the previous year (M-CI-2). What is computed, and when it is final,
-- comes from the indicator registry; the judgement is int_indicators_judged, whose
-- totals (dimension `all`) are this table and whose groups are impact_by_group.
with

judged as (
    select * from {{ ref('int_indicators_judged') }}
),

final as (
    select
        indicator,
        year,
        segment,
        numerator,
        denominator,
        value,
        status,
        is_suppressed,
        finalised_on,
        ci_lower,
        ci_upper,
        change,
        change_is_significant
    from judged
    where dimension = 'all'
)

select * from final
