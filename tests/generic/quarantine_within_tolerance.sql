{#- RAW_EXPORTS.md "Bad input": any quarantined row fails the build, unless the share of
    quarantined raw rows of the export is at most var('quarantine_tolerance'), then it
    only warns. Applied to a per-export quarantine model; `raw_model` is the relation
    holding every raw row of the export. The test returns one row (quarantined rows,
    raw rows, share, allowed share); severity_level 1 = warn, 2 = error. -#}
{% test quarantine_within_tolerance(model, raw_model) %}
    {{ config(
        fail_calc='coalesce(max(severity_level), 0)',
        warn_if='>=1',
        error_if='>=2',
    ) }}

with

quarantined as (
    select count(*) as quarantined_rows
    from (
        select distinct
            source_file,
            raw_row_id
        from {{ model }}
    ) as quarantined_raw_rows
),

raw_rows as (
    select count(*) as raw_rows from {{ raw_model }}
),

measured as (
    select
        quarantined.quarantined_rows,
        raw_rows.raw_rows,
        cast(quarantined.quarantined_rows as double)
        / nullif(raw_rows.raw_rows, 0) as quarantined_share,
        cast({{ var('quarantine_tolerance', 0) }} as double) as allowed_share
    from quarantined
    cross join raw_rows
),

final as (
    select
        *,
        case when quarantined_share > allowed_share then 2 else 1 end as severity_level
    from measured
    where quarantined_rows > 0
)

select * from final

{% endtest %}
