"""Pages for managers: the KPI dashboard (inline SVG charts drawn here, no JS), the exceptions list
(staff) and an order's timeline (staff, or the order's own customer)."""
from __future__ import annotations

from datetime import date
from html import escape

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlmodel import select

from app.catalog.models import Customer
from app.core.clock import utcnow
from app.core.deps import SessionDep
from app.core.errors import NotFound
from app.orders.kpi import service as kpi_service
from app.orders.models import Order, OrderEvent, OrderLine, Shipment
from app.orders.notify import alerts
from app.web.access import AnyPage, PageRoute, StaffPage
from app.web.templating import templates

router = APIRouter(include_in_schema=False, route_class=PageRoute)

RATES = ("perfect_order_rate", "order_fill_rate", "line_fill_rate", "backorder_rate", "on_time_shipment_rate",
         "invoice_accuracy", "return_rate", "refund_rate", "touchless_rate")
TIMES = ("order_cycle_time", "delivery_cycle_time", "order_to_cash_time", "dso")


def fmt(name: str, value: object) -> str:
    if value is None:
        return "n/a"
    if name in RATES:
        return f"{float(value) * 100:.1f} %"
    if name in TIMES:
        return f"{float(value):.1f} d"
    if name == "average_order_value":
        return f"{float(value):,.2f}"
    return str(value)


def line_chart(title: str, points: list[tuple[str, float | None]], width: int = 420, height: int = 160,
               percent: bool = False) -> Markup:
    """A trend as an SVG polyline with the first and last labels and the min/max on the axis."""
    known = [(i, v) for i, (_, v) in enumerate(points) if v is not None]
    pad, top = 34, 22
    body = [f'<text x="4" y="14" class="t">{escape(title)}</text>']
    if known:
        lo, hi = min(v for _, v in known), max(v for _, v in known)
        if lo == hi:  # a flat line sits mid-chart
            pad = abs(lo) * 0.1 or 1.0
            lo, hi = (max(lo - pad, 0.0), hi + pad) if lo >= 0 else (lo - pad, hi + pad)
        n = max(len(points) - 1, 1)

        def xy(i: int, v: float) -> str:
            x = pad + (width - pad - 8) * i / n
            y = top + (height - top - 20) * (1 - (v - lo) / (hi - lo))
            return f"{x:.1f},{y:.1f}"

        label = (lambda v: f"{v * 100:.0f}%") if percent else (lambda v: f"{v:.1f}")
        body += [f'<line x1="{pad}" y1="{top}" x2="{pad}" y2="{height - 20}" class="ax"/>',
                 f'<line x1="{pad}" y1="{height - 20}" x2="{width - 8}" y2="{height - 20}" class="ax"/>',
                 f'<text x="2" y="{top + 8}" class="l">{label(hi)}</text>',
                 f'<text x="2" y="{height - 22}" class="l">{label(lo)}</text>',
                 f'<polyline points="{" ".join(xy(i, v) for i, v in known)}" class="pl"/>',
                 *[f'<circle cx="{xy(i, v).split(",")[0]}" cy="{xy(i, v).split(",")[1]}" r="2.5" class="pt">'
                   f'<title>{escape(points[i][0])}: {label(v)}</title></circle>' for i, v in known],
                 f'<text x="{pad}" y="{height - 6}" class="l">{escape(points[0][0])}</text>',
                 f'<text x="{width - 8}" y="{height - 6}" class="l" text-anchor="end">{escape(points[-1][0])}</text>']
    else:
        body.append(f'<text x="{width / 2}" y="{height / 2}" class="l" text-anchor="middle">no data</text>')
    return Markup(f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def bar_chart(title: str, bars: list[tuple[str, float | None]], width: int = 420, percent: bool = False) -> Markup:
    """A distribution as horizontal SVG bars, one per group, value printed at the end."""
    bars = [(k, v) for k, v in bars if v is not None][:12]
    row, left = 18, 120
    height = 26 + row * max(len(bars), 1)
    top = max((v for _, v in bars), default=0) or 1
    body = [f'<text x="4" y="14" class="t">{escape(title)}</text>']
    for i, (key, v) in enumerate(bars):
        y = 22 + i * row
        w = (width - left - 60) * v / top
        text = f"{v * 100:.1f}%" if percent else f"{v:,.1f}"
        body += [f'<text x="{left - 4}" y="{y + 12}" class="l" text-anchor="end">{escape(key[:18])}</text>',
                 f'<rect x="{left}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row - 5}" class="bar">'
                 f'<title>{escape(key)}: {text}</title></rect>',
                 f'<text x="{left + max(w, 1) + 4:.1f}" y="{y + 12}" class="l">{text}</text>']
    if not bars:
        body.append(f'<text x="{width / 2}" y="34" class="l" text-anchor="middle">no data</text>')
    return Markup(f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def _names(session, keys: list[str]) -> dict[str, str]:
    ids = [int(k) for k in keys if k.isdigit()]
    rows = session.exec(select(Customer.id, Customer.name).where(Customer.id.in_(ids))).all() if ids else []
    return {str(i): n for i, n in rows}


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: SessionDep, me: StaffPage, period: str = "week",
                   by: str = Query("customer"), from_: date | None = Query(None, alias="from"),
                   to: date | None = None):
    period = period if period in kpi_service.PERIODS else "week"
    by = by if by in ("customer", "product_line", "channel") else "customer"
    trend = kpi_service.cached(session, period, period, from_, to)
    split = kpi_service.cached(session, period, by, from_, to)
    names = _names(session, list(split["groups"])) if by == "customer" else {}
    series = list(trend["groups"].items())
    trends = [line_chart(name.replace("_", " "), [(k, g.get(name)) for k, g in series], percent=name in RATES)
              for name in ("orders", "order_cycle_time", "order_to_cash_time", "perfect_order_rate",
                           "on_time_shipment_rate", "order_fill_rate", "backorder_rate", "touchless_rate")]
    ranked = sorted(split["groups"].items(), key=lambda kv: -(kv[1].get("orders") or 0))
    bars = [bar_chart(f"{name.replace('_', ' ')} by {by.replace('_', ' ')}",
                      [(names.get(k, k), g.get(name)) for k, g in ranked], percent=name in RATES)
            for name in ("orders", "average_order_value", "on_time_shipment_rate", "return_rate")]
    total = [(name, fmt(name, value), trend["definitions"].get(name, "")) for name, value in trend["total"].items()
             if name != "orders"]
    return templates.TemplateResponse(request, "dashboard.html", {
        "trend": trend, "split": split, "trends": trends, "bars": bars, "total": total, "names": names,
        "period": period, "by": by, "fmt": fmt, "alerts": len(alerts.find_alerts(session))})


# What to do about each kind of exception, and whose move it is.
NEXT_MOVE = {"credit_check": ("validate and check credit", "clerk"), "allocation": ("allocate stock", "warehouse"),
             "shipment": ("pick, pack and ship", "warehouse"), "invoicing": ("invoice what shipped", "finance"),
             "credit_hold": ("release the credit hold, or ask for payment", "credit"),
             "invoice_overdue": ("chase the payment", "finance"),
             "backorder_late": ("allocate arriving stock or tell the customer a new date", "warehouse")}


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, session: SessionDep, me: StaffPage, mine: str = ""):
    """Exceptions as a worklist: customer, amount, how long, and the next move (by whom)."""
    found = alerts.find_alerts(session)
    if mine:
        found = [a for a in found if me.has(NEXT_MOVE.get(a.kind, ("", "admin"))[1])]
    ids = {a.order_id for a in found}
    orders = {o.id: o for o in session.exec(select(Order).where(Order.id.in_(ids))).all()} if ids else {}
    names = _names(session, [str(a.customer_id) for a in found])
    now = utcnow()
    rows = [{"alert": a, "order": orders.get(a.order_id), "customer": names.get(str(a.customer_id), ""),
             "age": (now - (a.since if a.since.tzinfo else a.since.replace(tzinfo=now.tzinfo))).total_seconds(),
             "next": NEXT_MOVE.get(a.kind, ("look at the order", "clerk"))} for a in found]
    return templates.TemplateResponse(request, "dashboard_alerts.html", {
        "rows": rows, "limits": alerts.limits(), "meaning": alerts.MEANING, "mine": bool(mine)})


@router.get("/orders/{order_id}/timeline", response_class=HTMLResponse)
def order_timeline(request: Request, session: SessionDep, me: AnyPage, order_id: int):
    order = session.get(Order, order_id)
    if order is None or not me.may_see(order.customer_id):
        raise NotFound("order_not_found", f"no order {order_id}")
    events = session.exec(select(OrderEvent).where(OrderEvent.order_id == order_id)
                          .order_by(OrderEvent.at, OrderEvent.id)).all()
    lines = session.exec(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.line_no)).all()
    ships = session.exec(select(Shipment).where(Shipment.order_id == order_id)).all()
    customer = session.get(Customer, order.customer_id)
    return templates.TemplateResponse(request, "order_timeline.html", {
        "order": order, "events": events, "lines": lines, "shipments": ships, "customer": customer})
