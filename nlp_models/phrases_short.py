"""Wordings for short messages as the service builds them: subject, blank line, short body.

Most customers send a PO as an attachment with a one-line note, a bare subject, or only a
signature; the other labels come in the same short form (hard negatives for new_order).
"""

FORWARD = ["Fwd: ", "FW: ", "Fw: ", "WG: ", "TR: ", "FWD: "]
REPLY = ["Re: ", "RE: ", "AW: ", "Antw: ", "R: ", "SV: "]

ORDER_WORDS = ["PO", "PO#", "PO #", "P.O.", "Purchase Order", "Purchase order", "purchase order", "Order",
               "order", "Our order", "New PO", "New order", "Bestellung", "Auftrag", "Commande", "Bon de commande",
               "Pedido", "Orden de compra", "Bestelling", "Inkooporder", "Order no.", "PO No.", "Commande n°"]

# Subjects that only announce an order (the body decides if it is anything else).
ORDER_SUBJECTS = ["{ow} {po}", "{ow} {po}", "{ow}", "{ow} {po} from {company}", "{ow} {po} - {company}",
                  "{company} {ow} {po}", "{ow} {po} attached", "{ow} attached", "New {ow} {po}",
                  "{ow}: {po}", "{ow} {po} / {city}", "Scan {ow} {po}", "{ow} for {date}", "new order",
                  "Order for {company}", "{po}", "Replenishment order {po}", "Release {n} {ow} {po}"]

ATTACH_NOTES = ["Please see attached.", "Please see the attached PO.", "See attached", "see attached PO",
                "PFA", "PFA our PO.", "Please find attached our PO.", "Please find attached purchase order {po}.",
                "Attached is our PO.", "attached is our order", "Enclosed please find our order.",
                "Please find enclosed our purchase order.", "PO attached.", "Order attached, thanks.",
                "Attached", "attached", "see below", "See below.", "FYI", "fyi", "Please process.",
                "pls process", "Please process the attached order.", "Please book the attached PO.",
                "Please confirm receipt of the attached PO.", "Kindly acknowledge the attached PO.",
                "New PO attached, please confirm.", "Here is our PO.", "Here's the PO.", "PO as discussed.",
                "Order as per your quote {quote}, PO attached.", "Please handle.", "For processing.",
                "Anbei unsere Bestellung.", "Anbei die Bestellung {po}.", "Bestellung im Anhang.",
                "Ci-joint notre commande.", "Veuillez trouver ci-joint notre bon de commande.",
                "Adjunto nuestro pedido.", "Adjunto orden de compra.", "Bijgaand onze bestelling.",
                "Please find attached.", "Please see attached purchase order and confirm ship date.",
                "Sending you our order for this week.", "PO for next delivery attached."]

SIGN_OFFS = ["Thanks", "Thank you", "Thx", "Regards", "Best regards", "Kind regards", "Cheers", "Danke",
             "Mit freundlichen Grüßen", "Cordialement", "Saludos", "Met vriendelijke groet", "BR", ""]

SIGNATURES = ["{name}", "{first}", "--\n{name}\nPurchasing\n{company}", "{name} | Buyer | {company}\nTel {phone}",
              "---\n{name}\n{company}\n{phone}", "Sent from my iPhone", "Sent from Outlook for Android",
              "{name}\nProcurement Manager\n{company}\n{addr}", "{first}\n{company}", "{name}\n{email}",
              "Von meinem iPhone gesendet"]

# Per label: subjects that carry the intent, and short bodies that carry it.
SUBJECTS = {
    "cancel_order": ["Cancel PO {po}", "Cancellation {ow} {po}", "{ow} {po} - please cancel", "{ow} {po} cancelled",
                     "Please cancel {ow} {po}", "Storno {ow} {po}", "Annulation commande {po}", "void PO {po}",
                     "Cancel order", "Cancelación pedido {po}", "Annuleren bestelling {po}"],
    "change_order": ["Change to {ow} {po}", "{ow} {po} revised", "{ow} {po} - change qty", "Amended PO {po}",
                     "{ow} {po} rev {rev}", "Revised PO {po}", "Änderung Bestellung {po}", "Change request {po}",
                     "Modification commande {po}", "{ow} {po} - new delivery date", "Update to order {po}"],
    "status_inquiry": ["{ow} {po} - where is it?", "Status {ow} {po}", "Order status {po}", "ETA {ow} {po}?",
                       "Tracking for {ow} {po}", "When will {ow} {po} ship?", "Lieferstatus {po}",
                       "Suivi commande {po}", "Where is my order?", "Delivery date {ow} {po}", "Chasing {ow} {po}"],
    "return_request": ["Return {ow} {po}", "RMA request {po}", "Damaged goods {ow} {po}", "Wrong item {ow} {po}",
                       "Return authorisation", "Rücksendung {po}", "Retour commande {po}", "Defective parts {po}",
                       "Return label please", "Devolución pedido {po}"],
    "invoice_question": ["Invoice {inv} query", "Invoice {inv}", "Question on invoice {inv}", "Invoice for {ow} {po}",
                         "Rechnung {inv}", "Facture {inv}", "Credit note {ow} {po}", "Billing question",
                         "Wrong price on invoice {inv}", "Invoice copy {inv}", "Statement of account"],
    "other": ["Out of office", "Automatic reply: {ow} {po}", "Quote request", "Price list", "Datasheet {sku}",
              "Thanks", "Order confirmation {po}", "Holiday closure", "New bank details", "Meeting",
              "Undeliverable: {ow} {po}", "Abwesenheitsnotiz", "Absence du bureau", "Certificate request",
              "Newsletter", "Supplier survey"],
}

BODIES = {
    "cancel_order": ["Please cancel.", "Please cancel this PO.", "Please cancel, ordered twice by mistake.",
                     "Cancel please", "Please disregard this PO and cancel it.", "We no longer need this, cancel.",
                     "Please void this order.", "Don't ship, please cancel.", "Bitte stornieren.",
                     "Merci d'annuler.", "Por favor cancelar.", "This PO was sent in error, please cancel it.",
                     "Duplicate, please cancel.", "Cancel the whole order please."],
    "change_order": ["Please change the quantity to {qty}.", "Revised PO attached.", "Amended PO attached, "
                     "replaces the previous one.", "Please add {qty} more.",
                     "Please change the delivery date to {date}.",
                     "Please remove line {n}.", "Updated PO attached with the new price.", "Ship to {addr} instead.",
                     "Bitte Menge auf {qty} ändern.", "Merci de modifier la quantité.",
                     "Please replace {sku} with {sku2}.",
                     "Qty on line {n} should be {qty2}, not {qty}.", "Can you move delivery to {date}?"],
    "status_inquiry": ["Any update?", "Has this shipped?", "Where is it?", "ETA please.", "When will it ship?",
                       "Please send the tracking number.", "Still waiting for this one.", "Wann wird geliefert?",
                       "Où en est la commande ?", "No confirmation received yet, did you get it?",
                       "Site is asking where this is.", "What is the delivery date?", "Please advise status."],
    "return_request": ["We want to return {qty} units, wrong size.", "Arrived damaged, please send RMA.",
                       "Wrong item delivered, we need to send it back.", "Please send a return label.",
                       "Ware defekt, bitte Rücksendeschein.", "Nous souhaitons retourner l'article.",
                       "{qty} were faulty, how do we return them?", "Please collect the extra {qty} you sent.",
                       "We'd like to return the unopened boxes for credit."],
    "invoice_question": ["Price on the invoice does not match our PO.", "We have not received the invoice yet.",
                         "Please send a copy of the invoice.", "We were invoiced twice, please check.",
                         "Payment terms on the invoice are wrong.", "Please reissue the invoice with our VAT ID.",
                         "Bitte Rechnung korrigieren.", "Merci d'envoyer une copie de la facture.",
                         "Where is the credit note?", "Freight charge on the invoice was not agreed.",
                         "Can you add the PO number to the invoice?"],
    "other": ["I am out of the office until {date}.", "Thanks for the confirmation!", "Received, thank you.",
              "Please send your current price list.", "Please quote {qty} pcs of {sku}.",
              "Can you send the datasheet?", "Our bank details have changed, see attached letter.",
              "We are closed from {date} to {date}.", "Can we meet next week?", "Ich bin nicht im Büro.",
              "Delivery has failed to these recipients.", "Confirmation received, all good.",
              "Please complete the attached questionnaire.", "Please send the certificate of conformity."],
}
