"""Every background task of the service: importing this module declares them all with the queue
(app.core.queue), so a worker process runs each of them. Each domain keeps its own tasks."""
from app.accounts import tasks as accounts_tasks
from app.intake import tasks as intake_tasks
from app.orders import alerts, kpi_service, webhooks

MODULES = (accounts_tasks, intake_tasks, alerts, kpi_service, webhooks)
