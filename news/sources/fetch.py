"""Fetch one http(s) URL, defensively: scheme check, one deadline per request, streamed size
cap, safe gzip, redirects followed by hand and an address policy at every hop.

Why by hand on http.client instead of requests or urllib's opener: it is the only network
edge of the project, the rules are few and strict (no ``file:``/``ftp:``, no unbounded bodies
or waits, no gzip bombs, no trip to a private address a page, feed or redirect points at), and
the standard library lets us enforce each of them in a few visible lines without another pin.
urllib resolves names and follows redirects out of sight, and both must be checked where they
happen.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import threading
import time
import zlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15.0
MAX_SECONDS = 60.0  # one request, from the name lookup to the last byte, redirects included
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
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
    status: int = 200  # 304 only for a conditional request (``fetch``'s ``conditional``)
    etag: str | None = None  # validators to send next time (``If-None-Match``, ``If-Modified-Since``)
    last_modified: str | None = None


CONDITIONAL_HEADERS = frozenset({"If-None-Match", "If-Modified-Since"})


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



# ----------------------------------------------------------------------------- where we may go


def address_kind(address: str) -> str | None:
    """None for an address on the public internet, else what it is: "loopback", "private", ...

    A page, a feed or a redirect names where we go next; this keeps them from pointing us at
    the machine itself, the local network or a cloud's metadata service (169.254.169.254), whose
    answers would then be stored and shown. An IPv4-mapped IPv6 address (``::ffff:127.0.0.1``)
    is judged as the IPv4 address it carries, which is where the socket would go (Python 3.11
    calls it private but not loopback). A zone (``fe80::1%eth0``, as getaddrinfo writes it) is
    accepted. Raises ValueError for what is not an IP address.
    """
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, test in (("unspecified", ip.is_unspecified), ("loopback", ip.is_loopback),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("private", ip.is_private)):
        if test:
            return kind
    return None if ip.is_global else "not global"  # 100.64.0.0/10 (carrier-grade NAT) and the like


def _host_key(host: str) -> str:
    """A host as compared and sent: lower case, no final dot, IDNA for a non-ASCII name, an IP
    address in its canonical form. Raises UnicodeError (a ValueError) for an impossible name."""
    host = host.strip().rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return host if host.isascii() else host.encode("idna").decode("ascii")


def _host_port(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def parse_host_port(value: str) -> tuple[str, int | None]:
    """``HOST[:PORT]`` (``ingest --allow-host``) as (host, port), port None for any port.

    An IPv6 address takes brackets when it has a port (``[::1]:8080``); a bare ``::1`` is a
    host alone. Raises ValueError, with the reason, for anything else.
    """
    text = value.strip()
    port_text: str | None = None
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(f"not HOST[:PORT]: {value!r}")
        port_text = rest[1:] if rest else None
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    else:
        host = text
    host = _host_key(host)
    if not host or not re.fullmatch(r"[^\s/?#@\[\]]+", host):
        raise ValueError(f"not HOST[:PORT]: {value!r}")
    if port_text is None:
        return host, None
    if not (port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536):
        raise ValueError(f"bad port in {value!r}")
    return host, int(port_text)


def _endpoint(url: str) -> tuple[str, int] | None:
    """(host, port) of an http(s) URL, the port filled in from the scheme; None for anything
    else, such as the path of a local feed file (whose links then have no home host)."""
    if not is_http_url(url):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        return (_host_key(parts.hostname), port) if parts.hostname else None
    except ValueError:
        return None


def refusal(host: str, port: int, addresses: Sequence[str], *, origin: tuple[str, int] | None,
            allowed: Collection[tuple[str, int | None]] = ()) -> str | None:
    """Why a hop to ``host:port``, resolved to ``addresses``, may not go; None when it may.

    A public address always may. A non-global one may on ``origin``, the host and port of the
    URL the user gave (their own server, which their URL reaches anyway, so a link or redirect
    there adds nothing), or on an ``allowed`` entry naming the host or the address, with that
    port or with none. Every resolved address is judged, not only the first one: a name that
    also points inside is refused rather than raced.
    """
    host = _host_key(host)
    if origin is not None and (host, port) == origin:
        return None
    for address in addresses:
        kind = address_kind(address)
        if kind is None:
            continue
        ip = _host_key(address.split("%", 1)[0])
        if any(name in (host, ip) and want in (None, port) for name, want in allowed):
            continue
        shown = _host_port(host, port)
        return f"{shown} ({kind if ip == host else f'{ip}, {kind}'}) not allowed; use --allow-host {shown}"
    return None


# ----------------------------------------------------------------------------- one deadline


class _Overdue(Exception):
    """The request's deadline passed (raised inside http.client's reads; becomes a FetchError)."""


def _wait(timeout: float, deadline: float) -> float:
    """The socket timeout for the next wait: ``timeout``, or less if the deadline is nearer."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Overdue
    return min(timeout, left)


class _DeadlineReader(io.RawIOBase):
    """The socket's bytes, every wait bounded by the per-wait timeout and the time left.

    Why: a socket timeout bounds one wait, so a server sending a byte a second never trips it.
    http.client reads the status line, the headers and the body through this file, so setting
    the timeout again before each receive makes the one deadline cover all three.
    """

    def __init__(self, sock: socket.socket, timeout: float, deadline: float) -> None:
        super().__init__()
        self._sock, self._timeout, self._deadline = sock, timeout, deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        self._sock.settimeout(_wait(self._timeout, self._deadline))
        try:
            return self._sock.recv_into(buffer)
        except TimeoutError:
            if time.monotonic() >= self._deadline:
                raise _Overdue from None
            raise


class _DeadlineSocket:
    """What http.client uses of a socket (``sendall``, ``makefile``, ``close``), deadline included.

    ``close`` does nothing: http.client closes "the connection" as soon as the headers say
    ``Connection: close``, before the body is read; ``fetch`` closes the real socket itself.
    """

    def __init__(self, sock: socket.socket, timeout: float, deadline: float) -> None:
        self._sock, self._timeout, self._deadline = sock, timeout, deadline

    def sendall(self, data: bytes) -> None:
        self._sock.settimeout(_wait(self._timeout, self._deadline))
        self._sock.sendall(data)

    def makefile(self, mode: str = "rb", *args, **kwargs) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock, self._timeout, self._deadline))

    def close(self) -> None:
        pass


@dataclass(frozen=True, slots=True)
class _Target:
    """One hop's URL, as the socket and the request line need it."""

    scheme: str
    host: str  # _host_key: what is resolved, judged, and sent for SNI
    port: int
    host_header: str
    path: str  # path and query; spaces, controls and non-ASCII percent-encoded


# Left as they are in a request target: RFC 3986 reserved characters and "%" (an escape already made).
_TARGET_SAFE = "!#$%&'()*+,/:;=?@[]~"


def _target(url: str) -> _Target:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        host = _host_key(parts.hostname or "")
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:  # a port outside 0-65535 or not a number, a name IDNA refuses
        raise FetchError(f"bad URL ({str(exc).splitlines()[0][:80]})") from exc
    if not host:
        raise FetchError("bad URL (no host)")
    shown = f"[{host}]" if ":" in host else host
    header = shown if port == (443 if scheme == "https" else 80) else f"{shown}:{port}"
    path = quote(parts.path or "/", safe=_TARGET_SAFE)
    if parts.query:
        path += "?" + quote(parts.query, safe=_TARGET_SAFE)
    return _Target(scheme, host, port, header, path)


def _resolve(host: str, port: int, deadline: float) -> list[tuple]:
    """getaddrinfo's answers, waited for no longer than the deadline allows.

    getaddrinfo has no timeout of its own (a dead resolver can hold it for tens of seconds),
    so a name is looked up on a daemon thread that is left behind if it overruns.
    """
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:  # an address literal: nothing to look up, nothing to wait for
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    box: list = []

    def look_up() -> None:
        try:
            box.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except (OSError, UnicodeError) as exc:
            box.append(exc)

    thread = threading.Thread(target=look_up, name="footprint-resolve", daemon=True)
    thread.start()
    thread.join(max(0.0, deadline - time.monotonic()))
    if not box:
        raise _Overdue
    if isinstance(box[0], Exception):
        raise FetchError(f"cannot connect ({box[0]})")
    return box[0]


@lru_cache(maxsize=1)
def _tls_context():
    """Certificates and host names checked, as urllib's default; one context for every request."""
    import ssl

    context = ssl.create_default_context()
    context.set_alpn_protocols(["http/1.1"])
    return context


def _connect(addresses: list[tuple], target: _Target, timeout: float, deadline: float) -> socket.socket:
    """A socket connected (TLS done, for https) to the first of ``addresses`` that answers.

    These are the addresses ``refusal`` judged: connecting to them, not to the name, means a
    second DNS answer (a rebinding one) cannot send us elsewhere. TLS still checks the name.
    """
    problem: Exception | None = None
    for family, kind, proto, _name, sockaddr in addresses:
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(_wait(timeout, deadline))
            sock.connect(sockaddr)
            if target.scheme == "https":
                sock.settimeout(_wait(timeout, deadline))
                sock = _tls_context().wrap_socket(sock, server_hostname=target.host)
            return sock
        except OSError as exc:
            sock.close()
            problem = exc
        except BaseException:
            sock.close()
            raise
        if time.monotonic() >= deadline:
            raise _Overdue
    raise FetchError(f"cannot connect ({problem or 'no address for the host'})")


def _request(sock: socket.socket, target: _Target, timeout: float, deadline: float,
             extra: Mapping[str, str] | None = None) -> http.client.HTTPResponse:
    """Send the GET and read the status line and headers, through http.client's parser and limits."""
    conn = http.client.HTTPConnection(target.host, target.port)  # never connects: it is handed the socket
    conn.sock = _DeadlineSocket(sock, timeout, deadline)
    conn.request("GET", target.path, headers={
        "Host": target.host_header, "User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
        "Accept": "*/*", "Connection": "close", **(extra or {})})
    return conn.getresponse()


def _printable(text: str, limit: int = 80) -> str:
    """A server's words made fit for one line of a terminal."""
    return "".join(c if c.isprintable() else "?" for c in text[:limit])


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
    # (fetch's reader stops at it too while waiting; this catches bytes already buffered).
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


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, max_seconds: float = MAX_SECONDS,
          allow_hosts: Iterable[str] = (), found_in: str | None = None, deadline: float | None = None,
          conditional: Mapping[str, str] | None = None) -> Fetched:
    """GET ``url`` and return its (decompressed, capped) body; raise FetchError with a reason.

    ``timeout`` bounds each wait on the socket; ``max_seconds`` the whole request, from the name
    lookup to the body's last byte, redirects included, so a server sending a byte a second
    (each wait short) cannot hold an ingest either. ``deadline``, a ``time.monotonic()`` value,
    ends it sooner: a feed's budget for all its entries.

    Where it may go: with ``found_in`` None, ``url`` is the user's own and is reached wherever it
    points. Each redirect (followed here, at most MAX_REDIRECTS), and a link found in the
    document ``found_in`` names (a URL, or a local file's path), must pass ``refusal``: a
    non-global address only on the host and port of the user's URL, or on one of
    ``allow_hosts`` (``HOST[:PORT]``). A hop's name is resolved once and the socket goes to an
    address that was judged.

    ``conditional`` holds ``If-None-Match`` and/or ``If-Modified-Since`` (from an earlier
    ``Fetched``'s ``etag`` and ``last_modified``); a 304 answer is then a ``Fetched`` with
    ``status`` 304 and no content rather than an error.
    """
    started = time.monotonic()
    extra = {k: v for k, v in (conditional or {}).items() if k in CONDITIONAL_HEADERS and _header_safe(v)}
    end = started + max_seconds if deadline is None else min(started + max_seconds, deadline)
    if not is_http_url(url):
        raise FetchError("not an http(s) URL")
    allowed = [parse_host_port(h) for h in allow_hosts]
    origin = _endpoint(url if found_in is None else found_in)
    current = url.strip()
    phase = "looking up the host"
    try:
        for hop in range(MAX_REDIRECTS + 1):
            target = _target(current)
            phase = "looking up the host"
            addresses = _resolve(target.host, target.port, end)
            if hop or found_in is not None:
                why = refusal(target.host, target.port, [a[4][0] for a in addresses], origin=origin, allowed=allowed)
                if why:
                    raise FetchError(f"refused: {'redirect' if hop else 'link'} to {why}")
            phase = "connecting"
            sock = _connect(addresses, target, timeout, end)
            try:
                phase = "waiting for the headers"
                response = _request(sock, target, timeout, end, extra)
                location = response.getheader("Location") if response.status in _REDIRECTS else None
                if location:
                    current = urljoin(current, location.strip())
                    if not is_http_url(current):
                        raise FetchError(f"refused: redirect to a non-http URL ({_printable(current)}) not allowed")
                    continue
                if response.status == 304 and extra:
                    return Fetched(current, b"", "", None, 304, *_validators(response))
                if not 200 <= response.status < 300:
                    raise FetchError(f"HTTP {response.status} {_printable(response.reason)}")
                phase = "reading the body"
                return _body(response, current, max_bytes, end)
            finally:
                sock.close()
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")
    except FetchError:
        raise
    except _Overdue:
        raise FetchError(f"too slow (still {phase} after {round(end - started, 1):g}s)") from None
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g}s") from exc
    except http.client.HTTPException as exc:  # not HTTP, a torn body, 64 KB headers: the server's fault
        detail = str(exc).splitlines()[0][:80] if str(exc).strip() else ""
        raise FetchError(f"bad HTTP response ({type(exc).__name__}{': ' + detail if detail else ''})") from exc
    except (OSError, ValueError) as exc:
        raise FetchError(f"{type(exc).__name__}: {exc}") from exc


def _header_safe(value: str) -> bool:
    """A validator we may send back: printable ASCII, short (a server's ETag is its own text)."""
    return isinstance(value, str) and 0 < len(value) <= 512 and value.isascii() and value.isprintable()


def _validators(response: http.client.HTTPResponse) -> tuple[str | None, str | None]:
    etag, modified = response.getheader("ETag"), response.getheader("Last-Modified")
    return (etag.strip() if etag and _header_safe(etag.strip()) else None,
            modified.strip() if modified and _header_safe(modified.strip()) else None)


def _body(response: http.client.HTTPResponse, url: str, max_bytes: int, deadline: float) -> Fetched:
    length = response.getheader("Content-Length")
    encoding = (response.getheader("Content-Encoding") or "").strip().lower()
    if length and length.isdigit() and not encoding and int(length) > max_bytes:
        raise FetchError(f"too large ({int(length)} bytes)")
    body = _read_capped(response, encoding, max_bytes, deadline)
    content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
    return Fetched(url, body, content_type.lower(), response.headers.get_content_charset(), response.status,
                   *_validators(response))
