{#- One row per contract breach in paths/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('paths', ref('base_platform__paths'), 'path_id') }}
