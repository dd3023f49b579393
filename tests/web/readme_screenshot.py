"""Takes the README's screenshot of the workbench: the caseload of the fictional sample
cases, seen by an administrator of every sample force, on the tests' fixed day.

    .venv/bin/python -m tests.web.readme_screenshot docs/workbench.png

Needs Debian's chromium and the built stylesheet (`npm ci`). The PNG is reduced to a
palette of 256 colours so that it stays small in the repository.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.web.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORD,
    SAMPLES,
    TODAY,
    serving,
)

WIDTH, HEIGHT = 1200, 900


def main(out: Path) -> None:
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from docgen.web import Config
    from docgen.web.users import add_user

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("cases", "house-style", "evidence"):
            shutil.copytree(SAMPLES / folder, root / folder)
        add_user(root / "users.json", "ada", "admin", ["LAN", "MPS", "NWP", "WYP"], PASSWORD)
        config = Config(cases=root / "cases", register=root / "docgen.db", users=root / "users.json",
                        out=root / "issued", today=lambda: TODAY)
        with serving(config) as server:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                page.goto(server + "/login")
                page.fill("#name", "ada")
                page.fill("#password", PASSWORD)
                page.click("button:has-text('Sign in')")
                page.wait_for_selector("h1:has-text('Caseload')")
                shot = root / "shot.png"
                cases = page.locator("main table").first.bounding_box()  # down to the end of the cases
                page.screenshot(path=str(shot), full_page=True,
                                clip={"x": 0, "y": 0, "width": WIDTH, "height": cases["y"] + cases["height"] + 30})
                browser.close()
        image = Image.open(shot).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        image.save(out, optimize=True)
    print(f"{out}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/workbench.png"))
