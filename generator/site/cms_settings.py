"""The team's editor settings (`extra.editor` in mkdocs.yml), vetted before they reach admin/.

```yaml
extra:
  editor:
    backend: github            # github, gitlab, gitea or forgejo
    repo: jincheng/huifang     # owner/name on that host
    branch: main
    base_url: https://git.example.cn      # the OAuth server (gitea/forgejo/gitlab self-hosted)
    api_root: https://git.example.cn/api/v1
    app_id: 2f1c0c6e-…         # the OAuth application's client id (PKCE: no secret)
    local: false               # true: admin/ opened from localhost talks to decap-server
    local_port: 8081           # decap-server's port when local (its PORT), 8081 unless given
```

The values go into admin/config.yml and its Content Security Policy (`connect-src`: the
API's host is the one other host admin/ may talk to), so each is held to a plain form: a
URL is https (http only for localhost), a repo is owner/name, an id letters and digits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

BACKENDS = ("github", "gitlab", "gitea", "forgejo")
KEYS = ("backend", "repo", "branch", "base_url", "api_root", "app_id", "local", "local_port")
REPO = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}){1,3}")
BRANCH = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./-]{0,99}")
APP_ID = re.compile(r"[A-Za-z0-9_-]{1,100}")
URL = re.compile(
    r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?|http://(?:localhost|127\.0\.0\.1)(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~/-]*)?"
)
# Where each host's API is when api_root is not given (Decap's own defaults).
DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com/api/v4"}
LOCAL_PORT = 8081  # decap-server's default port (its env PORT), where Decap looks by default


class EditorSettingError(ValueError):
    def __init__(self, key: str, zh: str, en: str) -> None:
        super().__init__(key, zh, en)
        self.key, self.zh, self.en = key, zh, en


@dataclass(frozen=True)
class EditorSettings:
    backend: dict[str, str]  # config.yml's backend: mapping
    local: bool
    local_port: int = LOCAL_PORT  # decap-server's port, when `local`

    @property
    def local_proxy(self) -> str:
        """decap-server's API, which admin/ opened from localhost talks to when `local`."""
        return f"http://localhost:{self.local_port}/api/v1"

    def api_origins(self) -> list[str]:
        """The hosts admin/ reads and writes through (and logs in at)."""
        urls = [self.backend.get("api_root") or DEFAULT_API.get(self.backend["name"], "")]
        urls.append(self.backend.get("base_url", ""))
        if self.backend["name"] == "github":
            urls.append("https://github.com")
        if self.local:
            urls.append(self.local_proxy)
        origins = {"{0.scheme}://{0.netloc}".format(urlsplit(u)) for u in urls if u}
        return sorted(origins)


def editor_settings(value: object) -> EditorSettings:
    """The vetted settings, or EditorSettingError naming the key, in Chinese and English."""
    if not isinstance(value, dict):
        raise EditorSettingError("", "应是映射", "expected a mapping")
    for key in value:
        if key not in KEYS:
            raise EditorSettingError(
                key, f"不支持这个设置；可用的有：{', '.join(KEYS)}",
                f"not supported here; the supported ones: {', '.join(KEYS)}",
            )  # fmt: skip
    name = value.get("backend")
    if name not in BACKENDS:
        raise EditorSettingError("backend", f"应是 {'、'.join(BACKENDS)} 之一",
                                 f"expected one of {', '.join(BACKENDS)}")  # fmt: skip
    backend = {"name": str(name)}
    rules = (("repo", REPO, "owner/name"), ("branch", BRANCH, "main"),
             ("base_url", URL, "https://git.example.cn"),
             ("api_root", URL, "https://git.example.cn/api/v1"), ("app_id", APP_ID, "abc123"))  # fmt: skip
    for key, rule, example in rules:
        if key not in value:
            continue
        text = value[key]
        if not isinstance(text, str) or not rule.fullmatch(text):
            raise EditorSettingError(key, f"写法不对，例如 {example}", f"not valid, e.g. {example}")
        backend[key] = text
    if "repo" not in backend:
        raise EditorSettingError(
            "repo", "缺少仓库，例如 owner/name", "the repo is missing, e.g. owner/name"
        )
    backend.setdefault("branch", "main")
    if name in ("gitea", "forgejo", "gitlab") and "app_id" in backend:
        backend["auth_type"] = "pkce"  # a browser-only login: no OAuth secret on any server
    local = value.get("local", False)
    if not isinstance(local, bool):
        raise EditorSettingError("local", "应是 true 或 false", "expected true or false")
    port = value.get("local_port", LOCAL_PORT)
    if type(port) is not int or not 1024 <= port <= 65535:
        raise EditorSettingError("local_port", "应是 1024 到 65535 之间的端口号，例如 8081",
                                 "expected a port from 1024 to 65535, e.g. 8081")  # fmt: skip
    if "local_port" in value and not local:
        raise EditorSettingError("local_port", "只在 local: true 时使用",
                                 "used only with local: true")  # fmt: skip
    return EditorSettings(backend, local, port)


def vetted_editor(value: object, refuse: Callable[[tuple, str, str], Exception]) -> EditorSettings:
    """editor_settings for the team file's reader: a refusal is `refuse`'s error at the key."""
    try:
        return editor_settings(value)
    except EditorSettingError as error:
        key = ("extra", "editor", error.key) if error.key else ("extra", "editor")
        raise refuse(key, error.zh, error.en) from None
