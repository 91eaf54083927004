"""Fragments combined at random: intent (with {obj}) + optional reason + optional ask.

Combining fragments gives far more wordings than whole-sentence templates.
"""

OBJ = ["our order {po}", "PO {po}", "purchase order {po}", "order #{po}", "the order we placed on {date}",
       "my order from this morning", "our last order", "sales order {so}", "order no. {po}", "the {sku} order",
       "our PO number {po}", "the order for {qty} x {sku}", "ref {po}", "order {po} ({qty} pcs {sku})",
       "yesterday's order", "the attached PO", "our open order", "the order I sent last week"]

INTENT = {
    "new_order": [
        "please ship {items}", "we need {items}", "kindly supply {items}", "can you send us {items}",
        "could we get {items}", "i'd like to order {items}", "we want to order {items}",
        "please deliver {items}", "we would like to purchase {items}", "please book {items} for us",
        "need {items}", "send {items} please", "pls deliver {items}", "please arrange {items} for us",
        "we'd like to place an order for {items}", "please process our new order for {items}",
        "here is our order: {items}", "please confirm and ship {items}", "can i get {items}",
        "we will take {items}", "please restock us with {items}", "go ahead and send {items}",
        "order {items} for us please", "we hereby order {items}", "please put us down for {items}",
        "let's go ahead with {items}", "please find our PO {po} for {items}",
    ],
    "change_order": [
        "please change {obj}", "can you amend {obj}", "we need to modify {obj}", "please update {obj}",
        "could you adjust {obj}", "we need a change on {obj}", "small correction to {obj}",
        "please revise {obj}", "there is a change to {obj}", "we have to alter {obj}",
        "correction for {obj}", "please make a change on {obj}", "update to {obj}",
        "we'd like to edit {obj}", "please correct {obj}", "one change on {obj}",
    ],
    "cancel_order": [
        "please cancel {obj}", "we need to cancel {obj}", "kindly cancel {obj}", "could you cancel {obj}",
        "we have to cancel {obj}", "please withdraw {obj}", "cancel {obj}", "we are cancelling {obj}",
        "please stop {obj}", "we no longer need {obj}, please cancel it", "please void {obj}",
        "we would like to cancel {obj}", "please disregard {obj}, it is cancelled", "scrap {obj} please",
        "please annul {obj}", "we want to call off {obj}", "please don't process {obj}, cancel it",
        "{obj} is cancelled", "we must cancel {obj}", "can we still cancel {obj}?",
    ],
    "status_inquiry": [
        "what is the status of {obj}?", "when will {obj} ship?", "any update on {obj}?",
        "where is {obj}?", "has {obj} shipped?", "can you give me an eta for {obj}?",
        "when can we expect {obj}?", "is {obj} on its way?", "could you check on {obj}?",
        "please send tracking for {obj}", "did {obj} go out yet?", "what's happening with {obj}?",
        "can you confirm the delivery date of {obj}?", "we are still waiting for {obj}",
        "{obj} has not arrived yet", "following up on {obj}", "is {obj} still on schedule?",
        "please confirm you received {obj}", "any news about {obj}?", "how is {obj} progressing?",
        "when does {obj} arrive?", "we haven't heard anything about {obj}",
    ],
    "return_request": [
        "we want to return {thing}", "can we send back {thing}?", "please arrange a return for {thing}",
        "we need an rma for {thing}", "how can we return {thing}?", "please pick up {thing}",
        "we would like to exchange {thing}", "we are sending back {thing}", "please take back {thing}",
        "request to return {thing}", "please authorize the return of {thing}", "we'd like a refund for {thing}",
        "please replace {thing}", "we reject {thing} and want to return it", "i want to send back {thing}",
    ],
    "invoice_question": [
        "{inv_obj} is wrong", "please correct {inv_obj}", "we have a question about {inv_obj}",
        "can you send a copy of {inv_obj}?", "please resend {inv_obj}", "{inv_obj} does not match our po",
        "we were overcharged on {inv_obj}", "please issue a credit note for {inv_obj}",
        "we paid {inv_obj}, please confirm", "please reissue {inv_obj}", "we can't find {inv_obj}",
        "there is an error on {inv_obj}", "please explain the charges on {inv_obj}",
        "when is {inv_obj} due?", "our accounts team queries {inv_obj}", "please check {inv_obj}",
        "we haven't received {inv_obj}", "{inv_obj} has the wrong tax", "please send {inv_obj} to accounts payable",
    ],
    "other": [
        "thanks for {obj_confirm}", "we received {obj_confirm}, thank you", "thank you for {obj_confirm}",
        "could you send {info}?", "please send us {info}", "do you have {info}?", "we'd like to receive {info}",
        "can you share {info}?", "just a question: {question}", "{question}", "quick question - {question}",
    ],
}

ITEMS = ["{qty} x {sku}", "{qty} pcs of {sku}", "{qty} units of {sku}", "the items below:\n{lines}",
         "the following:\n{lines}", "{qty} boxes of {sku}", "another {qty} {sku}", "{qty} {sku}",
         "the same as last time", "{qty} cases {sku}", "{lines}", "{qty} ea {sku} and {qty} ea {sku2}"]

THING = ["the damaged {sku}", "{qty} pcs of {sku} from {obj}", "the wrong items on {obj}", "the defective {sku}",
         "the extra {qty} units", "the goods delivered on {date}", "the faulty parts", "{sku} (wrong size)",
         "the unused {sku}", "the broken {sku}", "part of the last delivery", "the {sku} we received by mistake"]

INV_OBJ = ["invoice {inv}", "your invoice {inv}", "the invoice for {obj}", "inv {inv}", "bill {inv}",
           "the last invoice", "invoice no. {inv} for {obj}", "your invoice dated {date}", "our statement",
           "the credit note for {obj}", "the freight charge on invoice {inv}"]

OBJ_CONFIRM = ["the order confirmation", "the confirmation of {obj}", "your acknowledgement",
               "the quick reply", "the delivery", "the info", "the update", "your help", "the samples",
               "the catalog", "the shipping notice"]

INFO = ["your price list", "a quote for {qty} {sku}", "the datasheet for {sku}", "your catalogue",
        "your bank details", "a certificate of conformity", "your iso certificate", "your lead times",
        "the spec sheet for {sku}", "stock availability for {sku}", "your vat number", "the warranty terms",
        "your holiday opening hours", "a sample of {sku}"]

QUESTION = ["is {sku} compatible with our machine?", "do you ship to {city}?", "who is our new contact?",
            "can we meet next week?", "is {sku} still available as a product?", "what is the moq for {sku}?",
            "do you offer training?", "can you recommend an alternative to {sku}?"]

REASONS = {
    "change_order": ["quantity of {sku} should be {qty2}", "delivery date moves to {date}",
                     "please add {qty} x {sku}", "remove line {n}", "the item should be {sku2} instead of {sku}",
                     "ship via ground instead", "new delivery address below", "please use the revised quantities",
                     "colour should be black not grey", "replace {sku} by {sku2}"],
    "cancel_order": ["the project was cancelled", "we ordered by mistake", "budget was not approved",
                     "we found another source", "it was a duplicate", "our customer cancelled",
                     "plans have changed", "it is no longer required", "wrong part ordered"],
    "status_inquiry": ["it was due on {date}", "we need it for production", "no tracking received",
                       "the customer is asking", "our site is waiting", "it is now {n} days late",
                       "we did not get a confirmation"],
    "return_request": ["they arrived damaged", "wrong part delivered", "we ordered too many",
                       "it does not work", "the size is wrong", "quality issue", "not as described",
                       "duplicate shipment", "failed after {n} days"],
    "invoice_question": ["the price is not what we agreed", "quantity billed is higher than delivered",
                         "freight should not be charged", "po number is missing", "we already paid",
                         "the discount is missing", "vat number is missing"],
}

# Instructions as two parts joined at random: (first parts, second parts).
INSTRUCTION_PARTS = {
    "rush": (["we need it", "need them", "please ship", "please deliver", "can you get it here", "must arrive",
              "send it", "get them on a truck", "we have to have these", "please dispatch", "deliver"],
             ["today", "tomorrow", "tomorrow morning", "asap", "as soon as possible", "immediately", "right away",
              "this week", "same day", "overnight", "urgently", "by express", "before friday, it's urgent",
              "first thing monday", "no later than tomorrow", "by the fastest way"]),
    "partial_ok": (["partial shipments", "partial deliveries", "split deliveries", "shipping in parts",
                    "sending what you have now", "a partial delivery", "several deliveries"],
                   ["are fine", "are ok", "is acceptable", "are allowed", "is no problem for us", "works for us",
                    "is fine, the rest later", "are accepted"]),
    "no_partial": (["please ship", "deliver", "send", "we need the order", "everything must be shipped", "ship"],
                   ["complete only", "all together", "in one delivery", "in a single shipment", "complete, no partials",
                    "on the same truck", "only when everything is ready", "in full, not in parts"]),
    "hold_until": (["please do not ship", "don't deliver", "hold the goods", "keep the material", "delay the delivery",
                    "no delivery", "please wait with shipping", "ship not"],
                   ["before {date}", "until {date}", "until we release it", "until further notice",
                    "earlier than {date}",
                    "until our site is ready", "until we call it off", "until the week of {date}"]),
    "deliver_elsewhere": (["please deliver to", "ship to", "delivery goes to", "send it to", "the ship-to is",
                           "deliver this one to", "the delivery address is", "please send the goods to"],
                          ["our {city} warehouse", "our new site: {addr}", "{addr}", "the job site at {addr}",
                           "our branch in {city}, not head office", "{name} at {addr}", "our other plant in {city}"]),
    "drop_ship": (["please drop ship", "ship directly", "send straight", "blind ship", "deliver direct",
                   "dropship"],
                  ["to our customer", "to the end customer at {addr}", "to our client, no prices on the paperwork",
                   "to the consumer with neutral packing", "to our customer's address below"]),
    "price_dispute": (["the price", "your price of {price2}", "the unit price", "the price on your confirmation",
                       "the new price", "the amount charged"],
                      ["is wrong, we agreed {price}", "does not match your quote", "is not what we agreed",
                       "is higher than our contract price", "should be {price}", "is not accepted by us"]),
    "quantity_change": (["please change the quantity", "make it", "qty should be", "please reduce it",
                         "increase the quantity", "please bump it up", "correct the quantity", "change line {n}"],
                        ["to {qty2}", "{qty2} instead of {qty}", "from {qty} to {qty2}", "to {qty2} pcs",
                         "to {qty2} units, not {qty}", "by {qty}"]),
    "no_backorder": (["please do not backorder", "no backorders", "don't put anything on backorder",
                      "cancel anything not in stock", "backorders are not accepted", "we will not accept backorders"],
                     ["", "- ship from stock only", ", cancel the rest", ", we'll buy the rest elsewhere",
                      "for this order", "please"]),
}
