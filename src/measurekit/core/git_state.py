"""Whether git already holds a file's bytes: then a save needs no `.bak` beside it.

One `git ls-tree` names the blob the last commit holds for the file; the file's own
bytes are hashed as git hashes a blob, so no second process is needed. Any doubt (no
git, not a repository, a file never committed, changed since, a filter such as CRLF
conversion, a slow git) answers False, and the save keeps its `.bak` as before.

Example:
    committed_unchanged(Path("w.yaml"), Path("w.yaml").read_bytes())  # True in a clean checkout
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

DEADLINE = 5.0  # seconds: a git that takes longer is treated as absent


def committed_unchanged(path: Path, raw: bytes) -> bool:
    """True when the last commit of the repository holding `path` has exactly `raw` there."""
    try:
        done = subprocess.run(
            ["git", "-C", str(path.parent), "ls-tree", "--full-name", "HEAD", "--", path.name],
            capture_output=True, timeout=DEADLINE, check=False, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    fields = done.stdout.split()  # b"100644 blob <hash>\t<path>"
    if done.returncode != 0 or len(fields) < 3 or fields[1] != b"blob":
        return False
    return fields[2].decode("ascii", "replace") == blob_id(raw, len(fields[2]))


def blob_id(raw: bytes, length: int = 40) -> str:
    """The id git gives a file's bytes: the SHA-1 (40 hex digits) or SHA-256 (64) of a
    header and the bytes."""
    digest = hashlib.sha256 if length == 64 else hashlib.sha1
    return digest(b"blob %d\0" % len(raw) + raw).hexdigest()
