"""Validated YAML values → model dataclasses, driven by the dataclasses' type hints.

One converter serves every kind. It is lenient on purpose: a field whose value
has the wrong form (already reported by the schema stage) is left at its
default, so the rest of the record still loads and is checked. A field without a
default (one the schema requires and no empty value can stand for) cannot be left
out: the record is `Unbuildable`, an item of a list is left out.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from contextlib import suppress
from datetime import date, datetime
from functools import cache
from types import MappingProxyType

from generator.model import LOCAL_TZ as LOCAL_TZ  # where it was defined before: still here
from generator.model import local_time

_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?(Z|[+-]\d{2}:?\d{2})?")


class _Unusable(Exception):
    """A value that cannot become the field's type."""


class Unbuildable(_Unusable):
    """A record whose required field (one without a default) is missing or unusable."""


def parse_datetime(text: str) -> datetime:
    """'2026-11-20 14:30' (local), or with seconds and/or an offset → naive local time."""
    match = _DATETIME.fullmatch(text)
    if not match:
        raise _Unusable(text)
    day, hm, seconds, offset = match.groups()
    return local_time(
        datetime.fromisoformat(
            f"{day}T{hm}{seconds or ':00'}{'+00:00' if offset == 'Z' else offset or ''}"
        )
    )


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls)


Converter = typing.Callable[[object], object]


def _kept(convert: Converter, values) -> typing.Iterator:
    """Each value converted; the unusable ones left out."""
    for value in values:
        with suppress(_Unusable):
            yield convert(value)


@cache
def _converter(tp: object) -> Converter:
    """A function turning a YAML value into `tp`, worked out once per type (the type
    analysis cost more than the conversions themselves on 100,000 records)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [_converter(m) for m in typing.get_args(tp) if m is not type(None)]
        if len(members) == 1:
            return members[0]

        def first_usable(value):
            for convert in members:
                with suppress(_Unusable):
                    return convert(value)
            raise _Unusable(value)

        return first_usable
    if origin is tuple:
        item = _converter(typing.get_args(tp)[0])

        def as_tuple(value):
            if not isinstance(value, list):
                raise _Unusable(value)
            return tuple(_kept(item, value))

        return as_tuple
    if origin is Mapping or origin is dict:
        entry = _converter(typing.get_args(tp)[1])

        def as_mapping(value):
            if not isinstance(value, dict):
                raise _Unusable(value)
            out = {}
            for key, item in value.items():
                with suppress(_Unusable):
                    out[str(key)] = entry(item)
            return MappingProxyType(out)

        return as_mapping
    if dataclasses.is_dataclass(tp):

        def as_record(value):
            if not isinstance(value, dict):
                raise _Unusable(value)
            return build(tp, value)

        return as_record
    return lambda value: _scalar(tp, value)


def _scalar(tp: object, value: object) -> object:
    if tp is Mapping:  # an untyped mapping (policy sections): kept as read
        if isinstance(value, dict):
            return MappingProxyType(value)
        raise _Unusable(value)
    if tp is bool:
        if isinstance(value, bool):
            return value
    elif tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():  # 3.0 is a JSON Schema integer
            return int(value)
    elif tp is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif tp is str:
        if isinstance(value, str):
            return value
    elif tp is datetime:
        if isinstance(value, str):
            try:
                return parse_datetime(value)
            except ValueError as err:
                raise _Unusable(value) from err
    elif tp is date and isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError as err:
            raise _Unusable(value) from err
    raise _Unusable(value)


def _required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


@cache
def _plan(cls: type) -> tuple[tuple[str, str, Converter, bool], ...]:
    """(field name, YAML key, converter, required) of each field of a model class."""
    hints = _hints(cls)
    return tuple(
        (f.name, f.metadata.get("key", f.name), _converter(hints[f.name]), _required(f))
        for f in dataclasses.fields(cls)
    )


T = typing.TypeVar("T")


def build(cls: type[T], data: Mapping, **given: object) -> T:
    """An instance of dataclass `cls` from a mapping; `given` fields are set as they are.
    Raises Unbuildable when a field without a default gets no usable value."""
    kwargs: dict[str, object] = {}
    for name, key, convert, required in _plan(typing.cast(type, cls)):
        if name in given:
            kwargs[name] = given[name]
            continue
        value = data.get(key)
        if value is not None:
            with suppress(_Unusable):
                kwargs[name] = convert(value)
        if required and name not in kwargs:
            raise Unbuildable(f"{cls.__name__}.{name}")
    return cls(**kwargs)
