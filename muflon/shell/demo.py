"""The demo: which area loads what, in order. Each area keeps its own `demo.load()`."""

from importlib import import_module

# Later areas append their module here; each load() must be idempotent.
DEMO_MODULES = [
    "muflon.region.demo",
    "muflon.partnership.demo",
    "muflon.accounts.demo",
    "muflon.people.demo",
    "muflon.education.demo",
    "muflon.care.demo",
    "muflon.cooperatives.demo",
    "muflon.polls.demo",
    "muflon.portal.demo",
]


def load_all(stdout=None, **options) -> None:
    """Run every area's load(**options); an area takes the options it knows (e.g. `participants`)."""
    for name in DEMO_MODULES:
        import_module(name).load(**options)
        if stdout is not None:
            stdout.write(f"  loaded {name.rsplit('.', 2)[-2]}")
