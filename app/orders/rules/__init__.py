"""The order's pure rules: values in, values out, no session and no request. The quantity ledger of
a line (ledger), the statuses derived from it (statuses), which action may happen in which state
(transitions), stock allocation across orders (allocation) and the credit decision (credit)."""
