{#- A view, not a table: logins is the big export (~80M rows at full scale) and already
    typed Parquet, so copying it would double the build's largest cost for no gain.
    DuckDB prunes the unused columns and partitions of each query; rows that break the
    contract are filtered here and listed by stg_platform__logins_quarantine. -#}
{{ config(materialized='view') }}
{{ check_raw_export(
    'logins', ['user_id', 'logged_in_at', 'ip_country_code', 'platform'], 'parquet'
) }}

with

source as (
    select * from {{ source('platform', 'logins') }}
),

typed as (
    select
        {{ try_cast('user_id', 'bigint') }} as user_id,
        -- already UTC, no offset (RAW_EXPORTS.md)
        {{ try_cast('logged_in_at', 'timestamp') }} as logged_in_at,
        nullif(upper(trim(ip_country_code)), '') as ip_country_code,
        lower(trim(platform)) as platform,
        {{ source_file_name('filename', 'logins') }} as source_file
    from source
),

final as (
    select
        user_id,
        logged_in_at,
        {{ paris_date('logged_in_at') }} as logged_in_on,
        ip_country_code,
        platform,
        source_file
    from typed
    where
        user_id is not null
        and logged_in_at is not null
        and platform in ('web', 'ios', 'android')
)

select * from final
