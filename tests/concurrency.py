"""Running work in many threads at once, for the tests that prove counts hold under concurrency."""

import threading

from django.db import connections


def in_threads(work, items):
    """Run work(item) for every item in its own thread, all starting together; return the errors raised."""
    errors, start = [], threading.Barrier(len(items))

    def runner(item):
        try:
            start.wait()
            work(item)
        except Exception as error:  # noqa: BLE001 - collected for the test to assert on
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
