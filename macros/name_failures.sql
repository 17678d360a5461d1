{% macro name_failures(failures_sql, message, limit=20, warn_only=false) -%}
    {#- For a test: when `failures_sql` returns rows, spell the first `limit` of them out
        (column=value pairs) after `message`, so the user reads what to fix in the build's
        output instead of a count: an error stops the build with that text; a test of
        severity warn logs it as a warning and returns its rows (WARN). Runs only in
        `dbt build` and `dbt test`. With `warn_only`, the text is always a warning (for a
        test whose severity is decided by its own counts). -#}
    {%- if execute and flags.WHICH in ['build', 'test'] -%}
        {%- set result = run_query(
            'select * from (' ~ failures_sql ~ ') as failures limit ' ~ (limit + 1)
        ) -%}
        {%- if result.rows | length > 0 -%}
            {%- set lines = [] -%}
            {%- for row in result.rows[:limit] -%}
                {%- set cells = [] -%}
                {%- for name in result.column_names -%}
                    {%- do cells.append(name ~ '=' ~ (row[name] if row[name] is not none else 'NULL')) -%}
                {%- endfor -%}
                {%- do lines.append('  - ' ~ cells | join(', ')) -%}
            {%- endfor -%}
            {%- if result.rows | length > limit -%}
                {%- do lines.append('  - ... (more rows: query the relation)') -%}
            {%- endif -%}
            {%- set text = message ~ ':\n' ~ lines | join('\n') -%}
            {%- if warn_only or (config.get('severity') or 'error') | lower == 'warn' -%}
                {%- do exceptions.warn(text) -%}
            {%- else -%}
                {{ exceptions.raise_compiler_error(text) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
