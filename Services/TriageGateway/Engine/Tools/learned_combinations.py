"""Combinations of the rules and the learned model, scored on the round-3 probes (see
`learned_experiment.py`). Urgency and action of a combination come from the engine's own policy
tables: the rules' dump holds, per decision probe, the urgency and action for every issue type and
sentiment the combination could give the ticket.

A combination sees what the engine would see at run time: the rules' reading (value, confidence,
rule name) and the model's probabilities. Each is a small, pre-declared family with one or two
thresholds; the report shows every member, and how stable the choice is (chosen on one half of the
probe texts, scored on the other).
"""
import json
from collections import Counter

import learned_experiment

ISSUE_FALLBACK_RULES = {"issue.no_signal", "issue.unmatched_problem", "issue.unmatched_question", "issue.vague_failure"}


def top(probabilities):
    label = max(probabilities, key=lambda k: (probabilities[k], k))
    return label, probabilities[label]


# --- issue type ------------------------------------------------------------------------------------

def issue_rules(rules, p):
    return rules["issue_type"]


def issue_model(rules, p):
    return top(p)[0]


def issue_when_unmatched(threshold):
    """The model decides only when no lexicon phrase matched (the rules' 'unclear' fallbacks)."""
    def choose(rules, p):
        label, prob = top(p)
        return label if rules["issue_rule"] in ISSUE_FALLBACK_RULES and rules["issue_rule"] != "issue.empty_message" and prob >= threshold \
            else rules["issue_type"]
    return choose


def issue_when_unsure(confidence, threshold):
    """The model decides when the rules' confidence is below `confidence` and the model is at least `threshold` sure."""
    def choose(rules, p):
        label, prob = top(p)
        return label if rules["issue_confidence"] < confidence and rules["issue_rule"] != "issue.empty_message" and prob >= threshold \
            else rules["issue_type"]
    return choose


def issue_fusion(weight):
    """The rules' choice gets `weight` x its confidence on top of the model's probability; the highest wins."""
    def choose(rules, p):
        if rules["issue_rule"] == "issue.empty_message":
            return rules["issue_type"]
        scored = dict(p)
        scored[rules["issue_type"]] = scored.get(rules["issue_type"], 0) + weight * rules["issue_confidence"]
        return top(scored)[0]
    return choose


def issue_guarded(confidence, threshold, weight):
    """Fusion (`weight`; 0: the model's best against the rules' choice alone) with two guards: the
    rules' reading stands when its confidence is `confidence` or more (the engine's bands: 0.55 is
    medium, 0.8 high) or when the model is less than `threshold` sure of its own choice."""
    fusion = issue_fusion(weight)

    def choose(rules, p):
        if rules["issue_confidence"] >= confidence or top(p)[1] < threshold:
            return rules["issue_type"]
        return fusion(rules, p)
    return choose


def guarded_family():
    for c in (0.55, 0.8, 2.0):
        for t in (0.0, 0.3, 0.4, 0.5):
            for w in (0.0, 0.25):
                guard = f"rules conf<{c}" if c <= 1 else "no conf guard"
                yield f"fusion {w}, {guard}, p>={t}", issue_guarded(c, t, w)


# --- sentiment -------------------------------------------------------------------------------------

def sentiment_rules(rules, p):
    return rules["sentiment"]


def sentiment_model(rules, p):
    return top(p)[0]


def sentiment_when_no_wording(threshold):
    """The model decides only when the rules found no emotional wording (their neutral default)."""
    def choose(rules, p):
        label, prob = top(p)
        return label if rules["sentiment_rule"] == "sentiment.neutral_default" and prob >= threshold else rules["sentiment"]
    return choose


def sentiment_fusion(weight):
    def choose(rules, p):
        scored = dict(p)
        scored[rules["sentiment"]] = scored.get(rules["sentiment"], 0) + weight * rules["sentiment_confidence"]
        return top(scored)[0]
    return choose


def issue_family():
    yield "rules", issue_rules
    yield "model", issue_model
    for t in (0.0, 0.3, 0.4, 0.5, 0.6):
        yield f"model when rules unmatched, p>={t}", issue_when_unmatched(t)
    for c in (0.5, 0.7, 0.8, 0.9):
        for t in (0.3, 0.4, 0.5, 0.6, 0.7):
            yield f"model when rules conf<{c}, p>={t}", issue_when_unsure(c, t)
    for w in (0.1, 0.15, 0.25, 0.5, 0.75, 1.0):
        yield f"fusion p + {w}*conf(rules)", issue_fusion(w)


def sentiment_family():
    yield "rules", sentiment_rules
    yield "model", sentiment_model
    for t in (0.4, 0.5, 0.6, 0.7, 0.8):
        yield f"model when rules neutral default, p>={t}", sentiment_when_no_wording(t)
    for w in (0.1, 0.15, 0.25, 0.5, 0.75, 1.0):
        yield f"fusion p + {w}*conf(rules)", sentiment_fusion(w)


# --- scoring ---------------------------------------------------------------------------------------

def load_probes(rules_path, model_path):
    """Round-3 probe texts: the rules' reading and grids (dump of the engine at e377585), the model's
    probabilities, and what each probe expects."""
    model = json.load(open(model_path, encoding="utf-8"))
    rows = []
    for line in open(rules_path, encoding="utf-8"):
        row = json.loads(line)
        if not any("round3" in p["file"] for p in row["probes"]):
            continue
        targets = []
        for p in row["probes"]:
            if p["file"] == "probes-round3.tsv":
                targets.append(("issue", p["label"]))
            elif p["file"] == "sentiment-probes-round3.tsv":
                targets.append(("sentiment", p["label"]))
            elif p["file"] == "decision-probes-round3.tsv":
                targets.append(("decision", p["plan"], p["urgency"], p["action"]))
        rows.append({"rules": row["rules"], "model": model[row["text"]], "decisions": row["decisions"], "targets": targets})
    return rows


def load_tickets(rules_path, model_path, first_id):
    """Labelled tickets from `first_id` on (dev-b), from a `--dump-dataset` file and the model's output."""
    model = json.load(open(model_path, encoding="utf-8"))
    rows = []
    for line in open(rules_path, encoding="utf-8"):
        row = json.loads(line)
        if int(row["id"].split("-")[1]) < first_id:
            continue
        labels = row["labels"]
        targets = [("issue", labels["issue_type"]), ("sentiment", labels["sentiment"]), ("ticket_type", labels["ticket_type"]),
                   ("decision", "ticket", labels["urgency"], labels["recommended_action"])]
        # A ticket without letters is not read by the model (the engine does not ask it): the rules decide.
        rows.append({"rules": row["rules"], "model": model.get(row["id"]), "decisions": {"ticket": row["decision"]}, "targets": targets})
    return rows


def decision(row, plan, issue, sentiment):
    """Urgency and action the policy tables give the ticket with this issue type and sentiment."""
    d = row["decisions"][plan]
    rules = row["rules"]
    if issue == rules["issue_type"]:
        if sentiment == rules["sentiment"]:
            return d["urgency"], d["action"]
        return tuple(d["sentiment_grid"][sentiment].split("|"))
    if issue == "legal_threat":
        # A threat about money is billing: the rules' own reading said money when its type was billing.
        key = f"legal_threat/{'billing' if rules['ticket_type'] == 'billing' else 'general'}|{sentiment}"
    else:
        key = f"{issue}|{sentiment}"
    return tuple(d["grid"][key].split("|"))


def score(rows, issue_choice, sentiment_choice, types):
    counts = Counter()
    for row in rows:
        if row["model"] is None:
            issue, sentiment = row["rules"]["issue_type"], row["rules"]["sentiment"]
        else:
            issue = issue_choice(row["rules"], row["model"]["issue"])
            sentiment = sentiment_choice(row["rules"], row["model"]["sentiment"])
        if issue == row["rules"]["issue_type"]:
            got_type = row["rules"]["ticket_type"]
        elif issue == "legal_threat":
            got_type = "billing" if row["rules"]["ticket_type"] == "billing" else "general"
        else:
            got_type = types.get(issue)
        for target in row["targets"]:
            if target[0] == "issue":
                counts["issue_n"] += 1
                counts["issue"] += issue == target[1]
                expected_type = types.get(target[1]) if target[1] != "legal_threat" else None
                if expected_type and not any(t[0] == "ticket_type" for t in row["targets"]):
                    counts["type_n"] += 1
                    counts["type"] += got_type == expected_type
            elif target[0] == "ticket_type":
                counts["type_n"] += 1
                counts["type"] += got_type == target[1]
            elif target[0] == "sentiment":
                counts["sentiment_n"] += 1
                counts["sentiment"] += sentiment == target[1]
            else:
                urgency, action = decision(row, target[1], issue, sentiment)
                counts["decision_n"] += 1
                counts["urgency"] += urgency == target[2]
                counts["action"] += action == target[3]
                counts["both"] += urgency == target[2] and action == target[3]
    return counts


def percent(counts, key, total_key):
    return 100.0 * counts[key] / max(counts[total_key], 1)


def line(name, counts):
    return (f"{name:48s} issue {percent(counts, 'issue', 'issue_n'):5.1f}  type {percent(counts, 'type', 'type_n'):5.1f}"
            f"  sentiment {percent(counts, 'sentiment', 'sentiment_n'):5.1f}  urgency {percent(counts, 'urgency', 'decision_n'):5.1f}"
            f"  action {percent(counts, 'action', 'decision_n'):5.1f}  both {percent(counts, 'both', 'decision_n'):5.1f}")


def objective(counts):
    """Mean of issue, sentiment, urgency and action accuracy (what a combination is chosen by)."""
    return (percent(counts, "issue", "issue_n") + percent(counts, "sentiment", "sentiment_n")
            + percent(counts, "urgency", "decision_n") + percent(counts, "action", "decision_n")) / 4


def table(rows, types, title):
    print(f"== {title}: {len(rows)} texts")
    print("-- issue type combinations (sentiment from the rules)")
    for name, choice in issue_family():
        print(line(name, score(rows, choice, sentiment_rules, types)))
    print("-- sentiment combinations (issue type from the rules)")
    for name, choice in sentiment_family():
        print(line(name, score(rows, issue_rules, choice, types)))


def joint(rows, types):
    results = []
    for iname, ichoice in issue_family():
        for sname, schoice in sentiment_family():
            counts = score(rows, ichoice, schoice, types)
            results.append((objective(counts), f"{iname} / {sname}", counts, ichoice, schoice))
    results.sort(key=lambda j: -j[0])
    return results


def report(rules_path, model_path, devb_rules=None, devb_model=None):
    types = learned_experiment.ticket_types()
    rows = load_probes(rules_path, model_path)
    print("(on probes, ticket type is the one the issue label implies, legal threats left out)")
    table(rows, types, "round-3 probes, rules at e377585")
    print("-- guarded issue combinations (added after the engine's unit tests showed what unguarded fusion overrides)")
    for name, choice in guarded_family():
        print(line(name, score(rows, choice, sentiment_rules, types)))
    print("\n-- joint: issue x sentiment combinations, best 10 by mean(issue, sentiment, urgency, action)")
    ranked = joint(rows, types)
    for value, name, counts, _, _ in ranked[:10]:
        print(line(name, counts) + f"  mean {value:5.1f}")
    print("\n-- stability: the joint combination chosen on one half of the texts, scored on the other")
    for half in (0, 1):
        chosen = [r for i, r in enumerate(rows) if i % 2 == half]
        other = [r for i, r in enumerate(rows) if i % 2 != half]
        best = joint(chosen, types)[0]
        print(f"chosen on half {half}: {best[1]}")
        print("  " + line("its score on the other half", score(other, best[3], best[4], types)))
        print("  " + line("rules on the other half", score(other, issue_rules, sentiment_rules, types)))
    if devb_rules:
        devb = load_tickets(devb_rules, devb_model, 166)
        print()
        table(devb, types, "dev-b while unseen (rules at 8b1c982; model trained on train + dev-a + pre-round-3 probes)")
        print("-- guarded issue combinations, on dev-b")
        for name, choice in guarded_family():
            print(line(name, score(devb, choice, sentiment_rules, types)))
        print("-- the best 3 joint combinations of the probes, on dev-b")
        for value, name, _, ichoice, schoice in ranked[:3]:
            print(line(name, score(devb, ichoice, schoice, types)))
