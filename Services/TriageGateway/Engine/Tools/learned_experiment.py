#!/usr/bin/env python3
"""The learned-signal experiment (issue 7): does a learned classifier help the rules on phrasing they
were not written from?

Honest design. The 378 round-3 probes were written before the rules of round 3 were tuned on them, so
the engine as it was before round 3 (commit e377585) has never seen them; the model here is trained
only on what that engine was tuned on (train + dev + the pre-round-3 probe files). Everything is then
measured on the round-3 probes: the rules, the model alone, and a few combinations. Held-out tickets
are never read (`learned_model.load_tickets` refuses the file).

  cv       5-fold cross-validation on train + dev (the pre-round-3 probes always in training):
           feature ablations and the L2 strength, for the model alone. Hyper-parameters are chosen here.
  probes   trains on train + dev + pre-round-3 probes with the chosen settings and writes the model's
           probabilities for every round-3 probe text (JSON).
  combine  scores the rules, the model and the combinations on the round-3 probes, from the rules'
           readings (`triage-eval --dump-probes`, run with the engine at e377585) and the model's output;
           and, as a second unseen set in the style of real tickets, on dev-b with the rules as they were
           before dev-b was read (8b1c982, `triage-eval dev.jsonl --dump-dataset`).

Run from the repository root with the venv's python, e.g.
  .run/venv/bin/python Services/TriageGateway/Engine/Tools/learned_experiment.py cv
"""
import argparse
import json
import math
import os
import random
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import learned_model as lm  # noqa: E402

FOLDS = 5
SEED = 2718
TAXONOMY = lm.os.path.join(lm.HERE, "..", "Resources", "taxonomy.json")
VARIANTS = {
    "char1-4+words+bigrams+symbols": {},
    "char2-5+words+bigrams+symbols": {"min_n": 2, "max_n": 5},
    "char1-3+words+bigrams+symbols": {"max_n": 3},
    "char1-5+words+bigrams+symbols": {"max_n": 5},
    "char1-4 only": {"families": ("char",)},
    "words+bigrams+symbols only": {"families": ("word", "bigram", "symbol")},
    "char1-4+words+symbols (no bigrams)": {"families": ("char", "word", "symbol")},
}


def ticket_types():
    issues = json.load(open(TAXONOMY, encoding="utf-8"))["issues"]
    return {k: v["ticket_type"] for k, v in issues.items()}


def datasets():
    """train + dev, the pre-round-3 probes (texts without letters left out: the engine never asks the
    model about them), and every round-3 probe text."""
    train_dev = lm.load_tickets("train.jsonl") + lm.load_tickets("dev.jsonl")
    pre = [e for e in lm.merge_by_text(lm.load_probe_file("probes.tsv") + lm.load_probe_file("sentiment-probes.tsv")) if e.parts]
    round3 = lm.merge_by_text(lm.load_probe_file("probes-round3.tsv") + lm.load_probe_file("sentiment-probes-round3.tsv")
                              + lm.load_decision_texts("decision-probes-round3.tsv"))
    return train_dev, pre, round3


def issue_vectors(examples, options):
    return [lm.vector(e.parts, **options) for e in examples]


def sentiment_vectors(examples, options):
    return [lm.vector([(e.latest, 1.0)], **options) for e in examples]


def folds(n):
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    return [sorted(order[i::FOLDS]) for i in range(FOLDS)]


def cross_validate(train_dev, pre, field, options, l2, balanced=False):
    """Out-of-fold predictions for `field` on train + dev; returns (accuracy, predictions)."""
    vectorise = issue_vectors if field == "issue" else sentiment_vectors
    labels = lm.ISSUES if field == "issue" else lm.SENTIMENTS
    xs = vectorise(train_dev, options)
    ys = [getattr(e, field) for e in train_dev]
    extra = [e for e in pre if getattr(e, field)]
    xe, ye = vectorise(extra, options), [getattr(e, field) for e in extra]
    predictions = [None] * len(train_dev)
    log_loss = 0.0
    for fold in folds(len(train_dev)):
        held = set(fold)
        train_idx = [i for i in range(len(train_dev)) if i not in held]
        model = lm.Model.fit([xs[i] for i in train_idx] + xe, [ys[i] for i in train_idx] + ye, labels, l2, balanced=balanced)
        probabilities = model.probabilities([xs[i] for i in fold])
        for i, p in zip(fold, probabilities):
            best = int(p.argmax())
            predictions[i] = (labels[best], float(p[best]))
            log_loss -= math.log(max(float(p[labels.index(ys[i])]), 1e-12))
    accuracy = sum(p[0] == y for p, y in zip(predictions, ys)) / len(ys)
    return accuracy, predictions, log_loss / len(ys)


def command_cv(args):
    train_dev, pre, _ = datasets()
    types = ticket_types()
    results = []
    plan = [(v, l2, False) for v in VARIANTS for l2 in [1e-4]] if args.stage == "features" else \
        [(v, l2, b) for v in args.variants for l2 in args.l2 for b in (False, True)]
    for field in args.fields:
        for variant, l2, balanced in plan:
            started = time.time()
            accuracy, predictions, log_loss = cross_validate(train_dev, pre, field, VARIANTS[variant], l2, balanced)
            row = {"field": field, "variant": variant, "l2": l2, "balanced": balanced, "accuracy": round(accuracy, 4),
                   "log_loss": round(log_loss, 4),
                   "seconds": round(time.time() - started)}
            if field == "issue":
                # Ticket type follows the issue type (a legal threat read as billing, the more frequent case).
                mapped = [types.get(p[0], "general") if p[0] != "legal_threat" else "billing" for p in predictions]
                truth = [types.get(e.issue) if e.issue != "legal_threat" else None for e in train_dev]
                known = [(m, t) for m, t in zip(mapped, truth) if t]
                row["ticket_type_accuracy_excluding_legal"] = round(sum(m == t for m, t in known) / len(known), 4)
            print(json.dumps(row), flush=True)
            results.append(row)
    return results


def fit(field, examples, variant, l2, balanced):
    vectorise = issue_vectors if field == "issue" else sentiment_vectors
    labels = lm.ISSUES if field == "issue" else lm.SENTIMENTS
    train = [e for e in examples if getattr(e, field)]
    return lm.Model.fit(vectorise(train, VARIANTS[variant]), [getattr(e, field) for e in train], labels, l2, balanced=balanced), len(train)


def command_probes(args):
    """Model probabilities for the round-3 probes (trained on train + dev + pre-round-3 probes) and for
    dev-b (trained on train + dev-a + pre-round-3 probes, what the rules at 8b1c982 were tuned on)."""
    train_dev, pre, round3 = datasets()
    dev_a = [e for e in train_dev if not (e.source == "dev.jsonl" and int(e.key.split("-")[1]) >= 166)]
    dev_b = [e for e in train_dev if e.source == "dev.jsonl" and int(e.key.split("-")[1]) >= 166]
    for training, targets, key, output in ((train_dev + pre, round3, lambda e: e.latest, args.output),
                                           (dev_a + pre, dev_b, lambda e: e.key, args.devb_output)):
        out = {}
        for field, variant, l2, balanced in (("issue", args.issue_variant, args.issue_l2, args.issue_balanced),
                                             ("sentiment", args.sentiment_variant, args.sentiment_l2, args.sentiment_balanced)):
            model, count = fit(field, training, variant, l2, balanced)
            vectorise = issue_vectors if field == "issue" else sentiment_vectors
            for e, p in zip(targets, model.probabilities(vectorise(targets, VARIANTS[variant]))):
                out.setdefault(key(e), {})[field] = {label: round(float(v), 5) for label, v in zip(model.labels, p)}
            out.setdefault("_settings", {})[field] = {"variant": variant, "l2": l2, "balanced": balanced, "trained_on": count}
        json.dump(out, open(output, "w", encoding="utf-8"), ensure_ascii=False, sort_keys=True)
        print(f"wrote model probabilities for {len(out) - 1} texts to {output}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    cv = sub.add_parser("cv")
    cv.add_argument("--stage", choices=["features", "l2"], default="features")
    cv.add_argument("--variants", nargs="+", default=["char1-4+words+bigrams+symbols"])
    cv.add_argument("--fields", nargs="+", default=["issue", "sentiment"])
    cv.add_argument("--l2", nargs="+", type=float, default=[1e-5, 3e-5, 1e-4, 3e-4, 1e-3])
    probes = sub.add_parser("probes")
    for field in ("issue", "sentiment"):
        probes.add_argument(f"--{field}-variant", default="char1-4+words+bigrams+symbols")
        probes.add_argument(f"--{field}-l2", type=float, default=1e-4)
        probes.add_argument(f"--{field}-balanced", action="store_true")
    probes.add_argument("--output", required=True, help="round-3 probes' probabilities (JSON)")
    probes.add_argument("--devb-output", required=True, help="dev-b tickets' probabilities (JSON)")
    combine = sub.add_parser("combine")
    combine.add_argument("--rules", required=True, help="triage-eval --dump-probes output (engine at e377585)")
    combine.add_argument("--model", required=True, help="output of the probes command")
    combine.add_argument("--devb-rules", help="triage-eval dev.jsonl --dump-dataset output (engine at 8b1c982)")
    combine.add_argument("--devb-model", help="--devb-output of the probes command")
    args = parser.parse_args()
    if args.command == "cv":
        command_cv(args)
    elif args.command == "probes":
        command_probes(args)
    else:
        import learned_combinations
        learned_combinations.report(args.rules, args.model, args.devb_rules, args.devb_model)


if __name__ == "__main__":
    sys.exit(main())
