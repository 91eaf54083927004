"""Sample purchase orders with their truth files, and demo master data."""
