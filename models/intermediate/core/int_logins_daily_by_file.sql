-- The only model that reads the big logins export: one pass per login file that folds
-- it into one row per user, Paris day and geo-IP country. Staged by file (macro
-- staged_materialization): each file is read once per version; a re-delivered month
-- replaces the rows of its files. No user is filtered out here (G-2 and the users of
-- the export change from delivery to delivery): int_logins_daily applies G-2.
-- depends_on: {{ ref('base_platform__raw_files') }}
{{ config(materialized=staged_materialization(), staged_export='logins') }}

with

logins as (
    select * from {{ ref('stg_platform__logins') }}
),

final as (
    select
        source_file,
        source_sha256,
        user_id,
        -- G-1: logged_in_on is the Paris date of the UTC timestamp (staging)
        logged_in_on as activity_on,
        ip_country_code,
        count(*) as n_logins
    from logins
    group by
        source_file,
        source_sha256,
        user_id,
        logged_in_on,
        ip_country_code
)

select * from final
