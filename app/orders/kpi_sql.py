"""The KPI sums in SQL: one statement gives one row of sums per group key, so no Python object is
built per order. The sums are what the pure definitions of `kpis.py` divide (see `kpi_service`).

Per order (or, by product line, per slice of an order) the statement works out the same facts the
record mapping of `kpi_service` states; dates differ through `Dialect.days` (julianday on SQLite,
EXTRACT(EPOCH ...) on PostgreSQL). Money and quantities are summed exactly: NUMERIC on PostgreSQL,
scaled integers on SQLite (which keeps NUMERIC as floats).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import text
from sqlmodel import Session

MONEY_SCALE = 10 ** 8  # line amounts are quantity (4 places) x price (4 places)
QTY_SCALE = 10 ** 4
NO_LINE = "(none)"
# child rows of the window's orders lie in one id range when ids follow entry time: scan just that range
IN_RANGE = "{} BETWEEN (SELECT MIN(id) FROM o) AND (SELECT MAX(id) FROM o)"

# name -> kind of sum: "n" a count, "q" an exact quantity, "m" exact money, "f" a float (days)
SUMS = {
    "orders": "n", "touchless": "n", "inv": "n", "inv_ok": "n", "shipped_units": "q", "returned_units": "q",
    "live": "n", "value": "m", "refunded": "m", "backordered": "n", "filled_orders": "n", "lines": "n",
    "filled_lines": "n", "cycle_n": "n", "cycle_days": "f", "delivery_n": "n", "delivery_days": "f",
    "promised_n": "n", "on_time": "n", "perfect": "n", "o2c_n": "n", "o2c_days": "f",
}


@dataclass(frozen=True)
class Dialect:
    """The few expressions SQLite and PostgreSQL spell differently."""

    sqlite: bool

    def days(self, start: str, end: str) -> str:
        if self.sqlite:
            return f"(julianday({end}) - julianday({start}))"
        return f"(EXTRACT(EPOCH FROM ({end} - {start})) / 86400.0)"

    def day(self, value: str) -> str:
        return f"date({value})" if self.sqlite else f"CAST(({value}) AT TIME ZONE 'UTC' AS DATE)"

    def exact_sum(self, expr: str, scale: int) -> str:
        return f"SUM(CAST(ROUND(({expr}) * {scale}) AS INTEGER))" if self.sqlite else f"SUM({expr})"

    def exact(self, value: object, scale: int) -> Decimal:
        if value is None:
            return Decimal(0)
        return Decimal(value) / scale if self.sqlite else Decimal(value)

    def backordered_lines(self) -> str:
        """(order_id, line_no) named by the `backordered` events in `ev`."""
        if self.sqlite:
            return ("SELECT DISTINCT ev.order_id, CAST(json_extract(j.value, '$.line_no') AS INTEGER) AS line_no "
                    "FROM ev, json_each(ev.details, '$.lines') j WHERE ev.type = 'backordered'")
        return ("SELECT DISTINCT ev.order_id, CAST(j.value ->> 'line_no' AS INTEGER) AS line_no FROM ev "
                "CROSS JOIN LATERAL json_array_elements(CAST(ev.details AS json) -> 'lines') AS j(value) "
                "WHERE ev.type = 'backordered'")

    def param(self, value: datetime) -> object:
        """A timestamp as the column stores it: UTC text on SQLite, timestamptz on PostgreSQL."""
        value = value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.strftime("%Y-%m-%d %H:%M:%S.%f") if self.sqlite else value


def dialect_of(session: Session) -> Dialect:
    return Dialect(session.get_bind().dialect.name == "sqlite")


def _statement(d: Dialect, key: str) -> str:
    """Sums per group key. `key` is "day", "customer", "channel" or "product_line"."""
    by_line = key == "product_line"
    group = {"day": d.day("o.created_at"), "customer": "o.customer_id", "channel": "o.channel",
             "product_line": "u.slice"}[key]
    slice_ = f"COALESCE(p.product_line, '{NO_LINE}')" if by_line else "''"
    product = "LEFT JOIN product p ON p.sku = l.sku" if by_line else ""
    net = "(l.ordered - l.cancelled)"
    shipped_at = "CASE WHEN ol.short = 0 AND ol.net > 0 THEN sh.shipped_at END"
    live_shipped = f"f.live = 1 AND f.shipped_at IS NOT NULL"
    on_time = f"{live_shipped} AND f.promised IS NOT NULL AND {d.day('f.shipped_at')} <= f.promised"
    return f"""
WITH o AS (
  SELECT id, customer_id, channel, created_at, COALESCE(promised_date, requested_date) AS promised,
         CASE WHEN state = 'cancelled' THEN 0 ELSE 1 END AS live, CASE WHEN touchless THEN 1 ELSE 0 END AS touchless,
         payment_status
  FROM "order" WHERE created_at >= :lo AND created_at < :hi),
ev AS (SELECT e.order_id, e.type, e.details FROM o JOIN orderevent e ON e.order_id = o.id
       WHERE e.type IN ('allocated', 'backordered') AND {IN_RANGE.format("e.order_id")}),
bo AS ({d.backordered_lines()}),
al AS (SELECT DISTINCT order_id FROM ev),
inv AS (SELECT i.id, i.order_id, i.kind, i.status FROM o JOIN invoice i ON i.order_id = o.id
        WHERE {IN_RANGE.format("i.order_id")}),
rf AS (SELECT il.order_line_id, SUM(il.amount) AS amount FROM inv JOIN invoiceline il ON il.invoice_id = inv.id
       WHERE inv.kind = 'credit_note' GROUP BY il.order_line_id),
ln AS (
  SELECT l.order_id, {slice_} AS slice, {net} AS net, l.shipped, l.returned, {net} * l.unit_price AS amount,
         COALESCE(rf.amount, 0) AS refunded, CASE WHEN bo.line_no IS NULL THEN 0 ELSE 1 END AS named,
         CASE WHEN {net} <= 0 OR (al.order_id IS NOT NULL AND bo.line_no IS NULL) THEN 1 ELSE 0 END AS filled,
         CASE WHEN l.shipped < {net} THEN 1 ELSE 0 END AS short
  FROM o JOIN orderline l ON l.order_id = o.id {product}
  LEFT JOIN al ON al.order_id = l.order_id
  LEFT JOIN bo ON bo.order_id = l.order_id AND bo.line_no = l.line_no
  LEFT JOIN rf ON rf.order_line_id = l.id
  WHERE {IN_RANGE.format("l.order_id")}),
ol AS (SELECT order_id, SUM(net) AS net, SUM(short) AS short FROM ln GROUP BY order_id),
u AS (
  SELECT order_id, slice, COUNT(*) AS lines, SUM(filled) AS filled_lines, MIN(filled) AS all_filled,
         MAX(named) AS named, {d.exact_sum('shipped', QTY_SCALE)} AS shipped,
         {d.exact_sum('returned', QTY_SCALE)} AS returned, {d.exact_sum('amount', MONEY_SCALE)} AS amount,
         {d.exact_sum('refunded', MONEY_SCALE)} AS refunded
  FROM ln GROUP BY order_id, slice),
sh AS (SELECT s.order_id, MAX(s.shipped_at) AS shipped_at, MAX(s.delivered_at) AS delivered_at,
              SUM(CASE WHEN s.delivered_at IS NULL THEN 1 ELSE 0 END) AS undelivered
       FROM o JOIN shipment s ON s.order_id = o.id WHERE {IN_RANGE.format("s.order_id")} GROUP BY s.order_id),
iv AS (SELECT order_id, SUM(CASE WHEN kind = 'invoice' THEN 1 ELSE 0 END) AS n,
              SUM(CASE WHEN kind = 'invoice' AND status = 'corrected' THEN 1 ELSE 0 END) AS corrected
       FROM inv GROUP BY order_id),
pd AS (SELECT inv.order_id, MAX(p.received_at) AS paid_at FROM inv JOIN payment p ON p.invoice_id = inv.id
       GROUP BY inv.order_id),
dm AS (SELECT DISTINCT r.order_id FROM o JOIN returnrequest r ON r.order_id = o.id
       JOIN returnline x ON x.return_id = r.id WHERE x.disposition = 'damaged' AND {IN_RANGE.format("r.order_id")}),
f AS (
  SELECT {group} AS k, o.live, o.touchless, o.created_at, o.promised, o.payment_status,
         COALESCE(u.lines, 0) AS lines, COALESCE(u.filled_lines, 0) AS filled_lines,
         COALESCE(u.all_filled, 1) AS all_filled, COALESCE(u.named, 0) AS named, u.shipped, u.returned, u.amount,
         u.refunded, {shipped_at} AS shipped_at, sh.delivered_at, COALESCE(sh.undelivered, 0) AS undelivered,
         COALESCE(iv.n, 0) AS inv, COALESCE(iv.corrected, 0) AS corrected, pd.paid_at,
         CASE WHEN dm.order_id IS NULL THEN 0 ELSE 1 END AS damaged
  FROM o {"JOIN" if by_line else "LEFT JOIN"} u ON u.order_id = o.id
  LEFT JOIN ol ON ol.order_id = o.id LEFT JOIN sh ON sh.order_id = o.id LEFT JOIN iv ON iv.order_id = o.id
  LEFT JOIN pd ON pd.order_id = o.id LEFT JOIN dm ON dm.order_id = o.id)
SELECT f.k, COUNT(*), SUM(f.touchless), SUM(f.inv), SUM(f.inv - f.corrected), SUM(f.shipped), SUM(f.returned),
       SUM(f.live), SUM(CASE WHEN f.live = 1 THEN f.amount END), SUM(CASE WHEN f.live = 1 THEN f.refunded END),
       SUM(CASE WHEN f.live = 1 THEN f.named ELSE 0 END), SUM(CASE WHEN f.live = 1 THEN f.all_filled ELSE 0 END),
       SUM(CASE WHEN f.live = 1 THEN f.lines ELSE 0 END), SUM(CASE WHEN f.live = 1 THEN f.filled_lines ELSE 0 END),
       SUM(CASE WHEN {live_shipped} THEN 1 ELSE 0 END),
       SUM(CASE WHEN {live_shipped} THEN {d.days('f.created_at', 'f.shipped_at')} END),
       SUM(CASE WHEN {live_shipped} AND f.delivered_at IS NOT NULL AND f.undelivered = 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN {live_shipped} AND f.delivered_at IS NOT NULL AND f.undelivered = 0
                THEN {d.days('f.created_at', 'f.delivered_at')} END),
       SUM(CASE WHEN {live_shipped} AND f.promised IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN {on_time} THEN 1 ELSE 0 END),
       SUM(CASE WHEN {on_time} AND f.corrected = 0 AND f.damaged = 0 THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.live = 1 AND f.payment_status = 'paid' AND f.paid_at IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN f.live = 1 AND f.payment_status = 'paid' AND f.paid_at IS NOT NULL
                THEN {d.days('f.created_at', 'f.paid_at')} END)
FROM f GROUP BY f.k"""


def group_sums(session: Session, lo: datetime, hi: datetime, key: str) -> dict[str, dict]:
    """{group key (a day as 'YYYY-MM-DD' for key="day"): {sum name: value}} for orders entered in [lo, hi)."""
    d = dialect_of(session)
    rows = session.connection().execute(text(_statement(d, key)), {"lo": d.param(lo), "hi": d.param(hi)}).all()
    out = {}
    for k, *values in rows:
        sums = {}
        for (name, kind), v in zip(SUMS.items(), values):
            if kind == "n":
                sums[name] = int(v or 0)
            elif kind == "q":
                sums[name] = d.exact(v, QTY_SCALE)
            elif kind == "m":
                sums[name] = d.exact(v, MONEY_SCALE)
            else:
                sums[name] = float(v or 0)
        out[str(k)] = sums
    return out
