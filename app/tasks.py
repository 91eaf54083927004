"""Every background task of the service: importing this module declares them all with the queue
(app.core.queue), so a worker process runs each of them. Each domain keeps its own tasks."""
from app.accounts import tasks as accounts_tasks
from app.intake import tasks as intake_tasks
from app.orders.kpi import service as kpi_service
from app.orders.notify import alerts, webhooks

MODULES = (accounts_tasks, intake_tasks, alerts, kpi_service, webhooks)
