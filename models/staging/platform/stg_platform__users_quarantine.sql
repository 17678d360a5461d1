{#- One row per contract breach in users/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('users', ref('base_platform__users'), 'user_id') }}
