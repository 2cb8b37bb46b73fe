"""validate/signoffs.py in memory: who made a commit by team.yaml's Git identities, and
team.yaml's identities themselves. The fingerprints were printed by `ssh-keygen -lf` for
these two public keys (made once with ssh-keygen -t ed25519 / -t ecdsa)."""

from __future__ import annotations

from builders import TEAM, codes, day, records, staff

from generator.history.gitlog import Commit
from generator.model import GitIdentities
from generator.problems import Source
from generator.validate.signoffs import Identities, git_identities, key_fingerprint

ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIN+bmpTjNS5k/7xiH6AvkINLQ04AR4A02s7bl6dQuHox demo"
ED25519_SHA = "SHA256:upyYpLpyqcEkTRyW+UI5avjC7tgyc2i+KsC0mPaXies"
ECDSA = (
    "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHDGk4oMxowZ5IO1hNn"
    "Jk8PYU3tXO0gUDhKVJBvqiT5CCsn7WN3NWxuRBt/xszc/0jKxIbmRa7r7j+EAfLRGZ7w= e"
)
ECDSA_SHA = "SHA256:0B1fCqVcAqpism9hhB9tu43xjUTJpHW3yrEiBkgj6Vw"
OTHER_SHA = "SHA256:" + "A" * 43


def test_a_public_key_line_has_the_fingerprint_ssh_keygen_prints():
    assert key_fingerprint(ED25519) == ED25519_SHA
    assert key_fingerprint(ECDSA) == ECDSA_SHA
    assert key_fingerprint(f"  {ED25519_SHA} ") == ED25519_SHA  # a fingerprint as written
    assert key_fingerprint(ED25519.replace("AAAAC3", "AAAAC4")) == ""  # not an ed25519 blob
    assert key_fingerprint(ED25519[:-30]) == ""  # cut short: no valid base64
    assert key_fingerprint("ssh-ed25519") == ""


def commit(email: str, signature: str = "N", key: str = "") -> Commit:
    return Commit("a" * 40, "", "某人", email, "2026-11-20T10:00:00+08:00", "某人",
                  "2026-11-20T10:00:00+08:00", signature, key, "", "x")  # fmt: skip


# S01 lists an email only; S02 an email and a key; S03 nothing
LISTED = records(team=[
    staff("S01", name="王芳", git=GitIdentities(emails=("Wang@Example.com",))),
    staff("S02", name="李强", role="supervisor",
          git=GitIdentities(emails=("li@example.com",), keys=(ED25519,))),
    staff("S03", name="赵敏", role="director"),
])  # fmt: skip


def test_a_signed_commit_is_its_keys_owner_an_unsigned_one_its_emails():
    ids = Identities.of(LISTED)
    assert ids.who(commit("wang@example.COM")) == "S01"  # emails in any case
    assert ids.who(commit("wang@example.com", "G", ECDSA_SHA)) == "S01"  # S01 lists no key
    assert ids.who(commit("wang@example.com", "U", ED25519_SHA)) == "S02"  # the key decides
    assert ids.who(commit("li@example.com")) == "S02"  # unsigned: the email, a claim
    assert ids.who(commit("li@example.com", "G", ECDSA_SHA)) is None  # not a key S02 lists
    assert ids.who(commit("li@example.com", "B", ECDSA_SHA)) == "S02"  # a bad signature is none
    assert ids.who(commit("li@example.com", "Y", ED25519_SHA)) == "S02"  # expired key: still his
    assert ids.who(commit("zhao@example.com")) is None
    assert ids.listed == {"S01", "S02"} and ids.keyed == {"S02"}


def test_a_finding_needs_another_listed_person_or_an_unknown_one_for_a_listed_person():
    ids = Identities.of(LISTED)
    assert ids.stranger(commit("li@example.com"), ("S02",)) == (False, "S02")
    assert ids.stranger(commit("wang@example.com"), ("S02",)) == (True, "S01")
    assert ids.stranger(commit("zhao@example.com"), ("S02",)) == (True, None)  # S02 listed
    assert ids.stranger(commit("zhao@example.com"), ("S03",)) == (False, None)  # S03: none
    assert ids.stranger(commit("wang@example.com"), ("S03",)) == (True, "S01")  # S01 known
    assert ids.stranger(commit("zhao@example.com"), ("S01", "S03")) == (False, None)
    assert ids.stranger(commit("wang@example.com"), ("S03", "S01")) == (False, "S01")


def test_an_identity_listed_twice_or_an_unreadable_key_is_an_error_in_team_yaml():
    source = Source("records/team.yaml", 2, 3)
    team = [
        *TEAM,
        staff("S05", git=GitIdentities(emails=("wang@example.com",)), source=source),
        staff(
            "S06",
            git=GitIdentities(
                emails=("WANG@example.com",), keys=(ED25519, ED25519_SHA, ED25519[:-30])
            ),
            source=source.at(3, 3),
        ),
    ]
    found = git_identities(records(team=team), day("2026-11-23"))
    # S06's email and (as a fingerprint) its own key's second listing: the email is S05's
    assert codes(found) == ["id.git_duplicate", "id.git_bad_key"]
    assert "S06 员工S06" in found[0].message_zh and "S05 员工S05" in found[0].message_zh
    assert found[0].path == "git.emails[0]" and found[1].path == "git.keys[2]"
    assert git_identities(LISTED, day("2026-11-23")) == []


def test_nobody_listed_means_no_identities():
    assert Identities.of(records()).listed == frozenset()
    assert Identities.of(LISTED).label(None) == (
        "未登记的身份",
        "an identity not listed in team.yaml",
    )
    assert Identities.of(LISTED).label("S02") == ("S02 李强", "S02 李强")
