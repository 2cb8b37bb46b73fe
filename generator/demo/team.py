"""team.yaml: eight staff, one in each role above the agents and four agents, one of
whom left the company (their old visits remain); each lists the Git email they commit with."""

from __future__ import annotations

from generator.demo.files import dump
from generator.demo.state import Demo, Staff

ROLES = (
    ("director", None),
    ("manager", None),
    ("chief", None),
    ("supervisor", None),
    ("agent", "一区"),
    ("agent", "二区"),
    ("agent", "三区"),
    ("agent", "一区"),
)


def git_email(ident: str) -> str:
    """The author email each member commits with in make demo-site's history (`git` in
    team.yaml lists it, so check can tell who committed a sign-off)."""
    return f"{ident.lower()}@example.com"


def write_team(demo: Demo) -> None:
    for index, (role, area) in enumerate(ROLES, start=1):
        ident, name, phone = f"S{index:02d}", demo.fake.name(), demo.mobile()
        active = index != 8  # S08 left the company; their old visits remain
        member: Staff = (
            {
                "id": ident,
                "name": name,
                "role": role,
                "area": area,
                "active": active,
                "phone": phone,
            }
            if area
            else {"id": ident, "name": name, "role": role, "active": active, "phone": phone}
        )
        member["git"] = {"emails": [git_email(ident)]}
        demo.staff.append(member)
    demo.files["team.yaml"] = "# 团队名单 / the team\n" + dump({"staff": demo.staff})
