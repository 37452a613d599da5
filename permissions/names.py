def full_name(user) -> str:
    """A Vietnamese full name: family and middle names (Django's last_name) before the given name."""
    if user is None:
        return ""
    return f"{user.last_name} {user.first_name}".strip() or user.username
