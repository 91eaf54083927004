"""Our product catalogue: an industrial supplier's fasteners, tools, safety gear
and electrical parts, built deterministically (no randomness) so the master
data and every generated PO agree."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


@dataclass(frozen=True)
class Product:
    sku: str
    description: str
    uom: str          # EA, BX, CS, PK, RL, PR
    pack_size: int    # 1 for single items
    list_price: Decimal  # USD
    product_line: str
    active: bool = True


def _p(price: float) -> Decimal:
    return Decimal(str(price)).quantize(Decimal("0.01"))


def _fasteners() -> list[Product]:
    out = []
    for d in (6, 8, 10, 12, 16):
        for ln in (20, 30, 40, 50, 60, 80):
            if d == 6 and ln == 80:
                continue
            out.append(Product(f"HB-{d:02d}{ln:02d}", f"Hex bolt M{d} x {ln} mm, grade 8.8, zinc plated, DIN 933",
                               "BX", 50, _p(d * ln * 0.0125 + 3.2), "Fasteners"))
    for d, ln in ((6, 20), (8, 25), (8, 40), (10, 30), (10, 50), (12, 40), (12, 60), (16, 60)):
        out.append(Product(f"HB-{d:02d}{ln:02d}-A2", f"Hex bolt M{d} x {ln} mm, stainless steel A2-70",
                           "BX", 25, _p(d * ln * 0.031 + 4.9), "Fasteners"))
    for d in (4, 5, 6, 8, 10):
        for ln in (12, 16, 25, 35):
            out.append(Product(f"SHC-{d}{ln:02d}", f"Socket head cap screw M{d} x {ln}, 12.9 black oxide, ISO 4762",
                               "BX", 100, _p(d * ln * 0.02 + 5.5), "Fasteners"))
    for d in (5, 6, 8, 10, 12, 16):
        out.append(Product(f"HN-M{d}", f"Hex nut M{d}, class 8, zinc plated", "BX", 200, _p(d * 0.9 + 2.4),
                           "Fasteners"))
        out.append(Product(f"FW-M{d}", f"Flat washer M{d} DIN 125A, zinc plated", "BX", 500, _p(d * 0.7 + 1.9),
                           "Fasteners"))
    for d in (6, 8, 10, 12):
        out.append(Product(f"LN-M{d}", f"Nylon insert lock nut M{d}, stainless A2", "BX", 100, _p(d * 1.3 + 3.1),
                           "Fasteners"))
        out.append(Product(f"SW-M{d}", f"Split spring washer M{d}, spring steel", "BX", 200, _p(d * 0.5 + 1.7),
                           "Fasteners"))
    for g, ln in ((8, 1), (8, 2), (10, 1), (10, 2), (10, 3), (12, 2), (14, 2)):
        out.append(Product(f"WS-{g}{ln:02d}", f"Wood screw #{g} x {ln}\" Phillips flat head, yellow zinc",
                           "BX", 100, _p(g * ln * 0.35 + 2.8), "Fasteners"))
    for d in (8, 10, 12, 16):
        for ln in (75, 120):
            out.append(Product(f"WA-{d}{ln}", f"Wedge anchor M{d} x {ln} mm, zinc plated, ETA approved",
                               "BX", 25, _p(d * ln * 0.012 + 6.5), "Anchors"))
    for d in (8, 10, 12):
        out.append(Product(f"SA-{d}", f"Sleeve anchor M{d} with hex nut", "BX", 50, _p(d * 1.6 + 8.0), "Anchors"))
    for d in (6, 8, 10, 12, 16):
        out.append(Product(f"TR-M{d}-1M", f"Threaded rod M{d} x 1 m, steel 4.8, zinc plated", "EA", 1,
                           _p(d * 0.22 + 0.9), "Fasteners"))
    for d, ln in ((3.2, 8), (4.0, 10), (4.8, 12), (4.8, 16)):
        code = f"BR-{int(d * 10)}{ln:02d}"
        out.append(Product(code, f"Blind rivet {d} x {ln} mm, aluminium/steel, dome head", "BX", 500,
                           _p(d * ln * 0.18 + 6.0), "Fasteners"))
    return out


def _tools() -> list[Product]:
    out = []
    for d in (3, 4, 5, 6, 6.5, 8, 10, 12, 13):
        out.append(Product(f"DB-HSS-{str(d).replace('.', '')}", f"HSS-G twist drill bit {d} mm, DIN 338",
                           "PK", 10, _p(d * 1.9 + 4.0), "Tools"))
    for d in (6, 8, 10, 12):
        out.append(Product(f"DB-SDS-{d}", f"SDS-plus masonry drill bit {d} x 160 mm", "EA", 1, _p(d * 0.6 + 3.5),
                           "Tools"))
    simple = [
        ("DB-SET-19", "HSS drill bit set, 19 pcs 1-10 mm, metal case", "EA", 34.90),
        ("TW-40200", "Torque wrench 1/2\" drive, 40-200 Nm, click type", "EA", 129.00),
        ("TW-0525", "Torque wrench 1/4\" drive, 5-25 Nm", "EA", 98.50),
        ("SK-12-24", "Socket set 1/2\" drive, 24 pcs, 10-32 mm, chrome vanadium", "EA", 74.95),
        ("SK-14-46", "Socket set 1/4\" drive, 46 pcs with bits", "EA", 42.50),
        ("HK-9-MET", "Hex key set, 9 pcs, 1.5-10 mm, ball end, long arm", "EA", 16.80),
        ("HK-9-SAE", "Hex key set, 9 pcs, 1/16\"-3/8\", ball end", "EA", 16.80),
        ("SD-6-VDE", "Screwdriver set VDE 1000 V insulated, 6 pcs", "EA", 38.40),
        ("SD-PH2-100", "Screwdriver Phillips PH2 x 100 mm", "EA", 5.90),
        ("PL-COMB-180", "Combination pliers 180 mm, insulated handles", "EA", 14.25),
        ("PL-LONG-200", "Long nose pliers 200 mm", "EA", 13.10),
        ("PL-SIDE-160", "Diagonal side cutters 160 mm", "EA", 15.60),
        ("HM-CLAW-16", "Claw hammer 16 oz, fibreglass handle", "EA", 19.90),
        ("HM-BALL-500", "Ball pein hammer 500 g, hickory handle", "EA", 17.40),
        ("TM-8M", "Tape measure 8 m x 25 mm, magnetic hook", "EA", 11.95),
        ("TM-5M", "Tape measure 5 m x 19 mm", "EA", 7.50),
        ("UK-SNAP", "Utility knife, snap-off blade 18 mm", "EA", 6.40),
        ("UK-BL-10", "Snap-off blades 18 mm", "PK", 3.20),
        ("LV-600", "Spirit level 600 mm, aluminium, 3 vials", "EA", 21.00),
        ("SP-ADJ-250", "Adjustable wrench 250 mm", "EA", 18.30),
        ("SP-COMB-SET", "Combination spanner set, 12 pcs, 8-22 mm", "EA", 44.00),
        ("HS-BLADE-300", "Hacksaw blades bi-metal 300 mm, 24 TPI", "PK", 12.60),
        ("FL-FLAT-200", "Flat file 200 mm, second cut, with handle", "EA", 9.80),
        ("CL-F-300", "F-clamp 300 x 120 mm", "EA", 12.20),
        ("MK-PEN-BLK", "Permanent marker, black, chisel tip", "BX", 14.40),
    ]
    packs = {"UK-BL-10": 10, "HS-BLADE-300": 10, "MK-PEN-BLK": 12}
    out += [Product(s, d, u, packs.get(s, 1), _p(p), "Tools") for s, d, u, p in simple]
    for dia in (115, 125, 230):
        out.append(Product(f"CD-{dia}", f"Cutting disc {dia} x 1.0 mm, inox, flat", "BX", 25, _p(dia * 0.09 + 8.0),
                           "Abrasives"))
        for grit in (40, 60, 80):
            out.append(Product(f"FD-{dia}-{grit}", f"Flap disc {dia} mm, zirconia, grit P{grit}", "BX", 10,
                               _p(dia * 0.12 + grit * 0.02 + 9.0), "Abrasives"))
    chem = [
        ("TL-243-50", "Threadlocker medium strength, blue, 50 ml", "EA", 18.90),
        ("TL-270-50", "Threadlocker high strength, green, 50 ml", "EA", 21.40),
        ("SIL-CLR-310", "Silicone sealant clear, 310 ml cartridge", "CS", 62.40),
        ("PTFE-12", "PTFE thread seal tape 12 mm x 12 m", "PK", 6.00),
        ("LUB-400", "Multi-purpose lubricant spray 400 ml", "CS", 71.50),
        ("CLN-BRK-500", "Brake and parts cleaner 500 ml", "CS", 58.80),
    ]
    cpacks = {"SIL-CLR-310": 12, "PTFE-12": 10, "LUB-400": 12, "CLN-BRK-500": 12}
    out += [Product(s, d, u, cpacks.get(s, 1), _p(p), "Chemicals") for s, d, u, p in chem]
    return out


def _safety() -> list[Product]:
    out = []
    for size in ("S", "M", "L", "XL"):
        out.append(Product(f"GL-NIT-{size}", f"Nitrile disposable gloves, powder-free, blue, size {size}", "BX", 100,
                           _p(9.40), "Safety"))
    for size in (8, 9, 10, 11):
        out.append(Product(f"GL-CUT5-{size}", f"Cut-resistant gloves level 5 (EN 388), PU palm, size {size}", "PR", 1,
                           _p(6.75), "Safety"))
    for size in ("M", "L", "XL", "XXL"):
        out.append(Product(f"HV-VEST-{size}", f"Hi-vis safety vest, yellow, class 2, size {size}", "EA", 1, _p(4.95),
                           "Safety"))
    for col in ("white", "yellow", "blue", "red"):
        out.append(Product(f"HH-{col[:3].upper()}", f"Safety helmet, ABS, ratchet harness, {col}", "EA", 1, _p(12.80),
                           "Safety"))
    for size in range(39, 47):
        out.append(Product(f"SB-S3-{size}", f"Safety boots S3 SRC, composite toe cap, size {size}", "PR", 1, _p(54.00),
                           "Safety"))
    simple = [
        ("SG-CLR", "Safety glasses, clear lens, anti-fog, EN 166", "EA", 1, 3.60),
        ("SG-TINT", "Safety glasses, grey tinted lens, EN 172", "EA", 1, 3.90),
        ("SG-GOG", "Indirect vent safety goggles", "EA", 1, 7.25),
        ("EP-FOAM-200", "Foam ear plugs, SNR 37 dB, dispenser box", "BX", 200, 24.50),
        ("EM-SNR30", "Ear defenders SNR 30 dB, adjustable headband", "EA", 1, 14.90),
        ("FM-FFP2-20", "Respirator mask FFP2 NR, valved", "BX", 20, 27.80),
        ("FM-FFP3-10", "Respirator mask FFP3 NR D, valved", "BX", 10, 31.50),
        ("FA-KIT-25", "First aid kit, workplace, 25 person", "EA", 1, 39.00),
        ("FA-EYE-500", "Eye wash station refill 500 ml", "EA", 1, 8.40),
        ("FE-CO2-2", "Fire extinguisher CO2 2 kg", "EA", 1, 68.00),
        ("HN-FULL", "Fall arrest full body harness, 2-point", "EA", 1, 89.00),
        ("LY-1.8", "Shock absorbing lanyard 1.8 m, scaffold hooks", "EA", 1, 56.50),
        ("SC-TAPE-33", "Floor marking tape yellow/black 50 mm x 33 m", "RL", 1, 15.20),
    ]
    out += [Product(s, d, u, n, _p(p), "Safety") for s, d, u, n, p in simple]
    return out


def _electrical() -> list[Product]:
    out = []
    for ln, w in ((100, 2.5), (200, 3.6), (300, 4.8), (370, 7.6)):
        for col in ("black", "natural"):
            out.append(Product(f"CT-{ln}-{col[0].upper()}", f"Cable tie {w} x {ln} mm, nylon 6.6, {col}",
                               "PK", 100, _p(ln * 0.012 + 1.2), "Electrical"))
    for mm in (1.5, 2.5, 4.0, 6.0):
        for col, cc in (("black", "BK"), ("blue", "BU"), ("green/yellow", "GY")):
            code = f"WH-{str(mm).replace('.', '')}-{cc}"
            out.append(Product(code, f"Single core wire H07V-K {mm} mm2, {col}, 100 m coil",
                               "RL", 1, _p(mm * 14.5 + 12.0), "Electrical"))
    for g in (16, 20, 25, 32):
        out.append(Product(f"CG-M{g}", f"Cable gland M{g} x 1.5, nylon, IP68, grey", "PK", 10, _p(g * 0.25 + 2.0),
                           "Electrical"))
    for amp in (6, 10, 16, 20, 32):
        out.append(Product(f"MCB-C{amp}", f"Miniature circuit breaker 1P C{amp} A, 6 kA", "EA", 1, _p(4.2 + amp * 0.05),
                           "Electrical"))
    for col in ("black", "red", "blue", "yellow", "green"):
        out.append(Product(f"ET-{col[:3].upper()}", f"PVC electrical insulating tape 19 mm x 20 m, {col}", "PK", 10,
                           _p(7.50), "Electrical"))
    for mm in (0.75, 1.0, 1.5, 2.5):
        out.append(Product(f"FER-{str(mm).replace('.', '')}", f"Insulated ferrules {mm} mm2", "BX", 500,
                           _p(6.0 + mm * 2), "Electrical"))
    simple = [
        ("TB-2.5-GR", "DIN rail terminal block 2.5 mm2, grey", "BX", 50, 18.50),
        ("TB-4-GR", "DIN rail terminal block 4 mm2, grey", "BX", 50, 22.00),
        ("DIN-35-1M", "DIN rail 35 mm top hat, 1 m", "EA", 1, 3.40),
        ("JB-IP65-S", "Junction box IP65 100 x 100 x 50 mm", "EA", 1, 4.80),
        ("JB-IP65-L", "Junction box IP65 190 x 140 x 70 mm", "EA", 1, 9.30),
        ("WAGO-221-3", "Lever wire connector 3-way, 0.2-4 mm2", "BX", 50, 16.90),
        ("WAGO-221-5", "Lever wire connector 5-way, 0.2-4 mm2", "BX", 25, 14.60),
        ("HSK-KIT-127", "Heat shrink tubing assortment 127 pcs", "EA", 1, 11.20),
        ("EXT-4W-5M", "Extension lead 4-way, 5 m, heavy duty", "EA", 1, 21.70),
        ("CR-25-230", "Cable reel 25 m, 230 V, 4 sockets, thermal cut-out", "EA", 1, 59.00),
        ("LED-WL-50", "LED work light 50 W, IP65, tripod", "EA", 1, 46.00),
        ("MM-CAT3", "Digital multimeter CAT III 600 V, true RMS", "EA", 1, 64.50),
        ("VT-2P", "Two-pole voltage tester 12-690 V", "EA", 1, 29.90),
        ("CS-STRIP", "Automatic wire stripper 0.2-6 mm2", "EA", 1, 24.40),
        ("CRIMP-FER", "Ratchet crimping tool for ferrules 0.25-6 mm2", "EA", 1, 37.80),
        ("CD-25-50", "Cable duct slotted 25 x 50 mm, grey, 2 m", "EA", 1, 5.10),
        ("CC-20-ST", "Conduit clip 20 mm, saddle, grey", "BX", 100, 8.90),
        ("PC-20-3M", "Rigid PVC conduit 20 mm x 3 m", "EA", 1, 3.20),
    ]
    out += [Product(s, d, u, n, _p(p), "Electrical") for s, d, u, n, p in simple]
    return out


@lru_cache(maxsize=1)
def products() -> tuple[Product, ...]:
    """Every product we sell; every 29th one is discontinued (inactive)."""
    items = _fasteners() + _tools() + _safety() + _electrical()
    return tuple(
        Product(p.sku, p.description, p.uom, p.pack_size, p.list_price, p.product_line, active=(i % 29 != 28))
        for i, p in enumerate(items)
    )


def by_sku() -> dict[str, Product]:
    return {p.sku: p for p in products()}
