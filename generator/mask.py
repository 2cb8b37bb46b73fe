"""Masking personal data by its class (the schema's `x-pii`).

Used wherever a value could leave the team's hands: problem messages (a phone
number in a CI log is a leak), and later the site's masked profile.
"""

from __future__ import annotations

import re

# Half- and full-width digits: a number typed with an IME is still a number.
_D = "[0-9０-９]"
_MOBILE = re.compile(rf"(?<![0-9０-９])(?:\+86[ -]?)?([1１][3-9３-９]{_D}{{9}})(?![0-9０-９])")
_ID_NUMBER = re.compile(rf"(?<![0-9０-９])({_D}{{17}}[0-9０-９Xx])(?![0-9０-９])")
_LANDLINE = re.compile(rf"(?<![0-9０-９])(0{_D}{{2,3}}-?)({_D}{{7,8}})(?![0-9０-９])")


def mask_phone(value: str) -> str:
    """138****5678 for a mobile; the last four digits kept for anything else."""
    digits = [str(int(c)) for c in value if c.isdecimal()]  # full-width digits become ASCII
    if len(digits) >= 11:
        return "".join(digits[-11:-8]) + "****" + "".join(digits[-4:])
    if len(digits) > 4:
        return "*" * (len(digits) - 4) + "".join(digits[-4:])
    return "****"


def mask_name(value: str) -> str:
    """张* / 欧阳** : the family name stays, the rest is hidden."""
    value = value.strip()
    if not value:
        return value
    return value[0] + "*" * max(1, len(value) - 1)


def mask_text(text: str) -> str:
    """Masks phone and ID numbers found inside free text."""
    text = _ID_NUMBER.sub(lambda m: m.group(1)[:4] + "*" * 10 + m.group(1)[-4:], text)
    text = _MOBILE.sub(lambda m: mask_phone(m.group(1)), text)
    return _LANDLINE.sub(lambda m: m.group(1) + mask_phone(m.group(2)), text)


def mask_value(value: object, pii: str | None) -> str:
    """A value as text, masked according to its personal-data class."""
    text = str(value)
    if pii in (None, "none"):
        return mask_text(text)
    if pii == "phone":
        return mask_phone(text)
    if pii == "name":
        return mask_name(text)
    if pii == "free_text":
        return mask_text(text)
    return "***"  # address, birthday, id_number, email, wechat: nothing of it is shown
