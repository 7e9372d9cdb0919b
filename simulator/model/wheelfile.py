"""The bytes of a fake release's wheel, as the verifier's index serves it, and their sha256.

A uv lock file records each wheel's sha256; the verifier's wheels are byte-for-byte
deterministic (sorted members, fixed timestamps), so the simulator builds the same
bytes in memory; ``simulator/verify/wheels.py`` writes these same bytes.

>>> wheel_sha256(Release("libcolor", "3.0"))
'd76a3816b7e17ffd5ba149804babc14c4b11f0793aa7b2a6194e9c0f21b7ac99'
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from collections.abc import Iterable
from functools import lru_cache

from .dist import dist_info_name, metadata_text
from .entrypoints import entry_points_text, module_files
from .index import Release

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
GENERATOR = "venvsim-verify"
WHEEL_FILE = f"Wheel-Version: 1.0\nGenerator: {GENERATOR}\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def zip_members(files: Iterable[tuple[str, bytes]], info_dir: str) -> bytes:
    """A wheel archive of ``files`` (archive path, bytes) plus a fresh ``RECORD``."""
    members = sorted(
        ((n, d) for n, d in files if n != f"{info_dir}/RECORD"),
        key=lambda item: (item[0].startswith(info_dir + "/"), item[0]),
    )
    record = "".join(f"{n},{record_hash(d)},{len(d)}\n" for n, d in members)
    record += f"{info_dir}/RECORD,,\n"
    members.append((f"{info_dir}/RECORD", record.encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, data)
    return buffer.getvalue()


def release_members(rel: Release) -> tuple[list[tuple[str, bytes]], str]:
    """The files of a fake release's wheel and its dist-info folder."""
    info = dist_info_name(rel.name, rel.version_text)
    files = [(path, text.encode()) for path, text in module_files(rel)]
    files += [(f"{info}/METADATA", metadata_text(rel).encode()), (f"{info}/WHEEL", WHEEL_FILE.encode())]
    points = entry_points_text(rel)
    if points is not None:
        files.append((f"{info}/entry_points.txt", points.encode()))
    return files, info


@lru_cache(maxsize=4096)
def wheel_sha256(rel: Release) -> str:
    files, info = release_members(rel)
    return hashlib.sha256(zip_members(files, info)).hexdigest()
