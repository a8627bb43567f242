"""Who may write reviews: the server's reviewer token, read once and compared in constant time.

Reviewing is off unless the server was started with a token: ``$FOOTPRINT_REVIEW_TOKEN``, or a
file (``footprint serve --review-token-file PATH``, which hands the server the file's path in
``$FOOTPRINT_REVIEW_TOKEN_FILE``, never the token itself). The token is never logged, shown or
put in a URL: errors name the file, not its content.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from pathlib import Path

TOKEN_ENV = "FOOTPRINT_REVIEW_TOKEN"
TOKEN_FILE_ENV = "FOOTPRINT_REVIEW_TOKEN_FILE"
MIN_LENGTH = 8
MAX_BYTES = 4096


class TokenError(ValueError):
    """A token file or value that cannot be used (the message never holds the token)."""


def _checked(token: str, where: str) -> str:
    token = token.strip()
    if len(token) < MIN_LENGTH:
        raise TokenError(f"the review token in {where} is shorter than {MIN_LENGTH} characters")
    if any(ch.isspace() or not ch.isprintable() for ch in token):
        raise TokenError(f"the review token in {where} holds spaces or control characters")
    return token


def read_token_file(path: str | os.PathLike) -> str:
    """The token a file holds (its first line), checked."""
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise TokenError(f"cannot read the review token file {Path(path).name} ({exc.strerror})") from None
    if len(raw) > MAX_BYTES:
        raise TokenError(f"the review token file {Path(path).name} is over {MAX_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TokenError(f"the review token file {Path(path).name} is not UTF-8 text") from None
    return _checked((text.splitlines() or [""])[0], f"the file {Path(path).name}")


def server_token(env: Mapping[str, str] | None = None) -> str | None:
    """The token the server was started with, or None (reviewing off). A bad one raises."""
    env = os.environ if env is None else env
    if env.get(TOKEN_FILE_ENV):
        return read_token_file(env[TOKEN_FILE_ENV])
    if env.get(TOKEN_ENV):
        return _checked(env[TOKEN_ENV], f"${TOKEN_ENV}")
    return None


def token_matches(entered: object, token: str | None) -> bool:
    """Whether ``entered`` is the server's token: constant time (``hmac.compare_digest``), and
    never true when reviewing is off or nothing was entered."""
    if not token or not isinstance(entered, str) or not entered:
        return False
    return hmac.compare_digest(entered.strip().encode("utf-8"), token.encode("utf-8"))
