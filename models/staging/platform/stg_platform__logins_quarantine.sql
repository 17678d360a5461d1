{#- One row per contract breach in logins/ (NULL key or timestamp, unknown platform).
    A table: one scan of the big export per build. -#}
with

source as (
    select * from {{ source('platform', 'logins') }}
),

raw_rows as (
    select
        {{ source_file_name('filename', 'logins') }} as source_file,
        file_row_number as raw_row_id,
        cast(user_id as varchar) as user_id__raw,
        {{ try_cast('user_id', 'bigint') }} as user_id,
        cast(logged_in_at as varchar) as logged_in_at__raw,
        {{ try_cast('logged_in_at', 'timestamp') }} as logged_in_at,
        cast(platform as varchar) as platform__raw,
        lower(trim(platform)) as platform
    from source
),

issues as (
    select
        source_file,
        raw_row_id,
        user_id__raw as record_key,
        'user_id' as column_name,
        user_id__raw as raw_value,
        case
            when user_id__raw is null then 'missing required value'
            else 'not a positive integer'
        end as reason
    from raw_rows
    where user_id is null

    union all

    select
        source_file,
        raw_row_id,
        user_id__raw as record_key,
        'logged_in_at' as column_name,
        logged_in_at__raw as raw_value,
        case
            when logged_in_at__raw is null then 'missing required value'
            else 'not a timestamp'
        end as reason
    from raw_rows
    where logged_in_at is null

    union all

    select
        source_file,
        raw_row_id,
        user_id__raw as record_key,
        'platform' as column_name,
        platform__raw as raw_value,
        case
            when platform__raw is null then 'missing required value'
            else 'unknown category'
        end as reason
    from raw_rows
    where platform is null or platform not in ('web', 'ios', 'android')
),

final as (
    select
        'logins' as export,
        source_file,
        record_key,
        column_name,
        raw_value,
        reason,
        raw_row_id
    from issues
)

select * from final
