#!/usr/bin/env python3
"""Train the learned issue-type signal and write it as an engine data file.

The model: multinomial logistic regression over hashed character 1-4-grams, words, word bigrams and
symbols (`learned_text.py`), L2 = 1e-5, classes weighted 1/sqrt(frequency); settings chosen by 5-fold
cross-validation on train + dev (`learned_experiment.py cv`). The engine fuses it with the rules: where the
rules' confidence is low (< RULES_CONFIDENCE_BELOW) and the model is at least MINIMUM_PROBABILITY sure,
the rules' issue type gets RULES_WEIGHT x its confidence on top of the model's probability and the
highest score wins (measured on the round-3 probes against the rules as they were before round 3;
see docs/quality.md, "Learned signal").

Shipped model since data 2026.12.6.49: trained on every tuning split (train, dev, rounds 7 to 22, 28 to 30,
32, 33 and 37 to 39; see SHIPPED_TICKETS; 5,921 examples); from data 2026.12.5.34 to .48 without rounds 37 to 39 (5,651 examples), consulted up to the rules' confidence 0.95 with a guarded
band from 0.75. Adding rounds 30, 32 and 33 (with the rules of data .31) was measured on the unseen rounds
31 and 34: round 34 ticket type, issue type, product area, urgency and action +1 each of 180, round 31 issue
type +1 of 150, no split lower on any field, every engine unit test passing. From data .27 to .33: the same
without rounds 30, 32, 33 (5,112 examples). Before:
trained on train + dev + the round-7 to round-10 fresh tickets (dev-round7.jsonl since
data 2026.12.5, dev-round8.jsonl since 2026.12.5.1, dev-round9.jsonl since 2026.12.5.2, dev-round10.jsonl
since 2026.12.5.4, each added after its unseen score was recorded) + probes.tsv and probes-round3.tsv;
never held-out. Format 2 (data 2026.12.5.4): every ASCII digit is read as 0, so a number counts by its
shape, not its value (with values, round 10's "40 seconds" tickets taught the model that "40" means
performance). dev-round11.jsonl is the unseen set: never train on it without saying so. Adding round 7's first three batches
was measured on its fourth batch before that batch was written into the file: 1 urgency, 2 action
and 1 issue type more of 120 than the model without them, and no probe, train or dev reading changed. `--before-round3` trains the experiment's model instead (train + dev + the pre-round-3 probes),
to measure the engine's own implementation on the round-3 probes.

Deterministic (no randomness; L-BFGS from zero). numpy only.
Run: .run/venv/bin/python Services/TriageGateway/Engine/Tools/train_learned_model.py
Writes Services/TriageGateway/Engine/Resources/learned/issue-type.model.

File format: one line of JSON (the header: labels, feature settings, fusion weight, training summary,
and check tickets with the probabilities this code gives them), then little-endian arrays: bucket
UInt32[rows] (ascending), row scale Float32[rows], weight Int8[rows x classes] (weight = int8 x
scale), bias Float32[classes].
"""
import argparse
import json
import os

# One BLAS thread: a multi-threaded matrix product may sum in another order, and the file must be
# the same bytes on every run.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402

import learned_model as lm  # noqa: E402
import learned_text  # noqa: E402

OUT = os.path.normpath(os.path.join(lm.HERE, "..", "Resources", "learned", "issue-type.model"))
SENTIMENT_OUT = os.path.normpath(os.path.join(lm.HERE, "..", "Resources", "learned", "sentiment.model"))
# The sentiment model (`--field sentiment`, since data 2026.12.5) reads the latest customer message
# only (the subject and earlier messages weigh 0), is read only where the rules found no tone word
# (no emotional wording, politeness, a stuck problem, the issue's default tone) and is used from
# p 0.4. Measured on round 7's batches 5 and 6 (210 tickets) with a model trained on train + dev +
# batches 1-4 + the sentiment probes, unseen by it and by the rules it was scored with: sentiment 140
# -> 159 of 210 (the model alone 156; over the rules' tone words too, 158 but 14 changed each way).
SENTIMENT_MINIMUM_PROBABILITY = 0.4
SENTIMENT_PROBES = ["sentiment-probes.tsv", "sentiment-probes-round3.tsv", "sentiment-probes-round5.tsv",
                    "sentiment-probes-round6.tsv"]
L2 = 1e-5
BALANCED = True
RULES_WEIGHT = 0.25
# Guards: the rules' reading stands when its confidence is at least RULES_CONFIDENCE_BELOW, when a
# precedence rule of the policy decided it (the engine's `settledByPrecedence`), or when the model is
# less than MINIMUM_PROBABILITY sure. Without them the fusion overrode readings the engine's unit tests
# hold as policy (docs/quality.md). 0.55 until data 2026.12.5; 0.75 since, chosen with the model
# trained on round 7's first three batches, on its fourth (unseen by it): urgency 95 -> 103 and action
# 98 -> 102 of 120 against 0.55 (0.65: 98 / 99; 0.85: 103 / 102 but a unit test failed; 1.0: 104 /
# 103 and five failed). MINIMUM_PROBABILITY 0.3 until then; 0.2 since, measured on batches 4 and 5,
# each with the engine as it was before it (unseen): urgency +1 / +3, action +1 / +2 of 120 (0.1 and
# 0.15 the same as 0.2); no probe, train or dev reading and no unit test changed.
# 0.95 since data 2026.12.5.25 (round 30), with the model trained on every tuning split: chosen on
# rounds 28 and 29 while neither the rules nor the model had seen them (360 tickets). Against 0.75 and
# the model of rounds 7 to 10: round 28 ticket type 196 -> 203, urgency 189 -> 195, action 192 -> 197 of
# 210; round 29 type 145 -> 146, urgency 133 -> 137, action 134 -> 138 of 150 (0.85: 198 / 191 / 193 and
# 146 / 136 / 137; 1.0 below 0.95 on round 28). With the old model 0.95 lost on the small-language
# splits it had not trained on (round 19: urgency -5): the threshold and the training set go together.
RULES_CONFIDENCE_BELOW = 0.95
# From this rules' confidence up to RULES_CONFIDENCE_BELOW (the guarded band) the rules' reading also
# stands where the policy ranks it above the model's (money over a technical need), and at any confidence
# where a miss costs most or the model cannot see the intent (a security incident or legal threat unless
# the model is 0.6 sure, a how-to asked in so many words): `IssueClassifier.guardedReading`. Without the guards 0.95 broke five
# engine unit tests (a lawyer's refund demand read as a 5xx because "$300" reads "$000", "¿Cómo puedo
# exportar…?" as an export failure, money losing a near tie). With them, measured with a model trained
# without rounds 28 and 29, against the old 0.75 and the model of rounds 7 to 10: round 28 ticket type
# 196 -> 203, urgency 189 -> 194, action 192 -> 196 of 210; round 29 type 145 -> 145, urgency 133 -> 137,
# action 134 -> 139 of 150 (unguarded: 203 / 195 / 197 and 146 / 137 / 138).
GUARDED_ABOVE = 0.75
# Since data 2026.12.6.48: where the rules' confidence is at least RULES_CONFIDENCE_BELOW, the model may still
# overrule them when it is at least this sure (the guarded readings apart). Chosen on the unseen rounds 40, 41,
# 34 and 31 (aggregate only; 510 tickets neither the rules nor the model had seen) among 0.4 to 0.9 (docs/quality.md).
CONFIDENT_OVERRULE_FROM = 0.7
MINIMUM_PROBABILITY = 0.2
FORMAT = "triage-learned-linear 2"
# Check tickets: the first probe of each language in probes.tsv, plus the first train tickets with
# several messages, with a subject, and with a very long message (so the engine's assembly of
# messages, subject and limits is checked too).
CHECK_TAGS = ["multi_message", "very_long"]


ROUNDS_7_TO_10 = ["train.jsonl", "dev.jsonl", "dev-round7.jsonl", "dev-round8.jsonl", "dev-round9.jsonl", "dev-round10.jsonl"]
# The issue-type model retrained with round 12 alone, and with rounds 12 and 13, scored one or two
# tickets lower on the unseen round 11 and was not kept. Retrained with rounds 12 to 20
# (`--tickets` + ROUNDS_12_TO_20: 4,213 examples instead of 2,594) it scored higher on both unseen sets
# (round 11 urgency 88.9 -> 90.6, action 90.6 -> 91.1; round 22 urgency 79.4 -> 85.0, action 80.6 ->
# 86.7) but held-out action fell by two tickets (91.4 -> 88.6), below the recorded figure minus 2 points
# that BaselineTests allows, so it was not shipped (docs/quality.md, "Twentieth to twenty-second rounds").
ROUNDS_12_TO_20 = [f"dev-round{n}.jsonl" for n in range(12, 21)]
# Since data 2026.12.5.25 (round 30): every tuning split, rounds 28 and 29 included once they were retired
# from the unseen checks (rounds 30 and 31 and held-out are never trained on).
ROUNDS_11_TO_22 = [f"dev-round{n}.jsonl" for n in range(11, 23)]
SHIPPED_TICKETS = ROUNDS_7_TO_10 + ROUNDS_11_TO_22 + ["dev-round28.jsonl", "dev-round29.jsonl", "dev-round30.jsonl", "dev-round32.jsonl", "dev-round33.jsonl",
                                                     "dev-round37.jsonl", "dev-round38.jsonl", "dev-round39.jsonl"]
# Since data 2026.12.6.49: with rounds 37, 38 and 39 (270 Japanese and Chinese tickets; 5,921 examples), with the
# confident band of CONFIDENT_OVERRULE_FROM. Scored on the unseen rounds 40, 41, 34 and 31 against the model of
# data .48: round 40 +14 fields (ja 89.8 -> 92.1%, zh 84.8 -> 87.0%), round 41 +6 (zh 88.6 -> 90.2%), round 34 issue
# type +3 and action -1, round 31 the same (docs/quality.md, "Fortieth round"). With round 40 added too (6,011
# examples), scored on rounds 41, 42, 34 and 31: +3 on round 41, round 42 the same, round 34 -3: not shipped.
# On 2026-12-06 (data .49, round 41 of docs/quality.md), scored on sets each had not seen (sum of the seven fields):
# + round 42: rounds 40, 41, 34, 31 -2; + rounds 40 and 42: rounds 41, 34, 31 +-0; + round 44: rounds 40-43, 34, 31 -4;
# + rounds 40, 42 and 44 (6,236 examples): rounds 41, 43, 34, 31 -7. More tickets no longer help: none shipped.
# Retrained on 2026-12-06 with rounds 37 and 38 added (180 Japanese and Chinese tickets, 5,831 examples) and
# scored on rounds 39, 40, 34 and 31, which it had not seen: issue type +4 of 510, product area +1, urgency and
# action level overall (round 40 ja +2, zh urgency -1; round 34 zh action -1), round 39 unchanged on every field,
# and one engine unit test no longer saw the rule its explanation names: not shipped (docs/quality.md).
# The shipped sentiment model is trained with round 12 too, not more: retrained with rounds 12 to 20
# it scored 2.2 points lower on round 11's sentiment. dev-round11.jsonl is in neither: it is the unseen check.
# Retrained on 2026-12-06 with rounds 13-22, or with every tuning split but rounds 37 and 38 (floor 0.4 or 0.5), it
# scored the same 167/180 on rounds 37+38, which none of them trained on (one ticket gained, one lost): not shipped.
# Retrained on 2026-12-06 (data .50) with every tuning split (5,695 examples): rounds 40-44, 34, 31 sentiment +8 of 855
# (+10 with the floor at 0.5), but train -4 and dev -7, five tone-rule tests broken (the model overruled the rules'
# repetition, compromise and default readings) and train below its baseline: not shipped.
# Since data 2026.12.6.52 the sentiment model is trained on every tuning split (SHIPPED_TICKETS, 5,695 examples with
# the sentiment probes) without class weights (SENTIMENT_BALANCED): the rules consult it where their defaults are
# 98% neutral, but 1/sqrt(frequency) weights gave frustrated 1.7x neutral's weight, so words next to a tone word
# (ru "uzhe", de "seit", it "lavoro") became frustration on their own. With three engine guards (the repetition
# rule decides before the model is consulted; the model's "urgent" needs p 0.55; its frustration or anger at a
# compromise needs p 0.75), scored against data .51 on the unseen rounds 40-44, 34 and 31: sentiment +8 of 855
# (round 41 +0, 40 +2, 42 +1, 44 -2, 34 +4, 31 +3), every other field the same; tuning splits +125 (train -1, dev -4,
# rounds 7-10 -12 in all: those were the old model's own training set; rounds 11-39 +137). Floor 0.5 instead of 0.4:
# unseen -2, tuning -15. Before (data 2026.12.5 to .51): ROUNDS_7_TO_10 + round 12, balanced.
SHIPPED_SENTIMENT_TICKETS = SHIPPED_TICKETS
SENTIMENT_BALANCED = False


def latest_only(parts):
    """The sentiment model's input: the assembled parts with every part but the latest weighing 0 (the
    engine assembles the same parts and the header's part weights zero them)."""
    return [(text, weight if index == 0 else 0.0) for index, (text, weight) in enumerate(parts)]


def sentiment_set(ticket_files):
    tickets = [e for name in ticket_files for e in lm.load_tickets(name)]
    probes = [e for f in SENTIMENT_PROBES for e in lm.load_probe_file(f)]
    return [e for e in tickets + probes if e.sentiment and e.parts], SENTIMENT_PROBES


def training_set(before_round3, ticket_files=("train.jsonl", "dev.jsonl")):
    train_dev = [e for name in ticket_files for e in lm.load_tickets(name)]
    files = ["probes.tsv"] if before_round3 else ["probes.tsv", "probes-round3.tsv"]
    probes = lm.merge_by_text([e for f in files for e in lm.load_probe_file(f)])
    return [e for e in train_dev + probes if e.issue and e.parts], files


def quantise(weights):
    """int8 per row, scale = max |w| / 127 (rows that are all zero are not stored)."""
    peak = np.abs(weights).max(axis=1)
    scale = (peak / 127.0).astype(np.float32)
    q = np.rint(weights / np.where(scale > 0, scale, 1)[:, None]).astype(np.int8)
    return q, scale


def checks(model, buckets, scale, q, bias, assemble=lambda parts: parts):
    """Probabilities of a few tickets under the quantised weights, as the engine must reproduce them."""
    table = {int(b): i for i, b in enumerate(buckets)}
    dequantised = q.astype(np.float64) * scale.astype(np.float64)[:, None]
    tickets = []
    seen = set()
    for e in lm.load_probe_file("probes.tsv"):
        if e.language not in seen:
            seen.add(e.language)
            tickets.append({"messages": [e.latest], "subject": None})
    wanted = CHECK_TAGS + ["subject"]
    for t in (json.loads(line) for line in open(os.path.join(lm.TICKETS, "train.jsonl"), encoding="utf-8")):
        subject = (t.get("metadata") or {}).get("subject")
        found = [w for w in wanted if w in (t.get("tags") or []) or (w == "subject" and subject)]
        if found:
            wanted = [w for w in wanted if w not in found]
            tickets.append({"messages": [m["content"] for m in t["messages"] if m["role"] == "customer"], "subject": subject})
    tickets.append({"messages": ["¡¡URGENTE!! 😡 THE EXPORT FAILS AGAIN"], "subject": None})
    out = []
    for ticket in tickets:
        latest = max((i for i, m in enumerate(ticket["messages"]) if lm._has_letters(m)), default=None)
        vector = lm.vector(assemble(lm.assemble(ticket["messages"], latest, ticket["subject"])))
        logits = bias.astype(np.float64).copy()
        for bucket, value in vector.items():
            if bucket in table:
                logits += value * dequantised[table[bucket]]
        p = lm.softmax(logits[None, :])[0]
        best = int(p.argmax())
        out.append({**ticket, "label": model.labels[best], "probability": round(float(p[best]), 6)})
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before-round3", action="store_true", help="the experiment's model (no round-3 probes)")
    parser.add_argument("--field", choices=["issue_type", "sentiment"], default="issue_type")
    parser.add_argument("--output", default=None)
    parser.add_argument("--tickets", nargs="+", default=None,
                        help="ticket files of Tests/Fixtures/tickets to train on (never heldout.jsonl)")
    args = parser.parse_args()
    if args.tickets is None:
        # The experiment's model keeps the tickets it was measured with.
        args.tickets = (["train.jsonl", "dev.jsonl"] if args.before_round3
                        else SHIPPED_SENTIMENT_TICKETS if args.field == "sentiment" else SHIPPED_TICKETS)
    sentiment = args.field == "sentiment"
    args.output = args.output or (SENTIMENT_OUT if sentiment else OUT)
    assemble = latest_only if sentiment else (lambda parts: parts)
    balanced = SENTIMENT_BALANCED if sentiment else BALANCED
    examples, files = sentiment_set(args.tickets) if sentiment else training_set(args.before_round3, args.tickets)
    model = lm.Model.fit([lm.vector(assemble(e.parts)) for e in examples],
                         [e.sentiment if sentiment else e.issue for e in examples],
                         lm.SENTIMENTS if sentiment else lm.ISSUES, L2, balanced=balanced)
    order = sorted(model.columns, key=lambda c: c)
    weights = model.weights[[model.columns[c] for c in order]]
    q, scale = quantise(weights)
    kept = np.flatnonzero(scale > 0)
    buckets = np.array(order, dtype=np.uint32)[kept]
    q, scale = q[kept], scale[kept]
    bias = model.bias.astype(np.float32)
    header = {
        "format": FORMAT,
        "field": args.field,
        "labels": model.labels,
        "hash_bits": lm.HASH_BITS,
        "char_ngrams": [1, learned_text.MAX_CHAR_N],
        "limits": {"latest": lm.LATEST_LIMIT, "subject": lm.SUBJECT_LIMIT, "earlier": lm.EARLIER_LIMIT, "total": lm.TOTAL_LIMIT},
        "part_weights": {"subject": 0.0, "earlier": 0.0} if sentiment
        else {"subject": lm.SUBJECT_WEIGHT, "earlier": lm.EARLIER_WEIGHT},
        # The sentiment fusion reads only the probability floor; the rules' guards are its own.
        "rules_weight": 0.0 if sentiment else RULES_WEIGHT,
        "rules_confidence_below": 1.0 if sentiment else RULES_CONFIDENCE_BELOW,
        **({} if sentiment else {"guarded_above": GUARDED_ABOVE}),
        "minimum_probability": SENTIMENT_MINIMUM_PROBABILITY if sentiment else MINIMUM_PROBABILITY,
        **({} if sentiment else {"confident_overrule_from": CONFIDENT_OVERRULE_FROM}),
        "rows": int(len(buckets)),
        "classes": len(model.labels),
        "training": {"l2": L2, "balanced": balanced, "examples": len(examples),
                     "sources": list(args.tickets) + files,
                     "script": "Services/TriageGateway/Engine/Tools/train_learned_model.py"
                               + (" --field sentiment" if sentiment else "")
                               + (" --before-round3" if args.before_round3 else "")
                               + ("" if args.tickets == (SHIPPED_SENTIMENT_TICKETS if sentiment else SHIPPED_TICKETS)
                                  or (args.before_round3 and args.tickets == ["train.jsonl", "dev.jsonl"])
                                  else " --tickets " + " ".join(args.tickets))},
        "checks": checks(model, buckets, scale, q, bias, assemble),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "wb") as f:
        f.write(json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        f.write(buckets.astype("<u4").tobytes())
        f.write(scale.astype("<f4").tobytes())
        f.write(q.astype(np.int8).tobytes())
        f.write(bias.astype("<f4").tobytes())
    size = os.path.getsize(args.output)
    print(f"wrote {args.output}: {len(buckets)} rows x {len(model.labels)} classes, {size / 1e6:.2f} MB, "
          f"trained on {len(examples)} examples")


if __name__ == "__main__":
    main()
