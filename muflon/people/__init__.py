"""People: participants, referrals, consents, diagnosis, support plans, path stages and follow-up."""
