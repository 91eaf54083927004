"""Demo master data as CSV: customers, products, cross-references, prices,
warehouses and stock, matching the generated buyers and products."""
from __future__ import annotations

import csv
import random
from pathlib import Path

from .catalog import products
from .parties import BUYERS, xref
from .prices import price_rows

HEADERS = {
    "customers.csv": ["code", "name", "email_domains", "sender_addresses", "bill_to", "ship_to", "credit_limit",
                      "payment_terms", "price_list", "currency", "automation", "priority"],
    "products.csv": ["sku", "description", "uom", "pack_size", "list_price", "currency", "active", "product_line"],
    "xref.csv": ["customer_code", "customer_part", "sku"],
    "prices.csv": ["price_list", "sku", "unit_price", "currency", "min_qty"],
    "warehouses.csv": ["code", "name", "address"],
    "stock.csv": ["warehouse", "sku", "on_hand"],
}
WAREHOUSES = (
    ("TAM", "Tamworth main warehouse", "Unit 4, Tame Valley Business Park, Tamworth B77 5BY, United Kingdom"),
    ("DAL", "Dallas distribution centre", "2250 Valley View Ln, Farmers Branch, TX 75234, USA"),
    ("RTM", "Rotterdam EU hub", "Reeweg 22, 3088 KA Rotterdam, Netherlands"),
)


def rows() -> dict[str, list[list]]:
    """Every CSV's rows (without the header), deterministic."""
    customers = [[b.code, b.name, b.domain, ";".join(b.senders), b.bill_to.one_line(),
                  ";".join(a.one_line() for a in b.ship_to), b.credit_limit, b.terms, b.price_list, b.currency,
                  b.automation, b.priority] for b in BUYERS]
    prods = [[p.sku, p.description, p.uom, p.pack_size, f"{p.list_price:.2f}", "USD",
              "true" if p.active else "false", p.product_line] for p in products()]
    xrefs = [[b.code, part, sku] for b in BUYERS for sku, part in sorted(xref(b.code).items())]
    prices = [[pl, sku, f"{price:.2f}", cur, mq] for pl, sku, price, cur, mq in price_rows()]
    rng = random.Random("stock")
    stock = []
    for code, _name, _addr in WAREHOUSES:
        for p in products():
            qty = 0 if (not p.active or rng.random() < 0.08) else rng.randint(1, 60) * (10 if p.pack_size == 1 else 2)
            stock.append([code, p.sku, qty])
    return {"customers.csv": customers, "products.csv": prods, "xref.csv": xrefs, "prices.csv": prices,
            "warehouses.csv": [list(w) for w in WAREHOUSES], "stock.csv": stock}


def write_master(out_dir: Path) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in rows().items():
        path = out_dir / name
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADERS[name])
            w.writerows(data)
        paths.append(path)
    return paths
