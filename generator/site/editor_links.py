"""Links from the site into the browser editor (admin/, cms_admin.py): a new visit pre-filled.

Only when the team's mkdocs.yml names its Git host (`extra.editor`): without admin/ there is
nothing to open, and no page has such a link (SiteData.editor). A link opens Decap's new-entry
form with fields filled from its query string (Decap reads `?field=value`, a multiple field
as a comma-separated list):

    admin/#/collections/visits/new?customer=C0001&method=onsite&kind=routine&staff=S03

Only ids and the schema's enum values go into it — never a name, a number or a text — and each
id is held to the schema's id form (common.json `id`: letters, digits, `-` and `_`) before it
is URL-encoded; the page's template escapes the whole address for HTML.

What a due item's visit is pre-filled with:
- `customer` the item's; `staff` the person whose list it is on, else the item's responsible;
- `method` the first the rule accepts (policy `methods`: phone for `phone` and `any`), else phone;
- `kind` from the rule (`VISIT_KIND`): a periodic rule → routine, inactivity → inactive, an
  event rule after `visit.X` → after_sales (the callback after a repair is 售后回访: as a visit
  of kind repair it would trigger the rule again), after a contract or the customer's
  start → new_customer, after an order or another customer date → after_sales, after a
  resolved complaint → complaint, a sampled one → the sample's kind (check, with `checks`
  naming the drawn visit), birthdays and festivals → holiday, a complaint's follow-up →
  complaint (with `complaint`: the visit then meets that stage, derive/sla.py);
- a payment reminder also `purpose`: the first purpose that counts for it.

Items a new visit cannot complete get no link: those done in the record that gave rise to
them (a commitment's `done`, an issue's forwarding and first contact, a complaint's
registration, answer, resolution and feedback), team-wide ones (no customer) and done ones.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.derive.items import DueItem
from generator.vocabulary import shipped

NEW_VISIT = "admin/#/collections/visits/new"
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")  # common.json $defs/id, the checker's form
RECORD_VISIT = "记录回访"
COMPLAINT_FOLLOWUP = "登记投诉处理"
DEFAULT_METHOD = "phone"  # the first of policy `methods: any`, and the commonest contact
# DueItem.kind (or "kind/rule" where the rule decides) → the visit's kind (visit.json `kind`)
VISIT_KIND = {
    "cadence": "routine",
    "inactivity": "inactive",
    "agreed": "routine",  # the next contact agreed in a visit: any later contact
    "reminder/birthday": "holiday",
    "reminder/festival": "holiday",
    "reminder/payment": "routine",
    "complaint/complaint_followup": "complaint",
}
EVENT_KIND = {"events.contract": "new_customer", "customer.since": "new_customer",
              "customer.orders": "after_sales", "complaint.resolved": "complaint",
              "survey.dissatisfied": "survey"}  # fmt: skip


class NotAnId(ValueError):
    """A value for a link that is not an id (the gate lets none through: a program error)."""


def new_visit_href(prefix: str, fields: dict[str, str | tuple[str, ...]]) -> str:
    """The editor's new-visit form with `fields` filled ("" and () left out), from a page
    `prefix` away from the site's root."""
    query = []
    for name, value in fields.items():
        values = ((value,) if value else ()) if isinstance(value, str) else value
        for one in values:
            if not ID.fullmatch(one):
                raise NotAnId(f"{name}={one!r} is not an id")
        if values:
            query.append(f"{quote(name, safe='')}={quote(','.join(values), safe=',')}")
    return prefix + NEW_VISIT + ("?" + "&".join(query) if query else "")


class EditorLinks:
    """The pre-filled new-visit links of a site's records (SiteData.editor_links)."""

    def __init__(self, records) -> None:
        self.records = records
        self.events = {rule.name: rule for rule in records.policy.events}
        self._visit_ids: dict[str, str] | None = None

    def due_item(self, item: DueItem, prefix: str, who: str = "") -> dict[str, str] | None:
        """{"href", "label"} for a visit that completes `item`, or None (see the module)."""
        if item.done or not item.customer:
            return None
        fields = self._item_fields(item)
        if fields is None:
            return None
        staff = (who,) if who else item.staff
        fields = {"customer": item.customer, "method": self._method(item), **fields,
                  "staff": staff}  # fmt: skip
        return {"href": new_visit_href(prefix, _ordered(fields)), "label": RECORD_VISIT}

    def customer(self, customer, prefix: str) -> dict[str, str]:
        """A routine visit of the customer by its owner."""
        fields = {"customer": customer.id, "method": DEFAULT_METHOD, "kind": "routine",
                  "staff": (customer.owner,) if customer.owner else ()}  # fmt: skip
        return {"href": new_visit_href(prefix, fields), "label": RECORD_VISIT}

    def complaint(self, status, prefix: str) -> dict[str, str]:
        """The complaint's follow-up visit (kind complaint, naming it) by its responsible."""
        complaint = status.complaint
        fields = {"customer": complaint.customer, "method": DEFAULT_METHOD, "kind": "complaint",
                  "staff": tuple(status.responsible), "complaint": complaint.id}  # fmt: skip
        return {"href": new_visit_href(prefix, _ordered(fields)), "label": COMPLAINT_FOLLOWUP}

    def _method(self, item: DueItem) -> str:
        return item.need.methods[0] if item.need.methods else DEFAULT_METHOD

    def _item_fields(self, item: DueItem) -> dict[str, str | tuple[str, ...]] | None:
        kind = VISIT_KIND.get(f"{item.kind}/{item.rule}") or VISIT_KIND.get(item.kind)
        if item.kind == "event":
            return self._event_fields(item)
        if kind is None:
            return None
        fields: dict[str, str | tuple[str, ...]] = {"kind": kind}
        if item.rule == "complaint_followup":
            fields["complaint"] = item.subject  # the complaint's id (derive/sla.py)
        if item.rule == "payment":
            purposes = self.records.policy.reminders.payment.purposes
            fields["purpose"] = tuple(purposes[:1])
        return fields

    def _event_fields(self, item: DueItem) -> dict[str, str | tuple[str, ...]] | None:
        rule = self.events.get(item.rule)
        if rule is None:
            return None
        if rule.sample is not None:
            drawn = self._visit_id(item.source.path)
            return {"kind": rule.sample.kind, "checks": drawn} if drawn else None
        source = rule.after.partition(".")[0]
        if source == "visit":
            # a callback after a visit of kind X (after: visit.repair) is not itself of kind
            # X: it would be a trigger of the same rule and open the next callback item
            return {"kind": "after_sales"}
        return {"kind": EVENT_KIND.get(rule.after, "after_sales")}

    def _visit_id(self, path: str) -> str:
        """The id of the visit filed at `path` ("" when none is)."""
        if self._visit_ids is None:
            self._visit_ids = {v.source.path: v.id for v in self.records.visits}
        return self._visit_ids.get(path, "")


def visit_kinds() -> tuple[str, ...]:
    """The visit schema's `kind` values."""
    return tuple(shipped().documents["visit"]["properties"]["kind"]["enum"])


def _ordered(fields: dict) -> dict:
    """The form's order (visit.json's): customer, method, kind, purpose, staff, checks, complaint."""
    order = ("customer", "method", "kind", "purpose", "staff", "checks", "complaint")
    return {name: fields[name] for name in order if name in fields}
