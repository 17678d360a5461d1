{#- One row per contract breach in applications/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('applications', ref('base_platform__applications'), 'application_id') }}
