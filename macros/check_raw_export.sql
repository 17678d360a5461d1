{% macro check_raw_export(export_name) -%}
    {#- RAW_EXPORTS.md "Bad input" and "Location and layout", before a base model reads an
        export (at execution time): stops the build naming the export, the file and the
        column when a file of its folder is refused (macro raw_files), when the folder is
        missing or holds no file to read, when a CSV file has no header, an unparseable
        header (unbalanced quote), a repeated or a missing column that staging reads, or
        when a Parquet column is missing or not of its contract kind (a logins timestamp
        written as text). Extra columns are ignored. The contract: export_contract. -#}
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
            {%- for file in read -%}
                {#- The first line as raw text: DuckDB's own parse errors would not name the
                    column. strict_mode = false: a valid file with CRLF row ends and a bare LF
                    inside a quoted field (Python's csv module) must not stop this read. -#}
                {%- set first_line = run_query(
                    "select line from read_csv(" ~ sql_literal(file.path, glob=true)
                    ~ ", columns = {'line': 'varchar'}, header = false, delim = chr(31),"
                    ~ " quote = '', escape = '', auto_detect = false, strict_mode = false,"
                    ~ " parallel = false) limit 1"
                ).columns[0].values() -%}
                {%- set line = (first_line[0] if first_line | length > 0 else none) -%}
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
            {%- endfor -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
