-- G-12: the approved restatements, written by hand: each row approves one figure of one
-- edition (empty dimension and group: the row of impact_indicators), with its reason
-- and date. A row that does not say all of that is named by a test, never ignored.
with

source as (
    select * from {{ edition_relation('restatement_approvals') }}
),

cleaned as (
    select
        {{ clean_text('edition') }} as edition,
        {{ clean_text('indicator') }} as indicator,
        {{ clean_text('year') }} as year,
        {{ clean_text('segment') }} as segment,
        {{ clean_text('dimension') }} as dimension,
        {{ clean_text(adapter.quote('group')) }} as group_name,
        {{ clean_text('reason') }} as reason,
        {{ clean_text('approved_on') }} as approved_on,
        regexp_extract(filename, '[^/]+$', 0) as source_file
    from source
),

typed as (
    select
        {{ parse_integer('edition') }} as edition,
        indicator,
        {{ parse_integer('year') }} as year,
        segment,
        dimension,
        group_name,
        reason,
        {{ parse_date('approved_on') }} as approved_on,
        source_file,
        edition as edition__raw,
        year as year__raw,
        approved_on as approved_on__raw,
        nullif(concat_ws(
            ', ',
            case when {{ parse_integer('edition') }} is null then 'edition is not a year' end,
            case when indicator is null then 'indicator is empty' end,
            case when {{ parse_integer('year') }} is null then 'year is not a year' end,
            case when segment is null then 'segment is empty' end,
            case
                when (dimension is null) <> (group_name is null)
                    then 'dimension and group go together'
            end,
            case when reason is null then 'reason is empty' end,
            case
                when {{ parse_date('approved_on') }} is null
                    then 'approved_on is not a YYYY-MM-DD date'
            end
        ), '') as issue
    from cleaned
)

select * from typed
