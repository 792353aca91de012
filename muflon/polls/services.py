"""The rules of the poll: which poll is current, voting, results."""


def current_poll(partnership):
    """The poll open now on the partnership's site, or None. (Placeholder until the polls area is built.)"""
    return None
