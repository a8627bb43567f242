"""PLACEHOLDER while the cleaner lands: same signature as the real one."""
from __future__ import annotations


def clean_text(text: str) -> str:
    return text.strip()
