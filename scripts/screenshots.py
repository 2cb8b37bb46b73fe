"""`make screenshots`: the README's pictures of the demo site, taken in Debian's chromium.

Builds nothing: run `make site` first. Needs `chromium` and a Chinese font
(`apt-get install chromium fonts-noto-cjk`); writes docs/images/*.png.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from generator.site.serve import serving

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {"dashboard.png": "index.html", "customer.png": "customers/C0001.html"}
PHONE_SHOTS = {"due-phone.png": "due/S05.html", "satisfaction-phone.png": "satisfaction.html"}
SCROLL_TO = {"satisfaction.html": ".hf-plot-figure"}  # the page's first chart, not its top
# the demo's as-of day: viewed later, every page says how old it is (acting.js), which a
# picture of the site should not
AS_OF = dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=8)))


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
        for shots, size, phone in (
            (SHOTS, {"width": 1280, "height": 1000}, False),
            (PHONE_SHOTS, {"width": 390, "height": 844}, True),
        ):
            context = browser.new_context(viewport=size, locale="zh-CN", is_mobile=phone,
                                          device_scale_factor=2 if phone else 1)  # fmt: skip
            page = context.new_page()
            page.clock.set_fixed_time(AS_OF)
            for name, path in shots.items():
                page.goto(base + path)
                if path in SCROLL_TO:
                    page.locator(SCROLL_TO[path]).first.evaluate("e => e.scrollIntoView()")
                page.wait_for_timeout(300)
                page.screenshot(path=str(out / name))
                print(out / name)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
