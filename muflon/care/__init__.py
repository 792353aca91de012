"""Care: barrier support — counselling with encrypted confidential notes, self-help groups, dependant care."""
