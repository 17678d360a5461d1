{#- Every file under the raw directory: its verdict (read, ignored or refused: macro
    raw_files, doc block raw_file_rules), size and SHA-256 fingerprint. The fingerprint of
    a file that cannot have changed since the previous build is reused from that build's
    inventory (this relation, before it is replaced; doc block raw_file_fingerprints);
    --full-refresh hashes every file. Ignored files are never opened (size only). The
    models staged by file compare these fingerprints with the file versions they hold. -#}
{%- set files = raw_files() -%}
{%- set opened = files | rejectattr('disposition', 'equalto', 'ignored')
    | map(attribute='path') | list -%}
{%- set ignored = files | selectattr('disposition', 'equalto', 'ignored')
    | map(attribute='path') | list -%}
{%- set previous = previous_relation() %}

with

inventory as (
    {%- if files | length == 0 %}
        select
            cast(null as {{ dbt.type_string() }}) as path,
            cast(null as {{ dbt.type_string() }}) as export,
            cast(null as {{ dbt.type_string() }}) as file_path,
            cast(null as {{ dbt.type_string() }}) as file_name,
            cast(null as {{ dbt.type_string() }}) as disposition,
            cast(null as {{ dbt.type_string() }}) as reason,
            cast(null as date) as export_date,
            cast(null as {{ dbt.type_string() }}) as login_month
        where false
    {%- else %}
        select
            listed.path,
            listed.export,
            listed.file_path,
            listed.file_name,
            listed.disposition,
            listed.reason,
            cast(listed.export_date as date) as export_date,
            listed.login_month
        from (
            values
            {%- for file in files %}
                (
                    {{ sql_literal(file.path) }},
                    {{ sql_literal(file.export) if file.export else 'null' }},
                    {{ sql_literal(file.file_path) }},
                    {{ sql_literal(file.file_name) }},
                    {{ sql_literal(file.disposition) }},
                    {{ sql_literal(file.reason) if file.reason else 'null' }},
                    {{ sql_literal(file.export_date) if file.export_date else 'null' }},
                    {{ sql_literal(file.login_month) if file.login_month else 'null' }}
                ){{ ',' if not loop.last }}
            {%- endfor %}
        ) as listed (
            path, export, file_path, file_name, disposition, reason, export_date, login_month
        )
    {%- endif %}
),

fingerprints as (
    {{ raw_file_fingerprints(opened, previous) }}
),

sizes as (
    {{ raw_file_facts(ignored, with_hash=false) }}
),

final as (
    select
        inventory.path,
        inventory.export,
        inventory.file_path,
        inventory.file_name,
        inventory.disposition,
        inventory.reason,
        inventory.export_date,
        inventory.login_month,
        coalesce(fingerprints.size_bytes, sizes.size_bytes) as size_bytes,
        fingerprints.sha256,
        fingerprints.file_signature,
        fingerprints.changed_at,
        fingerprints.fingerprinted_at,
        coalesce(fingerprints.is_fingerprint_reused, false) as is_fingerprint_reused
    from inventory
    left join fingerprints
        on inventory.path = fingerprints.path
    left join sizes
        on inventory.path = sizes.path
)

select * from final
