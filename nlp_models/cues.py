"""Instruction cue words, found on the negation-marked text and added as features.

Each family below names the wordings of one instruction in English, German, French and
Spanish. They are features of the learned components, and evidence the classifier combines
with the instruction model's score (classifier.combine: a cue counts with its precision
measured on our hand-written training rows). A cue never fires on a word inside a
negation's scope (text_prep.mark_negation: "no rush" is "no neg_rush"), and `no_partial`
fires on a negated partial-shipment word ("keine Teillieferungen", "no partial shipments").

Sources for every family (at least two, independent of each other): the desk set's
labelling rules (desk_emails/README.md, "Instruction rules", which lists these wordings per
language), the generator's phrase lists written earlier for training (phrases_extra.py,
phrases_compose.py), and issue #12's list of misread wordings. Nothing here was read off
desk-test.
"""

from __future__ import annotations

import re

W = r"(?:\S+ ){0,%d}"  # up to n words in between
PARTIAL = (r"(?:partial\w*|partials|part[- ]?(?:deliver\w*|shipment\w*)|split\w*|teillieferung\w*|teil-?lieferung\w*|"
           r"partiel\w*|parcial\w*|en parts|in parts)")
ACCEPT = (r"(?:fine|ok|okay|acceptable|accepted|welcome|allowed|possible|neg_problem|möglich|in ordnung|erlaubt|"
          r"akzeptiert|neg_problem|acceptées?|possibles?|autorisées?|aceptad[oa]s?|admitid[oa]s?|válid[oa]s?)")
FAMILIES = {
    "rush": [
        r"\b(?:urgent|urgently|asap|a\.s\.a\.p|expedite\w*|rush|hurry|overnight|eilt|eilig\w*|dringend\w*|"
        r"umgehend\w*|schnellstmöglich\w*|urgence|urgente\w*|urgentemente|urgentísimo)\b",
        r"\b(?:as soon as possible|line down|machine down|(?:line|machine|plant) (?:is )?(?:down|stopped)|"
        r"maschine steht|so schnell wie möglich|dès que possible|au plus vite|lo antes posible|cuanto antes|"
        r"máquina parada|same day|need (?:it |them )?(?:tmrw|tomorrow)|breakdown)\b",
    ],
    "partial_ok": [
        rf"\b{PARTIAL} {W % 3}{ACCEPT}\b", rf"\b{ACCEPT} {W % 2}{PARTIAL}",
        r"\b(?:ship|send) (?:what|whatever) (?:you have|is available|is in stock)\b",
        r"\b(?:the )?(?:rest|balance|remainder) (?:can |may |to |when |as )\S*\s?"
        r"(?:follow|later|available|comes|arrives)",
        r"\b(?:backorder|back order) the (?:rest|balance)\b|\bship as (?:items become )?available\b",
        r"\b(?:rest|restliche\w*) (?:bitte |dann )?nachliefern\b|\bnachlieferung (?:ist )?(?:ok|möglich)\b",
        r"\b(?:envoyez|expédiez) ce qui est disponible\b|\ble reste (?:suivra|plus tard|dès que)\b",
        r"\b(?:envíen|manden|mándanos|mandad) lo que (?:haya|tengan|tengas)\b|\bel resto cuando\b",
    ],
    "no_partial": [
        rf"\bneg_{PARTIAL}", rf"\b{PARTIAL} {W % 3}(?:nicht|not|pas|no)\b(?! neg_problem)",
        r"\b(?:ship|deliver|send)(?:ped)? (?:it |them |the order |everything )?(?:complete|all together|together)\b",
        r"\b(?:complete|one|single|a single) (?:delivery|shipment|consignment)\b|\bin one (?:delivery|shipment|go)\b",
        r"\bneg_split\b|\bcomplete only\b|\buntil (?:everything|it'?s all|all) (?:is )?(?:available|together|in)\b",
        r"\b(?:komplettlieferung|gesamtlieferung|vollständig\w* lieferung|wenn alle positionen)\b",
        r"\blivraison (?:complète|en une (?:seule )?fois|unique)\b|\ben une seule livraison\b",
        r"\b(?:envío|pedido|entrega) complet[oa]\b|\ben un solo envío\b|\btodo junto\b",
    ],
    "hold_until": [
        r"\b(?:not|nicht|pas|no|keinen|kein|never)(?: neg_\S+)? "
        r"neg_(?:before|vor|avant|antes|until|till|earlier|sooner)\b",
        r"\bneg_(?:deliver|ship|send|dispatch|liefer|anliefer|versend|livr|expédi|envoy|entreg|envi|mand)\w*"
        r"(?: neg_\S+){0,2} neg_(?:before|vor|avant|antes|until|till)\b",
        r"\b(?:hold|keep) (?:it |them |the (?:order|goods|shipment) )?(?:until|till)\b",
        r"\b(?:no earlier than|not earlier than|erst ab|frühestens|pas avant|no antes)\b",
    ],
    "deliver_elsewhere": [
        r"\b(?:job ?site|jobsite|construction site|vessel|service depot|depot)\b",
        r"\b(?:change|new|different|other|andere|neue|ändern|nouvelle|autre|changer|nueva|otra|cambi\w*) "
        r"(?:\S+ ){0,3}(?:delivery address|ship-?to|lieferadresse|lieferanschrift|anlieferadresse|adresse de livraison|"
        r"lieu de livraison|dirección de entrega|dirección de envío)",
        r"\b(?:deliver|ship|send|liefern|livrer|entregar|enviar)\w* (?:\S+ ){0,8}(?:instead|anstatt|statt|au lieu|"
        r"en lugar|en vez)\b",
        r"\b(?:not to|nicht an|nicht in|pas à|et non à|non à|no en|no a) (?:our |the |unser\w* |das |notre |l'|la |"
        r"le |el |nuestr\w* )(?:usual |normal )?(?:yard|warehouse|office|lager|atelier|entrepôt|almacén|nave|"
        r"head office)",
        r"\b(?:directly|direct|directement|directamente|direkt) (?:to|on|sur|a|en|auf|an) (?:the |la |le |el |die )?"
        r"(?:job ?site|site|chantier|obra|baustelle|vessel)",
    ],
    "drop_ship": [
        r"\b(?:drop[ -]?ship\w*|blind (?:ship\w*|delivery)|neutral (?:packing|packaging)|neutralverpackung|"
        r"streckengeschäft|livraison directe|envío directo)\b",
        r"\b(?:direct\w*|straight|direkt) (?:to|chez|a|an) (?:our|notre|nuestro|unseren?) "
        r"(?:customer|client|kunden|cliente)",
    ],
    "price_dispute": [
        r"\b(?:wrong|incorrect) (?:unit )?price\b|\bprice (?:is|was) (?:wrong|incorrect)\b|\bovercharg\w*",
        r"\b(?:agreed|quoted|contract|contracted) (?:unit )?price\b",
        r"\b(?:freight|carriage|delivery|handling) (?:charge|surcharge|fee)\b|\bsurcharge\b",
        r"\bneg_(?:agree|accept|accepted|akzeptieren|acceptons|aceptamos)\w*\b.{0,40}\b(?:price|increase|preis|prix|precio)",
        r"\b(?:discount|rabatt|remise|descuento) (?:\S+ ){0,6}(?:missing|neg_\S+|fehlt|manquante|falta)",
        r"\b(?:falscher preis|preisdifferenz|vereinbart\w*|preiserhöhung|prix (?:incorrect|erroné)|écart de prix|"
        r"precio (?:incorrecto|acordado|pactado))\b",
        r"\bcredit (?:note )?for the difference\b|\bgutschrift über die differenz\b",
    ],
    "quantity_change": [
        r"\bfrom 9 (?:\S+ ){0,2}to 9\b|\bvon 9 (?:\S+ ){0,2}auf 9\b|\bde 9 (?:\S+ ){0,2}(?:à|a) 9\b",
        r"\b(?:increase|reduce|decrease|raise|bump|lower|change|adjust|update) (?:the )?(?:qty|quantity|quantities)\b",
        r"\b(?:qty|quantit\w*|menge\w*|quantité\w*|cantidad\w*) (?:\S+ ){0,3}(?:increased|reduced|decreased|"
        r"erhöht|reduziert|augmenté\w*|réduite?s?|aumentad\w*|reducid\w*)\b|\bold qty\b.{0,20}\bnew qty\b",
        r"\b(?:qty|quantity|menge|quantité|cantidad) (?:\S+ ){0,4}(?:to be read as|should be|instead of|is now|"
        r"erhöhen|reduzieren|ändern|à augmenter|à réduire)\b",
        r"\b(?:make it|bump|increase|reduce|erhöhen|reduzieren|aumentar|reducir|disminuir|augmenter|réduire) "
        r"(?:\S+ ){0,6}9\b|\b9 (?:\S+ ){0,3}instead of 9\b|\bto be read as\b|\b9 more\b",
    ],
    "no_backorder": [
        r"\bneg_(?:back ?-?orders?|backorder\w*|nachliefern|b)\b|\bno b / o\b|\bneg_b / o\b",
        r"\b(?:rather than|instead of) (?:back ?-?order|backorder)\w*\b",
        r"\bcancel (?:anything|whatever|what|the rest|items?|the line|that line|lines?)\b.{0,40}"
        r"(?:can't|cannot|can not|not|neg_\S+|unable|out of stock|stock)",
        r"\b(?:from stock only|stock items only|skip that line|keinen rückstand|nicht nachliefern|"
        r"position (?:bitte )?(?:einfach )?streichen|stornieren, nicht nachliefern)\b",
        r"\b(?:pas de|neg_de|aucun) (?:neg_)?reliquats?\b|\bneg_reliquat\w*|\bannulez[- ]le\b",
        r"\b(?:pedidos? pendientes?|neg_pendiente\w*|neg_dejen neg_nada neg_pendiente|anúlenlo|cancélenlo)\b",
    ],
}
# One pattern per family (its wordings as alternatives): one scan of the text per family.
_COMPILED = {name: re.compile("|".join(f"(?:{p})" for p in patterns)) for name, patterns in FAMILIES.items()}
# Speed only: every match of a family contains one of its hints, so a text with none of them is
# not scanned (a substring test is ~100x cheaper than the regex). tests/nlp_models/test_cues.py
# checks on every hand-written and corpus message that the hints change no result.
HINTS = {
    "rush": ("urgen", "asap", "a.s.a.p", "expedit", "rush", "hurry", "overnight", "eil", "dringend", "umgehend",
             "schnell", "possible", "down", "stopped", "steht", "vite", "antes", "parada", "same day", "tmrw",
             "tomorrow", "breakdown"),
    "partial_ok": ("part", "parcial", "split", "teil", "what", "rest", "balance", "remainder", "available",
                   "nachliefer", "disponible", "lo que"),
    "no_partial": ("part", "parcial", "split", "teil", "complet", "complè", "together", "one ", "single",
                   "komplett", "gesamtlieferung", "vollständig", "alle positionen", "une fois", "unique", "seule",
                   "solo envío", "todo junto", "until"),
    "hold_until": ("before", "vor", "avant", "antes", "until", "till", "earlier", "sooner", "erst ab", "frühestens"),
    "deliver_elsewhere": ("site", "vessel", "depot", "address", "adresse", "anschrift", "lieu de livraison",
                          "dirección", "instead", "statt", "au lieu", "en lugar", "en vez", "not to", "nicht an",
                          "nicht in", "pas à", "non à", "no en", "no a", "direct", "direkt"),
    "drop_ship": ("drop", "blind", "neutral", "strecken", "direct", "straight", "direkt"),
    "price_dispute": ("price", "overcharg", "charge", "fee", "neg_agree", "neg_accept", "neg_akzept", "neg_acept",
                      "discount", "rabatt", "remise", "descuento", "preis", "vereinbart", "prix", "precio",
                      "difference", "differenz"),
    "quantity_change": ("from 9", "von 9", "de 9", "qty", "quantit", "menge", "cantidad", "read as", "make it",
                        "bump", "increase", "reduce", "erhöh", "reduzier", "aument", "reduc", "disminu", "augment",
                        "rédui", "instead of", "9 more"),
    "no_backorder": ("back", "neg_b", "b / o", "cancel", "cancél", "stock", "skip", "rückstand", "nachliefer",
                     "streichen", "reliquat", "annulez", "pendiente", "anúlen"),
}
# Conditional "urgent" of out-of-office replies and disclaimers ("for anything urgent", "in
# dringenden Fällen"): ConText's hypothetical triggers (Harkema et al. 2009) and the desk
# rules' "urgent in disclaimers or out-of-office text is not rush".
_CONDITIONAL_URGENT = re.compile(r"\b(?:anything|if|matters|enquiries|cases|issues) urgent\w*|\burgent (?:matters|"
                                 r"enquiries|cases|issues)|\bdringenden (?:fällen|angelegenheiten)|\btoute urgence|"
                                 r"\basuntos urgentes|\bif urgent")


PREFIX = "cue_"


def cue_tokens(marked: str) -> list[str]:
    """'cue_<instruction>' for every family with a match in the negation-marked, lowercased text."""
    text = _CONDITIONAL_URGENT.sub(" ", marked)
    return [PREFIX + name for name, pattern in _COMPILED.items()
            if any(h in text for h in HINTS[name]) and pattern.search(text)]


def cue_tokens_unhinted(marked: str) -> list[str]:
    """cue_tokens without the hints (the reference the hints are checked against)."""
    text = _CONDITIONAL_URGENT.sub(" ", marked)
    return [PREFIX + name for name, pattern in _COMPILED.items() if pattern.search(text)]


def cues_in(normalized: str) -> set[str]:
    """The instructions whose cues text_prep.normalize found (read back from its output)."""
    return {t[len(PREFIX):] for t in normalized.rsplit(" | ", 1)[-1].split() if t.startswith(PREFIX)}
