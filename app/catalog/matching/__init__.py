"""Matching an incoming order to master data: the customer and each line's product.

Pure logic: records in, `Match`es out (no database, no request). The service
builds a `CustomerMatcher` and a `ProductIndex` from its rows once and reuses them.
"""
from app.catalog.matching.customers import CustomerMatcher
from app.catalog.matching.products import ProductIndex
from app.catalog.matching.records import CustomerRecord, Match, ProductRecord

__all__ = ["CustomerMatcher", "CustomerRecord", "Match", "ProductIndex", "ProductRecord"]
