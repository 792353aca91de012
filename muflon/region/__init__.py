"""Region: shared reference data (gminas, counties) and, later, the regional diagnosis."""
