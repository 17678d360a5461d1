{#- A model staged by file (materialization staged_by_file) holds rows of the current
    versions of its export's files only: fails on every (file, SHA-256) it holds that is
    not a file read now, in that version (a file gone or re-delivered whose rows were
    left behind), naming them. -#}
{% test staged_files_are_current(model, export, raw_files) %}
    {%- set failures %}
select
    staged.source_file,
    staged.source_sha256,
    'rows of a file version that is not delivered now' as problem
from (select distinct source_file, source_sha256 from {{ model }}) as staged
left join (
    select file_name, sha256
    from {{ raw_files }}
    where export = {{ sql_literal(export) }} and disposition = 'read'
) as delivered
    on staged.source_file = delivered.file_name and staged.source_sha256 = delivered.sha256
where delivered.file_name is null
    {%- endset %}
{{ name_failures(failures, "Staged rows of '" ~ export ~ "' that are not the files delivered now (rebuild with --full-refresh)") }}

select * from ({{ failures }}) as failures

{% endtest %}
