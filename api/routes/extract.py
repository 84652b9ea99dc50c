"""``POST /extract``: read, parse and cite one document; answer the extraction JSON.

The document comes as a ``text/plain`` body, a multipart upload (field ``file``) or JSON
``{"text": ..., "name": ...}``. Nothing is stored: this is ``reskg extract --json`` over
HTTP. The body is capped (``RESKG_MAX_EXTRACT_BYTES``); a refusal names what was wrong
with the input and never a server path.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api import protocol
from api.deps import SettingsDep
from api.models import Extraction
from api.problems import Problem
from reskg.extraction import extract_document
from reskg.read import read_bytes

router = APIRouter(tags=["extraction"])

DEFAULT_NAME = "document.txt"
Language = Literal["en", "fr", "es"]


def _name(given: object) -> str:
    """A file name for messages and format hints: the last path part of what was sent."""
    if not isinstance(given, str):
        return DEFAULT_NAME
    name = PurePosixPath(given.replace("\\", "/")).name.strip()[:200]
    return name or DEFAULT_NAME


async def _multipart(request: Request, body: bytes) -> tuple[bytes, str]:
    async def once() -> Any:
        yield body

    try:
        form = await MultiPartParser(request.headers, once(), max_files=1, max_fields=5).parse()
    except MultiPartException as error:
        raise Problem(
            400, f"malformed multipart body: {error.message}", rule="extract.input"
        ) from None
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise Problem(
            400, "the multipart body has no file in a field named 'file'", rule="extract.input"
        )
    try:
        return await upload.read(), _name(upload.filename)
    finally:
        await upload.close()


def _json(body: bytes) -> tuple[bytes, str]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Problem(400, "the body is not valid JSON", rule="extract.input") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise Problem(
            400, 'the JSON body must be an object with a string "text"', rule="extract.input"
        )
    return data["text"].encode("utf-8"), _name(data.get("name"))


def _extract(data: bytes, name: str, language: str | None) -> dict[str, Any]:
    from reskg.parse import parse  # as in reskg.extraction.extract_path

    source = read_bytes(data, name)
    document = parse(source, language=language) if language else parse(source)
    return extract_document(document)


@router.post(
    "/extract",
    summary="Extract the structure and citations of one document (nothing is stored)",
    response_model=Extraction,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                },
                "application/json": {
                    "schema": {
                        "type": "object",
                        "properties": {"text": {"type": "string"}, "name": {"type": "string"}},
                        "required": ["text"],
                    }
                },
            },
        }
    },
    responses={
        400: {"description": "Empty, binary, undecodable or malformed input"},
        413: {"description": "Larger than RESKG_MAX_EXTRACT_BYTES"},
        415: {"description": "A body or file format that is not supported"},
        422: {"description": "No resolution structure recognised, or an unsupported language"},
    },
)
async def extract(
    request: Request,
    settings: SettingsDep,
    lang: Annotated[Language | None, Query(description="Override language detection.")] = None,
    name: Annotated[
        str | None, Query(description="File name of a text/plain body (a format hint).")
    ] = None,
) -> Any:
    """The extraction JSON of the gold contract, as ``reskg extract FILE --json`` prints."""
    media_type, _ = protocol.content_type(request.headers.get("content-type"))
    body = await protocol.read_body(request, settings.max_extract_bytes)
    if media_type in ("", "text/plain"):
        data, file_name = body, _name(name)
    elif media_type == "multipart/form-data":
        data, file_name = await _multipart(request, body)
    elif media_type == "application/json":
        data, file_name = _json(body)
    else:
        raise Problem(
            415,
            f"send text/plain, multipart/form-data (field 'file') or application/json, "
            f"not {media_type}",
            rule="http.media",
        )
    return await run_in_threadpool(_extract, data, file_name, lang)
