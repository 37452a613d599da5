"""Vietnamese text folded for search: "Nguyễn Văn Đức" and "nguyen van duc" fold to the same string."""

import unicodedata


def fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())
