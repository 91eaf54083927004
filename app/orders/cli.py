"""`intake simulate` and `intake kpi rebuild`: demo history and KPI facts from the command line."""
from __future__ import annotations

import typer
from rich.progress import Progress

from app.core.config import get_settings
from app.core.console import err, progress_bar

cli = typer.Typer()
kpi_cli = typer.Typer(help="KPI facts.", no_args_is_help=True)


@kpi_cli.command("rebuild")
def kpi_rebuild() -> None:
    """Recompute every order's KPI facts from its rows (after raw SQL repairs or catalog changes)."""
    from sqlmodel import Session

    from app.core.db import get_engine
    from app.orders.kpi.store import rebuild

    with Session(get_engine(get_settings().db_url)) as session, progress_bar(2) as progress:
        task = progress.add_task("KPI facts", total=None)

        def done(upto: int, top: int) -> None:
            session.commit()  # one batch at a time: the dashboard keeps answering
            progress.update(task, completed=upto, total=top)

        n = rebuild(session, after_batch=done)
        session.commit()
    err.print(f"KPI facts rebuilt for {n} orders")


@cli.command()
def simulate(months: float = 3, orders_per_day: float = 20, seed: int = 0) -> None:
    """Simulate months of orders through the whole lifecycle (demo data for the dashboard)."""
    from sqlmodel import Session

    from app.core.db import get_engine
    from app.core.migrate import upgrade
    from app.orders.demo import DAYS_PER_MONTH, simulate

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(settings.db_url)
    with Session(get_engine(settings.db_url), expire_on_commit=False) as session, \
            Progress() as bar:
        task = bar.add_task("simulating days", total=max(1, int(months * DAYS_PER_MONTH)))
        counts = simulate(session, months=months, orders_per_day=orders_per_day, seed=seed,
                          progress=lambda d: bar.update(task, completed=d))
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
