"""The browser editor's configuration (admin/config.yml), made from the JSON Schemas.

A collection per record kind a person files (visits, complaints, customers, surveys, lost
deals) and the team file (staff are chosen from it: a relation needs a collection to read). Their
folders and file names are the ones the checker enforces (docs/records.md): a visit is
`records/visits/<year>/<date>-<customer>-<method>.md` (identity.visit_file_names,
year_folders), a complaint `records/complaints/<year of received>/<id>.md`, a customer
`records/customers/<id>.md`, a survey `records/surveys/<id>.yaml`, a lost deal
`records/lost/<year>/<date>-<customer>.md` (validate/lost.py). Fields come from
cms_fields, one per schema property, in the schema's order.

The backend is the team's (`extra.editor` in mkdocs.yml, cms_settings.py); the editor reads
and writes through that Git host's API as the person logged in, so the config holds no
record data and admin/ shows nothing before a login.
"""

from __future__ import annotations

from typing import Any

from generator.site.cms_fields import Field, object_fields
from generator.vocabulary import FieldIndex, shipped

# kind → (collection name, folder, path template in it, format, extension, list summary).
# Decap's {{year}} is the year of the entry's field named `date` (a visit's day), or of the
# day the entry is made when it has none (a complaint: received is most often this year).
# Decap lowercases every value it puts into a new file's name (2026-11-23-c0001-phone.md):
# the checker reads the id from the file name and warns (visit.filename_mismatch); see
# docs/site.md, "The browser editor".
FOLDERS = {
    "visit": ("visits", "records/visits", "{{year}}/{{date}}-{{customer}}-{{method}}",
              "frontmatter", "md", "{{date}} {{customer}} {{method}}"),
    "complaint": ("complaints", "records/complaints", "{{year}}/{{id}}",
                  "frontmatter", "md", "{{id}} {{customer}} {{received}}"),
    "customer": ("customers", "records/customers", "{{id}}", "frontmatter", "md", "{{id}} {{name}}"),
    "survey": ("surveys", "records/surveys", "{{id}}", "yaml", "yaml", "{{id}} {{title}}"),
    "lost": ("lost", "records/lost", "{{year}}/{{date}}-{{customer}}", "frontmatter", "md",
             "{{date}} {{customer}} {{reason}}"),
}  # fmt: skip
IDENTIFIER = {"visit": "customer", "complaint": "id", "customer": "id", "survey": "id",
              "lost": "customer"}  # fmt: skip
BODY = {"name": "body", "label": "正文", "widget": "markdown", "required": False,
        "hint": "会谈记录、投诉内容和处理经过等 Markdown 正文"}  # fmt: skip
# Uploads would land here; names starting with _ are never read as records (read/load.py).
MEDIA_FOLDER = "records/_uploads"


def collections(index: FieldIndex | None = None) -> list[dict[str, Any]]:
    """The editor's collections: one folder collection per record kind, then the team file."""
    index = index or shipped()
    made = []
    for kind, (name, folder, path, fmt, extension, summary) in FOLDERS.items():
        schema = index.documents[kind]
        slug = path.rpartition("/")[2]
        fields: list[Field] = object_fields(index, schema, kind)
        if fmt == "frontmatter":
            fields.append(dict(BODY))
        made.append({
            "name": name, "label": _title(schema), "label_singular": _title(schema),
            "description": _zh(str(schema.get("description", ""))),
            "folder": folder, "path": path.replace(slug, "{{slug}}"), "slug": slug,
            "create": True, "format": fmt, "extension": extension,
            "identifier_field": IDENTIFIER[kind], "summary": summary, "fields": fields,
        })  # fmt: skip
    team = index.documents["team"]
    made.append({
        "name": "team", "label": _title(team),
        "files": [{"name": "team", "label": _title(team), "file": "records/team.yaml",
                   "format": "yaml", "fields": object_fields(index, team, "team")}],
    })  # fmt: skip
    return made


def editor_config(
    backend: dict[str, Any], local: str = "", index: FieldIndex | None = None
) -> dict:
    """The whole config.yml: the team's backend, the Chinese UI, the collections.

    `local`: decap-server's API on this machine (EditorSettings.local_proxy), which the editor
    talks to when the page is opened from localhost (Decap only then; a person at the team's
    site always goes to the Git host); "" for none."""
    config: dict[str, Any] = {"backend": backend, "locale": "zh_Hans"}
    if backend.get("name") in ("github", "gitlab", "bitbucket"):
        config["publish_mode"] = "editorial_workflow"  # a branch and a pull request per entry
    if local:
        config["local_backend"] = {"url": local}
    config.update({"media_folder": MEDIA_FOLDER, "collections": collections(index)})
    return config


def _title(schema: dict) -> str:
    return _zh(str(schema.get("title", "")))


def _zh(text: str) -> str:
    """The Chinese part of a schema's own title or description ("回访记录 / Visit (…)")."""
    return text.partition(" / ")[0].strip()
