"""Format overrides per language (FORMAT_MODULE_PATH): dates, numbers and money the Polish way in every language."""
