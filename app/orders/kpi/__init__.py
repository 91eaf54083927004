"""KPIs: their definitions as pure functions over plain records (definitions, groups), each order's
term of every KPI sum (facts) kept in fact tables (models) by the store and the hooks in the same
transaction as every change, and the SQL sums the dashboard reads (sql, dso, service)."""
