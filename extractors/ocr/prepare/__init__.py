"""A page image made ready for tesseract: rulings, bars, speckle and uneven light removed,
dotted rules erased, faint ink darkened, the page turned upright and levelled."""
