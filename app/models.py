"""Every table, so that SQLModel.metadata (and Alembic, app/migrations/env.py) sees them all:
importing a module that defines tables registers them."""
from sqlmodel import SQLModel

from app.accounts import models as accounts_models
from app.catalog import models as catalog_models
from app.core import idempotency, numbers
from app.intake import models as intake_models
from app.orders import models as orders_models
from app.orders.kpi import models as kpi_models

TABLE_MODULES = (accounts_models, catalog_models, idempotency, numbers, intake_models, orders_models, kpi_models)
metadata = SQLModel.metadata
