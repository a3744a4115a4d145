"""Where ``analyze`` and ``explain`` write, and what happens when writing fails.

A write that fails (a full disk, ``-o /dev/full``, standard output sent to
one) ends the command with a one-line message and exit status 2; a reader
that went away (``| head``) ends it quietly with 0. An output that is also an
input is refused before it is opened, since opening it would empty it, and an
output inside an input folder is never read back as input.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO

import typer

from rasad.io.readers import STDIN, file_key

PROG = "rasad"
# Errors of a write that a person can act on (a full or read-only disk, a quota, a file too
# large, a device error); any other OSError is a fault and keeps its traceback.
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO})


def _say(message: str) -> None:
    # Plain write, not rich: standard error must work even when everything else failed.
    try:
        sys.stderr.write(f"{PROG}: error: {message}\n")
        sys.stderr.flush()
    except OSError:
        pass


def _silence_stdout() -> None:
    """Point standard output at /dev/null so that the flush at exit has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def output_is_input(output: Path | None, paths: Iterable[str]) -> str | None:
    """The input path that ``output`` names too, or None."""
    if output is None:
        return None
    key = file_key(output)
    if key is None:
        return None
    for p in paths:
        if p != STDIN and file_key(p) == key:
            return p
    return None


def open_output(stack: ExitStack, output: Path | None) -> IO[str] | None:
    """The opened ``-o`` file (closed by ``stack``), or None for standard output; raises OSError."""
    if output is None:
        return None
    return stack.enter_context(output.open("w", encoding="utf-8", newline="\n"))


def exclude_output(output: Path | None) -> list[tuple[int, int]]:
    """The opened output as the readers' ``exclude`` argument."""
    key = file_key(output) if output is not None else None
    return [key] if key is not None else []


def write_failure(exc: OSError) -> int:
    """Report an OSError that reached the top of a command; the exit status to use."""
    if isinstance(exc, BrokenPipeError):
        _silence_stdout()
        return 0
    if exc.errno not in _WRITE_ERRNOS:
        raise exc
    _silence_stdout()
    where = f" {exc.filename}" if exc.filename else ""
    _say(f"cannot write{where}: {exc.strerror or exc}")
    return 2


@contextmanager
def write_errors(output: Path | None) -> Iterator[None]:
    """Turn a failed write anywhere in the body (the ``-o`` file's close included) into exit 2."""
    try:
        yield
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error of ours.
        _silence_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:
        if output is None:
            _silence_stdout()
        where = str(output) if output is not None else "standard output"
        _say(f"cannot write {where}: {exc.strerror or exc}")
        raise typer.Exit(2) from None
