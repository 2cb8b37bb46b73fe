"""What of a value may be shown, by profile: masked or full. Every output asks `Privacy`:
site pages and the values templates show, record bodies, due lists, complaint limits,
history, downloads and the PR summary.

Masking follows each field's `x-pii` class (schema/): names 张*, phones 138****5678,
addresses to the district, birthdays hidden, free text scanned for phone and ID
numbers. Organisation names are not personal data; any other customer's name is (a
household, or a customer whose kind is not given: it may be a person).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from generator.model import Contact, Customer, Records
from generator.present.mask import (
    html_text,
    mask_name,
    mask_phone,
    mask_text,
    mask_value,
    numbers_in,
    shown,
    visible,
)
from generator.vocabulary import enum_text, field, shipped

_DISTRICT = re.compile(r"^.*?[区县旗]")
# What hides a digit of a number masked in a Markdown body before it is rendered: a
# private-use character (Markdown and nh3 leave it as it is), so that two masks on a line
# are never read as emphasis; it becomes `*` once the body is HTML.
_STAR = "\ue000"
_STAR_IN_URL = "%EE%80%80"  # as a link's address holds it


def mask_address(address: str) -> str:
    """上海市浦东新区… → 上海市浦东新区***; without a district, nothing is shown."""
    match = _DISTRICT.match(address)
    return match.group(0) + "***" if match else "***"


@dataclass(frozen=True)
class Privacy:
    masked: bool = True

    # --- values by their kind ---------------------------------------------------------
    def customer_name(self, customer: Customer | None) -> str:
        if customer is None:
            return ""
        if not self.masked:
            return customer.name
        if customer.kind == "organisation":
            return mask_text(customer.name)
        return mask_name(customer.name)

    def text(self, value: str) -> str:
        """Text that is not personal data (a staff name, a label): numbers in it masked."""
        return mask_text(value) if self.masked else value

    def _shown(self, value: str | None, mask: Callable[[str], str]) -> str:
        if not value:
            return ""
        return mask(value) if self.masked else value

    def person(self, name: str) -> str:
        return self._shown(name, mask_name)

    def phone(self, value: str | None) -> str:
        return self._shown(value, mask_phone)

    def address(self, value: str | None) -> str:
        return self._shown(value, mask_address)

    def free_text(self, value: str | None) -> str:
        return self._shown(value, mask_text)

    def birthday(self, value: str | None) -> str:
        return self._shown(value, lambda _: "（已隐藏）")

    def value(self, value: object, pii: str | None) -> str:
        """A value of the personal-data class `pii` (a due item's subject)."""
        return mask_value(value, pii) if self.masked else str(value)

    def contact(self, contact: Contact, records: Records) -> dict[str, str]:
        holder = records.staff.get(contact.our_contact or "")
        return {
            "name": self.person(contact.name),
            "title": contact.title or "",
            "phone": self.phone(contact.mobile or contact.phone),
            "birthday": self.birthday(contact.birthday),
            "role": enum_text("customer", ("contacts", 0, "role"), contact.role),
            "relation": contact.relation or "none",
            "relation_label": enum_text("customer", ("contacts", 0, "relation"), contact.relation)
            or "尚未建立关系",
            "our_contact": contact.our_contact or "",
            "our_contact_name": self.text(holder.name) if holder else "",
        }

    # --- record fields as Git holds them ---------------------------------------------
    def field_value(self, kind: str, schema_path: tuple[object, ...], value: object) -> str:
        """A field's value as text by the field's `x-pii` class (a version in the history
        may hold anything: a field the schema does not have shows nothing); mappings and
        lists spelled out with each part masked by its own field."""
        if value is None:
            return ""
        if isinstance(value, dict):
            parts = [
                f"{self.plain(k)}: {self.field_value(kind, (*schema_path, k), v)}"
                for k, v in value.items()
            ]
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, list):
            items = [self.field_value(kind, (*schema_path, 0), v) for v in value]
            return "[" + ", ".join(items) + "]"
        if not self.masked:
            return visible(str(value))
        if kind not in shipped().documents:
            return self.plain(value)
        info = field(kind, schema_path)
        if not info.node:  # no such field: a version the checker rejects (`contact:` for contacts)
            return "***"  # could hold anything, a name or a birthday: nothing of it is shown
        return visible(mask_value(value, info.pii))

    def plain(self, value: object) -> str:
        """Text that is not a field's value (a key, a path, a Git author, a problem's file):
        numbers masked in the masked profile, control characters made visible in both."""
        return shown(str(value)) if self.masked else visible(str(value))

    def diff_line(self, line: str) -> str:
        """A line of a body's diff: Markdown source, masked like free text."""
        return visible(mask_text(line, markup=True)) if self.masked else visible(line)

    # --- pages ------------------------------------------------------------------------
    def page_value(self, value: object) -> object:
        """Every value a page template shows (Jinja's `finalize`): in the masked profile its
        phone and ID numbers are masked, whatever field it came from (a company, a label, a
        staff name); ready HTML (a rendered body, a chart) is masked where it is made."""
        if self.masked and isinstance(value, str) and not isinstance(value, Markup):
            return mask_text(value)
        return value

    def body_source(self, text: str) -> str:
        """A Markdown body before it is rendered: numbers masked, their stars held by a
        placeholder (see `shown_body`)."""
        return mask_text(text, star=_STAR, markup=True) if self.masked else text

    def shown_body(self, cleaned: str) -> str:
        """A rendered and sanitised body as shown: read once more as a browser shows it, a
        number that only markup had split (`138<b>1234</b>5678`) makes the body plain,
        escaped text with the number masked."""
        if not self.masked:
            return cleaned
        cleaned = cleaned.replace(_STAR, "*").replace(_STAR_IN_URL, "*")
        if any(numbers_in(html_text(cleaned, keep_attributes=True))):
            lines = mask_text(html_text(cleaned, joiner="\n")).split("\n")
            return "<p>" + "<br>".join(html.escape(line) for line in lines if line.strip()) + "</p>"
        return cleaned
