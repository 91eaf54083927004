"""Master data: customers, products, prices, warehouses and stock (models), CSV import and export
(csvio, service, routes), the cached indexes the matchers use (lookup), matching an order to
customers and products (matching/) and the clerk's typeahead search (search)."""
