"""Turn paths (files, folders, stdin) into a stream of documents.

Bad input never raises: every document that cannot be used becomes a
:class:`ReadError` in the same stream, in input order, so a batch of a million
articles survives one broken line and the caller decides how to report it.
Nothing is ever read whole when it can be refused earlier: a ``.txt`` file is
measured before it is opened and JSONL lines are read with a bounded
``readline``, so a 50 MB article costs a ``stat`` call, not 50 MB of memory.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from rasad.model import Document

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# A JSONL line carries the text plus the other fields and JSON escaping; ASCII
# escapes (\u0627) triple the size of Arabic, so the raw line may be larger
# than the text it holds before we can tell whether the text itself is too big.
_LINE_FACTOR = 4
# .json files are parsed whole (no streaming parser in the dependencies), so
# they get a hard cap; JSONL is the format for large collections.
DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024
MIN_ARABIC_SHARE = 0.05
SUFFIXES = (".txt", ".jsonl", ".json")
STDIN = "-"

_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f"
                            r"\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]")
_LETTER = re.compile(r"[^\W\d_]")
# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class ReadError:
    """A document that could not be read, and why.

    ``doc_id`` is the document's id when it is known (a file stem, a JSON
    ``id``), else empty; ``source`` says where it came from (``path`` or
    ``path:line``).
    """

    doc_id: str
    source: str
    reason: str

    @property
    def label(self) -> str:
        """How a person finds the document: its id and where it is."""
        if self.doc_id and self.doc_id != self.source:
            return f"{self.doc_id} ({self.source})"
        return self.source or self.doc_id or "?"

    def __str__(self) -> str:
        return f"{self.label}: {self.reason}"


Item = Document | ReadError


@dataclass(frozen=True, slots=True)
class Line:
    """A JSONL line read but not yet parsed, from a reader made with ``defer_lines=True``.

    Parsing and checking a line (JSON, fields, the share of Arabic) costs more
    than reading it; deferring it lets worker processes do that work while the
    process that reads the input does little more than read
    (:meth:`DocumentReader.parse` turns it into what the reader would have yielded).
    """

    text: str
    where: str
    lineno: int
    source: str


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.3g} MB"


def _bom_encoding(head: bytes) -> str | None:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _looks_binary(data: bytes) -> bool:
    """Bytes that are not text in any encoding we accept (checked before decoding).

    UTF-16 has NUL bytes in every ASCII character, so callers only ask this
    of data that carries no UTF-16 byte order mark.
    """
    if b"\x00" in data:
        return True
    sample = data[:_SNIFF]
    if not sample:
        return False
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return controls / len(sample) > 0.1


def decode_bytes(data: bytes) -> str:
    """Decode article bytes: UTF-8, UTF-8 with BOM, or UTF-16 with BOM.

    Raises ValueError with the reason a person can act on.
    """
    enc = _bom_encoding(data[:4])
    if enc is None and _looks_binary(data):
        raise ValueError("binary content, not text")
    try:
        text = data.decode(enc or "utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"undecodable bytes at offset {exc.start} (not UTF-8, nor UTF-16 with a byte order mark)"
        ) from None
    if "\x00" in text or len(_CONTROL.findall(text[:_SNIFF])) > len(text[:_SNIFF]) * 0.1:
        raise ValueError("binary content, not text")
    return text


def text_problem(text: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """Why a text cannot be analysed, or None when it can."""
    if not text.strip():
        return "empty text"
    # Cheap bound first: a UTF-8 character is at most four bytes.
    if len(text) * 4 > max_bytes and len(text.encode("utf-8", "surrogatepass")) > max_bytes:
        return f"text over the size limit of {_mb(max_bytes)}"
    letters = len(_LETTER.findall(text))
    arabic = len(_ARABIC_LETTER.findall(text))
    if letters == 0 or arabic / letters < MIN_ARABIC_SHARE:
        return "no Arabic text"
    return None


def json_problem(exc: ValueError | RecursionError) -> str:
    """One line for JSON that cannot be parsed, with the column when the parser knows it."""
    if isinstance(exc, RecursionError):
        return "malformed JSON: nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        # Some of the parser's messages end in "at" ("Invalid control character at").
        msg = exc.msg.removesuffix(" at")
        return f"malformed JSON: {msg} at column {exc.colno}"
    return f"malformed JSON: {exc}"


def _is_regular(path: Path) -> bool:
    return stat.S_ISREG(path.stat().st_mode)


def read_bounded(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``path``: a pipe or a device (``/dev/zero``) has no size
    to check first, so it is read up to one byte past the limit and no further."""
    with path.open("rb") as f:
        return f.read(limit + 1)


def file_key(path: str | Path) -> tuple[int, int] | None:
    """What makes two paths the same file (device and inode), or None when there is none."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read to sniff its format."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        return n


class DocumentReader:
    """Read documents from paths; see :func:`read_documents`."""

    def __init__(self, *, max_bytes: int = DEFAULT_MAX_BYTES,
                 max_json_bytes: int = DEFAULT_MAX_JSON_BYTES,
                 defaults: Mapping[str, str] | None = None,
                 stdin: BinaryIO | None = None,
                 exclude: Iterable[tuple[int, int]] = (),
                 defer_lines: bool = False) -> None:
        self.max_bytes = max_bytes
        self.max_json_bytes = max_json_bytes
        self.defaults = {k: v for k, v in (defaults or {}).items() if v}
        self._stdin = stdin
        # Files never read back (the output being written): (device, inode) pairs.
        self.exclude = frozenset(exclude)
        # JSONL lines come out as :class:`Line`, parsed later by :meth:`parse`.
        self.defer_lines = defer_lines

    # -- entry points ---------------------------------------------------------

    def read(self, paths: Iterable[str | Path]) -> Iterator[Item | Line]:
        for path in paths:
            if str(path) == STDIN:
                yield from self.read_stream(self._stdin or sys.stdin.buffer, "<stdin>", "stdin")
                continue
            p = Path(path)
            if p.is_dir():
                for f in walk_files(p, SUFFIXES):
                    if isinstance(f, ReadError):
                        yield f
                    elif file_key(f) not in self.exclude:
                        yield from self.read_file(f)
            elif p.exists():
                yield from self.read_file(p)
            else:
                yield ReadError("", str(p), "no such file or directory")

    def read_file(self, path: Path) -> Iterator[Item | Line]:
        suffix = path.suffix.lower()
        try:
            if suffix == ".jsonl":
                with path.open("rb") as f:
                    yield from self._read_jsonl(f, str(path))
            elif suffix == ".json":
                yield from self._read_json_file(path)
            else:
                yield from self._read_txt_file(path)
        except OSError as exc:
            yield ReadError(path.stem if suffix == ".txt" else "", str(path),
                            f"cannot read: {exc.strerror or exc}")

    def read_stream(self, stream: BinaryIO, source: str, doc_id: str) -> Iterator[Item | Line]:
        """Read stdin or any byte stream: JSONL when it starts with ``{``, else one article."""
        prefix = b""
        while len(prefix) < 65536:
            chunk = stream.read(_SNIFF)
            if not chunk:
                break
            prefix += chunk
            if prefix.lstrip(b" \t\r\n\xef\xbb\xbf"):
                break
        enc = _bom_encoding(prefix[:4])
        if enc == "utf-16":
            # Rare enough on a pipe that reading it whole (bounded) is fine.
            data = prefix + stream.read(self.max_bytes * _LINE_FACTOR + 1 - len(prefix))
            yield from self._read_text_bytes(data, source, doc_id, sniff_jsonl=True)
            return
        body = prefix.lstrip(b" \t\r\n")
        if body.startswith(codecs.BOM_UTF8):
            body = body[len(codecs.BOM_UTF8):].lstrip(b" \t\r\n")
        combined = io.BufferedReader(_Prefixed(prefix, stream))
        if body.startswith(b"{"):
            yield from self._read_jsonl(combined, source)
        else:
            data = combined.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                yield ReadError(doc_id, source, f"text over the size limit of {_mb(self.max_bytes)}")
                return
            yield from self._read_text_bytes(data, source, doc_id)

    # -- formats ---------------------------------------------------------------

    def _read_txt_file(self, path: Path) -> Iterator[Item]:
        size = path.stat().st_size
        if size > self.max_bytes:
            yield ReadError(path.stem, str(path),
                            f"file of {_mb(size)} is over the size limit of {_mb(self.max_bytes)}")
            return
        data = read_bounded(path, self.max_bytes)
        if len(data) > self.max_bytes:  # a pipe or device, whose size stat cannot tell
            yield ReadError(path.stem, str(path), f"text over the size limit of {_mb(self.max_bytes)}")
            return
        yield from self._read_text_bytes(data, str(path), path.stem)

    def _read_text_bytes(self, data: bytes, source: str, doc_id: str,
                         sniff_jsonl: bool = False) -> Iterator[Item | Line]:
        try:
            text = decode_bytes(data)
        except ValueError as exc:
            yield ReadError(doc_id, source, str(exc))
            return
        if sniff_jsonl and text.lstrip("\ufeff \t\r\n").startswith("{"):
            yield from self._read_jsonl_lines(io.StringIO(text.lstrip("\ufeff")), source)
            return
        yield self._make(doc_id, source, {"id": doc_id, "text": text})

    def _read_json_file(self, path: Path) -> Iterator[Item]:
        source = str(path)
        size = path.stat().st_size
        if size > self.max_json_bytes:
            yield ReadError("", source, f"JSON file of {_mb(size)} is over {_mb(self.max_json_bytes)};"
                                        " write large collections as JSONL, one document a line")
            return
        data_bytes = read_bounded(path, self.max_json_bytes)
        if len(data_bytes) > self.max_json_bytes:
            yield ReadError("", source, f"JSON over {_mb(self.max_json_bytes)};"
                                        " write large collections as JSONL, one document a line")
            return
        try:
            text = decode_bytes(data_bytes)
        except ValueError as exc:
            yield ReadError("", source, str(exc))
            return
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield ReadError("", f"{source}:{exc.lineno}", json_problem(exc))
            return
        except RecursionError as exc:
            yield ReadError("", source, json_problem(exc))
            return
        if isinstance(data, list):
            for i, obj in enumerate(data):
                yield self._make(f"{path.stem}:{i}", f"{source}[{i}]", obj)
        else:
            yield self._make(path.stem, source, data)

    def _read_jsonl(self, f: BinaryIO, source: str) -> Iterator[Item | Line]:
        head = f.peek(4)[:4] if hasattr(f, "peek") else b""
        if _bom_encoding(head) == "utf-16":
            text_stream = io.TextIOWrapper(f, encoding="utf-16")
            yield from self._read_jsonl_lines(text_stream, source)
            return
        if _looks_binary(f.peek(_SNIFF)[:_SNIFF] if hasattr(f, "peek") else b""):
            yield ReadError("", source, "binary content, not JSON lines")
            return
        limit = self.max_bytes * _LINE_FACTOR
        lineno = 0
        while True:
            raw = f.readline(limit + 1)
            if not raw:
                break
            lineno += 1
            where = f"{source}:{lineno}"
            if len(raw) > limit and not raw.endswith(b"\n"):
                # Drain the rest of the line in bounded chunks; it is never kept.
                while True:
                    more = f.readline(65536)
                    if not more or more.endswith(b"\n"):
                        break
                yield ReadError("", where, f"line over {_mb(limit)}: document over the size limit")
                continue
            if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ReadError("", where, f"undecodable bytes at column {exc.start + 1} (not UTF-8)")
                continue
            yield self._line(line, where, lineno, source)

    def _read_jsonl_lines(self, lines: io.TextIOBase, source: str) -> Iterator[Item | Line]:
        limit = self.max_bytes * _LINE_FACTOR
        lineno = 0
        while True:
            try:
                line = lines.readline(limit + 1)
            except UnicodeDecodeError:
                yield ReadError("", f"{source}:{lineno + 1}", "undecodable bytes (bad UTF-16)")
                return
            if not line:
                break
            lineno += 1
            where = f"{source}:{lineno}"
            if len(line) > limit and not line.endswith("\n"):
                while True:
                    more = lines.readline(65536)
                    if not more or more.endswith("\n"):
                        break
                yield ReadError("", where, f"line over {_mb(limit)}: document over the size limit")
                continue
            if line.strip():
                yield self._line(line, where, lineno, source)

    def _line(self, line: str, where: str, lineno: int, source: str) -> Item | Line:
        if self.defer_lines:
            return Line(line, where, lineno, source)
        return self._parse_line(line, where, lineno, source)

    def parse(self, line: Line) -> Item:
        """The document (or read error) a deferred line holds, as the reader would have yielded it."""
        return self._parse_line(line.text, line.where, line.lineno, line.source)

    def line_parser(self) -> Callable[[Line], Item]:
        """:meth:`parse` of a reader with these settings and nothing else (no stream, no
        excluded files), so that it can be sent to another process."""
        return DocumentReader(max_bytes=self.max_bytes, max_json_bytes=self.max_json_bytes,
                              defaults=self.defaults).parse

    def _parse_line(self, line: str, where: str, lineno: int, source: str) -> Item:
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            return ReadError("", where, json_problem(exc))
        return self._make(f"{Path(source).stem}:{lineno}", where, obj)

    # -- validation ------------------------------------------------------------

    def _make(self, fallback_id: str, source: str, obj: object) -> Item:
        doc_id = ""
        if isinstance(obj, dict):
            raw_id = obj.get("id")
            # Only a usable id names the document; a list or an object is refused below.
            usable = isinstance(raw_id, str | int) and not isinstance(raw_id, bool)
            doc_id = str(raw_id) if usable and raw_id != "" else ""
            if self.defaults or raw_id in (None, ""):
                obj = dict(obj)
                for key, value in self.defaults.items():
                    if obj.get(key) in (None, ""):
                        obj[key] = value
                if raw_id in (None, ""):
                    # An id-less line still needs a name that leads back to it.
                    doc_id = fallback_id
                    obj["id"] = doc_id
        try:
            doc = Document.from_dict(obj)  # type: ignore[arg-type]
        except ValueError as exc:
            return ReadError(doc_id, source, str(exc))
        problem = text_problem(doc.text, self.max_bytes)
        if problem:
            return ReadError(doc.id, source, problem)
        return doc


def walk_files(root: Path, suffixes: Iterable[str]) -> Iterator[Path | ReadError]:
    """Regular files under ``root`` with one of ``suffixes``, recursively, in a stable order,
    then a :class:`ReadError` for each folder that could not be listed.

    Hidden files and folders (``.git``, editor swap files) are skipped, and so
    are pipes and devices, which a folder of articles does not mean to hold.
    """
    wanted = tuple(s.lower() for s in suffixes)
    found: list[tuple[str, ...]] = []
    unreadable: list[ReadError] = []

    def report(exc: OSError) -> None:
        where = exc.filename or str(root)
        unreadable.append(ReadError("", str(where), f"cannot read folder: {exc.strerror or exc}"))

    seen: set[tuple[int, int] | None] = set()
    # Linked folders are followed, as a shell glob would; a link back up the tree is read once.
    for folder, dirs, files in os.walk(root, onerror=report, followlinks=True):
        key = file_key(folder)
        if key in seen:
            dirs[:] = []
            continue
        seen.add(key)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel = Path(folder).relative_to(root).parts
        for name in files:
            if name.startswith(".") or not name.lower().endswith(wanted):
                continue
            try:
                if not _is_regular(Path(folder, name)):
                    continue
            except OSError:
                continue  # a dangling link: nothing to read
            found.append((*rel, name))
    for parts in sorted(found):
        yield root.joinpath(*parts)
    yield from sorted(unreadable, key=lambda e: e.source)


def iter_directory(root: Path) -> Iterator[Path]:
    """Files under ``root`` that hold documents (see :func:`walk_files`), without the errors."""
    for f in walk_files(root, SUFFIXES):
        if isinstance(f, Path):
            yield f


def read_documents(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
                   defaults: Mapping[str, str] | None = None,
                   stdin: BinaryIO | None = None,
                   exclude: Iterable[tuple[int, int]] = ()) -> Iterator[Item]:
    """Yield a :class:`Document` or a :class:`ReadError` for every document in ``paths``.

    ``paths`` holds ``.txt`` articles (id = file stem), ``.jsonl`` and ``.json``
    files of EVENTS.md documents, folders (read recursively, sorted) and ``-``
    for standard input. ``defaults`` fills fields such as ``published`` and
    ``home_country`` in documents that lack them; files in ``exclude`` (see
    :func:`file_key`) are skipped when a folder is read.
    """
    reader = DocumentReader(max_bytes=max_bytes, defaults=defaults, stdin=stdin, exclude=exclude)
    return cast(Iterator[Item], reader.read(paths))  # lines are parsed as they are read: no Line
