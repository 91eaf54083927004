"""Instruction phrasings, other languages, and the wrapping around a message."""

INSTRUCTIONS = {
    "rush": [
        "This is urgent.", "URGENT - please expedite.", "Please rush this order.",
        "We need this asap.", "Please ship overnight, line down situation.",
        "Needed by tomorrow at the latest.", "Please expedite, our customer is waiting.",
        "High priority please.", "Rush shipment required.", "Please ship same day if at all possible.",
        "This is time critical, please treat as priority.", "Please send by express / next day air.",
        "Can you push this through quickly? We are out of stock.", "ASAP pls", "Urgent!!",
        "Machine down, need these parts immediately.",
    ],
    "partial_ok": [
        "Partial shipments are fine.", "Partial deliveries are accepted.",
        "Ship what you have now, the rest when available.", "OK to ship partial.",
        "Please send whatever is in stock and backorder the balance.",
        "You may split the shipment.", "We accept partial deliveries.",
        "No problem if it comes in several deliveries.", "Split shipments allowed.",
        "Ship available items first, remainder later is ok.",
    ],
    "no_partial": [
        "Please ship complete, no partial shipments.", "Do not split this order.",
        "Ship only when the full order is available.", "No partial deliveries please.",
        "Please deliver everything in one shipment.", "We cannot accept partial shipments.",
        "Ship complete only.", "Hold until complete, one delivery please.",
        "Partial deliveries will be refused.", "Please do not ship in parts.",
    ],
    "hold_until": [
        "Please do not ship before {date}.", "Hold the shipment until {date}.",
        "Deliver not earlier than {date}, our site is closed until then.",
        "Please hold the goods until we call them off.", "Ship on {date}, not before.",
        "Please keep it in your warehouse until {date}.", "Earliest delivery date: {date}.",
        "Please hold for release, we will confirm the date.", "Do not deliver before {date}.",
        "Please schedule delivery for the week of {date}, not sooner.",
    ],
    "deliver_elsewhere": [
        "Please deliver to our {city} warehouse instead: {addr}.",
        "Ship to the following address (not our main office): {addr}",
        "Delivery address for this order: {addr}", "Please send it to our site in {city}, not to head office.",
        "Note the different ship-to: {addr}.", "Deliver to job site: {addr}",
        "This one goes to our new branch at {addr}.", "Please ship to {name}, {addr}.",
    ],
    "drop_ship": [
        "Please drop ship directly to our customer: {addr}.",
        "Drop shipment: ship straight to the end customer, no invoice or prices in the box.",
        "Ship directly to our client {company}, {addr}, with neutral packing.",
        "This is a drop ship order, please use our packing slip.",
        "Please blind ship to our customer at {addr}.",
        "Send it directly to the end user, address below. Do not include your branding.\n{addr}",
    ],
    "price_dispute": [
        "The price should be {price} as quoted, not {price2}.",
        "We were quoted {price}, please confirm you will honour that price.",
        "Your price of {price2} is higher than agreed.", "Please check the pricing, it does not match our contract.",
        "We dispute the price increase on {sku}.", "The unit price is wrong, our agreement says {price}.",
        "Please apply our contract price of {price} per unit.", "Why did the price go up from {price} to {price2}?",
    ],
    "quantity_change": [
        "Please change the quantity to {qty2}.", "Increase the quantity of {sku} to {qty2}.",
        "Reduce qty to {qty2} pcs.", "We now need {qty2} instead of {qty}.",
        "Please adjust the quantity on line {n} to {qty2}.", "Double the quantity please.",
        "Qty change: {qty} -> {qty2}.", "Please cut the order quantity in half.",
    ],
    "no_backorder": [
        "No backorders please.", "Do not backorder, cancel anything not in stock.",
        "We do not accept backorders.", "If not in stock, please cancel that line instead of backordering.",
        "Ship what is available and cancel the rest, no backorder.", "Backorders are not accepted.",
        "Please don't put anything on backorder.", "Fill or kill - no backorders.",
    ],
}

# Compatible instructions per request label, with how often any instruction appears.
INSTRUCTION_ODDS = {
    "new_order": (0.65, ["rush", "partial_ok", "no_partial", "hold_until", "deliver_elsewhere",
                         "drop_ship", "price_dispute", "no_backorder"]),
    "change_order": (0.7, ["quantity_change", "rush", "deliver_elsewhere", "hold_until",
                            "partial_ok", "no_partial", "price_dispute", "no_backorder"]),
    "cancel_order": (0.15, ["no_backorder", "rush"]),
    "status_inquiry": (0.25, ["rush", "partial_ok"]),
    "return_request": (0.15, ["rush", "price_dispute"]),
    "invoice_question": (0.35, ["price_dispute"]),
    "other": (0.05, ["price_dispute"]),
}

FOREIGN_REQUESTS = {
    "new_order": [
        "Bitte liefern Sie folgende Positionen:\n{lines}\nBestellnummer {po}",
        "Anbei unsere Bestellung {po}. Bitte um Auftragsbestätigung.",
        "Veuillez trouver ci-joint notre bon de commande {po}. Merci de confirmer.",
        "Nous souhaitons commander {qty} x {sku}.",
        "Adjunto nuestra orden de compra {po}. Por favor confirmar.",
        "Quisiéramos pedir {qty} unidades de {sku}.",
        "Hierbij onze bestelling {po}, graag een orderbevestiging.",
        "Graag bestellen wij {qty} stuks {sku}.",
    ],
    "change_order": [
        "Bitte ändern Sie die Menge in Bestellung {po} auf {qty2} Stück.",
        "Änderung zu unserer Bestellung {po}: neuer Liefertermin {date}.",
        "Merci de modifier la commande {po} : quantité {qty2} au lieu de {qty}.",
        "Por favor modifiquen el pedido {po}, la cantidad correcta es {qty2}.",
        "Graag de bestelling {po} wijzigen: aantal {qty2} in plaats van {qty}.",
    ],
    "cancel_order": [
        "Bitte stornieren Sie unsere Bestellung {po}.",
        "Merci d'annuler notre commande {po}.",
        "Por favor cancelen el pedido {po}.",
        "Graag onze bestelling {po} annuleren.",
    ],
    "status_inquiry": [
        "Wann wird unsere Bestellung {po} geliefert?",
        "Wie ist der Status der Bestellung {po}?",
        "Pouvez-vous nous donner la date de livraison de la commande {po} ?",
        "¿Cuál es el estado de nuestro pedido {po}?",
        "Wat is de status van onze bestelling {po}? Wanneer wordt er geleverd?",
    ],
    "return_request": [
        "Wir möchten {qty} Stück {sku} aus Bestellung {po} zurücksenden, die Ware ist beschädigt.",
        "Nous souhaitons retourner les articles défectueux de la commande {po}.",
        "Queremos devolver {qty} unidades de {sku}, llegaron dañadas.",
        "Wij willen {sku} retourneren, verkeerd artikel geleverd.",
    ],
    "invoice_question": [
        "Die Rechnung {inv} stimmt nicht mit unserer Bestellung {po} überein.",
        "Bitte senden Sie uns eine Kopie der Rechnung {inv}.",
        "La facture {inv} comporte un prix erroné.",
        "Por favor envíen una copia de la factura {inv}.",
        "Factuur {inv} klopt niet, het bedrag is te hoog.",
    ],
    "other": [
        "Vielen Dank für die Auftragsbestätigung.",
        "Ich bin bis {date} nicht im Büro.",
        "Merci pour la confirmation de commande.",
        "Gracias por la confirmación del pedido.",
        "Bedankt voor de orderbevestiging.",
        "Können Sie uns Ihre aktuelle Preisliste schicken?",
    ],
}

FOREIGN_INSTRUCTIONS = {
    "rush": ["Dringend!", "Eilt sehr, bitte express.", "Urgent, merci d'expédier rapidement.",
             "Es urgente.", "Spoed graag."],
    "partial_ok": ["Teillieferungen sind möglich.", "Livraison partielle acceptée.",
                   "Se aceptan envíos parciales.", "Deelleveringen zijn akkoord."],
    "no_partial": ["Bitte keine Teillieferungen.", "Pas de livraison partielle.",
                   "No se aceptan entregas parciales.", "Graag geen deelleveringen."],
    "hold_until": ["Bitte nicht vor dem {date} liefern.", "Ne pas livrer avant le {date}.",
                   "No enviar antes del {date}.", "Niet leveren voor {date}."],
    "deliver_elsewhere": ["Lieferadresse: {addr}", "Adresse de livraison : {addr}",
                          "Dirección de entrega: {addr}", "Afleveradres: {addr}"],
    "no_backorder": ["Keine Rückstände bitte.", "Pas de reliquat svp."],
}

GREETINGS = ["Hi,", "Hello,", "Dear Sir or Madam,", "Hi {first},", "Hello team,", "Good morning,",
             "Dear {first},", "Hey {first}", "Hi all,", "Dear customer service,", "Good afternoon {first},",
             "To whom it may concern,", "", "", "", "Hallo,", "Bonjour,", "Hola,", "Beste {first},"]

CLOSINGS = ["Thanks", "Thank you", "Best regards", "Kind regards", "Regards", "Cheers", "Thx",
            "Many thanks", "Best", "Sincerely", "Mit freundlichen Grüßen", "Cordialement", "Saludos",
            "Met vriendelijke groet", "", ""]

SIGNATURE_LINES = ["{name}", "{name}\nPurchasing", "{name}\nBuyer | {company}\nTel. {phone}",
                   "{name}\nProcurement Manager\n{company}\n{addr}", "{first}",
                   "{name} | {company} | {phone}", "Sent from my iPhone", "{name}\nSupply Chain\n{email}"]

DISCLAIMERS = [
    "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended solely for the addressee. "
    "If you have received it in error, please notify the sender and delete it.",
    "This message may contain privileged information. Any unauthorised use, disclosure or copying is prohibited.",
    "Please consider the environment before printing this email.",
    "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat sind, "
    "informieren Sie bitte sofort den Absender.",
    "{company} is registered in England and Wales, company no. {acct}. Registered office: {addr}.",
    "Ce message et ses pièces jointes sont confidentiels.",
]

SUBJECTS = {
    "new_order": ["PO {po}", "New order", "Purchase Order {po}", "Order", "Bestellung {po}", "order request"],
    "change_order": ["Change to PO {po}", "RE: PO {po}", "Amendment {po}", "PO {po} revised", "order update"],
    "cancel_order": ["Cancel PO {po}", "Cancellation", "RE: Order {po}", "PO {po}"],
    "status_inquiry": ["Order status", "RE: PO {po}", "Where is my order", "ETA {po}", "follow up"],
    "return_request": ["Return", "RMA request", "Damaged goods PO {po}", "RE: delivery {po}"],
    "invoice_question": ["Invoice {inv}", "Billing question", "RE: Invoice {inv}", "Credit note"],
    "other": ["Hello", "RE: Order confirmation {po}", "Info", "Automatic reply", "Question", "RE: PO {po}"],
}

# Text a reply may quote: our own earlier mail, neutral so it does not change the label.
QUOTED = [
    "Thank you for your order {po}. We confirm delivery on {date}.",
    "Please find attached our order acknowledgement for {po}.",
    "Your order has been received and is being processed.",
    "Hi {first}, let me know if you need anything else.",
    "Attached is the invoice for your recent shipment.",
    "We have shipped your order today, tracking {ref}.",
]

# More instruction wordings, added to INSTRUCTIONS below.
_MORE = {
    "rush": ["We need it yesterday.", "Please prioritise this.", "time sensitive!", "Express delivery please.",
             "Needed urgently for a breakdown.", "Can it go out today?", "please hurry, critical for production",
             "Please ship by fastest means.", "top priority", "we are running out, need it quickly",
             "Please get this on today's truck.", "Need by end of day.", "AOG - please expedite",
             "Our line stops without these, so please rush."],
    "partial_ok": ["Send in parts if needed.", "Whatever is in stock can go now.", "Don't wait for the full order.",
                   "Partial delivery is ok for us.", "Feel free to ship in several lots.",
                   "Backorders are fine, ship the rest later.", "It's ok to split into more deliveries.",
                   "You can send what you have now."],
    "no_partial": ["Everything must come together.", "All lines on one delivery please.",
                   "We only accept complete deliveries.", "Please wait until everything is ready.",
                   "No split shipments.", "Single delivery only.", "Do not send anything until the order is complete.",
                   "Please consolidate into one shipment."],
    "hold_until": ["Don't send before {date}.", "Please keep it until we ask for it.",
                   "Our receiving is closed until {date}, ship after that.", "Delivery no earlier than {date}.",
                   "Hold for our call-off.", "Ship it {date}, not earlier.",
                   "Please wait for our release before shipping.",
                   "We can't receive until {date}."],
    "deliver_elsewhere": ["Ship to: {addr}", "Please deliver this to {addr} instead of our usual address.",
                          "Goes to our other site: {addr}", "Deliver to the site, not the office: {addr}",
                          "New ship-to for this order: {addr}", "Please send to our {city} branch.",
                          "Deliver c/o {name}, {addr}", "Different delivery address this time: {addr}"],
    "drop_ship": ["Ship direct to the end customer please: {addr}", "Please send directly to our client.",
                  "Dropship to {addr}, no prices on the delivery note.",
                  "Ship straight to our customer's site, neutral packaging.",
                  "Please deliver directly to the consumer, address attached."],
    "price_dispute": ["This price is not what you quoted.", "Please honour the quoted price of {price}.",
                      "We do not accept the new price.", "Price on your confirmation is wrong.",
                      "The agreed price was {price}.", "Please correct the price to our contract price.",
                      "We were billed more than the agreed price.", "why is the price higher than last time?"],
    "quantity_change": ["Make it {qty2} instead.", "Please add {qty} more.", "We only need {qty2} now.",
                        "Reduce the amount to {qty2}.", "Change line {n} to {qty2} units.",
                        "Increase to {qty2} pcs please.", "We need fewer: {qty2}.", "Please bump it up to {qty2}."],
    "no_backorder": ["Cancel anything you can't ship now.", "No back orders.", "Do not keep open backorders.",
                     "If something is out of stock, drop it from the order.", "Ship from stock only, cancel the rest.",
                     "We don't want backordered items.", "Anything unavailable: cancel, don't backorder."],
}
for _name, _extra in _MORE.items():
    INSTRUCTIONS[_name].extend(_extra)

# More wordings in other languages and more hard negatives, added to the pools above.
_MORE_FOREIGN = {
    "new_order": ["Wir bestellen hiermit {qty} Stück {sku}.", "Bitte um Lieferung von:\n{lines}",
                  "Neue Bestellung {po} im Anhang.", "Veuillez nous livrer {qty} unités de {sku}.",
                  "Commande {po} :\n{lines}", "Nous passons commande de {qty} {sku}, livraison à {city}.",
                  "Pedido nuevo {po}:\n{lines}", "Por favor envíen {qty} cajas de {sku}.",
                  "Wij willen graag bestellen:\n{lines}", "Nieuwe order {po} in de bijlage."],
    "change_order": ["Bitte ändern Sie den Liefertermin der Bestellung {po} auf {date}.",
                     "Bitte Position {n} der Bestellung {po} ersetzen durch {sku2}.",
                     "Modification de la commande {po} : merci d'ajouter {qty} x {sku}.",
                     "Pouvez-vous changer l'adresse de livraison de la commande {po} ?",
                     "Necesitamos modificar el pedido {po}: nueva fecha de entrega {date}.",
                     "Kunnen jullie order {po} aanpassen? Artikel {sku} graag vervangen door {sku2}.",
                     "Wijziging op bestelling {po}: leverdatum wordt {date}."],
    "cancel_order": ["Wir stornieren hiermit die Bestellung {po}.",
                     "Bestellung {po} bitte stornieren, wird nicht mehr benötigt.",
                     "Stornierung der Position {n} aus Bestellung {po}.", "Nous annulons la commande {po}.",
                     "Annulation de notre commande {po}, merci de confirmer.", "Cancelamos el pedido {po}, gracias.",
                     "Anulamos la orden {po}.", "Wij annuleren order {po}.",
                     "Bestelling {po} graag annuleren, niet meer nodig."],
    "status_inquiry": ["Können Sie uns den Liefertermin für Bestellung {po} nennen?", "Wo bleibt unsere Ware?",
                       "Ist die Bestellung {po} schon versendet?", "Où en est la commande {po} ?",
                       "Quand pouvons-nous attendre la livraison ?", "Pouvez-vous m'envoyer le numéro de suivi ?",
                       "¿Cuándo llega el pedido {po}?", "¿Ya salió nuestro pedido?",
                       "Wanneer wordt order {po} verzonden?",
                       "Is onze bestelling al onderweg?"],
    "return_request": ["Wir möchten die falsch gelieferte Ware zurückschicken.",
                       "Bitte senden Sie uns ein Retourenetikett.",
                       "Die Lieferung war beschädigt, bitte Rücksendung und Ersatz.",
                       "Nous voulons renvoyer la marchandise endommagée.",
                       "Merci de nous envoyer une étiquette de retour.",
                       "Queremos hacer una devolución del pedido {po}.",
                       "El producto llegó roto, ¿cómo lo devolvemos?", "Graag een retour aanmelden voor order {po}.",
                       "De levering was beschadigd, wij sturen het terug."],
    "invoice_question": ["Bitte senden Sie uns eine Gutschrift für Rechnung {inv}.",
                         "Die Rechnung {inv} ist doppelt berechnet.",
                         "Merci de nous envoyer un avoir pour la facture {inv}.",
                         "Pourriez-vous nous renvoyer la facture {inv} ?",
                         "La factura {inv} tiene un error en el precio.",
                         "Necesitamos una nota de crédito para la factura {inv}.",
                         "Graag een creditnota voor factuur {inv}.", "Kunt u factuur {inv} opnieuw sturen?"],
    "other": ["Danke für die schnelle Lieferung.", "Unser Lager ist vom {date} geschlossen.",
              "Merci pour les informations.", "Nous avons une nouvelle adresse à partir du {date}.",
              "Gracias por la información.", "¿Tienen catálogo en español?", "Bedankt voor uw bericht.",
              "Wij zijn gesloten op {date}."],
}
for _name, _extra in _MORE_FOREIGN.items():
    FOREIGN_REQUESTS[_name].extend(_extra)
