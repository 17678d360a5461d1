{% macro export_file_verdict(contract, parts) -%}
    {#- Part of raw_files: the verdict on a file inside an export folder (`parts`: its path
        relative to the raw directory, split on '/'), as {disposition, reason, export_date,
        login_month}. CSV: `<export>/<export>_<YYYY-MM-DD>.csv` (a real date); Parquet:
        `<export>/month=YYYY-MM/<part>.parquet`; refused otherwise, saying why. -#}
    {%- set export = contract.name -%}
    {%- set name = parts[-1] -%}
    {%- set extension = name.split('.')[-1] if '.' in name else '' -%}
    {%- set wanted = 'csv' if contract.file_format == 'csv' else 'parquet' -%}
    {%- set expected = export ~ '/' ~ export ~ '_<YYYY-MM-DD>.csv' if wanted == 'csv'
        else export ~ '/month=<YYYY-MM>/<part>.parquet' -%}
    {%- set compressed = ['gz', 'gzip', 'zip', 'bz2', 'xz', 'zst', 'zstd', '7z', 'tgz', 'tar',
        'lz4', 'br', 'rar'] -%}
    {%- set depth = 2 if wanted == 'csv' else 3 -%}
    {%- set month = modules.re.fullmatch('month=([0-9]{4})-([0-9]{2})', parts[1]) -%}
    {%- set dated = modules.re.fullmatch(
        export ~ '_([0-9]{4})-([0-9]{2})-([0-9]{2})[.]csv', name
    ) -%}
    {%- set verdict = {'disposition': 'refused', 'reason': none} -%}
    {%- if extension | lower in compressed -%}
        {%- do verdict.update({'reason': 'compressed file: deliver it uncompressed, as ' ~ expected}) -%}
    {%- elif wanted == 'parquet' and parts | length == 2 -%}
        {%- do verdict.update({'reason': 'directly in ' ~ export ~ '/: its files belong in a'
            ~ ' month folder, as ' ~ expected}) -%}
    {%- elif wanted == 'parquet' and (month is none or not (1 <= month.group(2) | int <= 12)) -%}
        {%- do verdict.update({'reason': "folder '" ~ parts[1] ~ "' is not a month folder"
            ~ " month=YYYY-MM: the contract names files " ~ expected}) -%}
    {%- elif parts | length > depth -%}
        {%- do verdict.update({'reason': 'in a sub-folder of ' ~ '/'.join(parts[:depth - 1])
            ~ '/: the contract names files ' ~ expected}) -%}
    {%- elif extension != wanted and extension | lower == wanted -%}
        {%- do verdict.update({'reason': "upper-case extension '." ~ extension
            ~ "': the contract names files " ~ expected}) -%}
    {%- elif extension != wanted -%}
        {%- do verdict.update({'reason': "unexpected file type '"
            ~ (('.' ~ extension) if extension else name) ~ "': " ~ export ~ '/ holds only '
            ~ expected}) -%}
    {%- elif wanted == 'parquet' -%}
        {%- do verdict.update({'disposition': 'read',
            'login_month': month.group(1) ~ '-' ~ month.group(2)}) -%}
    {%- elif dated is none -%}
        {%- do verdict.update({'reason': 'the name does not follow ' ~ expected}) -%}
    {%- elif not valid_calendar_date(dated.group(1) | int, dated.group(2) | int, dated.group(3) | int) -%}
        {%- do verdict.update({'reason': dated.group(1) ~ '-' ~ dated.group(2) ~ '-'
            ~ dated.group(3) ~ ' is not a date: the contract names files ' ~ expected}) -%}
    {%- else -%}
        {%- do verdict.update({'disposition': 'read',
            'export_date': dated.group(1) ~ '-' ~ dated.group(2) ~ '-' ~ dated.group(3)}) -%}
    {%- endif -%}
    {{ return(verdict) }}
{%- endmacro %}
