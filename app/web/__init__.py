"""The web UI: server-rendered pages and HTMX fragments, one module per page family (see routes.py),
with who may open which page in access.py and the templates' helpers in templating.py and views.py."""
