"""`make screenshots`: the README's pictures of the demo site, taken in Debian's chromium.

Builds nothing: run `make site` first. Needs `chromium` and a Chinese font
(`apt-get install chromium fonts-noto-cjk`); writes docs/images/*.png.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.site.serve import serving

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {"dashboard.png": "index.html", "customer.png": "customers/C0001.html"}


def main() -> int:
    site = ROOT / "site"
    browser_path = shutil.which("chromium")
    if not (site / "index.html").is_file() or not browser_path:
        print("先运行 make site，并安装 chromium 和 fonts-noto-cjk / run make site and install "
              "chromium and fonts-noto-cjk first", file=sys.stderr)  # fmt: skip
        return 2
    out = ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with serving(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000}, locale="zh-CN")
        for name, path in SHOTS.items():
            page.goto(base + path)
            page.wait_for_timeout(300)
            page.screenshot(path=str(out / name))
            print(out / name)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
