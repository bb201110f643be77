"""Data and model of the learned signal: labelled texts from the datasets and probe files, their
hashed feature vectors, and a multinomial logistic regression trained with L-BFGS (numpy only).

Used by `train_learned_model.py` (the shipped model) and `learned_experiment.py` (the measurements).
"""
import json
import math
import os

import numpy as np

import learned_text

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "..", ".."))
TICKETS = os.path.join(ROOT, "Tests", "Fixtures", "tickets")
PROBES = os.path.join(ROOT, "Tests", "TriageEngineTests", "Fixtures")

# The label sets, in the engine's enum order (`Model/Labels.swift`).
ISSUES = ["double_charge", "overcharge", "refund_request", "invoice_question", "payment_failed", "payment_method",
          "plan_question", "plan_change", "cancellation", "outage", "error_5xx", "login_failure", "access_denied",
          "data_loss", "performance", "export_failure", "integration", "security_incident", "how_to", "feature_question",
          "feature_request", "account_settings", "contact_support", "sla_question", "compliment", "legal_threat",
          "unclear", "off_topic"]
SENTIMENTS = ["positive", "neutral", "confused", "worried", "frustrated", "angry", "urgent", "panicked"]

# How much an earlier customer message and the subject count in the issue model (the latest one counts 1).
EARLIER_WEIGHT = 0.5
SUBJECT_WEIGHT = 0.5
HASH_BITS = 18
# Scalars of each part the model reads: the need is stated early, and the engine must stay fast on
# 100 KB messages. The latest message first, then the subject, then earlier messages, newest first.
LATEST_LIMIT = 2000
SUBJECT_LIMIT = 200
EARLIER_LIMIT = 1000
TOTAL_LIMIT = 4000
MAX_PARTS = 16


class Example:
    """One labelled text: `parts` are (text, weight) pairs; `latest` the latest customer message."""

    def __init__(self, source, key, parts, latest, language, issue=None, sentiment=None):
        self.source, self.key, self.parts, self.latest = source, key, parts, latest
        self.language, self.issue, self.sentiment = language, issue, sentiment


def _has_letters(text):
    """`NormalizedText.hasWordContent`: a letter of a script the engine knows (digits do not count)."""
    return any(learned_text.is_word_scalar(f) and learned_text.script_known(f) for f in map(learned_text.fold, text))


def ticket_parts(messages, subject):
    """The issue model's input, as the engine assembles it (`LearnedInput.swift`): the latest customer
    message with letters counts 1, the subject and earlier customer messages less; each is cut to its
    limit and all of them to `TOTAL_LIMIT` scalars."""
    customer = [m["content"] for m in messages if m["role"] == "customer"]
    latest_index = max((i for i, t in enumerate(customer) if _has_letters(t)), default=None)
    return assemble(customer, latest_index, subject), (customer[latest_index] if latest_index is not None else "")


def assemble(customer, latest_index, subject):
    if latest_index is None:
        return []
    parts = [(customer[latest_index][:LATEST_LIMIT], 1.0)]
    budget = TOTAL_LIMIT - len(parts[0][0])
    candidates = ([(subject, SUBJECT_LIMIT, SUBJECT_WEIGHT)] if subject else []) + \
        [(customer[i], EARLIER_LIMIT, EARLIER_WEIGHT) for i in range(len(customer) - 1, -1, -1) if i != latest_index]
    for text, limit, weight in candidates:
        if len(parts) == MAX_PARTS:
            break
        take = text[:min(limit, max(budget, 0))]
        if take:
            parts.append((take, weight))
            budget -= len(take)
    return parts


def _single_message(text):
    return assemble([text], 0 if _has_letters(text) else None, None)


def load_tickets(name):
    path = os.path.join(TICKETS, name)
    if os.path.basename(path) == "heldout.jsonl":
        raise SystemExit("the held-out split is never read by the learned signal's tools")
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        t = json.loads(line)
        parts, latest = ticket_parts(t["messages"], (t.get("metadata") or {}).get("subject"))
        if not parts:
            # No letters in any customer message: the rules decide (an empty message is unclear) and
            # the engine never asks the model, so the model does not learn from it either.
            continue
        labels = t["labels"]
        out.append(Example(name, t["id"], parts, latest, labels["language"], labels["issue_type"], labels["sentiment"]))
    return out


def load_probe_file(name):
    """Issue-type or sentiment probes: language<TAB>label<TAB>text."""
    out = []
    for number, line in enumerate(open(os.path.join(PROBES, name), encoding="utf-8")):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.rstrip("\n").split("\t", 2)
        if len(fields) != 3:
            continue
        is_sentiment = name.startswith("sentiment")
        out.append(Example(name, f"{name}:{number + 1}", _single_message(fields[2]), fields[2], fields[0],
                           None if is_sentiment else fields[1], fields[1] if is_sentiment else None))
    return out


def load_decision_texts(name):
    """Decision probes (language<TAB>plan<TAB>urgency<TAB>action<TAB>text) carry no issue type or
    sentiment: their texts only, to be read by the model."""
    out = []
    for number, line in enumerate(open(os.path.join(PROBES, name), encoding="utf-8")):
        fields = line.rstrip("\n").split("\t", 4)
        if line.startswith("#") or len(fields) != 5:
            continue
        out.append(Example(name, f"{name}:{number + 1}", _single_message(fields[4]), fields[4], fields[0]))
    return out


def merge_by_text(examples):
    """Probe files repeat texts (an issue probe and a sentiment probe of the same text): one example per
    text, with both labels when both are known."""
    merged, order = {}, []
    for e in examples:
        key = e.latest
        if key not in merged:
            merged[key] = Example(e.source, e.key, e.parts, e.latest, e.language, e.issue, e.sentiment)
            order.append(key)
        else:
            m = merged[key]
            m.issue = m.issue or e.issue
            m.sentiment = m.sentiment or e.sentiment
    return [merged[k] for k in order]


# --- feature vectors -------------------------------------------------------------------------------

def vector(parts, bits=HASH_BITS, **options):
    """Presence of each hashed feature per part, weighted by the part's weight, summed, L2-normalised:
    {bucket: value}. `options` go to `learned_text.features` (ablations)."""
    mask = (1 << bits) - 1
    total = {}
    for text, weight in parts:
        for bucket in {h & mask for h, _ in learned_text.features(text, **options)}:
            total[bucket] = total.get(bucket, 0.0) + weight
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {k: v / norm for k, v in total.items()}


class Matrix:
    """A sparse row matrix over a compact column index (only columns seen in training)."""

    def __init__(self, rows, columns=None):
        if columns is None:
            columns = {c: i for i, c in enumerate(sorted({c for r in rows for c in r}))}
        self.columns = columns
        indptr, indices, data = [0], [], []
        for r in rows:
            kept = sorted((columns[c], v) for c, v in r.items() if c in columns)
            indices.extend(i for i, _ in kept)
            data.extend(v for _, v in kept)
            indptr.append(len(indices))
        self.indptr = np.array(indptr, dtype=np.int64)
        self.indices = np.array(indices, dtype=np.int64)
        self.data = np.array(data, dtype=np.float64)
        self.shape = (len(rows), len(columns))
        self.row_of = np.repeat(np.arange(len(rows)), np.diff(self.indptr))
        self._by_column = np.argsort(self.indices, kind="stable")
        sorted_columns = self.indices[self._by_column]
        self._column_starts = np.searchsorted(sorted_columns, np.arange(len(columns)))
        self._present = np.unique(sorted_columns)

    def dot(self, weights):
        """X @ W."""
        out = np.zeros((self.shape[0], weights.shape[1]))
        filled = np.diff(self.indptr) > 0
        if filled.any():
            contributions = self.data[:, None] * weights[self.indices]
            out[filled] = np.add.reduceat(contributions, self.indptr[:-1][filled], axis=0)
        return out

    def tdot(self, g):
        """X.T @ G."""
        contributions = (self.data[:, None] * g[self.row_of])[self._by_column]
        out = np.zeros((self.shape[1], g.shape[1]))
        if len(self._present):
            starts = self._column_starts[self._present]
            out[self._present] = np.add.reduceat(contributions, starts, axis=0)
        return out


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def gram(x, chunk=4096):
    """K = X X^T, dense (n x n). Columns present in one row only add to the diagonal; the others are
    multiplied in dense chunks."""
    n, d = x.shape
    df = np.bincount(x.indices, minlength=d)
    single = df[x.indices] == 1
    k = np.zeros((n, n))
    np.add.at(k, (x.row_of[single], x.row_of[single]), x.data[single] ** 2)
    shared = np.flatnonzero(df >= 2)
    position = np.full(d, -1)
    position[shared] = np.arange(len(shared))
    for start in range(0, len(shared), chunk):
        in_chunk = (position[x.indices] >= start) & (position[x.indices] < start + chunk)
        dense = np.zeros((n, min(chunk, len(shared) - start)))
        dense[x.row_of[in_chunk], position[x.indices[in_chunk]] - start] = x.data[in_chunk]
        k += dense @ dense.T
    return k


def train_kernel_logistic(k, y, classes, l2=1e-3, sample_weight=None, iterations=500):
    """Multinomial logistic regression (weighted mean negative log-likelihood plus l2/2 * |W|^2, bias
    not penalised, L-BFGS, deterministic) in its dual form: by the representer theorem
    W = X^T A, so logits are K A + b and |W|^2 = tr(A^T K A). Iterations cost O(n^2 K) instead of
    O(nnz K). Returns (A, b)."""
    n = k.shape[0]
    onehot = np.zeros((n, classes))
    onehot[np.arange(n), y] = 1
    sw = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    sw = sw / sw.sum()

    def loss_grad(theta):
        a = theta[:n * classes].reshape(n, classes)
        b = theta[n * classes:]
        ka = k @ a
        p = softmax(ka + b)
        loss = -np.sum(sw * np.log(np.maximum(p[np.arange(n), y], 1e-300))) + 0.5 * l2 * np.sum(a * ka)
        g = (p - onehot) * sw[:, None]
        ga = k @ (g + l2 * a)
        return loss, np.concatenate([ga.ravel(), g.sum(axis=0)])

    theta = lbfgs(loss_grad, np.zeros(n * classes + classes), iterations)
    return theta[:n * classes].reshape(n, classes), theta[n * classes:]


def lbfgs(fg, x0, iterations, memory=10, tolerance=1e-6, relative_decrease=1e-7):
    """Limited-memory BFGS with a backtracking (Armijo) line search; stops when the gradient is tiny
    or the loss stops falling (relative decrease below `relative_decrease` three times running)."""
    x = x0.copy()
    f, g = fg(x)
    s_list, y_list = [], []
    flat = 0
    for _ in range(iterations):
        q = g.copy()
        alphas = []
        for s, yv in reversed(list(zip(s_list, y_list))):
            rho = 1.0 / yv.dot(s)
            a = rho * s.dot(q)
            alphas.append((rho, a, s, yv))
            q -= a * yv
        if s_list:
            q *= s_list[-1].dot(y_list[-1]) / y_list[-1].dot(y_list[-1])
        for rho, a, s, yv in reversed(alphas):
            bcoef = rho * yv.dot(q)
            q += (a - bcoef) * s
        direction = -q
        slope = g.dot(direction)
        if slope >= 0:
            direction, slope = -g, -g.dot(g)
            s_list, y_list = [], []
        step = 1.0 if s_list else 1.0 / max(1.0, np.linalg.norm(g))
        while True:
            x_new = x + step * direction
            f_new, g_new = fg(x_new)
            if f_new <= f + 1e-4 * step * slope or step < 1e-10:
                break
            step *= 0.5
        s, yv = x_new - x, g_new - g
        if s.dot(yv) > 1e-12:
            s_list.append(s)
            y_list.append(yv)
            if len(s_list) > memory:
                s_list.pop(0)
                y_list.pop(0)
        flat = flat + 1 if f - f_new < relative_decrease * max(1.0, abs(f)) else 0
        x, f, g = x_new, f_new, g_new
        if np.linalg.norm(g) < tolerance or flat >= 3:
            break
    return x


class Model:
    """A trained classifier over hashed buckets."""

    def __init__(self, labels, columns, weights, bias, bits=HASH_BITS):
        self.labels, self.columns, self.weights, self.bias, self.bits = labels, columns, weights, bias, bits

    @classmethod
    def fit(cls, vectors, labels, label_set, l2, bits=HASH_BITS, balanced=False):
        x = Matrix(vectors)
        y = np.array([label_set.index(v) for v in labels])
        sample_weight = None
        if balanced:
            counts = np.bincount(y, minlength=len(label_set)).astype(float)
            sample_weight = 1.0 / np.sqrt(counts[y])
        # The dual form: with far more hashed columns than tickets, each iteration is cheaper.
        a, b = train_kernel_logistic(gram(x), y, len(label_set), l2=l2, sample_weight=sample_weight)
        w = x.tdot(a)
        return cls(label_set, x.columns, w, b, bits)

    def probabilities(self, vectors):
        x = Matrix(vectors, self.columns)
        return softmax(x.dot(self.weights) + self.bias)

    def predict(self, vectors):
        p = self.probabilities(vectors)
        return [(self.labels[i], float(p[r, i])) for r, i in enumerate(p.argmax(axis=1))]
