"""The visitor's network address for per-address limits, kept only as a keyed hash (HMAC), never in the clear."""

from django.conf import settings
from django.utils.crypto import salted_hmac


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the last hop of the header a trusted reverse proxy sets.

    Behind a proxy every request comes from the proxy's own address, so the per-address limits would
    count the whole public as one visitor; MUFLON_CLIENT_ADDRESS_HEADER names the proxy's header then.
    """
    header = getattr(settings, "MUFLON_CLIENT_ADDRESS_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def address_hmac(address: str, *, purpose: str) -> str:
    """A keyed hash of the address: equal for equal addresses, useless for finding the address back."""
    return salted_hmac(f"muflon.address.{purpose}", address, algorithm="sha256").hexdigest()
