"""What is ordered: item descriptions from a dozen trades, item codes in the
shapes ERPs print, units, price ranges and customs (HSN) codes."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

# trade: (templates, slot values, units, price range in USD, HSN chapter)
TRADES = {
    "packaging": (
        (
            "{mat} box {a} x {b} x {c} mm, {wall}",
            "Stretch film {w} mm x {m} m, {mu} micron|RL,EA",
            "Pallet {mat2} {d1} x {d2}, {ptype}|EA,PAL,PCS",
            "Shrink bag {a} x {b} mm, {col}",
            "Label roll {a} x {b} mm, {n} per roll|RL,BOX",
            "Adhesive tape {w} mm x 66 m, {col}|RL,CTN",
            "Corner board {a} x {a} x 3 mm, {m} cm",
        ),
        dict(
            mat=("Corrugated", "Kraft", "Double wall", "Printed"),
            wall=("single wall", "double wall", "brown"),
            mat2=("wood", "plastic", "block", "heat treated"),
            ptype=("4-way", "2-way", "euro", "stringer"),
            col=("clear", "brown", "white", "blue", "printed"),
        ),
        ("EA", "PCS", "CTN", "RL", "PAL", "BOX"),
        (0.2, 40),
        "4819",
    ),
    "food": (
        (
            "{prod} {wt} g x {k}",
            "{prod}, {var}, {wt} g",
            "{prod} {var} {kg} kg bag|BAG,KG",
            "{prod} ({var}) - case of {k}|CS,CTN",
        ),
        dict(
            prod=(
                "Sunflower oil",
                "Basmati rice",
                "Rolled oats",
                "Cane sugar",
                "Tomato paste",
                "Green tea",
                "Dark chocolate",
                "Peanut butter",
                "Wheat flour",
                "Cashew nuts",
                "Instant coffee",
                "Pasta penne",
                "Dried apricots",
                "Coconut milk",
                "Sea salt",
                "Honey",
            ),
            var=("organic", "unsweetened", "roasted", "premium", "family pack", "low sodium", "classic"),
        ),
        ("CS", "KG", "BAG", "CTN", "EA", "TIN"),
        (0.8, 90),
        "2106",
    ),
    "electronics": (
        (
            "Resistor {ohm} {pkg} {tol}",
            "Capacitor {cap} {v} V {diel} {pkg}",
            "Connector {pins}-pin {pitch} mm, {gender}",
            "Cable assembly {pins}-core, {m} m, shielded|EA,PCS",
            "Relay {v} VDC {pins}-pin, SPDT",
            "LED {col} {pkg}, {mcd} mcd",
            "Fuse {amp} A slow blow 5 x 20 mm",
            "PCB assembly rev. {rev}|EA,PCS",
        ),
        dict(
            ohm=("10k", "4k7", "220R", "1M", "47k"),
            pkg=("0603", "0805", "1206", "SOT-23", "TO-220"),
            tol=("1%", "5%"),
            cap=("100nF", "10uF", "1uF", "22pF"),
            diel=("X7R", "C0G", "X5R"),
            gender=("male", "female", "right angle"),
            col=("red", "green", "white", "amber"),
            rev=("A", "B", "C", "D2"),
        ),
        ("EA", "PCS", "REEL", "PK"),
        (0.01, 120),
        "8536",
    ),
    "mechanical": (
        (
            "Ball bearing {brg}-2RS, {d} x {dd} x {w} mm|EA,PCS",
            "Hex bolt M{d} x {l}, {grade}, zinc plated|BOX,PCS,EA",
            "Shaft {d} mm x {l} mm, hardened|EA,PCS",
            "Gear motor {kw} kW, {rpm} rpm|EA",
            "V-belt {belt}|EA,PCS",
            "Hydraulic hose {d} mm, {bar} bar, {m} m|EA,M",
            "O-ring {d} x {w} mm NBR 70",
            "Spring washer M{d}, DIN 127",
        ),
        dict(
            brg=("6204", "6305", "6002", "6208", "6001"),
            grade=("8.8", "10.9", "A2-70"),
            belt=("SPA 1250", "SPZ 1000", "XPB 1600", "A 42"),
        ),
        ("EA", "PCS", "SET", "BOX", "M"),
        (0.05, 900),
        "8482",
    ),
    "steel": (
        (
            "Flat bar {gr} {a} x {b} mm, {l} m",
            "Angle {gr} L{a} x {a} x {b}, {l} m",
            "Sheet {gr} {b} x 1250 x 2500 mm",
            "Round tube {a} x {b} mm, {gr}",
            "Beam HEA {a}, {gr}, {l} m",
            "W {a}x{b} A992",
        ),
        dict(gr=("S235JR", "S355J2", "304L", "316L", "DX51D")),
        ("EA", "KG", "M", "PCS", "TON"),
        (5, 2500),
        "7216",
    ),
    "chemicals": (
        (
            "{chem} {pct}%, {vol} l drum|DRM,EA",
            "{chem} technical grade, {kg} kg bag|BAG,KG",
            "{chem} {vol} l canister|CAN,EA,L",
            "Cleaning agent {brandish} {vol} l",
        ),
        dict(
            chem=(
                "Sodium hypochlorite",
                "Isopropyl alcohol",
                "Citric acid",
                "Caustic soda",
                "Hydrogen peroxide",
                "Glycol coolant",
                "Acetone",
            ),
            brandish=("alkaline", "neutral", "foam", "CIP"),
        ),
        ("DRM", "KG", "L", "CAN", "EA", "IBC"),
        (3, 600),
        "2815",
    ),
    "textiles": (
        (
            "T-shirt cotton {gsm} g/m2, {col}, size {size}",
            "Work trousers {col}, size {size}",
            "Safety gloves {glove}, size {gsize}|PR,DZ",
            "Hi-vis jacket class {cls}, {col}, {size}",
            "Fleece jacket {col}, {size}",
        ),
        dict(
            col=("navy", "black", "grey", "orange", "royal blue", "white"),
            size=("S", "M", "L", "XL", "XXL"),
            glove=("nitrile coated", "leather", "cut level 5", "latex"),
            gsize=("8", "9", "10", "11"),
        ),
        ("EA", "PR", "PCS", "DZ"),
        (1.5, 80),
        "6109",
    ),
    "office": (
        (
            "Copy paper A4 80 g/m2, {k} sheets|RM,BOX,CTN",
            "Toner cartridge {toner}, black",
            "Ring binder A4 {mm} mm, {col}",
            "Ballpoint pen {col}, box of {k}",
            "Whiteboard marker set, {k} colours",
            "Archive box {a} x {b} mm",
        ),
        dict(toner=("TN-2420", "CF259A", "W1106A", "TK-1150"), col=("blue", "black", "red", "assorted")),
        ("EA", "BOX", "PK", "RM", "CTN"),
        (0.5, 140),
        "4802",
    ),
    "services": (
        (
            "Installation service, on-site, {k} h|JOB,LS",
            "Annual maintenance contract {yr}|LS,EA",
            "Calibration of {inst}|EA,JOB",
            "Freight and handling|LS",
            "Consulting services - {month} {yr}|HR,DAY",
            "Training course ({k} participants)|DAY,LS",
        ),
        dict(
            inst=("pressure gauges", "scales", "torque tools", "thermometers"),
            month=("January", "April", "June", "September", "November"),
            yr=("2023", "2024", "2025"),
        ),
        ("HR", "EA", "LS", "DAY", "JOB"),
        (40, 9000),
        "9987",
    ),
}
NUMS = dict(
    a=(10, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 400, 600),
    b=(2, 3, 4, 5, 6, 8, 10, 12, 15, 20),
    c=(100, 150, 200, 250, 300, 400),
    w=(9, 12, 19, 25, 38, 48, 50, 75, 500),
    m=(1, 2, 3, 5, 10, 25, 50, 100, 300),
    mu=(17, 20, 23, 30),
    d1=(40, 48, 120, 100),
    d2=(40, 48, 80, 120),
    n=(500, 1000, 2000, 5000),
    wt=(100, 200, 250, 400, 500, 750, 1000),
    k=(6, 10, 12, 20, 24, 50, 100, 500),
    kg=(1, 5, 10, 20, 25, 50),
    v=(5, 12, 16, 24, 50, 250, 400),
    pins=(2, 3, 4, 6, 8, 10, 16, 24),
    pitch=(2.54, 3.81, 5.0, 1.27),
    mcd=(200, 800, 1500),
    amp=(1, 2, 5, 10, 16),
    d=(4, 5, 6, 8, 10, 12, 16, 20, 25, 30, 40),
    dd=(12, 22, 35, 47, 62, 80),
    l=(6, 12, 20, 30, 50, 80, 100, 150, 200, 500, 1000),
    kw=(0.37, 0.75, 1.5, 3, 5.5, 11),
    rpm=(28, 56, 140, 300, 1400),
    bar=(100, 210, 350),
    pct=(12, 30, 35, 50, 99),
    vol=(1, 5, 10, 20, 25, 200, 1000),
    gsm=(150, 180, 200),
    cls=(1, 2, 3),
    mm=(40, 50, 75, 80),
)
UNIT_WORDS = {
    "EA": "Each",
    "PCS": "Pieces",
    "CTN": "Carton",
    "RL": "Roll",
    "PAL": "Pallet",
    "BOX": "Box",
    "CS": "Case",
    "KG": "kg",
    "BAG": "Bag",
    "TIN": "Tin",
    "REEL": "Reel",
    "PK": "Pack",
    "SET": "Set",
    "M": "m",
    "TON": "t",
    "DRM": "Drum",
    "L": "l",
    "CAN": "Can",
    "IBC": "IBC",
    "PR": "Pair",
    "DZ": "Dozen",
    "RM": "Ream",
    "HR": "Hour",
    "LS": "Lump sum",
    "DAY": "Day",
    "JOB": "Job",
}
UNIT_LOCAL = {
    "de": {
        "EA": "Stk",
        "PCS": "Stück",
        "CTN": "Karton",
        "BOX": "Karton",
        "PK": "Pack",
        "KG": "kg",
        "M": "m",
        "PR": "Paar",
        "HR": "Std",
        "L": "l",
        "RL": "Rolle",
        "SET": "Satz",
        "DAY": "Tag",
    },
    "fr": {"EA": "U", "PCS": "pce", "CTN": "carton", "BOX": "boîte", "KG": "kg", "PR": "paire", "HR": "h"},
    "es": {"EA": "Ud", "PCS": "uds", "CTN": "caja", "BOX": "caja", "KG": "kg", "PR": "par", "HR": "h"},
    "nl": {"EA": "st", "PCS": "stuks", "CTN": "doos", "BOX": "doos", "KG": "kg", "PR": "paar", "HR": "uur"},
    "it": {"EA": "pz", "PCS": "pz", "CTN": "cartone", "BOX": "scatola", "KG": "kg", "PR": "paio", "HR": "ore"},
    "fi": {"EA": "kpl", "PCS": "kpl", "CTN": "ltk", "BOX": "ltk", "KG": "kg", "PR": "pari", "HR": "h", "M": "m"},
}


@dataclass(frozen=True)
class Item:
    description: str
    unit: str  # unit code (EA, KG, ...)
    base_price: Decimal  # in USD
    hsn: str
    trade: str


def _fill(template: str, slots: dict, rng: random.Random) -> str:
    values = {}
    for key in dict.fromkeys(k.split("}")[0] for k in template.split("{")[1:]):
        pool = slots.get(key) or NUMS[key]
        values[key] = rng.choice(pool)
    return template.format(**values)


def draw_item(trade: str, rng: random.Random) -> Item:
    templates, slots, units, (lo, hi), hsn = TRADES[trade]
    template, _, own_units = rng.choice(templates).partition("|")
    desc = _fill(template, slots, rng)
    units = own_units.split(",") if own_units else units
    price = Decimal(str(round(lo * (hi / lo) ** rng.random(), 2 if rng.random() < 0.8 else 4)))
    return Item(desc, rng.choice(units), max(price, Decimal("0.01")), hsn + f"{rng.randint(0, 9999):04d}", trade)


def code_style(rng: random.Random) -> str:
    """The shape of a company's item codes (one per company, so a document is consistent)."""
    return rng.choice(
        (
            "digits6",
            "digits8",
            "digits10",
            "alnum_dash",
            "dotted",
            "sap_long",
            "prefix_digits",
            "letters_digits",
            "digits_dash",
            "word_code",
        )
    )


def item_code(style: str, rng: random.Random, desc: str = "") -> str:
    r = lambda a, b: rng.randint(a, b)  # noqa: E731 - a short local
    letters = lambda k: "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXZ") for _ in range(k))  # noqa: E731
    return {
        "digits6": f"{r(100000, 999999)}",
        "digits8": f"{r(10000000, 99999999)}",
        "digits10": f"{r(1000000000, 9999999999)}",
        "alnum_dash": f"{letters(2)}-{r(100, 9999)}-{letters(1)}{r(1, 9)}",
        "dotted": f"{r(100, 999)}.{r(100, 999):03d}.{r(1, 9999):04d}",
        "sap_long": f"{r(0, 9999):011d}-{r(100000, 999999)}",
        "prefix_digits": f"{letters(3)}{r(10000, 99999)}",
        "letters_digits": f"{letters(2)}{r(100, 999)}{letters(1)}",
        "digits_dash": f"{r(100, 999)}-{r(100000, 999999)}",
        "word_code": (desc.split()[0][:4].upper() + f"-{r(10, 999)}") if desc else f"{letters(4)}-{r(10, 999)}",
    }[style]


def trades_for(rng: random.Random) -> list[str]:
    """One to three trades a buyer orders from."""
    return rng.sample(sorted(TRADES), rng.choice((1, 1, 2, 3)))
