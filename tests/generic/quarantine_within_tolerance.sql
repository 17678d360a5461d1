{#- docs/input-contract.md "Bad input": any quarantined row fails the build, unless the share of
    quarantined raw rows of its export is at most var('quarantine_tolerance'); then it
    only warns. The first 20 entries (export, file, key, column, value, reason) are
    written into the build's output either way. Applied to the quarantine union (so that a failure skips nothing
    downstream: the quarantine stays queryable); `raw_row_counts` holds, per export and
    file, the rows read and the rows quarantined. Returns one row per export with
    quarantined rows; severity_level 1 = warn, 2 = error. -#}
{% test quarantine_within_tolerance(model, raw_row_counts) %}
    {{ config(
        fail_calc='coalesce(max(severity_level), 0)',
        warn_if='>=1',
        error_if='>=2',
    ) }}
    {%- set entries %}
select export, source_file, record_key, column_name, raw_value, reason, n_rows
from {{ model }}
order by export, source_file, column_name, record_key
    {%- endset %}
{{ name_failures(entries, 'Rows quarantined (kept out of the models, docs/input-contract.md "Bad input")', warn_only=true) }}

with

quarantined_exports as (
    select
        export,
        count(*) as quarantine_entries
    from {{ model }}
    group by export
),

counts as (
    select
        export,
        sum(raw_rows) as raw_rows,
        sum(quarantined_rows) as quarantined_rows
    from {{ raw_row_counts }}
    group by export
),

measured as (
    select
        quarantined_exports.export,
        quarantined_exports.quarantine_entries,
        counts.quarantined_rows,
        counts.raw_rows,
        cast(counts.quarantined_rows as double)
        / nullif(counts.raw_rows, 0) as quarantined_share,
        cast({{ var('quarantine_tolerance', 0) }} as double) as allowed_share
    from quarantined_exports
    left join counts
        on quarantined_exports.export = counts.export
),

final as (
    select
        *,
        case
            -- no count to compare with: never within tolerance
            when coalesce(quarantined_share, 1) > allowed_share then 2
            when quarantined_rows = 0 then 2
            else 1
        end as severity_level
    from measured
)

select * from final

{% endtest %}
