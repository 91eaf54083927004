"""Who may do what: users, API keys and browser sessions (models, service, websession, logins),
turning a request's credentials into its principal (auth), the append-only audit log (audit), the
admin API (routes), `intake users|keys` (cli), the demo logins (demo) and session clean-up (tasks)."""
