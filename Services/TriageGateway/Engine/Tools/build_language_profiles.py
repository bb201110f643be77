#!/usr/bin/env python3
"""Build the Latin-script language profiles the engine's language detector ships with.

Source: the `wordfreq` package (pinned in deploy/local/requirements.txt), which aggregates word
frequencies from subtitles, Wikipedia, news, books and web text per language. For each Latin-script
language the engine detects we write:
  w  <word>     log10 frequency   the N most frequent words (whole-word evidence, strong on short texts)
  g  <trigram>  log10 probability character trigrams with space padding, estimated from the top
                                  M words weighted by their frequency (evidence for unseen words)
Scripts other than Latin are decided by script detection alone (th, ja, zh, ko, ru, ar, hi).

Run: .run/venv/bin/python Services/TriageGateway/Engine/Tools/build_language_profiles.py
Writes Services/TriageGateway/Engine/Resources/language/profiles.tsv (deterministic output).
"""
import math
import os
import unicodedata
from collections import Counter

import wordfreq

LANGS = ["en", "es", "fr", "de", "pt", "it", "nl", "vi", "id"]
TOP_WORDS = 4000
NGRAM_SOURCE_WORDS = 30000
TOP_TRIGRAMS = 2500
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Resources", "language", "profiles.tsv")


def is_word(w: str) -> bool:
    return any(unicodedata.category(c).startswith("L") for c in w) and all(
        unicodedata.category(c)[0] in "LM" or c in "'-" for c in w)


def main() -> None:
    lines = [f"# language profiles built from wordfreq {wordfreq.__version__ if hasattr(wordfreq, '__version__') else '3.1.1'}"
             f" by Tools/build_language_profiles.py; top {TOP_WORDS} words, top {TOP_TRIGRAMS} trigrams per language"]
    for lang in LANGS:
        freqs = wordfreq.get_frequency_dict(lang)
        ranked = [w for w in wordfreq.top_n_list(lang, NGRAM_SOURCE_WORDS * 2) if is_word(w)]
        words = ranked[:TOP_WORDS]
        for w in words:
            lines.append(f"{lang}\tw\t{w}\t{math.log10(freqs[w]):.2f}")
        grams = Counter()
        for w in ranked[:NGRAM_SOURCE_WORDS]:
            padded = f" {w} "
            f = freqs[w]
            for i in range(len(padded) - 2):
                grams[padded[i:i + 3]] += f
        total = sum(grams.values())
        top = sorted(grams.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TRIGRAMS]
        for g, c in top:
            lines.append(f"{lang}\tg\t{g}\t{math.log10(c / total):.2f}")
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {len(lines) - 1} rows to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
