"""Fetch one http(s) URL, defensively: scheme check, timeout, streamed size cap, safe gzip.

Why by hand on urllib instead of requests: it is the only network edge of the project, the
rules are few and strict (no ``file:``/``ftp:``, no unbounded bodies, no gzip bombs), and the
standard library lets us enforce each of them in a few visible lines without another pin.
"""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0
MAX_SECONDS = 60.0  # a whole body, however slowly it drips
CHUNK = 64 * 1024
USER_AGENT = "Footprint/0.1 (news presence mapper; +https://github.com/)"


class FetchError(Exception):
    """A URL we could not (or would not) read; the message is the one-line reason."""


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes  # decoded from gzip/deflate if the server compressed it
    content_type: str  # lower-case media type without parameters, "" if absent
    charset: str | None


def is_http_url(value: str | None) -> bool:
    """True for absolute http/https URLs with a host: the only links we store or follow.

    Memoised: the dashboard re-checks every stored link on each rerun (defence in depth for
    stores written by other means), and the same few thousand URLs come back every time.
    """
    if not value or not isinstance(value, str):
        return False
    return _is_http_url(value)


# "http://" or "https://" (any case) and a first host character: for printable ASCII without
# brackets, exactly the strings urlsplit reads as an http(s) URL with a host (see _is_http_url).
_PLAIN_HTTP = re.compile(r"https?://[^/?#]", re.IGNORECASE)


@lru_cache(maxsize=262_144)
def _is_http_url(value: str) -> bool:
    value = value.strip()
    if value.isascii() and value.isprintable() and "[" not in value and "]" not in value:
        # What urlsplit would do, without its cost (a few microseconds, on every new link of an
        # ingest): printable ASCII holds no C0 control to strip, no tab or newline to delete and no
        # non-ASCII host to check, and without brackets it cannot raise. The scheme is then what
        # precedes the first ":", and the host what follows "//" up to the first "/", "?" or "#".
        return _PLAIN_HTTP.match(value) is not None
    try:
        parts = urlsplit(value)
    except ValueError:  # "http://[x": an unbalanced IPv6 bracket is not a link we can use
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


# an item start whose host is empty: "http://" then "/", "?", "#", the next item or the end
_NO_HOST = re.compile(r" https?://(?:[/?#]| |$)")


def all_plain_links(urls: Sequence[Any]) -> str | None:
    """The URLs joined by spaces if each is certainly an http(s) link with a host, else None.

    Decided with a few string scans over the joined text rather than a parse per URL (a layer
    row at 100,000 articles carries thousands of links). Printable ASCII with exactly one space
    between items means no item holds a space or control character; every item start is then
    " http://" or " https://" (any case) followed by a host character (not ``/?#`` or the end),
    and without brackets urlsplit cannot raise. Such a URL passes ``is_http_url`` and
    components.tables.safe_url (both use this for lists). None means "check them one by one",
    never "unsafe".
    """
    try:
        joined = " ".join(urls)
    except TypeError:  # None or a non-string inside
        return None
    n = len(urls)
    if not n or not (joined.isascii() and joined.isprintable()) or joined.count(" ") != n - 1:
        return None
    if "[" in joined or "]" in joined:
        return None
    marked = " " + joined.lower()
    if marked.count(" http://") + marked.count(" https://") != n or _NO_HOST.search(marked):
        return None
    return joined



class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s); a redirect to ``file:`` or ``ftp:`` is an error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib API
        if not is_http_url(newurl):
            raise FetchError(f"redirect to a non-http URL ({newurl[:80]})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects())


def _read_capped(stream, encoding: str, max_bytes: int, deadline: float | None = None) -> bytes:
    """Read the body in chunks, decompressing as we go, and stop the moment it exceeds the cap.

    The cap applies to the decompressed size, so a small gzip bomb is refused just as a large
    plain page is; ``max_length`` keeps zlib from inflating more than we are willing to hold.
    """
    decoder = None
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding not in ("", "identity"):
        raise FetchError(f"unsupported content encoding {encoding!r}")
    out = bytearray()
    # read1: what has arrived, so a server dripping a byte at a time meets the deadline below
    # (the socket timeout only bounds each wait, not the whole body).
    read = stream.read1 if hasattr(stream, "read1") else stream.read
    while True:
        chunk = read(CHUNK)
        if not chunk:
            break
        if deadline is not None and time.monotonic() > deadline:
            raise FetchError("too slow (body still arriving after the time limit)")
        if decoder is None:
            out += chunk
        else:
            try:
                # At most one byte past the cap: enough to know the cap was exceeded.
                out += decoder.decompress(chunk, max_bytes + 1 - len(out))
            except zlib.error as exc:
                raise FetchError(f"corrupt {encoding} body ({exc})") from exc
        if len(out) > max_bytes:
            raise FetchError(f"too large (over {max_bytes // (1024 * 1024)} MB)")
    if decoder is not None:
        try:
            out += decoder.flush()
        except zlib.error as exc:
            raise FetchError(f"corrupt {encoding} body ({exc})") from exc
        if len(out) > max_bytes:
            raise FetchError(f"too large (over {max_bytes // (1024 * 1024)} MB)")
        if not decoder.eof:
            raise FetchError(f"truncated or corrupt {encoding} body")
    return bytes(out)


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          max_seconds: float = MAX_SECONDS) -> Fetched:
    """GET ``url`` and return its (decompressed, capped) body; raise FetchError with a reason.

    ``timeout`` bounds each wait on the socket, ``max_seconds`` the whole body.
    """
    deadline = time.monotonic() + max_seconds
    if not is_http_url(url):
        raise FetchError("not an http(s) URL")
    request = urllib.request.Request(
        url.strip(),
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate", "Accept": "*/*"},
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
            if length and length.isdigit() and not encoding and int(length) > max_bytes:
                raise FetchError(f"too large ({int(length)} bytes)")
            body = _read_capped(response, encoding, max_bytes, deadline)
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            charset = response.headers.get_content_charset()
            return Fetched(response.geturl(), body, content_type.lower(), charset)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise FetchError(f"cannot connect ({exc.reason})") from exc
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g}s") from exc
    except http.client.HTTPException as exc:  # not HTTP, a torn body, 64 KB headers: the server's fault
        detail = str(exc).splitlines()[0][:80] if str(exc).strip() else ""
        raise FetchError(f"bad HTTP response ({type(exc).__name__}{': ' + detail if detail else ''})") from exc
    except (OSError, ValueError) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc
