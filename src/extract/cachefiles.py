"""Files kept between runs in the user's cache directory: work that depends only on the
installed code, rules and data, done once and read back on later starts."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def cache_dir() -> Path:
    """EXTRACT_CACHE_DIR, else extract-id under XDG_CACHE_HOME (or ~/.cache)."""
    base = os.environ.get("EXTRACT_CACHE_DIR") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "extract-id"
    return Path(base)


def write_cache(path: Path, content: str | bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is simply rebuilt next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, suffix=".tmp") as tmp:
            tmp.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.replace(tmp.name, path)
    except OSError:
        pass
