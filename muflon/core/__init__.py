"""Core: the audit log, access helpers, navigation, base templates and health check."""
