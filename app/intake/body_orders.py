"""No wrong order without a human: what an order written in an email body needs to be created
untouched (issue #12). Pure: the working data and the extraction in, issues out.

Free text is read by rules, not printed in boxes: an order from it is created untouched only when
the sender is trusted (validation's `untrusted_sender`, one predicate: orderdata.sender_trusted),
every line matched a product with high confidence and a margin over the next candidate, every
quantity was read unambiguously, the delivery address is one on file, and the email does not
point at an earlier order or a quote. Each of these issues blocks whatever the automation level:
they are about what the order says, not about how sure a field reader was.
"""
from __future__ import annotations

from app.intake.validation import Issue

SKU_MIN = 0.85  # a line's product match score needed to create the order untouched (a customer's
# part number in the cross reference scores 0.88 when its description is in another language) ...
SKU_MARGIN = 0.1  # ... ahead of the next candidate by at least this much
QUANTITY_MIN = 0.7  # a quantity read with less confidence than this was ambiguous or a guess
REFERENCE_CODES = {"email:reorder": "reorder_reference", "email:quote": "quote_reference"}
# Lines read from a list or a table; any other rule read a line out of a sentence.
LISTED_RULES = ("email:line", "email:line_deleted", "email:email_table_header", "email:item_qty_pairs")


def body_order_issues(data: dict, fields: dict, warnings: list[str] = ()) -> list[Issue]:
    """The blocking issues of an order read from an email body (`fields`: the extraction's
    field details by name, as in its result's "fields"; `warnings`: the extraction's)."""
    issues: list[Issue] = []
    for i, line in enumerate(data.get("line_items") or []):
        issues += _line_issues(i, line)
    unread = [w.split(": ", 1)[1] for w in warnings if w.startswith("unread_line: ")]
    if unread:
        issues.append(Issue("unread_line", f"{len(unread)} line(s) of the email look like order lines but were not "
                            f"read: {'; '.join(unread)[:300]}", field="line_items"))
    reference = fields.get("references_order")
    if reference:
        issues.append(_reference_issue(reference, data.get("reorder_of")))
    if data.get("ship_to_one_off"):
        issues.append(Issue("one_off_ship_to", f"deliver to '{data.get('ship_to')}', which is not an address on "
                            "file for this customer", field="ship_to"))
    return issues


def _line_issues(i: int, line: dict) -> list[Issue]:
    where, n = f"line_items[{i}]", i + 1
    out = []
    match = line.get("match") or {}
    score = match.get("score") or 0.0
    others = [c.get("score") or 0.0 for c in match.get("candidates") or []]
    if line.get("our_sku") and (score < SKU_MIN or (others and score - max(others) < SKU_MARGIN)):
        runner = f", next candidate {max(others):.0%}" if others else ""
        out.append(Issue("uncertain_sku", f"line {n}: {line['our_sku']} matched {score:.0%}{runner} "
                         f"({match.get('reason', '')})", field=f"{where}.sku"))
    source = line.get("source") or {}
    rule = source.get("rule") or ""
    if rule and not rule.startswith(LISTED_RULES) and not line.get("sku"):
        out.append(Issue("line_in_prose", f"line {n} was read out of a sentence by its words only "
                         f"('{line.get('description')}'): check it", field=where))
    quantity_conf = source.get("quantity_confidence")
    if quantity_conf is not None and quantity_conf < QUANTITY_MIN:
        out.append(Issue("ambiguous_quantity", f"line {n}: the quantity {line.get('quantity')} could be read "
                         f"another way ({quantity_conf:.2f})", field=f"{where}.quantity"))
    return out


def _reference_issue(reference: dict, reorder_of: str | None) -> Issue:
    code = REFERENCE_CODES.get(reference.get("rule") or "", "reorder_reference")
    written = reference.get("value")
    if code == "quote_reference":
        return Issue(code, f"the email takes up a quote ('{written}'): check the lines against the quote",
                     field="line_items")
    found = f"; the lines of {reorder_of} are filled in" if reorder_of else "; no earlier order of this customer found"
    return Issue(code, f"the email repeats an earlier order ('{written}'){found}: check them", field="line_items")
