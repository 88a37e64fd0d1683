"""Where the bytes of stored files live: one small interface, a local folder under DATA_DIR by default, and an
S3-compatible store (obstore) when FILES_S3_URL is configured. Keys are opaque (`<municipality>/<file id>`)."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import anyio

from app.core.settings import get_settings

CHUNK = 256 * 1024


class Storage(Protocol):
    async def put(self, key: str, content: bytes) -> None: ...

    def stream(self, key: str) -> AsyncIterator[bytes]: ...

    async def read(self, key: str) -> bytes: ...

    async def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files in a folder (DATA_DIR/files by default); written to a temporary name first, then renamed."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        parts = [p for p in key.split("/") if p not in ("", ".", "..")]
        return self.root.joinpath(*parts)

    async def put(self, key: str, content: bytes) -> None:
        path = self._path(key)

        def write() -> None:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
            tmp.write_bytes(content)
            os.replace(tmp, path)

        await anyio.to_thread.run_sync(write)

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        f = await anyio.open_file(self._path(key), "rb")
        try:
            while chunk := await f.read(CHUNK):
                yield chunk
        finally:
            await f.aclose()

    async def read(self, key: str) -> bytes:
        return await anyio.Path(self._path(key)).read_bytes()

    async def delete(self, key: str) -> None:
        await anyio.to_thread.run_sync(lambda: self._path(key).unlink(missing_ok=True))


class S3Storage:
    """An S3-compatible bucket through obstore (`s3://bucket/prefix` and options such as endpoint and keys)."""

    def __init__(self, url: str, options: dict[str, Any] | None = None, store: Any = None) -> None:
        if store is None:
            from obstore.store import from_url

            store = from_url(url, **(options or {}))
        self.store = store

    async def put(self, key: str, content: bytes) -> None:
        import obstore

        await obstore.put_async(self.store, key, content)

    async def stream(self, key: str) -> AsyncIterator[bytes]:
        import obstore

        result = await obstore.get_async(self.store, key)
        async for chunk in result.stream(min_chunk_size=CHUNK):
            yield bytes(chunk)

    async def read(self, key: str) -> bytes:
        import obstore

        result = await obstore.get_async(self.store, key)
        return bytes(await result.bytes_async())

    async def delete(self, key: str) -> None:
        import obstore

        await obstore.delete_async(self.store, key)


@lru_cache
def get_storage() -> Storage:
    settings = get_settings()
    if settings.files_s3_url:
        raw = settings.files_s3_options.get_secret_value()
        return S3Storage(settings.files_s3_url, json.loads(raw) if raw else {})
    return LocalStorage(settings.data_dir / "files")
