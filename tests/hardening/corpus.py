"""The hostile-input corpus, generated (never committed: a 50 MB page has no place in git).

``python -m tests.hardening.corpus OUT`` writes it to OUT. ``build(folder)`` returns what each
file is expected to produce: words of its one ``skipped`` line ("" for any reason), or ``None``
when it must be ingested (names with right-to-left marks, a feed whose dates are year 0 and 9999, ...).
``HostileServer`` serves the network half on 127.0.0.1: gzip and deflate bombs, an endless
chunked page, lying Content-Length, garbage instead of HTTP, oversized headers, redirect loops, and ``/drip`` (not in URLS: it takes the
fetcher's whole time limit, so it is tested with a short one).
"""

from __future__ import annotations

import gzip
import json
import os
import socketserver
import sys
import threading
import time
import zlib
from pathlib import Path

GOOD_SENTENCE = "Wagner fighters were deployed in Mali, residents of Bamako said."
BIG_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 256 * 1024 * 1024  # decompressed size; about 250 KB on the wire


def _billion_laughs(levels: int = 10) -> str:
    ents = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels)
    ]
    return ('<?xml version="1.0"?><!DOCTYPE rss [' + "".join(ents) + ']><rss version="2.0"><channel>'
            f"<title>&lol{levels - 1};</title><item><title>t</title>"
            f"<description>{GOOD_SENTENCE} &lol{levels - 1};</description></item></channel></rss>")


def _quadratic_blowup() -> str:
    big = "A" * 100_000
    return (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{big}">]><rss version="2.0"><channel>'
            f"<title>t</title><item><title>t</title><description>{GOOD_SENTENCE} {'&a;' * 20_000}"
            "</description></item></channel></rss>")


def _xxe() -> str:
    return ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<rss version="2.0"><channel><title>XXE</title><item><title>leak</title>'
            f"<description>{GOOD_SENTENCE} &xxe;</description></item></channel></rss>")


def _dated_feed() -> str:
    items = "".join(
        f"<item><title>Dated {d[:4]}</title><link>https://hostile.example/{d[:4]}</link><pubDate>{d}</pubDate>"
        f"<content:encoded>Russian instructors arrived in the Central African Republic ({d[:4]}).</content:encoded></item>"
        for d in ("0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z")
    )
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Dates</title>'
            f"{items}</channel></rss>")


def build(folder: Path) -> dict[str, str | None]:
    """Write the file half of the corpus; ``{file name: expected skip kind or None}``."""
    folder.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str | None] = {}

    def put(name: str, data: bytes | str, outcome: str | None) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = outcome

    put("truncated.html", f"<!DOCTYPE html><html><body><article><p>{GOOD_SENTENCE} The patrol", "truncated HTML (no closing")
    depth = 100_000
    put("nested.html", "<!DOCTYPE html><html><body>" + "<div><span>" * depth + GOOD_SENTENCE
        + "</span></div>" * depth + "</body></html>", "")  # any one clear line (or ingested)
    put("unclosed-tags.html", "<!DOCTYPE html><html><body>" + "<p><b><i><table><tr><td>" * 5000
        + GOOD_SENTENCE + "</html>", "")
    with open(folder / "huge.html", "wb") as handle:  # 50 MB page: refused by size, never read
        handle.write(b"<!DOCTYPE html><html><body>")
        chunk = (f"<p>{GOOD_SENTENCE}</p>\n" * 1000).encode()
        while handle.tell() < BIG_BYTES:
            handle.write(chunk)
        handle.write(b"</body></html>")
    expect["huge.html"] = "too large"
    put("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(4096), "binary content")
    put("archive.txt", gzip.compress(GOOD_SENTENCE.encode() * 50), "binary content")
    put("utf16.txt", GOOD_SENTENCE.encode("utf-16"), "binary content")
    put("controls.txt", bytes(range(1, 32)) * 40 + GOOD_SENTENCE.encode(), "binary content")
    put("mixed-encoding.txt", "Вагнер в Мали\n\n".encode() + "Les mercenaires sont arrivés à Bamako.".encode("latin-1"),
        "not UTF-8")
    put("cp1251.txt", "Бойцы ЧВК «Вагнер» прибыли в Мали.".encode("cp1251"), "not UTF-8")
    put("laughs.xml", _billion_laughs(), "feed does not parse")
    put("quadratic.xml", _quadratic_blowup(), "feed does not parse")
    put("xxe.xml", _xxe(), "")  # either refused or ingested without the file's contents
    put("dates.xml", _dated_feed(), None)  # year 0 / 9999: read as undated, not a crash
    put("dates.jsonl", "\n".join(json.dumps({"id": f"date-{d}", "text": GOOD_SENTENCE, "date": d})
                                 for d in ("0000-01-01", "9999-12-31")) + "\n", "date")
    put("names.jsonl", json.dumps({
        "id": "rtl-names", "title": "\u202eLAM ni rengaW\u202c \u200bhidden\u200b", "outlet": "\u200fואגנר \u2066news\u2069",
        "url": "https://hostile.example/rtl?\u200b", "text": "Wagner fighters were deployed in Ma\u200bli and \u202eBamako\u202c.\n"
        + GOOD_SENTENCE}, ensure_ascii=False) + "\n", None)
    put("surrogates.jsonl", '{"id": "lone-surrogate", "title": "x\\udfff", "text": "' + GOOD_SENTENCE + ' \\ud800"}\n', None)
    put("bad-middle.jsonl", "\n".join([
        json.dumps({"id": "mid-1", "text": GOOD_SENTENCE + " One."}),
        '{"id": "mid-2", "text": "unterminated',
        json.dumps({"id": "mid-3", "text": GOOD_SENTENCE + " Three."}),
    ]) + "\n", "bad JSON")
    put("whitespace.txt", " \n\t\n ", "empty file")
    put("payloads.jsonl", json.dumps({
        "id": "payloads", "title": "<script>alert('t')</script>", "outlet": "=HYPERLINK(\"http://x\")",
        "url": "javascript:alert(1)", "text": "<img src=x onerror=alert(1)> " + GOOD_SENTENCE}) + "\n", None)
    try:  # a file name that is not valid UTF-8 (Linux allows any bytes)
        with open(os.path.join(os.fsencode(folder), b"caf\xe9-name.txt"), "wb") as handle:
            handle.write(("Bad name\n\n" + GOOD_SENTENCE).encode())
        expect[os.fsdecode(b"caf\xe9-name.txt")] = None
    except OSError:
        pass
    loop = folder / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "again").exists():
        os.symlink("..", loop / "again")  # a symlink cycle for the folder walk
    return expect


# ----------------------------------------------------------------------------- network half


def _bomb(encoding: str, size: int = BOMB_BYTES) -> bytes:
    comp = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
    block = b"\0" * (1024 * 1024)
    out = [comp.compress(block) for _ in range(size // len(block))]
    out.append(comp.flush())
    return b"".join(out)


URLS: dict[str, str | None] = {  # path -> words of its one skipped line (None: ingested)
    "/bomb.gz": "too large",
    "/bomb.deflate": "too large",
    "/feed-bomb": "too large",
    "/endless": "too large",
    "/big-declared": "too large",
    "/short-body": "truncated",
    "/garbage": "bad HTTP response",
    "/long-header": "bad HTTP response",
    "/many-headers": "bad HTTP response",
    "/loop": "redirect",
    "/bad-gzip": "corrupt gzip",
    "/binary-html": "binary content",
    "/to-javascript": "not allowed",
    "/bad-charset": None,  # text/plain; charset=rot13: read as UTF-8, not a crash
}


class _Handler(socketserver.StreamRequestHandler):
    """Speaks just enough HTTP/1.1 by hand to be able to speak it wrongly."""

    def handle(self):
        try:
            line = self.rfile.readline(65537).decode("latin-1")
            while self.rfile.readline(65537) not in (b"\r\n", b"\n", b""):
                pass
            path = line.split(" ")[1] if " " in line else "/"
            self._route(path.split("?")[0])
        except OSError:  # the client hung up (it was told to stop reading)
            pass

    def _send(self, status: str, headers: dict[str, str], body: bytes = b"", length: bool = True) -> None:
        head = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
        if length:
            head.append(f"Content-Length: {len(body)}")
        head.append("Connection: close")
        self.wfile.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)

    def _route(self, path: str) -> None:
        bombs = self.server.bombs  # type: ignore[attr-defined]
        if path == "/bomb.gz":
            self._send("200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip"}, bombs["gzip"])
        elif path == "/bomb.deflate":
            self._send("200 OK", {"Content-Type": "text/html", "Content-Encoding": "deflate"}, bombs["deflate"])
        elif path == "/feed-bomb":
            self._send("200 OK", {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}, bombs["gzip"])
        elif path == "/endless":  # chunked, never ends: only the size cap stops it
            self._send("200 OK", {"Content-Type": "text/html", "Transfer-Encoding": "chunked"}, length=False)
            chunk = (f"<p>{GOOD_SENTENCE}</p>" * 500).encode()
            frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
            for _ in range(10_000):
                self.wfile.write(frame)
        elif path == "/big-declared":  # a 50 MB page announced up front
            self._send("200 OK", {"Content-Type": "text/html", "Content-Length": str(BIG_BYTES)}, length=False)
            self.wfile.write(b"<html>" + b" " * 1024)
        elif path == "/short-body":  # promises more than it sends, then hangs up
            self._send("200 OK", {"Content-Type": "text/html", "Content-Length": "100000"}, length=False)
            self.wfile.write(f"<html><body><p>{GOOD_SENTENCE}".encode())
        elif path == "/garbage":
            self.wfile.write(b"\x00\xffNOT HTTP AT ALL\r\n\r\n" + os.urandom(256))
        elif path == "/long-header":
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Long: " + b"a" * 100_000 + b"\r\n\r\n")
        elif path == "/many-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-H%d: 1\r\n" % i for i in range(500)) + b"\r\n")
        elif path == "/loop":
            self._send("302 Found", {"Location": "/loop"})
        elif path == "/bad-gzip":
            self._send("200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip"}, b"\x1f\x8b\x08\x00garbage")
        elif path == "/binary-html":
            self._send("200 OK", {"Content-Type": "text/html"}, b"\x00\x01\x02" * 1000)
        elif path == "/to-javascript":
            self._send("302 Found", {"Location": "javascript:alert(1)"})
        elif path == "/drip":  # slowloris in reverse: a byte every 0.2 s, each within any socket timeout
            self._send("200 OK", {"Content-Type": "text/html", "Content-Length": "100000"}, length=False)
            for _ in range(600):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.2)
        elif path == "/bad-charset":
            self._send("200 OK", {"Content-Type": "text/plain; charset=rot13"}, GOOD_SENTENCE.encode() + b" Charset.")
        else:
            self._send("404 Not Found", {"Content-Type": "text/plain"}, b"not found")


class HostileServer:
    """``with HostileServer() as base:`` serves URLS on http://127.0.0.1:PORT in a thread."""

    def __enter__(self) -> str:
        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.bombs = {"gzip": _bomb("gzip"), "deflate": _bomb("deflate")}  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for name, outcome in build(out).items():
        print(f"{name}\t{outcome if outcome is not None else 'ingested'}")
