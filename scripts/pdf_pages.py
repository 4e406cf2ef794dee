"""Render the first pages of a PDF to PNG files, to look at them.

    python scripts/pdf_pages.py bible.pdf [--pages 4] [--first 1] [--scale 1.2] [--out DIR]

Writes DIR/<name>-<page>.png (DIR defaults to the PDF's folder) and prints each file's path.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pypdfium2


def render_pages(pdf_path: Path, out_dir: Path, *, first: int = 1, pages: int = 4,
                 scale: float = 1.2) -> list[Path]:
    """Render pages first … first+pages-1 (1-based) of the PDF to PNG; return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    document = pypdfium2.PdfDocument(str(pdf_path))
    written = []
    try:
        for index in range(first - 1, min(first - 1 + pages, len(document))):
            image = document[index].render(scale=scale).to_pil()
            target = out_dir / f"{pdf_path.stem}-{index + 1}.png"
            image.save(target)
            written.append(target)
    finally:
        document.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    for path in render_pages(args.pdf, args.out or args.pdf.parent, first=args.first, pages=args.pages,
                             scale=args.scale):
        print(path)


if __name__ == "__main__":
    main()
