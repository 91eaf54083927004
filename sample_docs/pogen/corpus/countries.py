"""Countries a document can come from: language, currency, tax, number and date
habits, and the word stock for fictional company names and addresses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    code: str
    name: str  # as printed in an address
    lang: str
    currency: str
    tax: str  # vat | gst_in | sales | gst_ca | none
    tax_word: str  # VAT, MwSt., TVA, IVA, BTW, ALV, GST, Sales Tax
    tax_rates: tuple[str, ...]
    numbers: tuple[str, ...]  # number styles (formats.NUMBER_STYLES), most likely first
    us_dates: bool  # month before day
    suffixes: tuple[str, ...]  # company forms
    postcode: str  # pattern: 9 digit, A letter
    cities: tuple[str, ...]
    street: tuple[str, ...]  # patterns with {name} and {n}
    street_names: tuple[str, ...]
    surnames: tuple[str, ...]
    first_names: tuple[str, ...]
    postcode_first: bool = True  # "70565 City" or "City 70565"

def _w(words: str) -> tuple[str, ...]:
    return tuple(words.split("|"))


_EN_SUR = _w("Whitfield|Okafor|Brennan|Castillo|Harrow|Lindqvist|Pemberton|Nakamura|Delgado|Ashworth|Kowalski|"
       "Grantham|Moreau|Sinclair|Thornbury|Vasquez|Holloway|Ridley")
_EN_FIRST = _w("Laura|Marcus|Priya|Daniel|Hannah|Kevin|Olivia|Rahul|Sandra|Tomas|Grace|Victor|Nadia|Owen|Julia|"
       "Ethan")
_US_STREETS = _w("Oak Ridge|Lakeview|Commerce|Industrial|Maple|Harbor|Westfield|Pioneer|Summit|Riverbend|"
       "Cedar Hill|Franklin|Madison|Canyon|Prairie|Bayshore")

COUNTRIES: dict[str, Country] = {c.code: c for c in (
    Country('US', 'USA', 'en', 'USD', 'sales', 'Sales Tax', _w("0.0625|0.07|0.0825|0.06|0"), _w("en|plain"), True,
        _w("Inc.|LLC|Corp.|Co.|Corporation|Company"), '99999',
        _w("Columbus, OH|Tulsa, OK|Fresno, CA|Spokane, WA|Omaha, NE|Reno, NV|Toledo, OH|Wichita, KS|"
           "Akron, OH|Boise, ID|Lubbock, TX|Madison, WI|Savannah, GA|Provo, UT|Erie, PA|Peoria, IL|"
           "Mobile, AL|Fargo, ND"),
        _w("{n} {name} Road|{n} {name} Ave|{n} {name} Blvd|{n} {name} Drive|{n} {name} St|{n} {name} Pkwy|"
           "PO Box {n}"),
        _US_STREETS, _EN_SUR, _EN_FIRST, postcode_first=False),
    Country('CA', 'Canada', 'en', 'CAD', 'gst_ca', 'HST', _w("0.13|0.05|0.15"), _w("en|plain"), True,
        _w("Inc.|Ltd.|Corp.|Limited"), 'A9A 9A9',
        _w("Hamilton, ON|Kelowna, BC|Regina, SK|Moncton, NB|Sudbury, ON|Laval, QC|Red Deer, AB"),
        _w("{n} {name} Road|{n} {name} Ave|{n} {name} Street"), _US_STREETS, _EN_SUR, _EN_FIRST, postcode_first=False),
    Country('GB', 'United Kingdom', 'en', 'GBP', 'vat', 'VAT', _w("0.20"), _w("en|plain"), False,
        _w("Ltd|Limited|PLC|Ltd."), 'A99 9AA',
        _w("Leicester|Swindon|Preston|Norwich|Stoke-on-Trent|Derby|Wrexham|Doncaster|Exeter|Dundee|Carlisle|"
           "Ipswich"),
        _w("{n} {name} Road|Unit {n}, {name} Industrial Estate|{n} {name} Lane|{name} House, {n} High St"),
        _w("Mill|Station|Kingsway|Abbey|Brook|Castle|Victoria|Foundry|Riverside|Chapel"), _EN_SUR, _EN_FIRST,
        postcode_first=False),
    Country('IN', 'India', 'en', 'INR', 'gst_in', 'GST', _w("0.18|0.12|0.05|0.28"), _w("in|in|plain"), False,
        _w("Pvt. Ltd.|Private Limited|Ltd.|Industries|Enterprises|LLP"), '999999',
        _w("Nashik|Coimbatore|Vadodara|Ludhiana|Indore|Rajkot|Nagpur|Mysuru|Jaipur|Aurangabad|Hosur|Kochi"),
        _w("Plot No. {n}, {name} Industrial Area|{n}, {name} Road|Survey No. {n}, {name} MIDC|"
           "Shed {n}, {name} Estate|Gala No. {n}, {name} Complex"),
        _w("Ganesh|Shivaji|Laxmi|Sai|Ashok|Narmada|Kaveri|Tilak|Gandhi|Nehru"),
        _w("Sharma|Patil|Iyer|Mehta|Reddy|Kulkarni|Nair|Joshi|Desai|Bhat|Gupta|Chatterjee|Rao|Shah"),
        _w("Anil|Sunita|Vikram|Meena|Arjun|Kavita|Suresh|Pooja|Rohit|Deepa|Nikhil"), postcode_first=False),
    Country('DE', 'Deutschland', 'de', 'EUR', 'vat', 'MwSt.', _w("0.19|0.07"), _w("de|de|plain_comma"), False,
        _w("GmbH|GmbH & Co. KG|AG|KG|e.K."), '99999',
        _w("Bielefeld|Chemnitz|Freiburg|Göttingen|Heilbronn|Kassel|Osnabrück|Regensburg|Ulm|Wuppertal|"
           "Würzburg|Paderborn|Siegen|Zwickau"),
        _w("{name}straße {n}|{name}weg {n}|Am {name} {n}|{name}allee {n}|Industriestr. {n}"),
        _w("Linden|Berg|Mühlen|Garten|Kirch|Hafen|Schiller|Goethe|Eichen|Brunnen"),
        _w("Hoffmann|Krüger|Schreiber|Lehmann|Vogel|Brandt|Engel|Seidel|Hartmann|Franke|Winkler|Lorenz"),
        _w("Stefan|Katrin|Jürgen|Anja|Matthias|Birgit|Uwe|Sabine|Lukas|Petra")),
    Country('AT', 'Österreich', 'de', 'EUR', 'vat', 'USt.', _w("0.20"), _w("de|plain_comma"), False,
        _w("GmbH|Ges.m.b.H.|AG|KG"), '9999', _w("Wels|Leoben|Dornbirn|Villach|Steyr|Krems|Wiener Neustadt"),
        _w("{name}gasse {n}|{name}straße {n}|{name}platz {n}"), _w("Kirchen|Markt|Stein|Hof|Mühl|Wald"),
        _w("Huber|Gruber|Pichler|Moser|Steiner|Mayr|Wimmer"), _w("Florian|Andrea|Markus|Claudia|Wolfgang|Elisabeth")),
    Country('CH', 'Schweiz', 'de', 'CHF', 'vat', 'MWST', _w("0.081|0.077"), _w("ch|ch|plain"), False,
        _w("AG|GmbH|SA|Sàrl"), '9999', _w("Winterthur|Aarau|Thun|Olten|Chur|Schaffhausen|Zug"),
        _w("{name}strasse {n}|{name}weg {n}"), _w("Bahnhof|See|Dorf|Berg|Rosen"),
        _w("Meier|Keller|Brunner|Baumann|Frei|Zürcher"), _w("Reto|Sandra|Beat|Nicole|Urs")),
    Country('FR', 'France', 'fr', 'EUR', 'vat', 'TVA', _w("0.20|0.055"), _w("fr|fr|plain_comma|de"), False,
        _w("SAS|SARL|S.A.|SA|EURL"), '99999',
        _w("Angers|Besançon|Limoges|Nîmes|Poitiers|Rouen|Tours|Valence|Troyes|Annecy|Reims|Le Mans"),
        _w("{n} rue {name}|{n}, avenue {name}|{n} boulevard {name}|ZI {name}, {n} rue de l'Industrie|"
           "{n} chemin {name}"),
        _w("des Tilleuls|Pasteur|Victor Hugo|de la Gare|du Moulin|Jean Jaurès|des Lilas|de la République|"
           "du Stade|Voltaire"),
        _w("Lefèvre|Garnier|Rousseau|Fontaine|Chevalier|Girard|Mercier|Blanchard|Perrin|Marchand"),
        _w("Julien|Camille|Nicolas|Élodie|Sébastien|Aurélie|Mathieu|Céline")),
    Country('BE', 'Belgique', 'nl', 'EUR', 'vat', 'BTW', _w("0.21|0.06"), _w("de|fr|plain_comma"), False,
        _w("NV|BV|BVBA|SA|SRL"), '9999', _w("Hasselt|Kortrijk|Mechelen|Aalst|Genk|Roeselare|Namur"),
        _w("{name}straat {n}|{name}laan {n}|Rue {name} {n}"), _w("Kerk|Molen|Stations|Beuken|Linde"),
        _w("Peeters|Claes|Wouters|Maes|Jacobs|Willems|Goossens"), _w("Pieter|Els|Koen|Sofie|Bart|Lien")),
    Country('NL', 'Nederland', 'nl', 'EUR', 'vat', 'BTW', _w("0.21|0.09"), _w("de|de|plain_comma"), False,
        _w("B.V.|BV|N.V.|V.O.F."), '9999 AA',
        _w("Apeldoorn|Zwolle|Tilburg|Venlo|Amersfoort|Deventer|Helmond|Leeuwarden|Breda|Emmen"),
        _w("{name}straat {n}|{name}weg {n}|{name}laan {n}|{name}kade {n}|Industrieweg {n}"),
        _w("Kerk|Molen|Dijk|Haven|Beuken|Linden|Vaart|Polder"),
        _w("de Boer|Mulder|Bos|Visser|Smit|Meijer|van Dam|Kuipers|Vermeulen|Hendriks"),
        _w("Sanne|Bram|Lotte|Joost|Femke|Ruud|Ilse|Thijs")),
    Country('ES', 'España', 'es', 'EUR', 'vat', 'IVA', _w("0.21|0.10"), _w("de|de|plain_comma"), False,
        _w("S.L.|S.A.|S.L.U.|S.Coop."), '99999',
        _w("Albacete|Burgos|Castellón|Córdoba|Logroño|Murcia|Valladolid|Vitoria|Zaragoza|Badajoz|Lleida"),
        _w("Calle {name}, {n}|Avda. {name}, {n}|Polígono Industrial {name}, nave {n}|C/ {name} {n}"),
        _w("Mayor|del Carmen|San Isidro|de la Paz|Real|de Goya|Castilla|del Sol|Alcalá"),
        _w("García|Martínez|López|Sánchez|Romero|Navarro|Torres|Domínguez|Ortega|Rubio"),
        _w("Javier|Lucía|Alberto|Marta|Sergio|Elena|Raúl|Cristina")),
    Country('MX', 'México', 'es', 'MXN', 'vat', 'IVA', _w("0.16"), _w("en|plain"), False,
        _w("S.A. de C.V.|S. de R.L. de C.V.|S.A."), '99999',
        _w("Querétaro|León|Saltillo|Aguascalientes|Mérida|Toluca|Puebla"),
        _w("Av. {name} {n}|Calle {name} {n}|Blvd. {name} {n}"),
        _w("Juárez|Hidalgo|Morelos|Reforma|Insurgentes|Zaragoza"),
        _w("Hernández|Ramírez|Flores|Morales|Vargas|Castro|Mendoza"),
        _w("Alejandro|Guadalupe|Fernando|Verónica|Ricardo|Adriana")),
    Country('IT', 'Italia', 'it', 'EUR', 'vat', 'IVA', _w("0.22|0.10"), _w("de|de|plain_comma"), False,
        _w("S.r.l.|S.p.A.|S.n.c.|S.a.s."), '99999',
        _w("Bergamo|Brescia|Modena|Parma|Vicenza|Treviso|Pesaro|Lecco|Cremona|Novara|Prato|Udine"),
        _w("Via {name}, {n}|Via {name} {n}|Viale {name}, {n}|Zona Industriale {name}, {n}|Corso {name} {n}"),
        _w("Roma|Garibaldi|dell'Industria|Mazzini|Verdi|dei Mille|Matteotti|Cavour|Dante"),
        _w("Bianchi|Colombo|Ferrari|Ricci|Marino|Greco|Bruno|Gallo|Conti|Esposito"),
        _w("Marco|Giulia|Alessandro|Francesca|Luca|Chiara|Paolo|Sara")),
    Country('FI', 'Finland', 'fi', 'EUR', 'vat', 'ALV', _w("0.255|0.24|0.14"), _w("fr|fr|plain_comma"), False,
        _w("Oy|Oyj|Ab Oy|Ky"), '99999',
        _w("Tampere|Oulu|Jyväskylä|Kuopio|Lahti|Pori|Joensuu|Vaasa|Seinäjoki|Hämeenlinna|Kotka|Rovaniemi"),
        _w("{name}katu {n}|{name}tie {n}|{name}kuja {n}|PL {n}"),
        _w("Teollisuus|Koivu|Satama|Asema|Mäki|Järvi|Puisto|Kauppa|Tehdas|Pelto"),
        _w("Virtanen|Korhonen|Mäkinen|Nieminen|Hämäläinen|Laine|Heikkinen|Koskinen|Järvinen|Lehtonen"),
        _w("Mikko|Anna|Jukka|Sanna|Timo|Laura|Antti|Heidi|Janne|Riikka")),
)}

# Words that make company names sound like real firms in each language
INDUSTRY = {
    "en": _w("Packaging|Foods|Industries|Manufacturing|Logistics|Components|Supply|Trading|Engineering|"
           "Plastics|Electronics|Chemicals|Textiles|Systems|Technologies|Metals|Beverages|Pharma|"
           "Paper Products|Hardware|Distribution|Fabrication"),
    "de": _w("Verpackung|Maschinenbau|Elektrotechnik|Kunststofftechnik|Metallbau|Handel|Logistik|Lebensmittel|"
           "Antriebstechnik|Feinmechanik|Papierwerke|Industriebedarf"),
    "fr": _w("Emballages|Industries|Distribution|Mécanique|Plastiques|Alimentaire|Équipements|Composants|"
           "Chimie|Textiles"),
    "es": _w("Envases|Industrias|Distribuciones|Alimentación|Componentes|Metalúrgica|Plásticos|Suministros|"
           "Químicas"),
    "nl": _w("Verpakkingen|Techniek|Groothandel|Metaalbewerking|Kunststoffen|Logistiek|Voeding|"
           "Installatietechniek"),
    "it": _w("Imballaggi|Meccanica|Alimentari|Componenti|Plastica|Forniture|Tessile|Chimica|Elettronica"),
    "fi": _w("Pakkaus|Konepaja|Elintarvike|Tekniikka|Muovi|Logistiikka|Teollisuus|Metalli|Sähkö"),
}
STEMS = _w("Nord|Sud|Alp|Vista|Tec|Pro|Flex|Agri|Bio|Cel|Lum|Terra|Aqua|Vol|Star|Prime|Uni|Inter|Tri|Omni|"
       "Kor|Vel|Sol|Mar|Delta|Orb|Quant|Nova|Cresta|Arc|Axi|Ferro|Poly|Silva|Cardo|Brio|Lex|Zen|Hali|"
       "Rho")
ENDINGS = _w("ex|co|tec|line|form|plast|tron|mark|vis|gen|pak|mo|ra|lux|tor|wave|dyn|tal|ria|nova|stone|field|"
       "point|gate|bridge")
