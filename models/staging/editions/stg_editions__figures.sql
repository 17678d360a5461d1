-- G-11: the frozen figures of every edition, typed. A value was written in its shortest
-- round-trip form, so it casts back to exactly the double that was frozen.
with

source as (
    select * from {{ edition_relation('figures') }}
),

cleaned as (
    select
        {{ clean_text('edition') }} as edition,
        {{ clean_text('mart') }} as mart,
        {{ clean_text('indicator') }} as indicator,
        {{ clean_text('year') }} as year,
        {{ clean_text('segment') }} as segment,
        {{ clean_text('dimension') }} as dimension,
        {{ clean_text(adapter.quote('group')) }} as group_name,
        {{ clean_text('numerator') }} as numerator,
        {{ clean_text('denominator') }} as denominator,
        {{ clean_text('value') }} as value,
        {{ clean_text('status') }} as status,
        {{ clean_text('is_suppressed') }} as is_suppressed,
        {{ clean_text('finalised_on') }} as finalised_on,
        {{ clean_text('ci_lower') }} as ci_lower,
        {{ clean_text('ci_upper') }} as ci_upper,
        {{ clean_text('change') }} as change,
        {{ clean_text('change_is_significant') }} as change_is_significant,
        regexp_extract(filename, '[^/]+/[^/]+$', 0) as source_file,
        regexp_extract(filename, '([0-9]{4})/[^/]+$', 1) as folder
    from source
),

typed as (
    select
        {{ parse_integer('edition') }} as edition,
        mart,
        indicator,
        {{ parse_integer('year') }} as year,
        segment,
        dimension,
        group_name,
        {{ try_cast('numerator', 'bigint') }} as numerator,
        {{ try_cast('denominator', 'bigint') }} as denominator,
        {{ try_cast('value', 'double') }} as value,
        status,
        {{ parse_boolean('is_suppressed') }} as is_suppressed,
        {{ parse_date('finalised_on') }} as finalised_on,
        {{ try_cast('ci_lower', 'double') }} as ci_lower,
        {{ try_cast('ci_upper', 'double') }} as ci_upper,
        {{ try_cast('change', 'double') }} as change,
        {{ parse_boolean('change_is_significant') }} as change_is_significant,
        source_file,
        -- what does not read back as it was written (a frozen file edited by hand)
        nullif(concat_ws(
            ', ',
            case
                when {{ parse_integer('edition') }} is null or edition <> folder
                    then 'edition (its folder is ' || folder || ')'
            end,
            case when mart is null then 'mart' end,
            case when indicator is null then 'indicator' end,
            case when {{ parse_integer('year') }} is null then 'year' end,
            case when segment is null then 'segment' end,
            case
                when numerator is not null and {{ try_cast('numerator', 'bigint') }} is null
                    then 'numerator'
            end,
            case
                when denominator is not null and {{ try_cast('denominator', 'bigint') }} is null
                    then 'denominator'
            end,
            case
                when value is not null and {{ try_cast('value', 'double') }} is null
                    then 'value'
            end,
            case when status is null or status <> 'final' then 'status' end,
            case when {{ parse_boolean('is_suppressed') }} is null then 'is_suppressed' end
        ), '') as unreadable_columns
    from cleaned
)

select * from typed
