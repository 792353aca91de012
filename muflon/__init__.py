"""Muflon: the platform of a local social economy partnership."""
