"""The records' texts as the index stores them: one zstd frame a record, compressed with a
dictionary trained at build time from the part's own texts and saved with it (`text_dict`).

A hit's text is one `pread` of its frame and one decompression (under a microsecond for a
sentence with the dictionary loaded once), so a page of 50 hits costs what it did raw, while
the texts take about half the bytes (0.52 of raw UTF-8 on the BBC sentences, measured
against blocks of several records and zlib in docs/scale.md). Each frame is whole on its
own, so a merge or an update copies the frames of a part whose dictionary it keeps, and
compresses again only the texts of parts with another one.

Frames are magicless, without checksum or dictionary id (the index's files carry checksums,
`explorer check`), and with their content size (the same header bytes as a window size).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

import numpy as np
import zstandard

#: Compression level: 3 compressed the sentences best of levels 1-7 with a dictionary.
LEVEL = 3
#: The dictionary's largest size (zstd's default): a part saves it once.
DICT_SIZE = 112_640
#: Texts a dictionary is trained from, spread evenly over the part's records.
TRAIN_TEXTS = 20_000
#: Fewer sample bytes or texts than these train no dictionary (a tail of a few documents):
#: its texts are compressed without one.
MIN_TRAIN_BYTES = 32_768
MIN_TRAIN_TEXTS = 64
#: Texts compressed at a time (one call into zstd; their bytes objects, raw and compressed,
#: are what a build holds besides the texts: 4,096 sentences are about 1 MB).
BATCH = 4_096

_FORMAT = zstandard.FORMAT_ZSTD1_MAGICLESS
_TOBYTES = operator.methodcaller("tobytes")


def train(samples: Sequence[bytes]) -> bytes:
    """A dictionary for texts like `samples`, empty when they are too few to train one. The
    same samples give the same dictionary (fixed cover parameters, one thread)."""
    kept: list[bytes | bytearray | memoryview] = [s for s in samples if s]
    total = sum(map(len, kept))
    if total < MIN_TRAIN_BYTES or len(kept) < MIN_TRAIN_TEXTS:
        return b""
    size = min(DICT_SIZE, max(total // 8, 1024))
    try:
        trained = zstandard.train_dictionary(size, kept, k=512, d=6, level=LEVEL, threads=0)
    except zstandard.ZstdError:  # too few distinct samples for a dictionary
        return b""
    return bytes(trained.as_bytes())


def sample_indices(count: int) -> np.ndarray:
    """Which of `count` records train a dictionary: at most `TRAIN_TEXTS`, evenly spread."""
    step = max(1, -(-count // TRAIN_TEXTS))
    return np.arange(0, count, step, dtype=np.int64)


def dictionary_of(text_dict: np.ndarray) -> bytes:
    """A part's dictionary as bytes (its `text_dict` array)."""
    return bytes(np.asarray(text_dict, dtype=np.uint8))


def compressor(dictionary: bytes) -> Callable[[list[bytes]], list[bytes]]:
    """Texts -> their frames, compressed with `dictionary` (none when empty)."""
    params = zstandard.ZstdCompressionParameters.from_level(
        LEVEL,
        format=_FORMAT,
        write_checksum=False,
        write_content_size=True,
        write_dict_id=False,
    )
    cctx = zstandard.ZstdCompressor(
        dict_data=zstandard.ZstdCompressionDict(dictionary) if dictionary else None,
        compression_params=params,
    )

    def compress(texts: list[bytes]) -> list[bytes]:
        out: list[bytes] = []
        for lo in range(0, len(texts), BATCH):
            batch: list[bytes | bytearray | memoryview] = list(texts[lo : lo + BATCH])
            # one call for the batch, not one a text (an empty list is refused)
            frames = cctx.multi_compress_to_buffer(batch, threads=0)
            # a C loop, not a generator step a frame (the collection is a sequence)
            out.extend(map(_TOBYTES, cast(Iterable[Any], frames)))
        return out

    return compress


def decompressor(dictionary: bytes) -> Callable[[bytes], bytes]:
    """A frame -> its text, with `dictionary` (none when empty)."""
    dctx = zstandard.ZstdDecompressor(
        dict_data=zstandard.ZstdCompressionDict(dictionary) if dictionary else None,
        format=_FORMAT,
    )
    return dctx.decompress


#: A damaged frame (the index files' checksums tell which file: `explorer check`).
Damaged = zstandard.ZstdError


def decoded(text_off: np.ndarray, text_blob: np.ndarray, text_dict: np.ndarray) -> list[bytes]:
    """Every record's text of a part, in record order."""
    decompress = decompressor(dictionary_of(text_dict))
    bounds = np.asarray(text_off, dtype=np.int64).tolist()
    view = np.ascontiguousarray(text_blob, dtype=np.uint8).data
    return [decompress(bytes(view[bounds[i] : bounds[i + 1]])) for i in range(len(bounds) - 1)]


def offsets(lengths: np.ndarray) -> np.ndarray:
    """Where each frame starts, and the end (len(lengths) + 1 entries): uint32 while the
    frames fit 4 GiB (a part of some 35 million sentences), int64 beyond."""
    lengths = np.asarray(lengths, dtype=np.int64)
    total = int(lengths.sum())
    off: np.ndarray = np.zeros(len(lengths) + 1, dtype=offset_dtype(total))
    np.cumsum(lengths, out=off[1:])
    return off


def offset_dtype(total: int) -> type:
    """The dtype of `text_off` for frames of `total` bytes."""
    return np.uint32 if total < 1 << 32 else np.int64
