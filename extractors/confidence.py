"""The calibration table: every confidence the extractors give a value, and every factor that
moves one, named for what it means.

A confidence is 0..1, how sure a reader is that the value is right. A PO header field read
beside its label starts from the label's strength (po/labels.py: 1.0 for an unambiguous label),
times where the value stood and the lowest confidence of its words (1.0 for a text layer, OCR
otherwise); every other value starts from a constant here, and the cross-checks then scale
them. Values are as tuned on the dev documents; two names share a value where they mean
different things. Thresholds on tesseract's own word confidences (ocr/words.py,
ocr/repair/dates.py) are about reading, not calibration, and stay with the readers.
"""
from __future__ import annotations

# --- PO header fields beside a label (po/header.py, po/label_hits.py) ---------------------
VALUE_AFTER_LABEL = 1.0  # "PO #: 4711": the value follows the label in the same phrase
VALUE_RIGHT_OF_LABEL = 0.95  # the next phrase to the right on the label's line
VALUE_BELOW_LABEL = 0.85  # under the label, as in a header row with its values underneath
FUZZY_LABEL = 0.9  # factor on a label's strength when OCR misspelled it ("Deliver Td")
PO_NUMBER_BY_TITLE = 0.6  # no label: an identifier printed beside "PURCHASE ORDER"

# --- Parties (po/parties.py, po/extract.py) -------------------------------------------------
PARTY_BLOCK = 0.85  # factor on the label's strength: a whole address block (ship-to, bill-to)
PARTY_FIRST_LINE = 0.8  # factor on the label's strength: only the block's first line (a name)
LETTERHEAD_COMPANY = 0.6  # no buyer label: a company name (Inc., GmbH) at the top of page 1
LETTERHEAD_FIRST_LINE = 0.35  # no company suffix either: the first capitalised phrase up top
BUYER_FROM_BILL_TO = 0.55  # no letterhead company: the bill-to block's first line
WINDOW_ADDRESS = 0.4  # no supplier label: a name with an address under it, left on page 1
SELLER_ISSUED = 0.8  # factor when buyer and supplier swap on a seller's order confirmation

# --- Currency (po/extract.py) -----------------------------------------------------------------
CURRENCY_BY_AMOUNT = 0.8  # the sign or code printed with the total (or subtotal)
CURRENCY_ON_PAGES = 0.5  # the commonest sign or code on the pages, plus ...
CURRENCY_ON_PAGES_SHARE = 0.4  # ... this times its share of all currency marks on them

# --- Item rows (po/rows.py) -------------------------------------------------------------------
ITEM_ADDS_UP = 0.9  # quantity x unit price = amount on the row
ITEM_UNCONFIRMED = 0.6  # the row's figures do not confirm each other

# --- Cross-checks (po/checks.py): factors on the values they confirm or contradict -----------
SUBTOTAL_MATCHES_LINES = 1.15  # the item amounts add up to the subtotal
SUBTOTAL_DIFFERS_FROM_LINES = 0.85  # they do not
TOTALS_ADD_UP = 1.15  # subtotal + tax + shipping = total (on each of them)
TOTALS_DISAGREE = 0.8  # they do not
AMOUNT_FROM_QTY_X_PRICE = 0.7  # a misread item amount replaced by quantity x price
ITEM_DISAGREES = 0.8  # an item whose quantity x price is not its amount
SUBTOTAL_DERIVED = 0.6  # no subtotal printed: the items' sum, confirmed by total - tax

# --- OCR repairs (ocr/repair/) ----------------------------------------------------------------
OCR_REPAIR = 0.7  # factor: a number the arithmetic repaired is less sure than one read cleanly
TOTAL_BY_SUM = 0.6  # a total whose label OCR garbled, found as subtotal + tax (+ shipping)
DATE_BY_CHRONOLOGY = 0.5  # a date whose label OCR garbled, placed by order before delivery

# --- Emails: PO number, ship-to and dates of a body (email/extract.py, email/body/extract.py)
PO_LABEL_IN_TEXT = 0.9  # "PO 77812", "purchase order #4711"
REFERENCE_IN_TEXT = 0.7  # "same again as LFO-2291", "as quoted": the earlier order or quote the email takes up
PO_SHAPED_IN_TEXT = 0.8  # "NSF-PO-118021": an identifier with PO in it, no label
ORDER_NUMBER_IN_TEXT = 0.7  # "order no. 4711", "our ref 88-12": maybe not the PO number
PO_LABEL_IN_SUBJECT = 0.8  # the same patterns in the subject, when the body has none
ORDER_NUMBER_IN_SUBJECT = 0.6  # "order no. 4711" in the subject
SHIP_TO_LABELLED = 0.85  # "Ship to: ..." and the lines under it
SHIP_TO_BELOW = 0.75  # "to the address below:" and the lines under it
SHIP_TO_INLINE = 0.75  # "deliver to 12 Harbour Rd, Leeds by ..."
SHIP_TO_SITE = 0.7  # "to our Dallas site"
DATE_WITHOUT_CUE = 0.8  # factor: a forward date ("next Tuesday") with no "by", "deliver" before it
AMBIGUOUS_DATE = 0.7  # a delivery date read below this gets an ambiguous_date warning

# --- Emails: dates in text (email/body/dates.py); "anchored" = resolved against the day the
# email arrived, otherwise against today
ISO_DATE = 0.95  # 2024-03-05
NUMERIC_DATE = 0.9  # 13/03/2024: a part over 12 says which is the day
DOTTED_DATE = 0.85  # 05.03.2024: day first wherever dots are used
AMBIGUOUS_NUMERIC_DATE = 0.6  # 05/03/2024: the reading nearest the email's day wins
SHORT_NUMERIC_DATE = 0.6  # 3/22, 22.3.: no year
WRITTEN_DATE = 0.9  # "March 5, 2024", "5th of March 2024"
WRITTEN_DATE_NO_YEAR = 0.85  # "March 5", anchored
WRITTEN_DATE_NO_YEAR_UNANCHORED = 0.6  # the same, unanchored
WEEKDAY = 0.85  # "by Friday", "next Tuesday", anchored
WEEKDAY_UNANCHORED = 0.5  # the same, unanchored
DAY_OF_MONTH = 0.8  # "by the 14th", anchored
DAY_OF_MONTH_UNANCHORED = 0.5  # the same, unanchored
WEEKDAY_CHECKED_DATE = 0.9  # "Friday 11/13", "viernes 13": the weekday fits the date (or picks the reading)
WEEKDAY_MISMATCH = 0.6  # factor: the weekday written with a date fits none of its readings
RELATIVE_DATE = 0.8  # "tomorrow", "in 2 weeks", "end of the month", anchored
RELATIVE_DATE_UNANCHORED = 0.5  # the same, unanchored

# --- Emails: order lines mentioned in a body, by the finder that read them (email/body/) ----
LINE_WITH_CODE = 0.9  # one order line to a line of text, with an item code (email/body/lines.py)
LINE_WITHOUT_CODE = 0.8  # the same, described in words only
LINE_DELETED = 0.6  # "Pos. 5 ...: streichen": a listed line deleted, read as quantity 0
AMBIGUOUS_QUANTITY = 0.4  # factor: two different numbers could be the line's quantity
BULLET_WITH_CODE = 0.85  # "- 40 x HB-1240 hex bolt"
BULLET_WITHOUT_CODE = 0.75  # "- 40 hex bolts"
BULLET_CODE_FIRST = 0.85  # "HB-1240 - bolt: 40"
DESCRIPTION_THEN_QTY = 0.8  # "Hex bolt M12x40, part no. HB-1240 - 40 pcs"
ITEM_THEN_QTY_LINES = 0.85  # "Item: HB-1240" with "Qty: 40" on the next line
CODE_QTY = 0.85  # "HB-1240 qty 40"
QTY_X_CODE = 0.9  # "40 x HB-1240"
QTY_UNIT_OF = 0.8  # "2 boxes of the 12mm washers"
QTY_OF_LABELLED_CODE = 0.85  # "500 units of SKU 88-1002 (blue caps)"
QTY_UNIT_DESCRIPTION = 0.75  # "100 Stk. Schrauben M6x20"
QTY_X_DESCRIPTION = 0.75  # "bitte 3x Akku-Schrauber ..."
BARE_QTY_IN_SENTENCE = 0.6  # "can you do 500 M6 nylocs": no unit, no 'x', no code; a clerk checks it
QTY_CODE = 0.7  # "12 more HB-1240"
CODE_X_QTY = 0.8  # "BV-050 ball valve x 20"
QTY_LABEL_CODE = 0.85  # "Qty: 5, Part: FL-330 (air filter)"
CODE_TO_QTY = 0.7  # "change SKU LT-77 to 30 units"
QTY_WORDS_CODE = 0.7  # "2 toner cartridges TN-243"
TABLE_WITH_HEADER = 0.85  # a typed table under a header row naming its columns
TABLE_BY_SHAPE = 0.8  # a typed table without one: columns told apart by their shape
