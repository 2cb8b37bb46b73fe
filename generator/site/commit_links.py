"""Huifang's own links in mkdocs.yml (`extra.huifang`): commits linked to the team's Git host
(`commit_url`) and the site's own address (`site_address`), for what is read outside the site.

```yaml
extra:
  huifang:
    commit_url: "https://git.example.com/org/repo/commit/{commit}"
    site_address: "https://intranet.example.com/huifang/"
```

`site_address` is where the site is published: a calendar (.ics) cannot follow a relative
link, so each event links its customer's page only when it is set. It is used for nothing
else (MkDocs' `site_url` is refused: it would put a canonical link to that host on every page).

MkDocs' `repo_url` is refused (team_rules.py: Material would fetch the repository's facts
from that host in the browser). This setting is only a link: the 变更 pages make each
commit's short id an `<a href>` to the address with `{commit}` replaced by the commit's
full id; nothing is fetched from the host. Held to a plain form — https, a host name, a
path of URL-safe characters and exactly one `{commit}` — so no value can break out of the
attribute or name another scheme.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

KEYS = ("commit_url", "site_address")
PLACEHOLDER = "{commit}"
COMMIT_URL = re.compile(
    r"https://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?(?::[0-9]{1,5})?"
    r"/[A-Za-z0-9._~/%+=&?#-]*\{commit\}[A-Za-z0-9._~/%+=&?#-]*"
)
SITE_ADDRESS = re.compile(
    r"https://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%-]*)*"
)
SHA = re.compile(r"[0-9a-f]{4,64}")


class CommitUrlError(ValueError):
    def __init__(self, key: str, zh: str, en: str) -> None:
        super().__init__(key, zh, en)
        self.key, self.zh, self.en = key, zh, en


def huifang_settings(value: object) -> dict[str, str]:
    """`extra.huifang` vetted; raises CommitUrlError naming the key at fault."""
    if not isinstance(value, dict):
        raise CommitUrlError("", "应是映射", "expected a mapping")
    for key in value:
        if key not in KEYS:
            raise CommitUrlError(
                str(key),
                f"不支持这个设置；可用的有：{', '.join(KEYS)}",
                f"not supported here; the supported ones: {', '.join(KEYS)}",
            )
    vetted = {}
    url = value.get("commit_url")
    if url is not None:
        if not isinstance(url, str) or url.count(PLACEHOLDER) != 1 or not COMMIT_URL.fullmatch(url):
            raise CommitUrlError(
                "commit_url",
                "应是 https 地址，含一处 {commit}，例如 https://git.example.com/org/repo/commit/{commit}",
                "expected an https address with one {commit}, e.g. "
                "https://git.example.com/org/repo/commit/{commit}",
            )
        vetted["commit_url"] = url
    address = value.get("site_address")
    if address is not None:
        if not isinstance(address, str) or not SITE_ADDRESS.fullmatch(address):
            raise CommitUrlError(
                "site_address",
                "应是网站发布的 https 地址（不含 ? 和 #），例如 https://intranet.example.com/huifang/",
                "expected the https address the site is published at (no ? or #), e.g. "
                "https://intranet.example.com/huifang/",
            )
        vetted["site_address"] = address.rstrip("/") + "/"
    return vetted


def commit_href(template: str, sha: str) -> Markup | str:
    """The commit's page on the team's Git host; "" when none is set (or the id is odd).
    Ready markup: the pages' masking (Jinja finalize) takes a run of a commit id's digits
    for a phone number and would break the address; it holds only the team's vetted
    address and hex digits, no personal data."""
    if not template or not SHA.fullmatch(sha):
        return ""
    return escape(template.replace(PLACEHOLDER, sha))
