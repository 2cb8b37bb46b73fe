"""team.yaml's `git` identities read from real files: the schema's forms, the model, and the
errors with their lines (a broken team.yaml is a configuration error: exit 2)."""

from __future__ import annotations

from conftest import TEAM, TODAY

from generator.check import check_records

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN+bmpTjNS5k/7xiH6AvkINLQ04AR4A02s7bl6dQuHox demo"
LISTED = TEAM.replace(
    "{id: S02, name: 李强, role: supervisor, active: true}",
    "{id: S02, name: 李强, role: supervisor, active: true,\n"
    f'     git: {{emails: [li@example.com], keys: ["{KEY}", "SHA256:{"B" * 43}"]}}}}',
)


def test_listed_identities_reach_the_model(tree):
    report = check_records(tree({"team.yaml": LISTED}), TODAY)
    assert not [p for p in report.problems if p.source.path.endswith("team.yaml")]
    git = report.records.staff["S02"].git
    assert git is not None and git.emails == ("li@example.com",)
    assert git.keys == (KEY, "SHA256:" + "B" * 43)
    assert report.records.staff["S01"].git is None


def test_a_key_in_no_known_form_and_an_identity_listed_twice_are_errors_at_their_lines(tree):
    broken = LISTED.replace(f'"SHA256:{"B" * 43}"', '"SHA1:abc"').replace(
        "{id: S03, name: 赵敏, role: director, active: true}",
        "{id: S03, name: 赵敏, role: director, active: true, git: {emails: [LI@example.com]}}",
    )
    report = check_records(tree({"team.yaml": broken}), TODAY)
    found = {(p.code, p.source.line): p for p in report.problems if "team.yaml" in p.source.path}
    # line 3: S02's entry (its key list on line 4); line 5: S03's
    assert set(found) == {("schema.format", 4), ("id.git_duplicate", 5)}
    assert "SSH 签名公钥" in found[("schema.format", 4)].message_zh
    assert "S02 李强" in found[("id.git_duplicate", 5)].message_zh
    assert report.config_error and report.exit_code() == 2
