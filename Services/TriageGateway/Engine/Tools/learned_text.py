"""Text features of the learned signal, exactly as the engine computes them in Swift
(`Learned/LearnedFeatures.swift`): the engine's scalar folding (`Text/ScalarFolding.swift`: lowercase,
no diacritics, full-width to ASCII, traditional to simplified Chinese), then hashed character 1-4-grams
inside words (CJK, Thai and Hangul are runs of characters, so their n-grams are character n-grams),
word unigrams and bigrams of spaced scripts, and a few symbol features (!, !!!, ?, emoji, capitals).

Any change here must be made in Swift too; the model file carries check texts with the probabilities
this code gives them, and the engine refuses a model whose checks it does not reproduce.
"""
import os
import re
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
HAN_SWIFT = os.path.join(HERE, "..", "Text", "HanFolding.swift")

# Hashing: FNV-1a over 32-bit scalar values, one seed per feature family, then a 32-bit finaliser.
FNV_PRIME = 16777619
SEEDS = {"char": 2166136261, "word": 0x811C9DC5 ^ 0x5BD1E995, "bigram": 0x811C9DC5 ^ 0x27D4EB2F, "symbol": 0x811C9DC5 ^ 0x165667B1}
MASK = 0xFFFFFFFF
MAX_CHAR_N = 4


def _han_table():
    text = open(HAN_SWIFT, encoding="utf-8").read()
    table = {}
    for run in re.findall(r'^\s+"([^"]*)",$', text, flags=re.M):
        for i in range(0, len(run) - 1, 2):
            table[ord(run[i])] = run[i + 1]
    return table


HAN = _han_table()


def _single_lower(c):
    lowered = c.lower()
    return lowered if len(lowered) == 1 else c


def _table_fold(c):
    lowered = _single_lower(c)
    special = {0x00F8: "o", 0x0111: "d", 0x0142: "l", 0x0131: "i", 0x2019: "'"}
    if ord(lowered) in special:
        return special[ord(lowered)]
    decomposed = unicodedata.normalize("NFD", lowered)
    if len(decomposed) > 1 and all(unicodedata.category(m) == "Mn" for m in decomposed[1:]):
        return decomposed[0]
    return lowered


def fold(c):
    """`ScalarFolding.fold`: one scalar to one scalar."""
    v = ord(c)
    if v < 0x530 or 0x1E00 <= v < 0x1F00:
        return _table_fold(c)
    if 0xFF01 <= v <= 0xFF5E:
        return fold(chr(v - 0xFEE0))
    if 0x3400 <= v < 0xA000 or 0xF900 <= v < 0xFB00:
        return HAN.get(v, c)
    if v in (0x2018, 0x2019, 0x02BC, 0x2032, 0xFF07):
        return "'"
    if v in (0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB):
        return '"'
    if v == 0x3000:
        return " "
    return c


WORD_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Mn", "Mc"}


def is_word_scalar(c):
    v = ord(c)
    if v < 0x80:
        return c.isascii() and c.isalnum()
    return unicodedata.category(c) in WORD_CATEGORIES


def is_unspaced(c):
    v = ord(c)
    return (0xE00 <= v <= 0xE7F or 0x1100 <= v <= 0x11FF or 0x3130 <= v <= 0x318F or 0xAC00 <= v <= 0xD7AF
            or 0x3040 <= v <= 0x30FF or 0x31F0 <= v <= 0x31FF or 0xFF66 <= v <= 0xFF9F
            or 0x3400 <= v <= 0x4DBF or 0x4E00 <= v <= 0x9FFF or 0xF900 <= v <= 0xFAFF or 0x20000 <= v <= 0x2FA1F)


def script_known(c):
    """`Script(scalar) != .other` (`Text/Script.swift`)."""
    v = ord(c)
    return (0x41 <= v <= 0x5A or 0x61 <= v <= 0x7A or 0xC0 <= v <= 0x24F or 0x1E00 <= v <= 0x1EFF or 0xFF21 <= v <= 0xFF3A
            or 0xFF41 <= v <= 0xFF5A or 0x370 <= v <= 0x3FF or 0x400 <= v <= 0x52F or 0x590 <= v <= 0x5FF
            or 0x600 <= v <= 0x6FF or 0x750 <= v <= 0x77F or 0xFB50 <= v <= 0xFDFF or 0xFE70 <= v <= 0xFEFF
            or 0x900 <= v <= 0x97F or is_unspaced(c))


def stream(text):
    """Folded word scalars, every run of other scalars one space, padded with a space at both ends.
    Combining diacritics left over (a decomposed "e\u0301") are dropped, as tokens drop them; ß is ss;
    every ASCII digit is 0."""
    out = [" "]
    for c in text:
        f = fold(c)
        if is_word_scalar(f):
            if 0x300 <= ord(f) < 0x370:
                continue
            # Every ASCII digit is "0": the shape of a number ("40", "2,380") counts, not its value,
            # which would otherwise be learned from the amounts and ids of the training tickets.
            out.extend(("s", "s") if f == "ß" else ("0",) if "0" <= f <= "9" else (f,))
        elif out[-1] != " ":
            out.append(" ")
    if out[-1] != " ":
        out.append(" ")
    return out


def _step(h, v):
    return ((h ^ v) * FNV_PRIME) & MASK


def finalise(h):
    h ^= h >> 16
    h = (h * 0x7FEB352D) & MASK
    h ^= h >> 15
    h = (h * 0x846CA68B) & MASK
    h ^= h >> 16
    return h


def _hash(family, scalars):
    h = SEEDS[family]
    for c in scalars:
        h = _step(h, ord(c))
    return finalise(h)


EMOJI_RANGES = ((0x1F300, 0x1FAFF), (0x2600, 0x27BF))


def features(text, max_n=MAX_CHAR_N, families=("char", "word", "bigram", "symbol"), min_n=1):
    """Hashed features of one message: a list of (hash, name) where name is the n-gram or word (for
    the explanation), duplicates kept (the caller counts presence). `max_n` and `families` exist for
    the experiment's ablations; the engine uses the defaults."""
    s = stream(text)
    found = []
    if "char" not in families:
        max_n = 0
    # Character n-grams inside words: a space only at an edge (the word's start or end marker).
    for i in range(len(s) - 1):
        h = SEEDS["char"]
        for n in range(1, max_n + 1):
            j = i + n - 1
            if j >= len(s):
                break
            h = _step(h, ord(s[j]))
            if (n == 1 and s[i] == " ") or n < min_n:
                continue
            found.append((finalise(h), "".join(s[i:j + 1])))
            if n > 1 and s[j] == " ":
                break
    # Words: runs of spaced-script scalars.
    words = []
    current = []
    for c in s:
        if c == " " or is_unspaced(c):
            if current:
                words.append("".join(current))
            current = []
        else:
            current.append(c)
    if "word" in families:
        for w in words:
            found.append((_hash("word", w), w))
    if "bigram" in families:
        for a, b in zip(words, words[1:]):
            found.append((_hash("bigram", a + " " + b), a + " " + b))
    if "symbol" not in families:
        return found
    # Symbols, from the original text.
    exclamations = sum(1 for c in text if c in "!！")
    if exclamations >= 1:
        found.append((_hash("symbol", "!"), "!"))
    if exclamations >= 3:
        found.append((_hash("symbol", "!!!"), "!!!"))
    if any(c in "?？" for c in text):
        found.append((_hash("symbol", "?"), "?"))
    for c in text:
        if any(lo <= ord(c) <= hi for lo, hi in EMOJI_RANGES):
            found.append((_hash("symbol", c), c))
    if shouting(text):
        found.append((_hash("symbol", "CAPS"), "CAPS"))
    return found


def shouting(text):
    """At least two words of 3+ cased letters written in capitals, and at least 30% of the words
    (words here: runs of cased letters)."""
    runs, current = [], []
    for c in text + " ":
        if unicodedata.category(c) in ("Lu", "Ll", "Lt"):
            current.append(c)
        elif current:
            runs.append(current)
            current = []
    caps = [r for r in runs if len(r) >= 3 and all(unicodedata.category(c) == "Lu" for c in r)]
    return len(caps) >= 2 and len(caps) / len(runs) >= 0.3
