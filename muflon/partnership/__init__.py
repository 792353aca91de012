"""Partnership: the tenant that owns organisations, roles and every record of its work."""
