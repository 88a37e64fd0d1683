"""Files: upload with a size limit and a type check by content, metadata and streamed download inside the owner's
tenant only (404 elsewhere), Russian names in Content-Disposition (RFC 5987), archive, every step audited; the
S3 adapter's calls checked against obstore's in-memory store (no S3 server here)."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import quote

import pytest
from sqlalchemy import select

from app.audit.models import AuditEvent
from app.core.settings import get_settings
from app.files import sniff, storage
from tests.factories import make_tenant

API = "/api/v1"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODS = _zip({"mimetype": sniff.ODS.encode(), "content.xml": b"<office:document-content/>"})


@pytest.fixture(autouse=True)
def _storage(monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "data_dir", tmp_path)
    storage.get_storage.cache_clear()
    yield
    storage.get_storage.cache_clear()


async def _upload(client, t, who, name, content, **data):  # type: ignore[no-untyped-def]
    return await client.post(
        f"{API}/files",
        headers=t.headers(who),
        data={k: str(v) for k, v in data.items()},
        files={"file": (name, content, "application/octet-stream")},
    )


async def test_upload_metadata_download_and_audit(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _upload(client, t, "department", "Приказ № 5 от 01.09.2023.pdf", PDF)
    assert r.status_code == 201, r.text
    meta = r.json()
    assert meta["content_type"] == "application/pdf" and meta["size"] == len(PDF)
    assert meta["municipality_id"] == str(t.municipality.id) and meta["organization_id"] is None
    assert meta["name"] == "Приказ № 5 от 01.09.2023.pdf" and len(meta["sha256"]) == 64
    got = await client.get(f"{API}/files/{meta['id']}", headers=t.headers("methodologist"))
    assert got.status_code == 200 and got.json()["id"] == meta["id"]
    d = await client.get(meta["content_url"], headers=t.headers("department"))
    assert d.status_code == 200 and d.content == PDF
    assert d.headers["content-type"] == "application/pdf"
    cd = d.headers["content-disposition"]
    assert cd.startswith("attachment;") and f"filename*=UTF-8''{quote(meta['name'])}" in cd
    assert 'filename="file-' in cd and cd.split('"')[1].isascii()
    actions = (
        await session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_type == "file", AuditEvent.entity_id == meta["id"])
        )
    ).all()
    assert sorted(actions) == ["create", "download"]


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("скан.png", PNG, "image/png"),
        ("фото.jpeg", JPEG, "image/jpeg"),
        ("отчёт.docx", DOCX, sniff.DOCX),
        ("таблица.xlsx", XLSX, sniff.XLSX),
        ("таблица.ods", ODS, sniff.ODS),
        ("список.csv", "ФИО;Школа\nИванова;СОШ 1\n".encode(), "text/csv"),
        ("заметка.txt", "Просто текст\n".encode("cp1251"), "text/plain"),
        ("без расширения", PDF, "application/pdf"),
    ],
)
async def test_type_is_decided_by_content(client, session, name, content, content_type) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _upload(client, t, "department", name, content)
    assert r.status_code == 201, r.text
    assert r.json()["content_type"] == content_type


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("программа.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff", "file_type_not_allowed"),
        ("отчёт.pdf", b"\x00\x01\x02binary\x00", "file_type_not_allowed"),
        ("архив.zip", _zip({"a.txt": b"x"}), "file_type_not_allowed"),
        ("отчёт.pdf", PNG, "file_type_mismatch"),
        ("документ.docx", XLSX, "file_type_mismatch"),
        ("пусто.txt", b"", "file_empty"),
    ],
)
async def test_refused_types_answer_422_in_russian(client, session, name, content, code) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    r = await _upload(client, t, "department", name, content)
    assert r.status_code == 422, r.text
    assert r.json()["code"] == code and r.json()["detail"][0].isupper()


async def test_size_limit(client, session, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(get_settings(), "files_max_bytes", 1024 * 1024)
    t = await make_tenant(session)
    r = await _upload(client, t, "department", "big.txt", b"a" * (1024 * 1024 + 1))
    assert r.status_code == 413 and r.json()["code"] == "file_too_large" and "1 МБ" in r.json()["detail"]
    ok = await _upload(client, t, "department", "ok.txt", b"a" * (1024 * 1024))
    assert ok.status_code == 201


async def test_files_are_served_only_inside_their_tenant(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    other = await make_tenant(session)
    school = (await _upload(client, t, "school_admin", "план.pdf", PDF)).json()
    assert school["organization_id"] == str(t.org.id)  # a school administrator's file is their school's
    r = await _upload(client, t, "school_admin", "план.pdf", PDF, organization_id=t.org.id)
    assert r.status_code == 201
    org_file = r.json()
    assert (await _upload(client, t, "school_admin", "план.pdf", PDF, organization_id=t.org2.id)).status_code == 404
    assert (await _upload(client, t, "department", "x.pdf", PDF, organization_id=other.org.id)).status_code == 404
    for path in (f"{API}/files/{org_file['id']}", org_file["content_url"]):
        assert (await client.get(path, headers=t.headers("school_admin"))).status_code == 200
        assert (await client.get(path, headers=t.headers("department"))).status_code == 200
        r = await client.get(path, headers=other.headers("department"))
        assert r.status_code == 404 and r.json()["detail"] == "Файл не найден"
        assert (await client.get(path, headers=t.headers("teacher"))).status_code == 403
    # a municipal file is not a school's: a school administrator sees their school's files only
    dept = (await _upload(client, t, "department", "приказ.pdf", PDF)).json()
    assert (await client.get(f"{API}/files/{dept['id']}", headers=t.headers("school_admin"))).status_code == 404
    assert (await client.get(f"{API}/files/{school['id']}", headers=t.headers("school_admin"))).status_code == 200


async def test_archive(client, session) -> None:  # type: ignore[no-untyped-def]
    t = await make_tenant(session)
    f = (await _upload(client, t, "department", "старое.pdf", PDF)).json()
    r = await client.post(
        f"{API}/files/{f['id']}/archive", json={"reason": "Заменён новой редакцией"}, headers=t.headers("department")
    )
    assert r.status_code == 200 and r.json()["archived_at"] and r.json()["archive_reason"] == "Заменён новой редакцией"
    again = await client.post(
        f"{API}/files/{f['id']}/archive", json={"reason": "ещё раз"}, headers=t.headers("department")
    )
    assert again.status_code == 409
    assert (await client.get(f["content_url"], headers=t.headers("department"))).status_code == 404
    event = await session.scalar(
        select(AuditEvent).where(AuditEvent.entity_id == f["id"], AuditEvent.action == "archive")
    )
    assert event is not None and event.changes["reason"] == "Заменён новой редакцией"


async def test_local_storage_keeps_keys_inside_its_folder(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = storage.LocalStorage(tmp_path / "files")
    await s.put("../../etc/x", b"data")
    assert (tmp_path / "files" / "etc" / "x").read_bytes() == b"data"
    assert b"".join([c async for c in s.stream("etc/x")]) == b"data"
    await s.delete("etc/x")
    assert not (tmp_path / "files" / "etc" / "x").exists()


async def test_s3_adapter_calls_against_an_in_memory_store() -> None:
    """No S3 server is available here: the adapter runs against obstore's MemoryStore, the same API S3Store has."""
    from obstore.store import MemoryStore

    s = storage.S3Storage("s3://bucket/prefix", store=MemoryStore())
    content = b"x" * (storage.CHUNK * 2 + 5)
    await s.put("m/f", content)
    assert await s.read("m/f") == content
    assert b"".join([c async for c in s.stream("m/f")]) == content
    await s.delete("m/f")
    with pytest.raises(FileNotFoundError):
        await s.read("m/f")


def test_s3_is_chosen_when_configured(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pydantic import SecretStr

    monkeypatch.setattr(get_settings(), "files_s3_url", "s3://bucket/prefix")
    monkeypatch.setattr(
        get_settings(),
        "files_s3_options",
        SecretStr(
            '{"endpoint": "http://127.0.0.1:9", "region": "ru-1", "access_key_id": "a", "secret_access_key": "b"}'
        ),
    )
    storage.get_storage.cache_clear()
    assert isinstance(storage.get_storage(), storage.S3Storage)


async def test_an_unknown_municipality_is_a_404_not_a_conflict(client, session) -> None:  # type: ignore[no-untyped-def]
    """Found by schemathesis: the system administrator's upload into a random municipality id answered 409."""
    import uuid

    t = await make_tenant(session)
    r = await _upload(client, t, "sysadmin", "x.pdf", PDF, municipality_id=uuid.uuid4())
    assert r.status_code == 404 and r.json()["detail"] == "Муниципалитет не найден"
    ok = await _upload(client, t, "sysadmin", "x.pdf", PDF, municipality_id=t.municipality.id)
    assert ok.status_code == 201 and ok.json()["municipality_id"] == str(t.municipality.id)
