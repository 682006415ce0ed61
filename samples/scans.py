"""Image-only copies of PDFs, as a shelf of printed and scanned 决算 gives them.

    python samples/scans.py IN.pdf OUT.pdf [--dpi 200] [--skew 0.6] [--pages 12,13] [--turn 90]

Each page is rendered (pdfium), turned by ``skew`` degrees (a sheet laid crooked on the glass)
and ``turn`` quarter turns, given paper noise and JPEG compression, and written as a PDF of
images at the page's own size: no text layer is left. ``tamper`` paints a different value over
a box of a page (a misread a scan can cause), so a test can see the checks catch it.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFont


def scan_page(page: pdfium.PdfPage, dpi: int, skew: float = 0.0, noise: float = 6.0, jpeg_quality: int = 70,
              turn: int = 0, seed: int = 0,
              tamper: tuple[tuple[float, float, float, float], str] | None = None) -> Image.Image:
    """One page as a scanner gives it back (see the module docstring); ``tamper``: (box in
    points, text) painted over the rendering first."""
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    if tamper:
        (x0, y0, x1, y1), text = tamper
        s = dpi / 72
        draw = ImageDraw.Draw(image)
        draw.rectangle((x0 * s, y0 * s, x1 * s, y1 * s), fill=255)
        font = ImageFont.load_default(size=int(9 * s))
        draw.text((x0 * s + 2, y0 * s + 1), text, fill=0, font=font)
    if skew:
        image = image.rotate(skew, resample=Image.BILINEAR, expand=False, fillcolor=255)
    if turn:
        image = image.rotate(-turn, expand=True)
    pixels = np.asarray(image, dtype=np.float64)
    pixels += np.random.default_rng(seed).normal(0.0, noise, pixels.shape)
    image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=jpeg_quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def scan_pdf(source: Path, target: Path, dpi: int = 200, skew: float = 0.6, pages: list[int] | None = None,
             turn: int = 0, noise: float = 6.0, jpeg_quality: int = 70,
             tamper: dict[int, tuple[tuple[float, float, float, float], str]] | None = None) -> Path:
    """An image-only copy of ``source`` (its ``pages``, 1-based; default all)."""
    pdf = pdfium.PdfDocument(str(source))
    numbers = pages or list(range(1, len(pdf) + 1))
    images = [scan_page(pdf[n - 1], dpi, skew, noise, jpeg_quality, turn, seed=n,
                        tamper=(tamper or {}).get(n)) for n in numbers]
    target.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return target


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source", type=Path)
    ap.add_argument("target", type=Path)
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--skew", type=float, default=0.6)
    ap.add_argument("--turn", type=int, default=0, choices=(0, 90, 180, 270))
    ap.add_argument("--pages", help="1-based page numbers, comma-separated (default: all)")
    args = ap.parse_args()
    pages = [int(p) for p in args.pages.split(",")] if args.pages else None
    print(scan_pdf(args.source, args.target, args.dpi, args.skew, pages, args.turn))


if __name__ == "__main__":
    main()
