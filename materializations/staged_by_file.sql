{#- The materialization staged_by_file (issue 12, doc block `staged_by_file`); the macros
    that choose it and list the file versions are in macros/staged_by_file.sql. Apart from
    macros/ (dbt reads both, macro-paths) because sqlfluff's Jinja templater, which loads
    macros/, knows no materialization tag. -#}

{% materialization staged_by_file, adapter='duckdb' -%}
    {#- config: staged_export (the export whose files the model stages). The model's SQL
        reads every file of the export and returns columns source_file and
        source_sha256 (the file version, from base_platform__raw_files); its rows for a
        file must depend on that file alone. Each build, in one transaction:
          1. the rows of files that are gone, or whose SHA-256 changed, are deleted;
          2. each file not yet staged in its current version is staged: the model's SQL
             filtered to that file (DuckDB prunes the other files), one file at a time
             (bounded memory);
        so the table always holds exactly the current files, each once. Which file
        versions the table holds (with the rows each gave, and the MD5 of the model's
        compiled SQL) is recorded as JSON in the table's comment, in the same
        transaction: a file that yields no row is not read again either, and no table
        is shared by models running in parallel. The table is rebuilt from nothing (a
        new table swapped in) when it or its record does not exist, with --full-refresh,
        or when the model's compiled SQL (the raw directory's path aside) or columns changed
        since it was staged. -#}
    {%- set export_name = config.require('staged_export') -%}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- set existing_relation = load_cached_relation(this) -%}
    {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
    {%- set backup_relation = make_backup_relation(target_relation, 'table') -%}
    {#- the raw directory is no part of the code: rows depend on a file's bytes, not on
        where the file lies (a moved raw directory keeps its staged rows) -#}
    {%- set code_md5 = local_md5(compiled_code | replace(raw_dir(), '<raw_dir>')) -%}
    {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
    {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}

    {{ run_hooks(pre_hooks, inside_transaction=False) }}
    {{ run_hooks(pre_hooks, inside_transaction=True) }}

    {#- the record of the file versions held, from the table's comment -#}
    {%- set record = {} -%}
    {%- if existing_relation is not none -%}
        {%- set comments = run_query(
            "select comment from duckdb_tables() where database_name = "
            ~ sql_literal(existing_relation.database) ~ " and schema_name = "
            ~ sql_literal(existing_relation.schema) ~ " and table_name = "
            ~ sql_literal(existing_relation.identifier)
        ).columns[0].values() -%}
        {%- if comments | length == 1 and comments[0] and comments[0].startswith('{') -%}
            {%- do record.update(fromjson(comments[0])) -%}
        {%- endif -%}
    {%- endif -%}

    {%- set rebuild_reason = none -%}
    {%- if existing_relation is none -%}
        {%- set rebuild_reason = 'first build' -%}
    {%- elif should_full_refresh() -%}
        {%- set rebuild_reason = 'full refresh' -%}
    {%- elif not existing_relation.is_table -%}
        {%- set rebuild_reason = 'was a ' ~ existing_relation.type -%}
    {%- elif record.get('staged_by_file') is none -%}
        {%- set rebuild_reason = 'no record of the files it holds' -%}
    {%- elif record.get('code_md5') != code_md5 -%}
        {%- set rebuild_reason = 'its SQL changed since it was staged' -%}
    {%- else -%}
        {#- the columns must not have changed either (a changed upstream view) -#}
        {%- set probe_relation = api.Relation.create(
            database=target_relation.database,
            schema=target_relation.schema,
            identifier=target_relation.identifier ~ '__dbt_probe',
            type='table',
        ) -%}
        {%- call statement('staged_probe') -%}
            create or replace table {{ probe_relation }} as
            select * from ({{ compiled_code }}) as staged where false
        {%- endcall -%}
        {%- set wanted = [] -%}
        {%- for column in adapter.get_columns_in_relation(probe_relation) -%}
            {%- do wanted.append(column.name ~ ' ' ~ column.data_type) -%}
        {%- endfor -%}
        {%- set found = [] -%}
        {%- for column in adapter.get_columns_in_relation(existing_relation) -%}
            {%- do found.append(column.name ~ ' ' ~ column.data_type) -%}
        {%- endfor -%}
        {%- call statement('staged_probe_drop') -%}
            drop table {{ probe_relation }}
        {%- endcall -%}
        {%- if wanted != found -%}
            {%- set rebuild_reason = 'its columns changed since it was staged' -%}
        {%- endif -%}
    {%- endif -%}

    {%- set current = staged_file_versions(export_name) -%}
    {%- set staged = [] -%}
    {%- set held = {} -%}
    {%- if rebuild_reason is none -%}
        {%- set building = target_relation -%}
        {%- for file in record.get('staged_by_file') -%}
            {%- do staged.append([file.source_file, file.source_sha256]) -%}
            {%- do held.update({file.source_file ~ ' ' ~ file.source_sha256: file.rows}) -%}
        {%- endfor -%}
    {%- else -%}
        {%- set building = intermediate_relation -%}
        {%- do log(model.name ~ ': staged from nothing (' ~ rebuild_reason ~ ')') -%}
        {%- call statement('staged_create') -%}
            create table {{ building }} as select * from ({{ compiled_code }}) as staged where false
        {%- endcall -%}
    {%- endif -%}

    {#- 1. rows of files gone or changed -#}
    {%- set stale = [] -%}
    {%- for version in staged if version not in current -%}
        {%- do stale.append(version) -%}
    {%- endfor -%}
    {%- for version in stale -%}
        {%- call statement('staged_delete') -%}
            delete from {{ building }}
            where
                source_file = {{ sql_literal(version[0]) }}
                and source_sha256 is not distinct from
                {{ sql_literal(version[1]) if version[1] is not none else 'null' }}
        {%- endcall -%}
    {%- endfor -%}

    {#- 2. files not staged in their current version, one at a time -#}
    {%- set fresh = [] -%}
    {%- for version in current if version not in staged -%}
        {%- do fresh.append(version) -%}
    {%- endfor -%}
    {%- set counts = namespace(rows=0) -%}
    {%- for version in fresh -%}
        {%- set inserted = run_query(
            'insert into ' ~ building ~ ' by name select * from (' ~ compiled_code
            ~ ') as staged where staged.source_file = ' ~ sql_literal(version[0])
        ) -%}
        {%- set n_rows = inserted.columns[0].values()[0] if inserted.rows | length > 0 else 0 -%}
        {%- set counts.rows = counts.rows + n_rows -%}
        {%- do held.update({version[0] ~ ' ' ~ version[1]: n_rows}) -%}
    {%- endfor -%}

    {#- the record, in the same transaction -#}
    {%- set files = [] -%}
    {%- for version in current -%}
        {%- do files.append({'source_file': version[0], 'source_sha256': version[1],
            'rows': held[version[0] ~ ' ' ~ version[1]]}) -%}
    {%- endfor -%}
    {%- call statement('main') -%}
        comment on table {{ building }} is {{ sql_literal(tojson(
            {'code_md5': code_md5, 'staged_by_file': files}
        )) }}
    {%- endcall -%}
    {%- do log(model.name ~ ': ' ~ fresh | length ~ ' file(s) staged (' ~ counts.rows
        ~ ' rows), ' ~ stale | length ~ ' removed, ' ~ (staged | length - stale | length)
        ~ ' kept') -%}

    {%- if building == intermediate_relation -%}
        {%- if existing_relation is not none -%}
            {%- do adapter.rename_relation(existing_relation, backup_relation) -%}
        {%- endif -%}
        {%- do adapter.rename_relation(intermediate_relation, target_relation) -%}
    {%- endif -%}

    {{ run_hooks(post_hooks, inside_transaction=True) }}
    {%- do adapter.commit() -%}
    {%- if existing_relation is not none and building == intermediate_relation -%}
        {%- do adapter.drop_relation(backup_relation) -%}
    {%- endif -%}
    {{ run_hooks(post_hooks, inside_transaction=False) }}
    {{ return({'relations': [target_relation]}) }}
{%- endmaterialization %}
