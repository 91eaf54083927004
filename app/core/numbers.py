"""Gapless numbers (orders, invoices, credit notes), taken under a row lock."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, select


class NumberSequence(SQLModel, table=True):
    """Gapless counters (invoices, credit notes, orders), advanced under a row lock."""

    name: str = Field(primary_key=True)
    next_value: int = 1


def next_number(session: Session, name: str, prefix: str, width: int = 6) -> str:
    """The next number of a sequence; it is only used if the transaction commits."""
    for _ in range(2):
        stmt = (update(NumberSequence).where(NumberSequence.name == name)
                .values(next_value=NumberSequence.next_value + 1).returning(NumberSequence.next_value))
        value = session.execute(stmt).scalar()
        if value is not None:
            return f"{prefix}{value - 1:0{width}d}"
        try:
            with session.begin_nested():
                session.add(NumberSequence(name=name, next_value=1))
        except IntegrityError:  # another transaction created it first
            pass
    raise RuntimeError(f"cannot advance sequence {name}")


def peek(session: Session, name: str) -> int:
    row = session.exec(select(NumberSequence).where(NumberSequence.name == name)).first()
    return row.next_value if row else 1
