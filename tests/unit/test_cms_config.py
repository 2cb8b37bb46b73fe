"""The browser editor's config (admin/config.yml) agrees with the JSON Schemas, field by field."""

from __future__ import annotations

import pytest

from generator.site.cms_admin import admin_page
from generator.site.cms_config import collections, editor_config
from generator.site.cms_settings import EditorSettingError, editor_settings
from generator.vocabulary import shipped

KINDS = {"visits": "visit", "complaints": "complaint", "customers": "customer",
         "surveys": "survey", "lost": "lost", "team": "team"}  # fmt: skip
# The one kind of property no form widget can hold: an object keyed by names the record
# chooses (a survey item's count per level). Listed here so a new one fails the walk.
NOT_IN_FORM = {("survey", ("items", "counts")), ("customer", ("events",))}


def fields_of(name: str) -> list[dict]:
    collection = next(c for c in collections() if c["name"] == name)
    return collection["files"][0]["fields"] if "files" in collection else collection["fields"]


def walk(index, kind, node, base, fields, path=()):
    """Every schema property under `node` against the form's fields at the same place."""
    node, base = index.expand(node, base)
    by_name = {f["name"]: f for f in fields}
    properties = node.get("properties", {})
    required = set(node.get("required", []))
    for name, raw in properties.items():
        here = (*path, name)
        if (kind, here) in NOT_IN_FORM:
            assert name not in by_name
            continue
        assert name in by_name, f"{kind}: {'.'.join(here)} has no form field"
        field = by_name[name]
        child, child_base = index.expand(raw, base)
        assert field["label"] == child["title"], here
        assert field["required"] is (name in required), here
        if "enum" in child:
            labels = [d.partition(" / ")[0] for d in child["enumDescriptions"]]
            assert [o["value"] for o in field["options"]] == child["enum"], here
            assert [o["label"] for o in field["options"]] == labels, here
        if "pattern" in child and field["widget"] == "string":
            assert field["pattern"][0] == child["pattern"], here
            assert field["pattern"][1].startswith("格式："), here
        if child.get("type") == "object" and "properties" in child:
            walk(index, kind, child, child_base, field["fields"], here)
        items = child.get("items", {})
        if child.get("type") == "array" and "fields" in field:
            walk(index, kind, items, child_base, field["fields"], here)
    # and no field the schema does not have (the body is the Markdown text, not a property)
    assert set(by_name) - set(properties) <= {"body"}, path


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_schema_property_is_a_form_field(name):
    index = shipped()
    kind = KINDS[name]
    walk(index, kind, index.documents[kind], kind, fields_of(name))


def test_a_field_missing_from_the_form_is_caught():
    index = shipped()
    fields = [f for f in fields_of("visits") if f["name"] != "outcome"]
    with pytest.raises(AssertionError, match="outcome has no form field"):
        walk(index, "visit", index.documents["visit"], "visit", fields)


def test_visit_fields_by_hand():
    fields = {f["name"]: f for f in fields_of("visits")}
    assert fields["method"]["options"][0] == {"label": "电话", "value": "phone"}
    assert fields["method"]["required"] is True and fields["kind"]["required"] is False
    assert fields["customer"]["widget"] == "relation"
    assert fields["customer"]["collection"] == "customers"
    assert fields["staff"]["multiple"] is True and fields["staff"]["min"] == 1
    assert fields["staff"]["value_field"] == "staff.*.id"
    assert fields["date"]["format"] == "YYYY-MM-DD" and fields["date"]["time_format"] is False
    assert fields["time"]["format"] == "HH:mm"
    assert fields["reviewed_by"]["widget"] == "relation"
    assert fields["purpose"]["widget"] == "select" and fields["purpose"]["multiple"] is True
    assert fields["outcome"]["widget"] == "text"  # free text: a text area
    assert fields["body"]["widget"] == "markdown"
    issue = {f["name"]: f for f in fields["issues"]["fields"]}
    assert issue["sent_at"]["format"] == "YYYY-MM-DD HH:mm"
    # a pattern the checker holds a value to, with the Chinese description as the message
    staff = {f["name"]: f for f in fields_of("team")[0]["fields"]}
    assert staff["phone"]["pattern"][1] == "格式：工作电话"


def test_folders_and_file_names_follow_the_checker():
    by_name = {c["name"]: c for c in collections()}
    visits = by_name["visits"]
    assert visits["folder"] == "records/visits"
    assert visits["path"] == "{{year}}/{{slug}}"
    assert visits["slug"] == "{{date}}-{{customer}}-{{method}}"
    assert (by_name["complaints"]["path"], by_name["complaints"]["slug"]) == (
        "{{year}}/{{slug}}",
        "{{id}}",
    )
    assert (by_name["customers"]["path"], by_name["customers"]["slug"]) == ("{{slug}}", "{{id}}")
    assert (by_name["surveys"]["format"], by_name["surveys"]["extension"]) == ("yaml", "yaml")
    assert by_name["team"]["files"][0]["file"] == "records/team.yaml"


def test_editorial_workflow_only_where_the_backend_has_it():
    github = editor_config({"name": "github", "repo": "a/b"})
    gitea = editor_config({"name": "gitea", "repo": "a/b"}, local="http://localhost:8081/api/v1")
    assert github["publish_mode"] == "editorial_workflow" and "local_backend" not in github
    assert "publish_mode" not in gitea
    assert gitea["local_backend"] == {"url": "http://localhost:8081/api/v1"}
    assert gitea["locale"] == "zh_Hans"


def test_settings_are_vetted():
    settings = editor_settings({"backend": "gitea", "repo": "team/huifang", "app_id": "abc",
                                "base_url": "https://git.example.cn",
                                "api_root": "https://git.example.cn/api/v1"})  # fmt: skip
    assert settings.backend["auth_type"] == "pkce"
    assert settings.api_origins() == ["https://git.example.cn"]
    local = editor_settings({"backend": "github", "repo": "a/b", "local": True})
    assert local.api_origins() == ["http://localhost:8081", "https://api.github.com",
                                   "https://github.com"]  # fmt: skip
    # decap-server on another port (its PORT): config.yml and the policy follow it
    moved = editor_settings({"backend": "gitea", "repo": "a/b", "local": True, "local_port": 40123})
    assert moved.local_proxy == "http://localhost:40123/api/v1"
    assert moved.api_origins() == ["http://localhost:40123"]
    assert "; connect-src 'self' http://localhost:40123;" in admin_page(moved)
    for bad, key in (({"backend": "svn", "repo": "a/b"}, "backend"),
                     ({"backend": "github", "repo": "a/b", "base_url": "http://evil.cn"}, "base_url"),
                     ({"backend": "github", "repo": "a b"}, "repo"),
                     ({"backend": "github"}, "repo"),
                     ({"backend": "github", "repo": "a/b", "script": "x"}, "script"),
                     ({"backend": "github", "repo": "a/b", "local": True, "local_port": "80"},
                      "local_port"),
                     ({"backend": "github", "repo": "a/b", "local": True, "local_port": True},
                      "local_port"),
                     ({"backend": "github", "repo": "a/b", "local": True, "local_port": 99999},
                      "local_port"),
                     ({"backend": "github", "repo": "a/b", "local_port": 8082}, "local_port")):  # fmt: skip
        with pytest.raises(EditorSettingError) as caught:
            editor_settings(bad)
        assert caught.value.key == key


def test_the_scan_allows_the_editor_only_on_its_page_and_only_its_own_bytes(tmp_path):
    from generator.site.cms_admin import VENDOR
    from generator.site.scan import ADMIN_SCRIPT_SOURCE, active_parts, scan_site

    page = admin_page(editor_settings({"backend": "github", "repo": "a/b"}))
    assert active_parts(page, ADMIN_SCRIPT_SOURCE) == []
    assert active_parts(page) == ["script"]  # on any other page it is a script not the theme's
    site = tmp_path / "site"
    (site / "admin").mkdir(parents=True)
    (site / "admin" / "index.html").write_text(page, encoding="utf-8")
    (site / "other.html").write_text(page, encoding="utf-8")
    (site / "admin" / "103.decap-cms.js").write_bytes((VENDOR / "103.decap-cms.js").read_bytes())
    (site / "admin" / "1077.decap-cms.js").write_text("var p='13812345678';", encoding="utf-8")
    found = {(f.path, f.what) for f in scan_site(site, masked=True)}
    # the page elsewhere, and a file of admin/ that is not the vendored bytes, are read
    assert found == {("other.html", "script"), ("admin/1077.decap-cms.js", "mobile number")}


def test_hints_hold_the_chinese_half_only():
    fields = {f["name"]: f for f in fields_of("visits")}
    assert (
        fields["checks"]["hint"]
        == "抽查回访（kind: check）核对的那次回访的编号（文件名，不含 .md）"
    )
    assert fields["date"]["hint"] == "接触的日期"


def test_the_team_file_names_the_editor_or_is_refused_at_the_key(tmp_path):
    from generator.site.cms_settings import EditorSettings
    from generator.site.team_settings import TeamConfigError, read_team_settings

    (tmp_path / "site_pages").mkdir()
    team_file = tmp_path / "mkdocs.yml"
    team_file.write_text("site_name: 回访台\nextra:\n  editor:\n    backend: gitea\n"
                         "    repo: team/huifang\n    app_id: abc\n", encoding="utf-8")  # fmt: skip
    editor = read_team_settings(team_file).extra["editor"]
    assert editor == EditorSettings(
        {"name": "gitea", "repo": "team/huifang", "app_id": "abc", "branch": "main",
         "auth_type": "pkce"}, local=False)  # fmt: skip
    team_file.write_text("site_name: 回访台\nextra:\n  editor:\n    backend: gitea\n"
                         "    repo: team/huifang\n    api_root: \"https://x.cn'; script-src *\"\n",
                         encoding="utf-8")  # fmt: skip
    with pytest.raises(TeamConfigError, match="api_root"):
        read_team_settings(team_file)
