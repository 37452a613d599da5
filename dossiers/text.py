"""Vietnamese text folded for search: "Nguyễn Văn Đức" and "nguyen van duc" fold to the same string."""

import re
import unicodedata


def fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value or "")
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.replace("đ", "d").replace("Đ", "D").lower().split())


# Vietnamese alphabetical order: ă and â after a, đ after d, ê after e, ô and ơ after o, ư after u; tones
# decide only between words that are otherwise equal (ngang, huyền, hỏi, ngã, sắc, nặng).
ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
LETTER_MARKS = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô"}
LETTER_MARKS |= {("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def sort_key(value: str) -> tuple:
    """Sorts Vietnamese names as a Vietnamese reader expects ("Đak" after "Dương", "Ân" after "An")."""
    letters, tones = [], []
    for ch in unicodedata.normalize("NFD", (value or "").lower()):
        if letters and (letters[-1], ch) in LETTER_MARKS:
            letters[-1] = LETTER_MARKS[letters[-1], ch]
        elif ch in TONES:
            if tones:
                tones[-1] = TONES[ch]
        else:
            letters.append(ch)
            tones.append(0)
    return _primary("".join(letters)), tones


def _primary(letters: str) -> list:
    """Spaces first ("Ia Grai" before "Ialy"), then numbers by value ("Phường 2" before "Phường 10"), then
    letters in Vietnamese order, then anything else."""
    weights = []
    for part in re.findall(r"\d+|\D", letters):
        if part.isdigit():
            weights.append((1, int(part)))
        elif part.isspace():
            weights.append((0, 0))
        else:
            weights.append((2, ALPHABET.index(part)) if part in ALPHABET else (3, ord(part)))
    return weights
