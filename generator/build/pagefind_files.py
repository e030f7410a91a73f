"""Reproducible Pagefind output: the filter files in a fixed order (called by search_index.py after indexing).

Pagefind 1.5 writes the index, the fragments and the metadata of the same site byte for byte the same, but the
values inside a filter file (`pagefind/filter/*.pf_filter`: e.g. every Gemeinde with the pages it is on) come
in the order of a hash map that changes from run to run – and with them the file's name, the metadata file
that names it (`pagefind.<lang>_<hash>.pf_meta`) and the entry file that names the metadata
(`pagefind-entry.json`). The same data must give the same site (tests/test_reproducible.py), so this module
rewrites them: filter values sorted by name, files named by a hash of their content, the references updated.
The browser's Pagefind reads the files by the names it is given and does not check the hashes.

Pagefind's files are gzip-compressed CBOR after a 12-byte signature; only the CBOR the index uses is handled
(unsigned and negative integers, byte and text strings, arrays, maps, simple values and floats, definite lengths).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


@dataclass(frozen=True)
class Simple:
    """A CBOR simple value or float, kept as its raw bytes (so it is written back unchanged)."""

    raw: bytes


def decode(data: bytes) -> Any:
    value, end = _item(data, 0)
    if end != len(data):
        raise ValueError("trailing bytes after CBOR item")
    return value


def _length(data: bytes, at: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, at
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info)
    if size is None:
        raise ValueError(f"unsupported CBOR length {info}")
    return int.from_bytes(data[at:at + size], "big"), at + size


def _item(data: bytes, at: int) -> tuple[Any, int]:
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if major == 7:
        size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
        return Simple(data[at - 1:at + size]), at + size
    length, at = _length(data, at, info)
    if major == 0:
        return length, at
    if major == 1:
        return -1 - length, at
    if major == 2:
        return bytes(data[at:at + length]), at + length
    if major == 3:
        return data[at:at + length].decode("utf-8"), at + length
    if major == 4:
        items = []
        for _ in range(length):
            item, at = _item(data, at)
            items.append(item)
        return items, at
    if major == 5:
        pairs = []
        for _ in range(length):
            key, at = _item(data, at)
            value, at = _item(data, at)
            pairs.append((key, value))
        return _Map(pairs), at
    raise ValueError(f"unsupported CBOR major type {major}")


class _Map(list):
    """A CBOR map as its (key, value) pairs in file order."""


def _head(major: int, length: int) -> bytes:
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError("CBOR length too large")


def encode(value: Any) -> bytes:
    if isinstance(value, Simple):
        return value.raw
    if isinstance(value, bool) or value is None:
        raise TypeError("booleans are kept as Simple values")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(encode(k) + encode(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(encode(item) for item in value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    raise TypeError(f"cannot encode {type(value).__name__}")


def read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    return decode(data[len(SIGNATURE):] if data.startswith(SIGNATURE) else data)


def write(path: Path, value: Any) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + encode(value), 6, mtime=0))


def _name(prefix: str, value: Any, digits: int) -> str:
    return f"{prefix}_{hashlib.sha256(encode(value)).hexdigest()[:digits]}"


def _renames(meta: Any) -> list[Any]:
    """Every string in the metadata that may name a filter file (lists and maps walked)."""
    found: list[Any] = []
    if isinstance(meta, str):
        found.append(meta)
    elif isinstance(meta, _Map):
        for key, value in meta:
            found += _renames(key) + _renames(value)
    elif isinstance(meta, list):
        for item in meta:
            found += _renames(item)
    return found


def _replace(value: Any, names: dict[str, str]) -> Any:
    """`value` with the filter file names replaced; the list of (filter, file) pairs sorted by filter name."""
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, _Map):
        return _Map((_replace(k, names), _replace(v, names)) for k, v in value)
    if isinstance(value, list):
        items = [_replace(item, names) for item in value]
        targets = set(names.values())
        if items and all(isinstance(i, list) and len(i) == 2 and isinstance(i[0], str) and i[1] in targets for i in items):
            items.sort(key=lambda pair: pair[0])  # the filters themselves come in hash-map order, too
        return items
    return value


def sort_filters(bundle: Path) -> int:
    """Sort the values of every filter file of `bundle` and rename the files it touches; returns files rewritten."""
    bundle = Path(bundle)
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.is_file():
        return 0
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    rewritten = 0
    for language in entry.get("languages", {}).values():
        old_meta = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = read(old_meta)
        names: dict[str, str] = {}
        for path in sorted((bundle / "filter").glob("*.pf_filter")):
            if path.stem not in _renames(meta):
                continue
            name, values = read(path)
            canonical = [name, sorted(values, key=lambda pair: pair[0])]
            new = _name(path.stem.split("_", 1)[0], canonical, 7)
            names[path.stem] = new
            path.unlink()
            write(bundle / "filter" / f"{new}.pf_filter", canonical)
            rewritten += 1
        meta = _replace(meta, names)
        prefix = language["hash"].split("_", 1)[0]
        new_meta = _name(prefix, meta, 10)
        old_meta.unlink()
        write(bundle / f"pagefind.{new_meta}.pf_meta", meta)
        language["hash"] = new_meta
    # several languages (issue 22) come in a hash map's order: the largest index first, then by code
    entry["languages"] = dict(sorted(entry.get("languages", {}).items(), key=lambda item: (-item[1].get("page_count", 0), item[0])))
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return rewritten


__all__ = ["decode", "encode", "sort_filters"]
