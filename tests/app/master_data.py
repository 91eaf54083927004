"""Master data as CSV that several tests load: Acme (trusted by its sender address and domain) and
two fasteners."""

CUSTOMER_HEADER = "code,name,email_domains,sender_addresses,ship_to,automation,price_list\n"


def acme(automation: str = "confident") -> str:
    """Acme's customers.csv row, with the automation level a test needs."""
    return ("ACME,Acme Industrial Supply Inc.,acme-industrial.example,purchasing@acme-industrial.example,"
            f'"1200 Commerce St, Dallas, TX 75201",{automation},\n')


CUSTOMERS = CUSTOMER_HEADER + acme()
PRODUCTS = """sku,description,uom,pack_size,list_price,active
HB-1240,Hex bolt M12x40 zinc,EA,1,0.85,true
NT-0012,Hex nut M12 zinc,EA,1,0.12,true
"""
