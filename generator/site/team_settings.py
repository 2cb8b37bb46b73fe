"""The team's own `mkdocs.yml`, read safely and vetted against the site's guarantees.

A team file reads like any MkDocs file whose docs_dir is `site_pages/` beside it: its nav,
logo, favicon and extra_css name files in that folder. It is read with the project's
guarded YAML reader (no tags — MkDocs files may hold `!!python/name:` tags, which import
and run code —, no anchors, no duplicate keys). A key off the allow-list, or one that would
break a guarantee of the site (`team_rules.py` says which and why), is refused with the
file, the line, the key, why and how to fix it (`TeamConfigError`; the commands exit 2).
Texts the theme puts into the page unescaped (MkDocs' templates do not escape) have their
markup characters in full-width form, as the generated site name has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.problems import Source
from generator.read.guarded_yaml import YamlDoc, load_yaml
from generator.site.cms_settings import vetted_editor
from generator.site.commit_links import CommitUrlError, huifang_settings
from generator.site.render import without_markup
from generator.site.team_rules import (
    COLOUR,
    EXTRA_KEYS,
    FEATURE,
    FILE_SUFFIXES,
    ICON,
    IMAGE_SUFFIXES,
    LINK,
    MARKDOWN_EXTENSIONS,
    MAX_BYTES,
    MAX_FILES,
    PAGE_SUFFIXES,
    REFUSED_EXTENSIONS,
    REFUSED_KEYS,
    RESERVED,
    TEAM_FILE,
    TEAM_PAGES,
    TEXT_KEYS,
    THEME_KEYS,
    TOP_KEYS,
)


class TeamConfigError(Exception):
    """The team's mkdocs.yml cannot be used (the message says where, why and how to fix)."""


@dataclass(frozen=True)
class TeamSettings:
    file: Path
    folder: Path  # site_pages/ beside the file: the team's own files
    texts: dict[str, str]
    theme: dict
    nav: list
    extra_css: tuple[str, ...]
    markdown_extensions: tuple
    extra: dict
    files: tuple[str, ...]  # every file of `folder`, relative to it, for the site


def default_team_file(records_dir: Path) -> Path | None:
    """`mkdocs.yml` in the folder that holds the records folder (the repository's top), if any."""
    candidate = records_dir.absolute().parent / TEAM_FILE
    return candidate if candidate.is_file() else None


def read_team_settings(file: Path) -> TeamSettings:
    """The team's settings from `file`, vetted; raises TeamConfigError."""
    text = _read_text(file)
    doc = load_yaml(text, Source(str(file)))
    if doc.problems:
        first = doc.problems[0]
        hint = ("（MkDocs 的 !!python/name 标签会在构建时导入并运行代码）",
                " (MkDocs' !!python/name tags import and run code while building)")  # fmt: skip
        extra = hint if first.code == "yaml.tag" else ("", "")
        raise TeamConfigError(
            f"{first.where}: {first.message_zh}{extra[0]} / {first.message_en}{extra[1]}"
        )
    data = {} if doc.data is None else doc.data
    return _Vetting(file, doc).settings(data)


def _read_text(file: Path) -> str:
    try:
        if not file.is_file():
            raise TeamConfigError(
                f"{file}: 找不到这个配置文件 / {file}: no such file (--config names the team's mkdocs.yml)"
            )
        raw = file.read_bytes()
    except OSError as error:
        raise TeamConfigError(
            f"{file}: 无法读取：{error.strerror} / cannot read it: {error.strerror}"
        ) from None
    if len(raw) > MAX_BYTES:
        raise TeamConfigError(f"{file}: 文件超过 1 MB / the file is over 1 MB")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TeamConfigError(
            f"{file}: 不是 UTF-8 编码，请另存为 UTF-8 / not UTF-8: save it as UTF-8"
        ) from None


class _Vetting:
    def __init__(self, file: Path, doc: YamlDoc) -> None:
        self.file, self.doc = file, doc
        self.folder = file.absolute().parent / TEAM_PAGES

    def refuse(self, path: tuple, zh: str, en: str) -> TeamConfigError:
        line = self.doc.locs.get(path, self.doc.locs.get(path[:1], (1, 1)))[0]
        key = ".".join(str(part) for part in path) or "(file)"
        return TeamConfigError(f"{self.file}:{line}: {key}: {zh} / {en}")

    def settings(self, data: object) -> TeamSettings:
        if not isinstance(data, dict):
            raise self.refuse((), "应是“设置: 值”的映射", "expected a mapping of settings")
        for key, value in data.items():
            if key in REFUSED_KEYS and not (key == "plugins" and value in ([], None)):
                raise self.refuse((key,), *REFUSED_KEYS[key])
            if key not in TOP_KEYS and key not in REFUSED_KEYS:
                raise self.refuse(
                    (key,),
                    f"回访台不使用这个设置；可用的有：{', '.join(TOP_KEYS)}",
                    f"not a setting Huifang takes; the supported ones: {', '.join(TOP_KEYS)}",
                )
        files = self.team_files()
        texts = {key: self.text(data[key], (key,)) for key in TEXT_KEYS if key in data}
        return TeamSettings(
            file=self.file.absolute(),
            folder=self.folder,
            texts=texts,
            theme=self.theme(data.get("theme") or {}, files),
            nav=self.nav(data.get("nav") or [], ("nav",), files),
            extra_css=tuple(self.files_named(data.get("extra_css") or [], "extra_css", files)),
            markdown_extensions=tuple(self.extensions(data.get("markdown_extensions") or [])),
            extra=self.extra(data.get("extra") or {}),
            files=tuple(sorted(files)),
        )

    def text(self, value: object, path: tuple) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.refuse(path, "应是一段文字", "expected a text")
        return without_markup(value)

    def mapping(self, value: object, path: tuple, allowed: tuple[str, ...]) -> dict:
        if not isinstance(value, dict):
            raise self.refuse(path, "应是映射", "expected a mapping")
        for key in value:
            if key not in allowed:
                raise self.refuse(
                    (*path, key),
                    f"不支持这个设置；可用的有：{', '.join(allowed)}",
                    f"not supported here; the supported ones: {', '.join(allowed)}",
                )
        return value

    def theme(self, value: object, files: set[str]) -> dict:
        if isinstance(value, dict) and "custom_dir" in value:
            raise self.refuse(
                ("theme", "custom_dir"),
                "主题覆盖由回访台提供（搜索框、页面脚本、样式）；团队的样式请用 extra_css。请删除",
                "the build provides the theme override (search box, page script, styles); "
                "use extra_css for the team's styles. Remove it",
            )
        theme = self.mapping(value, ("theme",), THEME_KEYS)
        vetted: dict = {}
        for key, setting in theme.items():
            path = ("theme", key)
            if key == "name" and setting != "material":
                raise self.refuse(
                    path, "只支持 material 主题", "only the material theme is supported"
                )
            if key == "language" and setting != "zh":
                raise self.refuse(
                    path,
                    "页面和搜索都是中文：请写 zh 或删除",
                    "the pages and the search are Chinese: write zh or remove it",
                )
            if key == "font" and setting is not False:
                raise self.refuse(
                    path,
                    "Google Fonts 在中国大陆无法访问，页面会从其他主机下载字体；请写 font: false "
                    "或删除（使用系统字体）",
                    "Google Fonts are blocked in China and load from another host; write "
                    "`font: false` or remove it (system fonts)",
                )
            if key == "palette":
                vetted[key] = self.palette(setting, path)
            elif key == "features":
                vetted[key] = self.features(setting, path)
            elif key in ("logo", "favicon"):
                vetted[key] = self.file_named(setting, path, IMAGE_SUFFIXES, files)
            elif key == "icon":
                vetted[key] = self.icons(setting, path)
        return vetted  # name, language and font: the generated ones

    def palette(self, value: object, path: tuple) -> dict:
        """One palette: a list of palettes is a light/dark switch, which Material makes as a
        <form> in the header, and the post-build scan refuses forms."""
        if isinstance(value, list):
            raise self.refuse(
                path,
                "只能写一组颜色（scheme、primary、accent）：深浅切换是页头中的表单，构建后检查不允许",
                "one palette only (scheme, primary, accent): a light/dark switch is a form in the "
                "header, which the post-build scan refuses",
            )
        palette = self.mapping(value, path, ("scheme", "primary", "accent"))
        for key, colour in palette.items():
            self.matching(colour, (*path, key), COLOUR, "indigo, deep purple")
        return palette

    def features(self, value: object, path: tuple) -> list[str]:
        if not isinstance(value, list):
            raise self.refuse(path, "应是列表", "expected a list")
        for index, feature in enumerate(value):
            self.matching(feature, (*path, index), FEATURE, "navigation.top")
            if feature.startswith("navigation.instant"):
                raise self.refuse(
                    (*path, index),
                    "即时加载换页时不重新运行页面脚本（搜索框、预览的自动刷新）；请删除",
                    "instant loading changes pages without running the page scripts again "
                    "(the search box, the preview's reload); remove it",
                )
        return value

    def icons(self, value: object, path: tuple) -> dict:
        if not isinstance(value, dict):
            raise self.refuse(path, "应是映射", "expected a mapping")
        for key, icon in value.items():
            if isinstance(icon, dict):
                self.icons(icon, (*path, key))
            else:
                self.matching(icon, (*path, key), ICON, "material/library")
        return value

    def matching(self, value: object, path: tuple, pattern: re.Pattern, example: str) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise self.refuse(
                path, f"写法不对，例如 {example}", f"not a valid value, e.g. {example}"
            )

    def extra(self, value: object) -> dict:
        if isinstance(value, dict) and "analytics" in value:
            raise self.refuse(
                ("extra", "analytics"),
                "统计脚本从其他主机（Google）加载；请删除",
                "analytics load a script from another host (Google); remove it",
            )
        extra = self.mapping(value, ("extra",), EXTRA_KEYS)
        if "generator" in extra and not isinstance(extra["generator"], bool):
            raise self.refuse(
                ("extra", "generator"), "应是 true 或 false", "expected true or false"
            )
        if extra.get("generator") is True:  # the build writes false; true would be dropped silently
            raise self.refuse(
                ("extra", "generator"),
                "页脚的“Made with Material for MkDocs”链接指向其他主机，构建后检查不允许；请删除或写 false",
                "the footer's 'Made with Material for MkDocs' links to another host, which the "
                "post-build scan refuses; remove it or write false",
            )
        social = extra.get("social", [])
        if not isinstance(social, list):
            raise self.refuse(("extra", "social"), "应是列表", "expected a list")
        for index, entry in enumerate(social):
            where = ("extra", "social", index)
            self.mapping(entry, where, ("icon", "link", "name"))
            self.matching(entry.get("icon"), (*where, "icon"), ICON, "fontawesome/brands/github")
            self.matching(entry.get("link"), (*where, "link"), LINK, "https://example.com")
            if "name" in entry:
                entry["name"] = self.text(entry["name"], (*where, "name"))
        if "editor" in extra:  # the browser editor's Git host (cms_settings.py vets it)
            extra["editor"] = vetted_editor(extra["editor"], self.refuse)
        if "huifang" in extra:  # Huifang's own settings: the commit links (commit_links.py)
            try:
                extra["huifang"] = huifang_settings(extra["huifang"])
            except CommitUrlError as error:
                key = ("extra", "huifang", error.key) if error.key else ("extra", "huifang")
                raise self.refuse(key, error.zh, error.en) from None
        return extra

    def extensions(self, value: object) -> list:
        if not isinstance(value, list):
            raise self.refuse(("markdown_extensions",), "应是列表", "expected a list")
        for index, entry in enumerate(value):
            path = ("markdown_extensions", index)
            if isinstance(entry, dict) and len(entry) == 1:
                name = next(iter(entry))
            elif isinstance(entry, str):
                name = entry
            else:
                raise self.refuse(
                    path, "应是扩展名或“扩展名: 选项”", "expected a name or `name: options`"
                )
            short = name.removeprefix("markdown.extensions.")
            if short in REFUSED_EXTENSIONS:
                zh, en = REFUSED_EXTENSIONS[short]
                raise self.refuse(
                    path, f"不能使用 {name}：{zh}；请删除", f"{name} is refused: {en}; remove it"
                )
            if short not in MARKDOWN_EXTENSIONS:
                listed = ", ".join(sorted(MARKDOWN_EXTENSIONS))
                raise self.refuse(
                    path,
                    f"{name} 不在允许的 Markdown 扩展中（扩展会在构建时运行代码）；可用的有：{listed}",
                    f"{name} is not on the allow-list of Markdown extensions (they run code "
                    f"while building); allowed: {listed}",
                )
        return value

    def nav(self, value: object, path: tuple, files: set[str]) -> list:
        if not isinstance(value, list):
            raise self.refuse(path, "应是列表", "expected a list")
        entries: list = []
        for index, entry in enumerate(value):
            where = (*path, index)
            if isinstance(entry, str):
                entries.append(self.nav_target(entry, where, files))
                continue
            if not isinstance(entry, dict) or len(entry) != 1:
                raise self.refuse(where, "应是“标题: 页面.md”", "expected `title: page.md`")
            title, target = next(iter(entry.items()))
            label = self.text(title, where)
            if isinstance(target, list):
                entries.append({label: self.nav(target, (*where, title), files)})
            else:
                entries.append({label: self.nav_target(target, (*where, title), files)})
        return entries

    def nav_target(self, target: object, path: tuple, files: set[str]) -> str:
        if isinstance(target, str) and LINK.fullmatch(target):
            return target  # a link: the browser goes there when clicked, nothing is fetched
        return self.file_named(target, path, PAGE_SUFFIXES, files)

    def files_named(self, value: object, key: str, files: set[str]) -> list[str]:
        if not isinstance(value, list):
            raise self.refuse((key,), "应是列表", "expected a list")
        return [self.file_named(v, (key, i), {".css"}, files) for i, v in enumerate(value)]

    def file_named(self, value: object, path: tuple, suffixes, files: set[str]) -> str:
        """A file of site_pages/, named relative to it."""
        if not isinstance(value, str) or value not in files:
            raise self.refuse(
                path,
                f"应是 {TEAM_PAGES}/ 中的文件（相对于它书写），找不到 {value!r}",
                f"expected a file in {TEAM_PAGES}/ (written relative to it); {value!r} is not there",
            )
        if PurePosixPath(value).suffix.lower() not in suffixes:
            raise self.refuse(
                path,
                f"文件类型应是 {'、'.join(sorted(suffixes))} 之一",
                f"expected one of {', '.join(sorted(suffixes))}",
            )
        return value

    def team_files(self) -> set[str]:
        """Every file of site_pages/ (none if it is missing); refuses links, odd types and
        names the generated site uses."""
        if not self.folder.is_dir():
            return set()
        found: set[str] = set()
        for item in sorted(self.folder.rglob("*")):
            rel = item.relative_to(self.folder).as_posix()
            if any(part.startswith(".") for part in PurePosixPath(rel).parts):
                continue
            problem = _file_problem(item, rel)
            if problem:
                raise TeamConfigError(f"{self.folder / rel}: {problem[0]} / {problem[1]}")
            if item.is_file():
                found.add(rel)
            if len(found) > MAX_FILES:
                raise TeamConfigError(
                    f"{self.folder}: 文件超过 {MAX_FILES} 个 / more than {MAX_FILES} files"
                )
        return found


def _file_problem(item: Path, rel: str) -> tuple[str, str] | None:
    if item.is_symlink():
        return ("是链接；请放入文件本身", "a link: put the file itself there")
    if item.is_dir():
        return None
    if not item.is_file():
        return ("不是普通文件", "not a regular file")
    if item.suffix.lower() not in FILE_SUFFIXES:
        kinds = ", ".join(sorted(FILE_SUFFIXES))
        return (f"不支持这种文件（可用：{kinds}；脚本和 HTML 不能加入网站）",
                f"not a file type the site takes ({kinds}; no scripts or HTML)")  # fmt: skip
    first = PurePosixPath(rel).parts[0].lower()
    if first in RESERVED or first.removesuffix(item.suffix.lower()) in RESERVED:
        return (
            "这个名字是生成的网站在用的，请改名",
            "the generated site uses this name: rename it",
        )
    if item.stat().st_size > 10 * MAX_BYTES:
        return ("文件超过 10 MB", "the file is over 10 MB")
    return None
