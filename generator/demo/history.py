"""A demo repository: the demo records committed as a year of the team's work, so the
audit trail (变更记录, the 变更 pages, timeliness warnings) has something real to show.

`write_demo_repository(out, …)` makes `out` a Git repository whose `records/` at HEAD
is byte for byte what `huifang demo` writes; only the way there is simulated:

- the team, the policy and every customer are committed on the demo's first day, but a
  customer who came later (their `since`: a new contract) on that day;
  every fourth customer starts with another grade and another phone number for its
  first contact, corrected later by its owner (field diffs on the customer page);
- each visit is committed by its first staff member a few hours after the visit
  (a few the next day, one in twenty two or three days late: timeliness warnings),
  and a reviewed visit gets its reviewer's sign-off (and guidance) in a second commit —
  but for one, two months before the end, whose sign-off its agent committed (the
  wrong person: team.yaml lists each member's Git email, so check reports it);
- a complaint is committed when it was registered, then answered, resolved and
  fed back in later commits by its first responder; surveys after their period.

Deterministic: dates come from the records and a seeded Random, never the clock,
and commits are written with git fast-import.
"""

from __future__ import annotations

import random
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from generator.demo import DEMO_END, DemoSize, generate
from generator.demo.files import parse
from generator.demo.team import git_email
from generator.read.convert import LOCAL_TZ

ZONE = "+0800"  # LOCAL_TZ as git writes it
COMPLAINT_STEPS = (  # (the time field, the commit's label, the fields that commit adds)
    ("answered", "答复", ("answered",)),
    ("resolved", "处理完毕", ("resolved", "resolution", "special", "special_reason")),
    ("feedback_sent", "反馈", ("feedback_sent", "customer_feedback")),
)

REVIEW_FIELDS = ("reviewed_by", "reviewed_on", "review_comment")  # the sign-off's commit adds


@dataclass(frozen=True)
class Commit:
    when: datetime
    author: str  # a staff id
    message: str
    files: tuple[tuple[str, str], ...]  # (path under records/, content)


def front_matter(text: str) -> dict:
    return parse(text)[0]


def without(text: str, keys: tuple[str, ...]) -> str:
    """The record with these top-level front-matter keys (and their nested lines) left out."""
    head, sep, body = text[4:].partition("\n---\n")
    kept, skipping = [], False
    for line in head.split("\n"):
        if line and not line.startswith((" ", "- ")):
            skipping = line.split(":", 1)[0] in keys
        if not skipping:
            kept.append(line)
    return "---\n" + "\n".join(kept) + sep + body


def _moment(value: object, fallback: time = time(17, 0)) -> datetime:
    text = str(value)
    if len(text) == 10:
        return datetime.combine(date.fromisoformat(text), fallback)
    return datetime.fromisoformat(text)


def _counted(text: str) -> bool:
    """Does a survey give its own counts (else its forms, surveys/<id>/responses/, are its)?"""
    return any(item.get("counts") for item in front_matter(text).get("items", []))


class _Timeline:
    def __init__(self, files: dict[str, str], seed: int, end: date) -> None:
        self.files, self.rng = files, random.Random(seed)
        self.start = datetime.combine(end - timedelta(days=364), time(9, 0))
        self.last = datetime.combine(end, time(20, 0))  # nothing is committed after the demo
        self.commits: list[Commit] = []
        # the first visit from two months before the end is signed off in its agent's commit,
        # not its reviewer's: check on the repository reports review.not_by_reviewer
        self.forge_from = self.last - timedelta(days=60)
        self.forged: str | None = None
        self.director = next(
            (s["id"] for s in front_matter(files["team.yaml"])["staff"] if s["role"] == "director"),
            "S01",
        )

    def add(self, when: datetime, author: str, message: str, *files: tuple[str, str]) -> None:
        when = min(max(when, self.start), self.last)
        self.commits.append(Commit(when, author, message, files))

    def build(self) -> list[Commit]:
        first = [
            (p, t) for p, t in self.files.items() if "/" not in p or p.startswith("customers/")
        ]
        initial = dict(first)
        for path, text in sorted(self.files.items()):
            if path.startswith("customers/") and int(path[-7:-3]) % 4 == 0:
                initial[path] = self._earlier_customer(path, text)
            elif path.startswith("visits/"):
                self._visit(path, text)
            elif path.startswith("complaints/"):
                self._complaint(path, text)
            elif path.startswith("plans/"):
                self._plan(path, text)
            elif path.startswith("lost/"):  # the 丢单报告 the day after the visit that learnt of it
                record = front_matter(text)
                when = _moment(record["date"], time(10, 0)) + timedelta(days=1)
                self.add(when, record["staff"][0], f"丢单报告 {Path(path).stem}", (path, text))
            elif path.startswith("surveys/") and "/responses/" in path:  # a form, entered that day
                when = _moment(front_matter(text)["date"], time(17, 0))
                self.add(when, self.director, f"问卷 {path.split('/')[1]}/{Path(path).stem}",
                         (path, text))  # fmt: skip
            elif path.startswith("surveys/") and not _counted(text):  # summed from its forms:
                start = front_matter(text)["period"]["start"]  # set up as it begins
                self.add(_moment(start, time(9, 0)), self.director, f"满意度调查 {Path(path).stem} 开始",
                         (path, text))  # fmt: skip
            elif path.startswith("surveys/"):
                period_end = front_matter(text).get("period", {}).get("end")
                when = _moment(period_end) + timedelta(days=5) if period_end else self.start
                self.add(when, self.director, f"满意度调查 {Path(path).stem} 结果", (path, text))
        for path, text in sorted(initial.items()):  # a customer who came this year: filed then
            since = self._since(text)
            if since is not None and since > self.start:
                del initial[path]
                self.add(since, self.director, f"建档 {Path(path).stem}", (path, text))
        self.add(self.start, self.director, "建档：团队、规则和客户档案", *sorted(initial.items()))
        return sorted(self.commits, key=lambda c: (c.when, c.message, c.files[0][0]))

    def _earlier_customer(self, path: str, text: str) -> str:
        """A first version with another grade and phone; its owner corrects both later."""
        record = front_matter(text)
        earlier = text.replace(f"\ngrade: {record['grade']}\n", "\ngrade: C\n", 1)
        if record["grade"] == "C":
            earlier = earlier.replace("\ngrade: C\n", "\ngrade: D\n", 1)
        phones = [c["mobile"] for c in record.get("contacts", []) if c.get("mobile")]
        if phones:
            earlier = earlier.replace(
                phones[0], phones[0][:3] + phones[0][-1:] + phones[0][3:-1], 1
            )
        when = self.start + timedelta(days=self.rng.randint(20, 300), hours=self.rng.randint(0, 8))
        since = self._since(text)
        if since is not None and when <= since:  # corrected after it was filed
            when = since + timedelta(hours=self.rng.randint(2, 30))
        self.add(when, record["owner"], f"{record['id']} 更正客户等级和联系人电话", (path, text))
        return earlier

    @staticmethod
    def _since(text: str) -> datetime | None:
        """When the customer came to us (their `since`, at the start of the working day)."""
        since = front_matter(text).get("since")
        return _moment(since, time(9, 0)) if since else None

    def _visit(self, path: str, text: str) -> None:
        record = front_matter(text)
        visited = _moment(record["date"], time.fromisoformat(record.get("time") or "15:00"))
        roll = self.rng.random()
        delay = (
            timedelta(hours=self.rng.randint(1, 6))
            if roll < 0.85
            else timedelta(hours=self.rng.randint(14, 22))
            if roll < 0.95
            else timedelta(hours=self.rng.randint(50, 72))
        )
        author = record["staff"][0]
        reviewed = record.get("reviewed_by")
        filed = text if not reviewed else without(text, REVIEW_FIELDS)
        self.add(visited + delay, author, f"回访记录 {Path(path).stem}", (path, filed))
        if reviewed:
            signed = _moment(record.get("reviewed_on") or record["date"], time(17, 30))
            signer = reviewed
            if self.forged is None and visited >= self.forge_from and author != reviewed:
                self.forged, signer = path, author  # the agent commits the supervisor's sign-off
            self.add(max(signed, visited + delay), signer, f"审阅 {Path(path).stem}", (path, text))

    def _plan(self, path: str, text: str) -> None:
        """Filed by its person the day before it was approved; approved by the approver."""
        record = front_matter(text)
        approved = record.get("approved_on")
        month = record["month"]
        if not approved:
            self.add(
                _moment(f"{month}-01", time(9, 0)),
                record["staff"],
                f"{month} 拜访计划书",
                (path, text),
            )
            return
        signed = _moment(approved, time(10, 0))
        draft = "".join(  # a plan is YAML alone, its approval its last two lines
            line for line in text.splitlines(keepends=True) if not line.startswith("approved_")
        )
        self.add(
            signed - timedelta(hours=17), record["staff"], f"{month} 拜访计划书", (path, draft)
        )
        self.add(
            signed,
            record["approved_by"],
            f"审核 {month} 拜访计划书 {record['staff']}",
            (path, text),
        )

    def _complaint(self, path: str, text: str) -> None:
        """Registered first; each step present in the record adds its fields later."""
        record = front_matter(text)
        author = record.get("first_responder") or self.director
        steps = [step for step in COMPLAINT_STEPS if record.get(step[0])]
        registered = _moment(record.get("registered") or record["received"])
        moments = [
            (registered, "登记投诉"),
            *((_moment(record[f]), label) for f, label, _ in steps),
        ]
        for done, (when, label) in enumerate(moments):
            hidden = tuple(name for _, _, fields in steps[done:] for name in fields)
            version = without(text, hidden) if hidden else text
            self.add(when, author, f"{label} {record['id']}", (path, version))


def fast_import(commits: list[Commit], names: dict[str, str]) -> bytes:
    out = bytearray()
    for number, commit in enumerate(commits, start=1):
        name = names.get(commit.author, commit.author)
        stamp = int(commit.when.replace(tzinfo=LOCAL_TZ).timestamp())
        who = f"{name} <{git_email(commit.author)}> {stamp} {ZONE}\n".encode()
        message = commit.message.encode()
        out += b"commit refs/heads/main\nmark :%d\n" % number
        out += b"author " + who + b"committer " + who
        out += b"data %d\n%s\n" % (len(message), message)
        if number > 1:
            out += b"from :%d\n" % (number - 1)
        for path, content in commit.files:
            data = content.encode("utf-8")
            out += b"M 100644 inline records/%s\ndata %d\n%s\n" % (path.encode(), len(data), data)
    return bytes(out)


def write_demo_repository(
    out: Path, size: DemoSize, seed: int = 2026, end: date = DEMO_END
) -> tuple[int, int]:
    """Make `out` (new or empty) a Git repository of the demo; returns (files, commits)."""
    files = generate(size, seed, end)
    commits = _Timeline(files, seed, end).build()
    names = {s["id"]: s["name"] for s in front_matter(files["team.yaml"])["staff"]}
    out.mkdir(parents=True, exist_ok=True)
    for args, data in (
        (("init", "-q", "-b", "main"), None),
        (("fast-import", "--quiet"), fast_import(commits, names)),
        (("checkout", "-q", "-f", "main"), None),
    ):
        subprocess.run(["git", "-C", str(out), *args], input=data, check=True, capture_output=True)
    return len(files), len(commits)
