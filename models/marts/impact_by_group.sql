-- M-GRP-1..3: every rate of M-GRP-2 by every group of each dimension the indicator
-- registry lists for it: counts, value, 95% Wilson interval (M-CI-1), change on the
-- previous year (M-CI-2), status (G-7, that of the indicator) and suppression (G-9,
-- G-10). A new breakdown is a registry entry (`dimensions`), not a model.
with

judged as (
    select * from {{ ref('int_indicators_judged') }}
),

final as (
    select
        indicator,
        year,
        dimension,
        group_name as {{ adapter.quote('group') }},
        numerator,
        denominator,
        value,
        ci_lower,
        ci_upper,
        change,
        change_is_significant,
        status,
        is_suppressed
    from judged
    where dimension <> 'all'
)

select * from final
