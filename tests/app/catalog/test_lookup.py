"""Matching sees master data as it is now, also after a re-import changes a row in place."""
from __future__ import annotations

from app.catalog.lookup import catalog
from app.catalog.service import import_csv

HEADER = "sku,description,uom,pack_size,list_price,active\n"


def test_a_reimported_description_is_matched_at_once(session):
    import_csv(session, "products", HEADER + "ZX-1,Grease gun 400 g,EA,1,12.00,true\n")
    session.commit()
    assert catalog(session).products.match_line(None, "grease gun")[0].reason
    import_csv(session, "products", HEADER + "ZX-1,Cordless drill 18 V,EA,1,99.00,true\n")
    session.commit()
    best = catalog(session).products.match_line(None, "cordless drill 18v")
    assert best and catalog(session).product_by_id[best[0].id].description == "Cordless drill 18 V"


def test_cached_rows_stay_readable_after_the_session_that_loaded_them_rolls_back(session):
    import_csv(session, "customers", "code,name\nACME,Acme Industrial\n")
    session.commit()
    cached = catalog(session)
    session.rollback()
    assert [c.name for c in cached.customer_by_id.values()] == ["Acme Industrial"]
