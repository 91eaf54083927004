"""Master data comes in as CSV: bad rows are reported by line, good rows load, re-import updates."""
from __future__ import annotations

from sqlmodel import select

from app.catalog.models import Customer, CustomerXref, Product, Stock
from app.catalog.service import export_csv, import_csv

PRODUCTS = """sku,description,uom,pack_size,list_price,currency,active,product_line
HB-1240,Hex bolt M12x40 zinc,EA,1,0.85,USD,true,fasteners
WS-12,Washer 12mm,BX,100,4.20,USD,true,fasteners
BAD-1,Broken price,EA,1,abc,USD,true,fasteners
,No sku,EA,1,1.00,USD,true,fasteners
OLD-1,Discontinued part,EA,0,1.00,USD,false,fasteners
"""


def test_bad_rows_are_reported_by_line_and_good_rows_still_load(session):
    result = import_csv(session, "products", PRODUCTS)
    session.commit()
    assert result.created == 2
    assert [(e.line, e.message) for e in result.errors] == [
        (4, "list_price 'abc' is not a number"),
        (5, "sku is required"),
        (6, "pack_size must be at least 1"),
    ]
    assert sorted(session.exec(select(Product.sku)).all()) == ["HB-1240", "WS-12"]


def test_strict_import_loads_nothing_when_a_row_is_bad(session):
    result = import_csv(session, "products", PRODUCTS, strict=True)
    session.commit()
    assert result.loaded == 0 and len(result.errors) == 3
    assert session.exec(select(Product)).all() == []


def test_reimport_updates_instead_of_duplicating(session):
    import_csv(session, "products", PRODUCTS)
    again = import_csv(session, "products", PRODUCTS.replace("0.85", "0.90"))
    session.commit()
    assert again.created == 0 and again.updated == 2
    bolt = session.exec(select(Product).where(Product.sku == "HB-1240")).one()
    assert str(bolt.list_price).startswith("0.9")
    assert len(session.exec(select(Product)).all()) == 2


def test_cross_references_and_stock_check_what_they_refer_to(session):
    import_csv(session, "products", PRODUCTS)
    import_csv(session, "customers",
               "code,name,email_domains,automation\nACME,Acme Industrial,acme.com;ACME-ind.com,confident\n")
    xref = import_csv(session, "xref",
                      "customer_code,customer_part,sku\nACME,AC-778,HB-1240\nNOPE,X,HB-1240\nACME,Y,NOSUCH\n")
    stock = import_csv(session, "stock", "warehouse,sku,on_hand\nDAL,HB-1240,500\nDAL,WS-12,-3\n")
    session.commit()
    assert xref.created == 1 and [e.line for e in xref.errors] == [3, 4]
    assert stock.created == 1 and stock.errors[0].line == 3
    acme = session.exec(select(Customer)).one()
    assert acme.email_domains == "acme.com;acme-ind.com"
    assert session.exec(select(CustomerXref)).one().sku == "HB-1240"
    assert session.exec(select(Stock)).one().on_hand == 500


def test_export_round_trips(session):
    import_csv(session, "products", PRODUCTS)
    session.commit()
    text = export_csv(session, "products")
    assert text.splitlines()[0] == "sku,description,uom,pack_size,list_price,currency,active,product_line"
    again = import_csv(session, "products", text)
    assert again.errors == [] and again.updated == 2
