{#- A view, not a table: logins is the big export (~73M rows at scale 1.0) and already
    typed Parquet, so copying it would double the build's largest cost for no gain.
    DuckDB prunes the unused columns and, filtered by file, the other files of each
    query. The events that break a rule of the contract are kept out here; the logins of
    users absent from users/ (listed in dq_quarantine) reach no indicator either: every
    reader joins the users (G-2, int_logins_daily). -#}
{{ config(materialized='view') }}

with

base as (
    select * from {{ ref('base_platform__logins') }}
),

final as (
    select
        user_id,
        logged_in_at,
        {{ paris_date('logged_in_at') }} as logged_in_on,
        ip_country_code,
        platform,
        source_file,
        source_sha256
    from base
    where not is_quarantined
)

select * from final
