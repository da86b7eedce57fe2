"""The framed form a model travels in (the model cache's files and the helper's pipe): plain values only.

A frame is a 4-byte big-endian length and a msgpack array whose first item names the frame: a
``header`` (format version, the model's field names, the document's own values, the part counts),
then the sections, figures and blocks a few hundred at a time, then ``end``; a helper still building
sends ``progress`` and ``notice`` frames first. msgpack holds only plain values (strings, numbers,
arrays, maps), so reading a frame can never run code: the frozen dataclasses of
``reader.model.document`` are rebuilt from the arrays field by field.

The encoding follows the dataclasses' own fields (``dataclasses.fields``, with their type hints for
nested dataclasses), so a field added to the model needs no change here; the header carries the
field names and ``FORMAT``, and a model written under other fields or another format reads as None
(the caller builds it again). Reading holds Python's GIL a few milliseconds per frame and offers it
to other threads between frames, so a screen reading a 10 MB model keeps answering keys.
"""

from __future__ import annotations

import dataclasses
import gc
import struct
import time
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, BinaryIO

import msgpack

from reader.model.document import Document

FORMAT = 1  # the framing's own version: bump it when the layout of the frames changes
FRAME_ITEMS = 500  # sections, figures or blocks per frame: a few milliseconds to rebuild
MAX_FRAME = 32 * 1024 * 1024  # a longer length prefix is not ours (an old pickle cache, say)
_LENGTH = struct.Struct(">I")

Decoder = Callable[[Any], Any]
Encoder = Callable[[Any], Any]


class NotAModel(ValueError):
    """The stream's frames are not a model this version can read."""


def _plain(value: Any) -> Any:
    """A plain value as it is (strings, numbers, None, tuples of those)."""
    return value


def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's resolved field types."""
    return typing.get_type_hints(cls)


def _dataclass_in(hint: Any) -> tuple[type | None, bool, bool]:
    """(the dataclass ``hint`` holds, whether it may be None, whether it is a tuple of them)."""
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return hint, False, False
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            cls, _, many = _dataclass_in(args[0])
            return cls, True, many
    if origin is tuple:
        items = typing.get_args(hint)
        if len(items) == 2 and items[1] is Ellipsis:
            cls, _, many = _dataclass_in(items[0])
            if cls is not None and not many:
                return cls, False, True
    return None, False, False


@cache
def _fields(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that its constructor takes, in order."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


@cache
def _codec(cls: type) -> tuple[Encoder, Decoder]:
    """An encoder (dataclass → array of its field values) and a decoder (array → dataclass) for ``cls``."""
    names = _fields(cls)
    hints = _hints(cls)
    nested: list[tuple[int, Encoder, Decoder]] = []
    for i, name in enumerate(names):
        inner, optional, many = _dataclass_in(hints[name])
        if inner is None:
            continue
        enc, dec = _codec(inner)
        if many:
            enc, dec = _each(enc), _each(dec)
        if optional:
            enc, dec = _or_none(enc), _or_none(dec)
        nested.append((i, enc, dec))
    getter = _getter(names)

    if not nested:

        def encode(obj: Any) -> Any:
            """The field values, in order."""
            return getter(obj)

        def decode(values: Any) -> Any:
            """The dataclass rebuilt from its field values."""
            return cls(*values)

        return encode, decode

    def encode_nested(obj: Any) -> Any:
        """The field values, in order, nested dataclasses as arrays of theirs."""
        values = list(getter(obj))
        for i, enc, _ in nested:
            values[i] = enc(values[i])
        return values

    def decode_nested(values: Any) -> Any:
        """The dataclass rebuilt from its field values, nested ones first."""
        args = list(values)
        for i, _, dec in nested:
            args[i] = dec(args[i])
        return cls(*args)

    return encode_nested, decode_nested


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function returning an object's values of ``names`` as a tuple (always a tuple, even for one)."""
    from operator import attrgetter

    get = attrgetter(*names)
    return get if len(names) > 1 else (lambda obj: (get(obj),))


def _each(code: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``code`` applied to each item of a tuple."""
    return lambda values: tuple(code(v) for v in values)


def _or_none(code: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``code`` applied unless the value is None."""
    return lambda value: None if value is None else code(value)


def _parts() -> tuple[list[tuple[str, type]], list[tuple[str, Any]]]:
    """The document's fields split in two: tuples of dataclasses (sent in parts) and the rest (in the header)."""
    hints = _hints(Document)
    parts, single = [], []
    for name in _fields(Document):
        inner, _, many = _dataclass_in(hints[name])
        if many and inner is not None:
            parts.append((name, inner))
        else:
            single.append((name, hints[name]))
    return parts, single


@cache
def schema() -> dict[str, list[str]]:
    """Every dataclass the model is made of, with its constructor's field names (the header's check)."""
    found: dict[str, list[str]] = {}

    def visit(cls: type) -> None:
        """Record ``cls`` and the dataclasses its fields hold."""
        if cls.__qualname__ in found:
            return
        found[cls.__qualname__] = list(_fields(cls))
        for hint in _hints(cls).values():
            inner, _, _ = _dataclass_in(hint)
            if inner is not None:
                visit(inner)

    visit(Document)
    return found


def _value_codec(hint: Any) -> tuple[Encoder, Decoder]:
    """The codec for a document field held whole in the header."""
    inner, optional, many = _dataclass_in(hint)
    if inner is None:
        return _plain, _plain
    enc, dec = _codec(inner)
    if many:
        enc, dec = _each(enc), _each(dec)
    if optional:
        enc, dec = _or_none(enc), _or_none(dec)
    return enc, dec


def frame(*items: Any) -> bytes:
    """One frame: its length, then its items as a msgpack array."""
    payload: bytes = msgpack.packb(items, use_bin_type=True)
    return _LENGTH.pack(len(payload)) + payload


def read_frame(stream: BinaryIO) -> tuple[Any, ...]:
    """The next frame of ``stream`` (EOFError at its end; NotAModel for a frame that is not one of ours)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        raise EOFError("the frames end early")
    (length,) = _LENGTH.unpack(head)
    if length > MAX_FRAME:
        raise NotAModel("not a model frame")
    payload = stream.read(length)
    if len(payload) < length:
        raise EOFError("the frames end early")
    try:
        items = msgpack.unpackb(payload, use_list=False, raw=False)
    except (ValueError, msgpack.UnpackException) as exc:
        raise NotAModel(f"not a model frame: {exc}") from None
    if not isinstance(items, tuple) or not items or not isinstance(items[0], str):
        raise NotAModel("not a model frame")
    return items


def current_header(stream: BinaryIO) -> bytes | None:
    """Read the first frame of ``stream``: its bytes when it is the header of a model this version
    reads, else None (a file in an older format, or not a model)."""
    head = stream.read(_LENGTH.size)
    if len(head) < _LENGTH.size or _LENGTH.unpack(head)[0] > MAX_FRAME:
        return None
    payload = stream.read(_LENGTH.unpack(head)[0])
    try:
        items = msgpack.unpackb(payload, use_list=False, raw=False)
    except (ValueError, msgpack.UnpackException):
        return None
    fits = isinstance(items, tuple) and len(items) == 5 and items[:2] == ("header", FORMAT)
    return head + payload if fits and _as_lists(items[2]) == schema() else None


def model_frames(doc: Document) -> Iterator[bytes]:
    """The model as frames: header, then each part (sections, figures, blocks) a few hundred items at a time, end."""
    parts, single = _parts()
    values = {name: _value_codec(hint)[0](getattr(doc, name)) for name, hint in single}
    counts = {name: len(getattr(doc, name)) for name, _ in parts}
    yield frame("header", FORMAT, schema(), values, counts)
    for name, cls in parts:
        encode = _codec(cls)[0]
        items = getattr(doc, name)
        for start in range(0, len(items), FRAME_ITEMS):
            yield frame(name, [encode(item) for item in items[start : start + FRAME_ITEMS]])
    yield frame("end")


def read_model(
    stream: BinaryIO,
    progress: Callable[[str, float], None] | None = None,
    notice: Callable[[str], None] | None = None,
    lasting: bool = False,
) -> Document | None:
    """Read a model written by ``model_frames`` (None if the frames are not one whole model of this version).

    ``progress`` hears ``("building", share)`` from a helper still building it (a ``progress``
    frame) and ``("reading", share)`` as frames arrive; ``notice`` hears a helper's ``notice``
    frames (e.g. a cache file it ignored). After every frame the GIL is offered to other threads.
    ``lasting``: the model will live as long as the process, so it is moved out of the cyclic
    collector's reach (``gc.freeze``) before the collector resumes. Errors of the stream itself (EOF, a frame that is not ours) propagate.
    """
    from reader.pipeline.build import collector_paused

    tell = progress or (lambda _what, _share: None)
    frame_ = read_frame(stream)
    while frame_[0] in ("progress", "notice"):
        if frame_[0] == "progress":
            tell("building", float(frame_[1]))
        elif notice is not None:
            notice(str(frame_[1]))
        frame_ = read_frame(stream)
    if frame_[0] != "header" or len(frame_) != 5 or frame_[1] != FORMAT or _as_lists(frame_[2]) != schema():
        return None
    _, _, _, values, counts = frame_
    if not isinstance(values, dict) or not isinstance(counts, dict):
        return None
    if not all(isinstance(n, int) for n in counts.values()):
        return None
    parts, single = _parts()
    decoders = {name: _codec(cls)[1] for name, cls in parts}
    total = max(1, sum(counts.values()))
    got: dict[str, list[Any]] = {name: [] for name, _ in parts}
    done = 0
    with collector_paused():  # a million new objects: no full collections over them meanwhile
        while (frame_ := read_frame(stream))[0] != "end":
            decode = decoders.get(frame_[0])
            if decode is None or len(frame_) != 2:
                return None
            try:
                items = [decode(item) for item in frame_[1]]
            except (TypeError, ValueError, IndexError):  # arrays that do not fit the fields
                return None
            got[frame_[0]].extend(items)
            done += len(items)
            tell("reading", done / total)
            time.sleep(0)
        if any(len(got[name]) != counts.get(name) for name in got):
            return None
        try:
            fields = {name: _value_codec(hint)[1](values[name]) for name, hint in single}
        except (TypeError, ValueError, IndexError, KeyError):
            return None
        fields.update({name: tuple(items) for name, items in got.items()})
        doc = Document(**fields)
        if lasting:  # else the collector's first pass on resuming walks every new object (~0.1 s on 10 MB)
            gc.freeze()
        return doc


def _as_lists(value: Any) -> Any:
    """A decoded schema map with its tuples as lists (to compare with ``schema()``)."""
    if isinstance(value, dict):
        return {k: list(v) if isinstance(v, tuple) else v for k, v in value.items()}
    return value
