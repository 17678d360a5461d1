{% macro raw_files() -%}
    {#- Every file under the raw directory, each read, ignored or refused by the rules of
        doc block raw_file_rules (docs/input-contract.md "Location and layout"). Returns a list of
        {path (absolute), file_path (relative to the raw dir), export, file_name (relative
        to the export folder), disposition (read|ignored|refused), reason, export_date,
        login_month}. At execution time only (empty while dbt parses). -#}
    {%- set files = [] -%}
    {%- if execute -%}
        {%- set root = raw_dir() -%}
        {%- set exports = export_names() -%}
        {#- listed by the engine: glob() on DuckDB, the pre-step's inventory on Spark -#}
        {%- set paths = list_raw_files() -%}
        {%- for path in paths -%}
            {%- set relative = path[root | length + 1:] -%}
            {%- set parts = relative.split('/') -%}
            {%- set export = parts[0] if parts | length > 1 else none -%}
            {%- set file = {'path': path, 'file_path': relative, 'export': export,
                            'file_name': '/'.join(parts[1:]) if export else relative,
                            'disposition': 'refused', 'reason': none,
                            'export_date': none, 'login_month': none} -%}
            {%- set hidden = [] -%}
            {%- for part in parts if part[:1] in ['_', '.'] -%}
                {%- do hidden.append(part) -%}
            {%- endfor -%}
            {%- if hidden | length > 0 -%}
                {%- do file.update({'disposition': 'ignored', 'reason':
                    "name starts with '_' or '.' (generator markers such as _synthetic.json,"
                    ~ " _SUCCESS, .DS_Store): ignored by rule"}) -%}
            {%- elif parts[-1] | lower in ['readme', 'readme.md', 'readme.txt'] -%}
                {%- do file.update({'disposition': 'ignored',
                    'reason': 'README: documentation, ignored by rule'}) -%}
            {%- elif export is none -%}
                {%- do file.update({'reason': 'a file at the root of the raw directory: every'
                    ~ ' export lives in its own folder (' ~ exports | join('/, ') ~ '/)'}) -%}
            {%- elif export not in exports -%}
                {%- do file.update({'reason': "folder '" ~ export ~ "' is not an export (the"
                    ~ " exports are " ~ exports | join(', ') ~ ")"}) -%}
            {%- else -%}
                {%- do file.update(export_file_verdict(export_contract(export), parts)) -%}
            {%- endif -%}
            {%- do files.append(file) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(files) }}
{%- endmacro %}
