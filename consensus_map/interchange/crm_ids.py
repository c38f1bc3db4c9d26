"""CRM ids compared as the CRM means them: a Salesforce id in 15 or 18 characters is one contact.

Salesforce's 18-character id is the case-sensitive 15-character one plus three characters
that encode which of its letters are upper case, so spreadsheets that ignore case can tell
ids apart. `crm_key` gives both forms the same key, and restores the case of an 18-character
id a spreadsheet upper-cased; any other id is its own key.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

_CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


# Each byte of an id to "1" for an upper-case letter, else "0": an id's case as binary digits.
_CASE_BITS = bytes(0x31 if 0x41 <= b <= 0x5A else 0x30 for b in range(256))
# Up to five such digits (the first is the lowest bit) → the checksum character they make.
_CHUNK_CODE = {
    bits.encode(): _CHECKSUM_ALPHABET[int(bits[::-1] or "0", 2)]
    for length in range(6)
    for bits in ("".join(d) for d in product("01", repeat=length))
}


def salesforce_checksum(id15: str) -> str:
    """The three characters Salesforce appends to a 15-character id: for each five
    characters, which are upper case, as a letter or digit."""
    # Bytes and a table rather than a loop per character: an import checks every row's id.
    bits = id15.encode("ascii", "replace").translate(_CASE_BITS)
    return _CHUNK_CODE[bits[0:5]] + _CHUNK_CODE[bits[5:10]] + _CHUNK_CODE[bits[10:15]]


def _alphanumeric(text: str) -> bool:
    return text.isascii() and text.isalnum()


@lru_cache(maxsize=1 << 17)
def crm_key(crm_id: str) -> str:
    """The key two CRM ids share when they name the same record ("" for no id)."""
    # Cached: an import asks for each id several times (the row, managers, the deal).
    text = crm_id.strip()
    if len(text) == 15 and _alphanumeric(text):
        return text + salesforce_checksum(text)
    if len(text) == 18 and _alphanumeric(text):
        suffix = text[15:].upper()
        if salesforce_checksum(text[:15]) == suffix:
            return text[:15] + suffix  # as Salesforce wrote it: nothing to restore
        restored = _restore_case(text[:15], suffix)
        if restored is not None:
            return restored + suffix
    return text


def _restore_case(id15: str, suffix: str) -> str | None:
    """The 15-character id with the letter case `suffix` encodes; None if it cannot be one."""
    chars = list(id15)
    for chunk, code in enumerate(suffix):
        bits = _CHECKSUM_ALPHABET.find(code)
        if bits < 0:
            return None
        for position in range(5):
            index = chunk * 5 + position
            upper = bool(bits & (1 << position))
            if chars[index].isalpha():
                chars[index] = chars[index].upper() if upper else chars[index].lower()
            elif upper:
                return None  # a digit cannot be upper case: not a Salesforce id
    return "".join(chars)
