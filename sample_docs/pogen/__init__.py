"""Purchase-order generator: products, buyers, layouts, scans and master data."""
