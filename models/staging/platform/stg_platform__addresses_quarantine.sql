{#- One row per contract breach in addresses/: export, file, key, column, raw value, reason. -#}
{{ quarantine_rows('addresses', ref('base_platform__addresses'), 'address_id') }}
