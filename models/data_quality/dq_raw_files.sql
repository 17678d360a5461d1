{#- Every file found under the raw directory, read, ignored or refused (issue 8: every
    file accounted for; rules: doc block raw_file_rules), with its size, its SHA-256
    (base_platform__raw_files) and, for the files read, the raw rows, the quarantined
    rows and the rows kept. The contract
    lists the exports; dbt needs their base models named here: -#}
-- depends_on: {{ ref('base_platform__addresses') }}
-- depends_on: {{ ref('base_platform__applications') }}
-- depends_on: {{ ref('base_platform__career_outcome_declarations') }}
-- depends_on: {{ ref('base_platform__enrollments') }}
-- depends_on: {{ ref('base_platform__job_outcomes') }}
-- depends_on: {{ ref('base_platform__paths') }}
-- depends_on: {{ ref('base_platform__student_profiles') }}
-- depends_on: {{ ref('base_platform__users') }}
{%- set csv_exports = export_relations(file_format='csv') -%}
{%- set login_files = query_values(
    "select path from " ~ ref('base_platform__raw_files')
    ~ " where export = 'logins' and disposition = 'read' order by path"
) %}

with

quarantine as (
    select * from {{ ref('dq_quarantine') }}
),

inventory as (
    -- every file, its verdict and its fingerprint (base_platform__raw_files)
    select * from {{ ref('base_platform__raw_files') }}
),

csv_rows as (
    {%- for export, relation in csv_exports %}
        select
            {{ sql_literal(export) }} as export,
            source_file as file_name,
            count(*) as raw_rows,
            count(*) filter (where is_quarantined) as quarantined_rows
        from {{ relation }}
        group by source_file
        {{ 'union all' if not loop.last }}
    {%- endfor %}
    {%- if csv_exports | length == 0 %}
        select
            cast(null as {{ dbt.type_string() }}) as export,
            cast(null as {{ dbt.type_string() }}) as file_name,
            cast(null as bigint) as raw_rows,
            cast(null as bigint) as quarantined_rows
        where false
    {%- endif %}
),

login_facts as (
    {{ parquet_file_facts(login_files, 'logged_in_at') }}
),

login_quarantine as (
    select
        source_file as file_name,
        count(distinct raw_row_id) as quarantined_rows
    from quarantine
    where export = 'logins'
    group by source_file
),

counted as (
    select
        inventory.*,
        coalesce(csv_rows.raw_rows, login_facts.n_rows) as raw_rows,
        coalesce(csv_rows.quarantined_rows, login_quarantine.quarantined_rows, 0)
            as quarantined_rows,
        -- C-2: a re-delivered month replaces its folder; a second copy of a file would
        -- count its events twice
        row_number() over (
            partition by inventory.export, inventory.login_month, inventory.sha256
            order by inventory.file_path
        ) as copy_number,
        first_value(inventory.file_path) over (
            partition by inventory.export, inventory.login_month, inventory.sha256
            order by inventory.file_path
        ) as first_copy
    from inventory
    left join csv_rows
        on inventory.export = csv_rows.export and inventory.file_name = csv_rows.file_name
    left join login_facts
        on inventory.path = login_facts.path
    left join login_quarantine
        on inventory.export = 'logins' and inventory.file_name = login_quarantine.file_name
),

final as (
    select
        export,
        file_path,
        size_bytes,
        sha256,
        export_date,
        login_month,
        case
            when disposition = 'read' and login_month is not null and copy_number > 1
                then 'refused'
            else disposition
        end as disposition,
        case
            when disposition = 'read' and login_month is not null and copy_number > 1
                then
                    'the same bytes as ' || first_copy || ': a re-delivered month '
                    || 'replaces its folder, its events never count twice'
            else reason
        end as reason,
        case when disposition = 'read' then raw_rows end as raw_rows,
        case when disposition = 'read' then quarantined_rows end as quarantined_rows,
        case when disposition = 'read' then raw_rows - quarantined_rows end as kept_rows
    from counted
)

select * from final
