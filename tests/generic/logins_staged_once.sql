{#- Every login file is staged exactly once and whole: for each logins file read, the
    events its Parquet footer counts equal the logins folded into `model`
    (int_logins_daily_by_file) plus the events quarantined by its own rules
    (`quarantine`, dq_quarantine_logins). Fails on every file where they differ (a file
    staged twice, partly, or not at all), naming it. -#}
{% test logins_staged_once(model, quarantine, raw_files) %}
    {%- set paths = [] -%}
    {%- if execute -%}
    {%- set paths = run_query(
        "select path from " ~ raw_files ~ " where export = 'logins' and disposition = 'read'"
        ~ " order by path"
    ).columns[0].values() | list -%}
{%- endif -%}
    {%- set failures %}
select
    delivered.file_name as source_file,
    footers.n_rows as events_in_file,
    coalesce(folded.n_logins, 0) as logins_staged,
    coalesce(quarantined.n_events, 0) as events_quarantined
from (
    select path, file_name
    from {{ raw_files }}
    where export = 'logins' and disposition = 'read'
) as delivered
left join ({{ parquet_file_facts(paths, 'logged_in_at') }}) as footers
    on delivered.path = footers.path
left join (
    select source_file, sum(n_logins) as n_logins
    from {{ model }}
    group by source_file
) as folded
    on delivered.file_name = folded.source_file
left join (
    select source_file, count(distinct raw_row_id) as n_events
    from {{ quarantine }}
    group by source_file
) as quarantined
    on delivered.file_name = quarantined.source_file
where
    footers.n_rows is distinct from coalesce(folded.n_logins, 0) + coalesce(quarantined.n_events, 0)
    {%- endset %}
{{ name_failures(failures, "Login files not staged exactly once (footer events <> logins staged + events quarantined)") }}

select * from ({{ failures }}) as failures

{% endtest %}
