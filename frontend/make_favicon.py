"""Draw static/favicon.ico and static/apple-touch-icon.png from static/favicon.svg.

Run from the repository root after changing the SVG: `.venv/bin/python frontend/make_favicon.py`.
Chromium draws the PNGs, so no image library is needed.
"""

import struct
from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path("static")


def draw(svg, sizes):
    pngs = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for size in sizes:
            page = browser.new_page(viewport={"width": size, "height": size})
            sized = svg.replace("<svg ", f'<svg width="{size}" height="{size}" ')
            page.set_content(f'<body style="margin:0">{sized}</body>')
            clip = {"x": 0, "y": 0, "width": size, "height": size}
            pngs[size] = page.screenshot(omit_background=True, clip=clip)
        browser.close()
    return pngs


def main():
    pngs = draw((STATIC / "favicon.svg").read_text(), (32, 180))
    png = pngs[32]
    # An ICO file holding one 32x32 PNG, which every current browser reads.
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", 32, 32, 0, 0, 1, 32, len(png), 6 + 16)
    (STATIC / "favicon.ico").write_bytes(header + entry + png)
    (STATIC / "apple-touch-icon.png").write_bytes(pngs[180])


if __name__ == "__main__":
    main()
