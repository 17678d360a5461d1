{% macro check_raw_export(export_name) -%}
    {#- docs/input-contract.md "Bad input" and "Location and layout", before a base model reads an
        export (at execution time): stops the build naming the export, the file and the
        column when a file of its folder is refused (macro raw_files), when the folder is
        missing or holds no file to read, when a CSV file has no header, an unparseable
        header (unbalanced quote), a repeated or a missing column that staging reads, or
        when a Parquet column is missing or not of its contract kind (a logins timestamp
        written as text). Extra columns are ignored. The contract: export_contract. Then
        makes the export readable (register_raw_export: on Spark its checked files become
        one relation). The facts about files are dispatched (macros/spark/file_facts.sql). -#}
    {%- if execute -%}
        {%- set contract = export_contract(export_name) -%}
        {%- set folder = raw_dir() ~ '/' ~ export_name -%}
        {%- set hint = "IMPACT_RAW_DIR must point at the raw directory that holds one folder per export (now '"
            ~ env_var('IMPACT_RAW_DIR', 'data/sample') ~ "', resolved to " ~ raw_dir() ~ ")." -%}
        {%- set files = raw_files() | selectattr('export', 'equalto', export_name) | list -%}
        {%- set refused = files | selectattr('disposition', 'equalto', 'refused') | list -%}
        {%- if refused | length > 0 -%}
            {%- set lines = [] -%}
            {%- for file in refused -%}
                {%- do lines.append('  - ' ~ file.file_path ~ ': ' ~ file.reason) -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                "Raw export '" ~ export_name ~ "': " ~ refused | length ~ " file(s) refused"
                ~ " (every file under an export folder is read or refused, never skipped):\n"
                ~ lines | join('\n') ~ "\nRename or move them; a name starting with '_' or '.'"
                ~ " is ignored. " ~ hint
            ) }}
        {%- endif -%}
        {%- set read = files | selectattr('disposition', 'equalto', 'read') | list -%}
        {%- if read | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw export '" ~ export_name ~ "': the folder " ~ folder
                ~ " is missing or holds no " ~ contract.file_format ~ " file (expected "
                ~ (folder ~ '/' ~ export_name ~ '_<YYYY-MM-DD>.csv' if contract.file_format == 'csv'
                   else folder ~ '/month=<YYYY-MM>/<part>.parquet') ~ "). " ~ hint
            ) }}
        {%- endif -%}
        {%- set required_columns = contract.read_columns | map(attribute='name') | list -%}
        {%- if contract.file_format == 'parquet' -%}
            {{ check_parquet_schemas(export_name, contract, read, hint) }}
        {%- else -%}
            {#- The first line of each file as raw text (DuckDB's own parse errors would not
                name the column), and what the engine's reader would not read as DuckDB's
                does (dispatched: csv_files_facts). -#}
            {%- set all_facts = csv_files_facts(read) -%}
            {%- for file in read -%}
                {%- set facts = all_facts[file.path] -%}
                {%- set line = facts.first_line -%}
                {%- if line is none and facts.problem -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': file " ~ file.file_name
                        ~ " cannot be read: " ~ facts.problem ~ ". " ~ hint
                    ) }}
                {%- endif -%}
                {%- if line is none or line | trim == '' -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': file " ~ file.file_name
                        ~ " has no header row (empty file or empty first line), so column '"
                        ~ required_columns[0] ~ "' is missing. " ~ hint
                    ) }}
                {%- endif -%}
                {%- set line = line.replace('\ufeff', '').rstrip('\r') -%}
                {%- if line.count('"') % 2 == 1 -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': the header of file " ~ file.file_name
                        ~ " does not parse (unbalanced quote): " ~ line[:200] ~ ". " ~ hint
                    ) }}
                {%- endif -%}
                {%- set header = [] -%}
                {%- for name in line.split(',') -%}
                    {%- do header.append(name.strip().strip('"').lower()) -%}
                {%- endfor -%}
                {%- for name in header -%}
                    {%- if name in header[loop.index:] and name in required_columns -%}
                        {{ exceptions.raise_compiler_error(
                            "Raw export '" ~ export_name ~ "': the header of file " ~ file.file_name
                            ~ " repeats column '" ~ name ~ "'. " ~ hint
                        ) }}
                    {%- endif -%}
                {%- endfor -%}
                {%- for column in required_columns -%}
                    {%- if column not in header -%}
                        {{ exceptions.raise_compiler_error(
                            "Raw export '" ~ export_name ~ "': file " ~ file.file_name
                            ~ " lacks the required column '" ~ column ~ "' (header: "
                            ~ (header | join(', '))[:300] ~ "). " ~ hint
                        ) }}
                    {%- endif -%}
                {%- endfor -%}
                {%- if facts.problem -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': file " ~ file.file_name
                        ~ " cannot be read: " ~ facts.problem ~ ". " ~ hint
                    ) }}
                {%- endif -%}
            {%- endfor -%}
        {%- endif -%}
        {#- Checked: now readable as one relation (Spark: its files registered; DuckDB:
            nothing to do, the source reads them). -#}
        {%- do register_raw_export(export_name, contract, read) -%}
    {%- endif -%}
{%- endmacro %}
