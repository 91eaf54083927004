"""The orders API, one module per area: orders (read), lifecycle (one POST per business fact),
returns, billing (invoices and payments), webhooks, visibility (alerts and KPIs) and the customer
portal. `ROUTERS` is what the application factory mounts, in this order."""
from app.orders.api import billing, lifecycle, orders, portal, returns, visibility, webhooks

ROUTERS = (orders.router, lifecycle.router, returns.router, billing.router)
VISIBILITY_ROUTERS = (webhooks.router, visibility.router, portal.router)
