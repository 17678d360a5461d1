{#- One row about the build itself (issue 8 item 4, G-11): as of when (G-8), by which
    code, when, from which export files (their fingerprint), whether those exports are
    synthetic, the editions it reproduces (G-12), and whether it is green enough to
    freeze an edition from. `impact-warehouse build` passes code_version; built_at is
    dbt's run start unless the var built_at is given (the build passes none: its vars stay
    the same from build to build, so dbt reuses its last parse). Run directly, dbt records
    no code version. -#}
{%- set code_version = var('code_version', '') | string | trim -%}
{%- set built_at = var('built_at', '') | string | trim
    or run_started_at.strftime('%Y-%m-%d %H:%M:%S') -%}
{%- set policy = var('restatement_policy', 'fail') | string | trim | lower %}

with

report_date as (
    select * from {{ ref('int_report_date_resolved') }}
),

raw_files as (
    select * from {{ ref('dq_raw_files') }}
),

exports as (
    select * from {{ ref('dq_exports') }}
),

frozen_figures as (
    select * from {{ ref('stg_editions__figures') }}
),

restatements as (
    select * from {{ ref('restatements') }}
),

marker as (
    {{ synthetic_marker() }}
),

files_read as (
    -- the fingerprint: SHA-256 of the sorted lines `file_path|size_bytes|sha256`
    select
        count(*) as raw_files,
        cast(coalesce(sum(quarantined_rows), 0) as bigint) as quarantined_rows,
        {{ sha256_hex(sorted_string_agg(
            "file_path || '|' || cast(size_bytes as " ~ dbt.type_string() ~ ") || '|' || sha256",
            'chr(10)',
        )) }} as raw_fingerprint
    from raw_files
    where disposition = 'read'
),

freshness as (
    select sum(case when is_stale then 1 else 0 end) as stale_exports
    from exports
),

editions as (
    select
        {{ sorted_string_agg('cast(edition as ' ~ dbt.type_string() ~ ')', "', '") }}
            as editions,
        max(edition) as latest_edition
    from (select distinct edition from frozen_figures) as known
),

restated as (
    select
        count(*) as restatements,
        sum(case when is_approved then 1 else 0 end) as approved_restatements,
        sum(case when not is_approved then 1 else 0 end) as unapproved_restatements
    from restatements
),

reproduced as (
    -- G-12: the latest edition whose every figure this build reproduces, or restates
    -- with an approval
    select max(edition) as reproduced_edition
    from (select distinct edition from frozen_figures) as known
    where
        edition not in (
            select restatements.edition from restatements
            where not restatements.is_approved
        )
),

final as (
    select
        report_date.report_date,
        report_date.report_date_source,
        {%- if code_version %}
            {{ string_literal(code_version) }} as code_version,
        {%- else %}
            cast(null as {{ dbt.type_string() }}) as code_version,
        {%- endif %}
        cast({{ string_literal(built_at) }} as timestamp) as built_at,
        files_read.raw_fingerprint,
        files_read.raw_files,
        marker.is_synthetic,
        marker.synthetic_scale,
        marker.synthetic_seed,
        editions.editions,
        editions.latest_edition,
        reproduced.reproduced_edition,
        cast(restated.restatements as bigint) as restatements,
        cast(coalesce(restated.approved_restatements, 0) as bigint) as approved_restatements,
        cast(coalesce(restated.unapproved_restatements, 0) as bigint)
            as unapproved_restatements,
        {{ string_literal(policy) }} as restatement_policy,
        files_read.quarantined_rows,
        cast(coalesce(freshness.stale_exports, 0) as bigint) as stale_exports,
        -- G-11: what a green build means for freezing an edition (doc g_11)
        (
            files_read.quarantined_rows = 0
            and coalesce(freshness.stale_exports, 0) = 0
            and coalesce(restated.unapproved_restatements, 0) = 0
        ) as is_green,
        nullif(concat_ws(
            '; ',
            case
                when files_read.quarantined_rows > 0
                    then
                        cast(files_read.quarantined_rows as {{ dbt.type_string() }})
                        || ' row(s) quarantined and kept out of the figures'
                        || ' (quarantine_tolerance)'
            end,
            case
                when coalesce(freshness.stale_exports, 0) > 0
                    then
                        cast(freshness.stale_exports as {{ dbt.type_string() }})
                        || ' export(s) older than the report date by more than'
                        || ' freshness_max_days (C-4)'
            end,
            case
                when coalesce(restated.unapproved_restatements, 0) > 0
                    then
                        cast(restated.unapproved_restatements as {{ dbt.type_string() }})
                        || ' published figure(s) restated without approval'
                        || ' (restatement_policy warn)'
            end
        ), '') as not_green_reasons
    from report_date
    cross join files_read
    cross join marker
    cross join freshness
    cross join editions
    cross join restated
    cross join reproduced
)

select * from final
