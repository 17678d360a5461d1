{#- A view, not a table: logins is the big export (~73M rows at scale 1.0) and already
    typed Parquet, so copying it would double the build's largest cost for no gain.
    DuckDB prunes the unused columns of each query. The rows that break the contract are
    the ones dq_quarantine lists (its single pass over the logins judges every event):
    they are kept out here by their file and row number, so no check runs twice. -#}
{{ config(materialized='view') }}

with

base as (
    select * from {{ ref('base_platform__logins') }}
),

quarantine as (
    select * from {{ ref('dq_quarantine') }}
),

quarantined_events as (
    select distinct
        quarantine.source_file,
        quarantine.raw_row_id
    from quarantine
    where quarantine.export = 'logins'
),

final as (
    select
        base.user_id,
        base.logged_in_at,
        {{ paris_date('base.logged_in_at') }} as logged_in_on,
        base.ip_country_code,
        base.platform,
        base.source_file
    from base
    left join quarantined_events
        on
            base.source_file = quarantined_events.source_file
            and base.raw_row_id = quarantined_events.raw_row_id
    where quarantined_events.raw_row_id is null
)

select * from final
