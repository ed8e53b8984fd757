"""Files newsdesk writes for the user (articles, exports): whole or not at all, with the user's permissions."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

__all__ = ["write_atomically"]


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: a crash never leaves half a file.

    ``mkstemp`` creates its file 0600; the result gets the mode any new file gets (0666 less the umask), as
    ``open()`` would have given it, so an article is as readable as the user's other files.

    A rename replaces a directory entry, so it is only for a regular file: a link is followed to the file it
    names (the link stays a link), and anything else that exists (``/dev/null``, ``/dev/stdout``, a named pipe)
    is written to in place, never replaced.
    """
    if path.exists() and not path.is_file():  # before resolving: /dev/stdout on a pipe resolves to "pipe:[...]"
        with open(path, "w", encoding="utf-8") as target:
            target.write(text)
        return
    path = Path(os.path.realpath(path))
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    try:  # Linux says it without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: read it by setting it, and put it back at once
    os.umask(mask)
    return mask


def slugify(title: str, limit: int = 60) -> str:
    """A file-name-safe form of a title: lower-case letters and digits joined by hyphens. An accented letter keeps
    its base letter ("Māori" -> "maori", "beschließt" -> "beschliesst"): cut out, it broke the word in two."""
    folded = unicodedata.normalize("NFKD", title.replace("ß", "ss").replace("ẞ", "SS"))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug[:limit].rstrip("-") or "article"
