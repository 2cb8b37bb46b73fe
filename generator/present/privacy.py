"""What may be shown of a record, by profile: masked or full (site pages, due lists, downloads).

Masking follows each field's `x-pii` class (schema/): names 张*, phones 138****5678,
addresses to the district, birthdays hidden, free text scanned for phone and ID
numbers. Organisation names are not personal data; a household's name is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Contact, Customer, Records
from generator.present.mask import mask_name, mask_phone, mask_text
from generator.vocabulary import enum_text

_DISTRICT = re.compile(r"^.*?[区县旗]")


def mask_address(address: str) -> str:
    """上海市浦东新区… → 上海市浦东新区***; without a district, nothing is shown."""
    match = _DISTRICT.match(address)
    return match.group(0) + "***" if match else "***"


@dataclass(frozen=True)
class Privacy:
    masked: bool = True

    def customer_name(self, customer: Customer | None) -> str:
        if customer is None:
            return ""
        private = customer.kind == "individual"
        if not self.masked:
            return customer.name
        return mask_name(customer.name) if private else mask_text(customer.name)

    def text(self, value: str) -> str:
        """Text that is not personal data (a staff name, a label): numbers in it masked."""
        return mask_text(value) if self.masked else value

    def _shown(self, value: str | None, mask) -> str:
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

    def contact(self, contact: Contact, records: Records) -> dict:
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
