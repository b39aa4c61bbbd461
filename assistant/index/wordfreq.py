"""jieba's prefix dictionary as a file a process maps instead of loading.

jieba segments with a dictionary of ≈ 600,000 words and word prefixes and their frequencies; loading it
(``jieba.initialize``: ``marshal.load`` of its cache) takes ≈ 0.7 s of every process that segments a
single question — a third of a cold CLI ``retrieve``. :class:`FrozenFreq` is the same mapping, word →
frequency, as an open-addressing hash table in one file, read through ``mmap``: opening it costs nothing,
and a question looks up a few hundred words (≈ 1 µs each). The file is written once per machine from the
fully loaded dictionary (jieba's own words plus the legal terms) and checked by a key naming what it was
made from, so segmentation through it is exactly jieba's. A large ingest, which looks up millions of
words, swaps it for an ordinary dict (:meth:`FrozenFreq.to_dict`).

Layout (little-endian): a 96-byte header (magic, format, slot count, key count, total, key of the inputs,
the blob's offset and length, a CRC-32 of the rest: a file damaged anywhere is not read), then the slots — per slot the key's offset + 1 in the blob (0: empty) and its
frequency, two uint32 — then the blob of keys, each a uint16 byte length and its UTF-8 bytes.
"""

from __future__ import annotations

import mmap
import os
import struct
import tempfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path

MAGIC = b"LVJUFREQ"
FORMAT = 2
# magic, format, slots, keys, total, inputs key, blob offset, blob length, CRC-32 of everything after the header
_HEADER = struct.Struct("<8sIIIQ32sQQI")
_HEADER_SIZE = 96


def _hash(key: bytes) -> int:
    return zlib.crc32(key)


class FrozenFreq(Mapping):
    """A read-only word → frequency mapping over a table file made by :func:`write_table`."""

    def __init__(self, path: Path | str, mm: mmap.mmap, slots: int, keys: int, total: int, blob: int) -> None:
        self.path = Path(path)
        self._mm = mm
        self._slots = slots
        self._keys = keys
        self.total = total
        self._table = memoryview(mm)[_HEADER_SIZE:_HEADER_SIZE + 8 * slots].cast("I")
        self._blob = blob

    def _find(self, key: str) -> int | None:
        raw = key.encode("utf-8")
        n = len(raw)
        mm, table, blob, slots = self._mm, self._table, self._blob, self._slots
        i = _hash(raw) % slots
        for _probe in range(slots):  # (a table has empty slots: a full circle only for a damaged one)
            off = table[2 * i]
            if not off:
                return None
            start = blob + off - 1
            if mm[start] | (mm[start + 1] << 8) == n and mm[start + 2:start + 2 + n] == raw:
                return table[2 * i + 1]
            i += 1
            if i == slots:
                i = 0
        return None

    def __getitem__(self, key: str) -> int:
        if isinstance(key, str):
            freq = self._find(key)
            if freq is not None:
                return freq
        raise KeyError(key)

    def get(self, key, default=None):
        freq = self._find(key) if isinstance(key, str) else None
        return default if freq is None else freq

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and self._find(key) is not None

    def __len__(self) -> int:
        return self._keys

    def __iter__(self) -> Iterator[str]:
        mm, table, blob = self._mm, self._table, self._blob
        for i in range(self._slots):
            off = table[2 * i]
            if off:
                start = blob + off - 1
                n = mm[start] | (mm[start + 1] << 8)
                yield mm[start + 2:start + 2 + n].decode("utf-8")

    def to_dict(self) -> dict[str, int]:
        """The whole mapping as a dict (for segmenting a great deal of text: a dict's lookups are faster)."""
        mm, table, blob = self._mm, self._table, self._blob
        out: dict[str, int] = {}
        for i in range(self._slots):
            off = table[2 * i]
            if off:
                start = blob + off - 1
                n = mm[start] | (mm[start + 1] << 8)
                out[mm[start + 2:start + 2 + n].decode("utf-8")] = table[2 * i + 1]
        return out


def write_table(path: Path | str, freq: Mapping[str, int], total: int, inputs_key: bytes) -> Path:
    """Write ``freq`` (and jieba's ``total``) as a table file at ``path``, atomically (a temporary file in the
    same folder, renamed over it). ``inputs_key``: 32 bytes naming what the dictionary was made from."""
    if len(inputs_key) != 32:
        raise ValueError("inputs_key must be 32 bytes")
    path = Path(path)
    keys = list(freq)
    slots = max(8, 2 * len(keys) + 1)
    table = [0] * (2 * slots)
    blob = bytearray()
    for key in keys:
        raw = key.encode("utf-8")
        value = int(freq[key])
        if len(raw) > 0xFFFF or not 0 <= value <= 0xFFFFFFFF:
            raise ValueError(f"word or frequency out of the table's range: {key!r} {value}")
        off = len(blob) + 1
        blob += struct.pack("<H", len(raw)) + raw
        i = _hash(raw) % slots
        while table[2 * i]:
            i = (i + 1) % slots
        table[2 * i] = off
        table[2 * i + 1] = value
    if len(blob) + 1 > 0xFFFFFFFF:
        raise ValueError("dictionary too large for the table")
    blob_at = _HEADER_SIZE + 8 * slots
    body = struct.pack(f"<{2 * slots}I", *table)
    crc = zlib.crc32(blob, zlib.crc32(body))
    header = _HEADER.pack(MAGIC, FORMAT, slots, len(keys), int(total), inputs_key, blob_at, len(blob), crc)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(header.ljust(_HEADER_SIZE, b"\0"))
            f.write(body)
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # (readable by whoever reads the folder, as jieba's own cache)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return path


def open_table(path: Path | str, inputs_key: bytes) -> FrozenFreq | None:
    """The table at ``path`` if it is whole and was made from ``inputs_key``; None otherwise (missing, another
    format, other inputs, cut short)."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size < _HEADER_SIZE:
                return None
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    magic, fmt, slots, keys, total, key, blob_at, blob_len, crc = _HEADER.unpack_from(mm, 0)
    if (magic != MAGIC or fmt != FORMAT or key != inputs_key or blob_at != _HEADER_SIZE + 8 * slots or not slots
            or blob_at + blob_len != size  # (a file cut short is not read)
            or zlib.crc32(memoryview(mm)[_HEADER_SIZE:]) != crc):  # (nor one damaged anywhere: ≈ 10 ms for 13 MB)
        mm.close()
        return None
    return FrozenFreq(path, mm, slots, keys, total, blob_at)
