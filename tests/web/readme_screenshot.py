"""Takes the README's screenshot of the workbench: the caseload of the fictional sample
cases, seen by an administrator of every sample force, on the tests' fixed day.

    .venv/bin/python -m tests.web.readme_screenshot docs/workbench.png

Needs Debian's chromium and the built stylesheet (`npm ci`). The PNG is reduced to a
palette of 256 colours so that it stays small in the repository.
"""

from __future__ import annotations

import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

from tests.web.conftest import PASSWORD, SAMPLES, TODAY

WIDTH, HEIGHT = 1200, 900
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main(out: Path) -> None:
    import uvicorn
    from PIL import Image
    from playwright.sync_api import sync_playwright

    from docgen.web import Config, create_app
    from docgen.web.users import add_user

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for folder in ("cases", "house-style", "evidence"):
            shutil.copytree(SAMPLES / folder, root / folder)
        add_user(root / "users.json", "ada", "admin", ["LAN", "MPS", "NWP", "WYP"], PASSWORD)
        config = Config(cases=root / "cases", register=root / "docgen.db", users=root / "users.json",
                        out=root / "issued", today=lambda: TODAY)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning", access_log=False))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
                page.goto(f"http://127.0.0.1:{port}/login")
                page.fill("#name", "ada")
                page.fill("#password", PASSWORD)
                page.click("button:has-text('Sign in')")
                page.wait_for_selector("h1:has-text('Caseload')")
                shot = root / "shot.png"
                cases = page.locator("main table").first.bounding_box()  # down to the end of the cases
                page.screenshot(path=str(shot), full_page=True,
                                clip={"x": 0, "y": 0, "width": WIDTH, "height": cases["y"] + cases["height"] + 30})
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=5)
        image = Image.open(shot).convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        image.save(out, optimize=True)
    print(f"{out}: {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/workbench.png"))
