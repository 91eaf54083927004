"""Master data as CSV that several tests load: one customer (Acme, trusted by its sender address
and domain, automation `confident`) and two fasteners."""

CUSTOMERS = """code,name,email_domains,sender_addresses,ship_to,automation,price_list
ACME,Acme Industrial Supply Inc.,acme-industrial.example,purchasing@acme-industrial.example,"1200 Commerce St, Dallas, TX 75201",confident,
"""
PRODUCTS = """sku,description,uom,pack_size,list_price,active
HB-1240,Hex bolt M12x40 zinc,EA,1,0.85,true
NT-0012,Hex nut M12 zinc,EA,1,0.12,true
"""
