"""MkDocs hook (listed after mkdocs_hooks.py when the team has a mkdocs.yml): the team's own
files in site_pages/ join the generated docs tree.

They are added to MkDocs' file list where they are, not copied into the docs tree, so an
incremental build's cleaning of that tree never touches them. Their Markdown is converted
as MkDocs always does (mkdocs_hooks.py passes only the generated articles through as they
are); like every page they get the Content Security Policy and pass the post-build scan.
`config.py` puts the folder and the vetted file list into `extra.huifang_team`.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files


def on_files(files: Files, config) -> Files:
    team = config["extra"].get("huifang_team")
    if not team:
        return files
    for path in team["files"]:
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"site_pages/{path} 与生成的页面同名 / site_pages/{path} has the name of a "
                "generated page: rename it"
            )
        files.append(File(path, team["folder"], config["site_dir"], config["use_directory_urls"]))
    return files
