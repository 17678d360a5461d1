{#- RAW_EXPORTS.md "Bad input": any quarantined row fails the build, unless the share of
    quarantined raw rows of its export is at most var('quarantine_tolerance'); then it
    only warns. Applied to the quarantine union (so that a failure skips nothing
    downstream: the quarantine stays queryable); `raw_row_counts` holds the rows read
    per export and file. Returns one row per export with quarantined rows;
    severity_level 1 = warn, 2 = error. -#}
{% test quarantine_within_tolerance(model, raw_row_counts) %}
    {{ config(
        fail_calc='coalesce(max(severity_level), 0)',
        warn_if='>=1',
        error_if='>=2',
    ) }}

with

quarantined_rows as (
    select distinct
        export,
        source_file,
        raw_row_id
    from {{ model }}
),

quarantined as (
    select
        export,
        count(*) as quarantined_rows
    from quarantined_rows
    group by export
),

raw_rows as (
    select
        export,
        sum(raw_rows) as raw_rows
    from {{ raw_row_counts }}
    group by export
),

measured as (
    select
        quarantined.export,
        quarantined.quarantined_rows,
        raw_rows.raw_rows,
        cast(quarantined.quarantined_rows as double)
        / nullif(raw_rows.raw_rows, 0) as quarantined_share,
        cast({{ var('quarantine_tolerance', 0) }} as double) as allowed_share
    from quarantined
    left join raw_rows
        on quarantined.export = raw_rows.export
),

final as (
    select
        *,
        case
            when coalesce(quarantined_share, 1) > allowed_share then 2
            else 1
        end as severity_level
    from measured
)

select * from final

{% endtest %}
