{% macro raw_files() -%}
    {#- Every file under the raw directory, each read, ignored or refused by the rules of
        doc block raw_file_rules (RAW_EXPORTS.md "Location and layout"). Returns a list of
        {path (absolute), file_path (relative to the raw dir), export, file_name (relative
        to the export folder), disposition (read|ignored|refused), reason, export_date,
        login_month}. At execution time only (empty while dbt parses). -#}
    {%- if not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set root = raw_dir() -%}
    {%- set exports = export_names() -%}
    {%- set csv_exports = [] -%}
    {%- for export in exports -%}
        {%- if export_contract(export).file_format == 'csv' -%}
            {%- do csv_exports.append(export) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set compressed = ['gz', 'gzip', 'zip', 'bz2', 'xz', 'zst', 'zstd', '7z', 'tgz', 'tar', 'lz4', 'br', 'rar'] -%}
    {%- set paths = run_query(
        'select file from glob(' ~ sql_literal(root, glob=true, pattern='/**') ~ ') order by file'
    ).columns[0].values() -%}
    {%- set files = [] -%}
    {%- for path in paths -%}
        {%- set relative = path[root | length + 1:] -%}
        {%- set parts = relative.split('/') -%}
        {%- set name = parts[-1] -%}
        {%- set extension = name.split('.')[-1] if '.' in name else '' -%}
        {%- set export = parts[0] if parts | length > 1 else none -%}
        {%- set file = {'path': path, 'file_path': relative, 'export': export,
                        'file_name': '/'.join(parts[1:]) if export else relative,
                        'disposition': 'refused', 'reason': none,
                        'export_date': none, 'login_month': none} -%}
        {%- set expected = export ~ '/' ~ export ~ '_<YYYY-MM-DD>.csv' if export in csv_exports
            else 'logins/month=<YYYY-MM>/<part>.parquet' -%}
        {%- set hidden = [] -%}
        {%- for part in parts if part[:1] in ['_', '.'] -%}
            {%- do hidden.append(part) -%}
        {%- endfor -%}
        {%- if hidden | length > 0 -%}
            {%- do file.update({'disposition': 'ignored', 'reason':
                "name starts with '_' or '.' (generator markers such as _synthetic.json, _SUCCESS, .DS_Store): ignored by rule"}) -%}
        {%- elif name | lower in ['readme', 'readme.md', 'readme.txt'] -%}
            {%- do file.update({'disposition': 'ignored', 'reason': 'README: documentation, ignored by rule'}) -%}
        {%- elif export is none -%}
            {%- do file.update({'reason': 'a file at the root of the raw directory: every export lives in its own folder (' ~ exports | join('/, ') ~ '/)'}) -%}
        {%- elif export not in exports -%}
            {%- do file.update({'reason': "folder '" ~ export ~ "' is not an export (the exports are " ~ exports | join(', ') ~ ")"}) -%}
        {%- elif extension | lower in compressed -%}
            {%- do file.update({'reason': 'compressed file: deliver it uncompressed, as ' ~ expected}) -%}
        {%- elif export in csv_exports -%}
            {%- set match = modules.re.fullmatch(export ~ '_([0-9]{4})-([0-9]{2})-([0-9]{2})[.](csv|CSV|Csv)', name) -%}
            {%- if parts | length > 2 -%}
                {%- do file.update({'reason': 'in a sub-folder of ' ~ export ~ '/: the files of an export sit directly in its folder, as ' ~ expected}) -%}
            {%- elif extension != 'csv' and extension | lower == 'csv' -%}
                {%- do file.update({'reason': "upper-case extension '." ~ extension ~ "': the contract names files " ~ expected}) -%}
            {%- elif extension != 'csv' -%}
                {%- do file.update({'reason': "unexpected file type '" ~ (('.' ~ extension) if extension else name) ~ "': " ~ export ~ '/ holds only ' ~ expected}) -%}
            {%- elif match is none -%}
                {%- do file.update({'reason': 'the name does not follow ' ~ expected}) -%}
            {%- elif not valid_calendar_date(match.group(1) | int, match.group(2) | int, match.group(3) | int) -%}
                {%- do file.update({'reason': match.group(1) ~ '-' ~ match.group(2) ~ '-' ~ match.group(3) ~ ' is not a date: the contract names files ' ~ expected}) -%}
            {%- else -%}
                {%- do file.update({'disposition': 'read', 'export_date': match.group(1) ~ '-' ~ match.group(2) ~ '-' ~ match.group(3)}) -%}
            {%- endif -%}
        {%- else -%}
            {%- set month = modules.re.fullmatch('month=([0-9]{4})-([0-9]{2})', parts[1] if parts | length > 2 else '') -%}
            {%- if parts | length == 2 -%}
                {%- do file.update({'reason': 'directly in logins/: login files belong in a month folder, as ' ~ expected}) -%}
            {%- elif month is none or not (1 <= month.group(2) | int <= 12) -%}
                {%- do file.update({'reason': "folder '" ~ parts[1] ~ "' is not a month folder month=YYYY-MM: the contract names files " ~ expected}) -%}
            {%- elif parts | length > 3 -%}
                {%- do file.update({'reason': 'in a sub-folder of logins/' ~ parts[1] ~ '/: the contract names files ' ~ expected}) -%}
            {%- elif extension != 'parquet' and extension | lower == 'parquet' -%}
                {%- do file.update({'reason': "upper-case extension '." ~ extension ~ "': the contract names files " ~ expected}) -%}
            {%- elif extension != 'parquet' -%}
                {%- do file.update({'reason': "unexpected file type '" ~ (('.' ~ extension) if extension else name) ~ "': logins/ holds only " ~ expected}) -%}
            {%- else -%}
                {%- do file.update({'disposition': 'read', 'login_month': month.group(1) ~ '-' ~ month.group(2)}) -%}
            {%- endif -%}
        {%- endif -%}
        {%- do files.append(file) -%}
    {%- endfor -%}
    {{ return(files) }}
{%- endmacro %}
