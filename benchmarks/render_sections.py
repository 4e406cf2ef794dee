"""Where WeasyPrint's time goes: each section of the stress bible laid out and written on its own.

``python benchmarks/render_sections.py [--characters 60] [--scenes 400]`` renders the stress bible of
render_bench.py once whole, then once per section (the section's template alone, with the
stylesheet), and prints layout and write seconds (CPU seconds of this process, which other work on the machine
inflates less than wall time), pages and the share of the whole per section.
"""
from __future__ import annotations

import argparse
import re
import time

from render_bench import stress_story

from toolkit.pdf.html_tree import weasyprint_html
from toolkit.pdf.render import (
    MAIN_TEMPLATE,
    TEMPLATE_BASE_URL,
    build_html,
    template_url_fetcher,
    without_cycle_collection,
)

SECTIONS = ("cover", "contents", "synopsis", "characters", "organisations", "places", "outline", "presence",
            "relations", "report")


def _only(html: str, keep: str) -> str:
    """The document with the body's sections other than `keep` removed (markers set by the template)."""
    pattern = re.compile(r"<!-- section (\w+) -->(.*?)<!-- end (\w+) -->", re.S)
    return pattern.sub(lambda m: m.group(2) if m.group(1) == keep else "", html)


def _timed(html: str) -> tuple[float, float, int]:
    with without_cycle_collection():  # as write_pdf renders
        started = time.process_time()
        document = weasyprint_html(html, base_url=TEMPLATE_BASE_URL, url_fetcher=template_url_fetcher(),
                                   package_templates=True).render()
        laid_out = time.process_time()
        document.write_pdf()
        return laid_out - started, time.process_time() - laid_out, len(document.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--characters", type=int, default=60)
    parser.add_argument("--scenes", type=int, default=400)
    parser.add_argument("--only", nargs="*", default=SECTIONS, help="the sections to time (default: all)")
    args = parser.parse_args()
    story, scenes, findings = stress_story(args.characters, args.scenes)
    started = time.process_time()
    html = build_html(story, scenes, findings)
    templating = time.process_time() - started
    _timed(_only(html, "cover"))  # warm-up: import and fonts
    layout, write, pages = _timed(html)
    print(f"{MAIN_TEMPLATE} of the stress bible ({args.characters} characters × {args.scenes} scenes); "
          f"Jinja2 {templating:.2f} s")
    print(f"| {'section':<14} | {'layout s':>8} | {'write s':>7} | {'pages':>5} | {'share':>5} |")
    print(f"| {'-' * 14} | {'-' * 8}: | {'-' * 7}: | {'-' * 5}: | {'-' * 5}: |")
    for section in args.only:
        part_layout, part_write, part_pages = _timed(_only(html, section))
        share = (part_layout + part_write) / (layout + write)
        print(f"| {section:<14} | {part_layout:>8.2f} | {part_write:>7.2f} | {part_pages:>5} | {share:>5.0%} |")
    print(f"| {'whole':<14} | {layout:>8.2f} | {write:>7.2f} | {pages:>5} | {1:>5.0%} |")


if __name__ == "__main__":
    main()
