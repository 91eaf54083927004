"""Image files (PNG, JPEG, TIFF, BMP, GIF, WEBP, HEIC) as page images ready for OCR.

Each frame becomes a `PageImage`: a grayscale or RGB Pillow image with square
pixels and the resolution it was scanned at, so word boxes convert to points.
Fax TIFFs at 204x98 dpi are stretched to square pixels; a photo or screenshot
without a believable resolution is taken to be a letter-size page.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors import errors
from extractors.errors import DocumentError
from extractors.model import POINTS_PER_INCH

LETTER_IN = (8.5, 11.0)  # a US Letter page in inches: the size a photo or screenshot is taken to be
MIN_DPI, MAX_DPI = 50.0, 1200.0  # a stated resolution outside these is not believed
SQUARE_PIXELS = 0.05  # x and y resolutions closer than this share are the same (a fax's are not)
SCREEN_DPIS = (72.0, 96.0)  # defaults of screenshots and image editors: they say nothing about paper
PAGE_MIN_INCH, PAGE_MAX_INCH = 2.0, 40.0  # a stated resolution must make a page this size (longest side)
MAX_TOTAL_PAGES_OF_PIXELS = 4  # all frames together: at most this many of Pillow's largest images

try:  # HEIC/HEIF photos from phones, when pillow-heif is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass


@dataclass(slots=True)
class PageImage:
    """One page as pixels; `dpi` converts pixel boxes to PDF points (72/dpi)."""

    image: Image.Image
    dpi: float
    bilevel: bool = False  # scanned in black and white (a fax): rulings come out ragged


def load_pages(data: bytes, *, max_pages: int) -> list[PageImage]:
    """Decode every frame of an image file; refuse bombs, corrupt data, too many frames."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data))
            frames = getattr(img, "n_frames", 1)
            if frames > max_pages:
                raise DocumentError(errors.TOO_MANY_PAGES,
                                    f"the image has {frames} pages, the limit is {max_pages}")
            pages = [_page(frame) for frame in _frames(img)]
        except DocumentError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise DocumentError(errors.IMAGE_TOO_LARGE, f"the image is too large: {exc}") from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError) as exc:
            raise DocumentError(errors.CORRUPT_IMAGE, f"the image cannot be decoded: {exc}") from exc
    if not pages:
        raise DocumentError(errors.CORRUPT_IMAGE, "the image has no frames")
    return pages


def _frames(img: Image.Image):
    """Each frame, refusing a file whose frames together hold more pixels than a few big pages."""
    total = 0
    for frame in ImageSequence.Iterator(img):
        total += frame.width * frame.height
        limit = (Image.MAX_IMAGE_PIXELS or 0) * MAX_TOTAL_PAGES_OF_PIXELS
        if limit and total > limit:
            raise DocumentError(errors.IMAGE_TOO_LARGE, f"the frames together hold over {limit} pixels")
        yield frame


def _page(frame: Image.Image) -> PageImage:
    frame.load()
    bilevel = frame.mode == "1"
    xdpi, ydpi = _resolution(frame)
    img = ImageOps.exif_transpose(frame) if frame.getexif() else frame
    if img.info.get("dpi") is None and frame is not img:  # keep dpi across exif_transpose
        img.info["dpi"] = frame.info.get("dpi")
    img = _to_gray_or_rgb(img)
    if xdpi and ydpi and abs(xdpi - ydpi) / max(xdpi, ydpi) > SQUARE_PIXELS:
        # Fax "normal" resolution (204x98): stretch the coarse axis to square pixels.
        dpi = max(xdpi, ydpi)
        size = (round(img.width * dpi / xdpi), round(img.height * dpi / ydpi))
        img = img.resize(size, Image.Resampling.LANCZOS)
        return PageImage(img, dpi, bilevel)
    return PageImage(img, _believable_dpi(img, xdpi), bilevel)


def _resolution(frame: Image.Image) -> tuple[float | None, float | None]:
    dpi = frame.info.get("dpi")
    if not dpi:
        return None, None
    try:
        x, y = float(dpi[0]), float(dpi[1])
    except (TypeError, ValueError, IndexError):
        return None, None
    if not (MIN_DPI <= x <= MAX_DPI and MIN_DPI <= y <= MAX_DPI):
        return None, None
    return x, y


def _believable_dpi(img: Image.Image, dpi: float | None) -> float:
    """The stated dpi when it makes a plausible page, else fit the image to a letter page."""
    fit = max(img.width / LETTER_IN[0], img.height / LETTER_IN[1])
    if fit < MIN_DPI:
        fit = POINTS_PER_INCH  # a small snippet: one pixel per point
    if dpi is None or dpi in SCREEN_DPIS:
        return fit
    width_in, height_in = img.width / dpi, img.height / dpi
    if PAGE_MIN_INCH <= max(width_in, height_in) <= PAGE_MAX_INCH:
        return dpi
    return fit


def _to_gray_or_rgb(img: Image.Image) -> Image.Image:
    if img.mode in ("L", "RGB"):
        return img
    if img.mode in ("1", "I;16", "I;16B", "I", "F"):
        return img.convert("L")
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")
