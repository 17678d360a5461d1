{% macro check_raw_export(export_name, required_columns, file_format='csv') -%}
    {#- RAW_EXPORTS.md "Bad input": stop the build, naming the export, the file and
        the column, when an export folder is missing or empty, or when a file lacks a
        required column or its header does not parse. Called at the top of every base
        staging model, so it runs (at execution time) before the model reads the files.
        Extra columns are ignored. -#}
    {%- if execute -%}
        {%- set folder = raw_dir() ~ '/' ~ export_name -%}
        {%- set hint = "IMPACT_RAW_DIR must point at the raw directory that holds one folder per export (now '"
            ~ env_var('IMPACT_RAW_DIR', 'data/raw') ~ "', resolved to " ~ raw_dir() ~ ")." -%}
        {%- set pattern = folder ~ ('/*/*.parquet' if file_format == 'parquet' else '/*.csv') -%}
        {%- set files = run_query(
            "select file from glob('" ~ pattern ~ "') order by file"
        ).columns[0].values() -%}
        {%- if files | length == 0 -%}
            {{ exceptions.raise_compiler_error(
                "Raw export '" ~ export_name ~ "': the folder " ~ folder
                ~ " is missing or holds no " ~ file_format ~ " file (expected " ~ pattern ~ "). "
                ~ hint
            ) }}
        {%- endif -%}
        {%- for file in files -%}
            {%- set file_name = file.split('/')[-1] if file_format == 'csv'
                else '/'.join(file.split('/')[-2:]) -%}
            {%- if file_format == 'parquet' -%}
                {%- set header = run_query(
                    "select name from parquet_schema('" ~ file ~ "') where name <> 'schema'"
                ).columns[0].values() | map('lower') | list -%}
            {%- else -%}
                {#- The first line as raw text: DuckDB's own parse errors would not name the column. -#}
                {%- set first_line = run_query(
                    "select line from read_csv('" ~ file ~ "', columns = {'line': 'varchar'},"
                    ~ " header = false, delim = chr(31), quote = '', escape = '',"
                    ~ " auto_detect = false, parallel = false) limit 1"
                ).columns[0].values() -%}
                {%- set line = (first_line[0] if first_line | length > 0 else none) -%}
                {%- if line is none or line | trim == '' -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': file " ~ file_name
                        ~ " has no header row (empty file or empty first line), so column '"
                        ~ required_columns[0] ~ "' is missing. " ~ hint
                    ) }}
                {%- endif -%}
                {%- set line = line.replace('\ufeff', '').rstrip('\r') -%}
                {%- if line.count('"') % 2 == 1 -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': the header of file " ~ file_name
                        ~ " does not parse (unbalanced quote): " ~ line[:200] ~ ". " ~ hint
                    ) }}
                {%- endif -%}
                {%- set header = [] -%}
                {%- for name in line.split(',') -%}
                    {%- do header.append(name.strip('"').lower()) -%}
                {%- endfor -%}
                {%- for name in header -%}
                    {%- if name in header[loop.index:] and name in required_columns -%}
                        {{ exceptions.raise_compiler_error(
                            "Raw export '" ~ export_name ~ "': the header of file " ~ file_name
                            ~ " repeats column '" ~ name ~ "'. " ~ hint
                        ) }}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
            {%- for column in required_columns -%}
                {%- if column not in header -%}
                    {{ exceptions.raise_compiler_error(
                        "Raw export '" ~ export_name ~ "': file " ~ file_name
                        ~ " lacks the required column '" ~ column ~ "' (header: "
                        ~ (header | join(', '))[:300] ~ "). " ~ hint
                    ) }}
                {%- endif -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
