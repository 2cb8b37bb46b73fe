"""admin/ of the site: the browser editor (Decap CMS, vendored) with its generated config.

Written only when the team's mkdocs.yml names a Git host (`extra.editor`): without one
there is nothing to log in to. The page holds no record data; the editor reads and writes
through the host's API as the person logged in, so it shows nothing before a login.

The bundle is the vendored copy in vendor/decap-cms (make vendor-cms), checked against its
SHA256SUMS before it is copied: a changed or missing file fails the build. Its page has a
policy of its own: scripts from admin/ only (the bundle and its chunks), connections to
admin/ and to the Git host's API, nothing else from another host.
"""

from __future__ import annotations

import filecmp
import hashlib
import shutil
from pathlib import Path

import yaml

from generator.site.cms_config import editor_config
from generator.site.cms_settings import EditorSettings
from generator.site.errors import BuildError

VENDOR = Path(__file__).resolve().parents[2] / "vendor" / "decap-cms"
ADMIN = "admin"
BUNDLE = "decap-cms.js"
PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>记录编辑 · 回访台</title>
</head>
<body>
<script src="decap-cms.js"></script>
</body>
</html>
"""
# Decap checks config.yml with AJV, which compiles its schema into functions ('unsafe-eval':
# without it the editor stops at "Error loading the CMS configuration"); no script from
# anywhere but admin/ itself. Decap styles its components with inline <style> elements
# (emotion): 'unsafe-inline' for styles only; the Git host's avatars are images from it.
POLICY = ("default-src 'none'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob: {hosts}; connect-src 'self' {hosts}; font-src 'self' data:; "
          "base-uri 'none'; form-action 'none'")  # fmt: skip


def vendored_sums() -> dict[str, str]:
    """file name → sha256 of the vendored editor, as SHA256SUMS lists them."""
    lines = (VENDOR / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    return {name.strip(): digest for digest, name in (line.split("  ", 1) for line in lines)}


def admin_page(editor: EditorSettings) -> str:
    return PAGE.format(policy=POLICY.format(hosts=" ".join(editor.api_origins())))


def write_admin(editor: EditorSettings | None, site: Path) -> None:
    """admin/ into `site` (MkDocs' copy of it), or no admin/ when the team has no editor."""
    target = site / ADMIN
    if editor is None:
        shutil.rmtree(target, ignore_errors=True)
        return
    target.mkdir(parents=True, exist_ok=True)
    sums = vendored_sums()
    for name, digest in sums.items():
        source = VENDOR / name
        if hashlib.sha256(source.read_bytes()).hexdigest() != digest:
            raise BuildError(
                f"{source} 与 SHA256SUMS 不符；请运行 make vendor-cms / {source} does not match "
                "its SHA256SUMS: run make vendor-cms"
            )
        if not (target / name).is_file() or not filecmp.cmp(source, target / name, shallow=False):
            shutil.copyfile(source, target / name)
    config = editor_config(editor.backend, editor.local_proxy if editor.local else "")
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1000)
    _write_text(target / "config.yml", text)
    _write_text(target / "index.html", admin_page(editor))
    kept = {*sums, "config.yml", "index.html"}
    for stale in target.iterdir():
        if stale.name not in kept:
            stale.unlink()


def _write_text(path: Path, text: str) -> None:
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
