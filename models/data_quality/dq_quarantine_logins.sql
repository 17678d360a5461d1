{#- Every contract breach of a login event (docs/input-contract.md "Bad input"), one row per
    event and column, as dq_quarantine lists them: every rule of base_platform__logins
    needs only the event's own file, so this is staged by file (macro
    staged_materialization): each login file is judged once per version. The logins of
    users absent from users/ depend on the users delivered: dq_quarantine adds them on
    every build. -#}
-- depends_on: {{ ref('base_platform__raw_files') }}
{{ config(materialized=staged_materialization(), staged_export='logins') }}

with

logins as (
    select * from {{ ref('base_platform__logins') }}
),

final as (
    {{ quarantine_rows('logins', 'logins') }}
)

select * from final
