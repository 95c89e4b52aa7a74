"""Reading TOML (compiled tomli when present) and finding where a key sits in TOML text."""
