"""Secrets: argon2 password hashes and API keys (shown once, stored as a SHA-256 hash)."""
from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
KEY_PREFIX = "oi"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_api_key() -> tuple[str, str]:
    """(prefix, full key). The prefix finds the row; the whole key is checked against its hash.
    API keys are 256-bit random, so a fast hash is enough (no dictionary to attack)."""
    prefix = secrets.token_hex(6)
    return prefix, f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"


def key_prefix(key: str) -> str | None:
    parts = key.split("_", 2)
    return parts[1] if len(parts) == 3 and parts[0] == KEY_PREFIX and parts[1] else None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def same_hash(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
