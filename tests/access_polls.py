"""The access matrix lines of the public poll (polls) and the sign-up (/join/); merged into test_access_matrix."""

from tests.access_common import Expect, everyone  # noqa: F401 - used as lines are added

# url name -> Expect for GET; see tests/access_common.py.
MATRIX = {}

# url name -> Expect for an empty POST.
POST_MATRIX = {}


def extend_world(world):
    """Add this area's objects to the matrix's test world (a dict: cast, participant, outsider, ...)."""
