"""Pages for any account: sign-up, API tokens, notifications, the role's dashboard."""
