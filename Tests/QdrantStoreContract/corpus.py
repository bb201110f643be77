"""The suite's small knowledge base: 4 articles × 3 chunks with 8-dim vectors built so that the
expected rankings are known in advance and far apart, plus helpers to build request bodies."""

import math
import uuid

DIM = 8
NAMESPACE = uuid.UUID("6f0e3c1a-2b8d-5e4f-9a7c-1d2e3f405162")

ARTICLES = {
    # article: (category, title, chunks)
    "A": ("billing", "Refunds", [
        "Request a refund for a double charge on your card",
        "Refunds reach your bank within ten business days",
        "Annual plans get a prorated refund after cancellation"]),
    "B": ("account", "Passwords", [
        "Reset your password from the sign-in page",
        "Password reset links expire after one hour",
        "Use a backup code when two-factor authentication fails"]),
    "C": ("technical", "Exports", [
        "Export your data as CSV from the reports page",
        "Large exports are emailed to you as a download link",
        "Exports time out when filters match millions of rows"]),
    "D": ("technical", "Single sign-on", [
        "Configure SAML single sign-on for your workspace",
        "SSO login fails when the identity provider certificate expired",
        "Map identity provider groups to workspace roles"]),
}
AXIS = {"A": 0, "B": 1, "C": 2, "D": 3, "E": 7}  # E: an extra article some checks add


def point_id(article, chunk):
    """Deterministic ids, as the knowledge service makes them: UUIDv5 of `article#chunk`."""
    return str(uuid.uuid5(NAMESPACE, f"{article}#{chunk}"))


def dense(article, chunk):
    """Axis of the article plus a smaller axis per chunk: chunks of one article are close."""
    v = [0.0] * DIM
    v[AXIS[article]] = 1.0
    v[4 + chunk] = 0.3
    return v


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b)))


def chunks(articles=None):
    for article, (category, title, texts) in ARTICLES.items():
        if articles is None or article in articles:
            for chunk, text in enumerate(texts):
                yield article, chunk, category, title, text


def point(article, chunk, category, title, text, title_suffix=""):
    return {"id": point_id(article, chunk),
            "vector": {"dense": dense(article, chunk),
                       "bm25": {"text": text, "model": "qdrant/bm25"}},
            "payload": {"article_id": article, "chunk": chunk, "category": category,
                        "title": title + title_suffix, "text": text}}


def all_points(title_suffix="", articles=None):
    return [point(*c, title_suffix=title_suffix) for c in chunks(articles)]


def create_body(dim=DIM, **knobs):
    return {"vectors": {"dense": {"size": dim, "distance": "Cosine"}},
            "sparse_vectors": {"bm25": {"modifier": "idf"}}, **knobs}


def match(key, value):
    return {"key": key, "match": {"value": value}}


def bm25(text):
    return {"text": text, "model": "qdrant/bm25"}
