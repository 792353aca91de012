"""The project shell: the staff menu, the dashboard, the base layout, load_demo; the one app that knows every area."""
