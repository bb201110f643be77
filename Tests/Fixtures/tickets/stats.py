#!/usr/bin/env python3
"""Validate the labelled triage tickets and print coverage counts.

Usage: python3 Tests/Fixtures/tickets/stats.py [--markdown] [--no-coverage] [FILE ...]

With no FILE it reads heldout.jsonl, train.jsonl and every dev*.jsonl next to this script. Every line is checked
(JSON, required fields, vocabularies, last message from the customer, unique ids, tag and
policy invariants); with the default files the coverage minima are checked too. Any problem is
printed and the exit status is 1. Standard library only.
"""
import collections
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FILES = ([("heldout", os.path.join(HERE, "heldout.jsonl")), ("train", os.path.join(HERE, "train.jsonl"))]
                 + [("dev", os.path.join(HERE, name)) for name in sorted(os.listdir(HERE))
                    if name.startswith("dev") and name.endswith(".jsonl")])
SPLITS = ["heldout", "train", "dev"]
ID_PATTERN = {"heldout": r"T-\d{4}", "train": r"T-\d{4}", "dev": r"D-\d{4}"}

TICKET_TYPES = ["billing", "technical", "general"]
ISSUE_TYPES = [
    "double_charge", "overcharge", "refund_request", "invoice_question", "payment_failed", "payment_method",
    "plan_question", "plan_change", "cancellation", "outage", "error_5xx", "login_failure", "access_denied",
    "data_loss", "performance", "export_failure", "integration", "security_incident", "how_to",
    "feature_question", "feature_request", "account_settings", "contact_support", "sla_question",
    "compliment", "legal_threat", "unclear", "off_topic",
]
PRODUCT_AREAS = ["billing", "infrastructure", "authentication", "data", "integrations", "features",
                 "account", "documentation", "support", "feedback"]
SENTIMENTS = ["positive", "neutral", "confused", "worried", "frustrated", "angry", "urgent", "panicked"]
URGENCIES = ["critical", "high", "medium", "low"]
ACTIONS = ["auto_respond", "route_specialist", "escalate_human"]
PLANS = ["free", "pro", "enterprise"]
ROLES = ["customer", "agent"]
MAIN_LANGS = ["en", "es", "fr", "de", "pt", "it", "th", "ja", "zh"]
MINOR_LANGS = ["nl", "ko", "ru", "ar", "hi", "vi", "id"]
LANGS = MAIN_LANGS + MINOR_LANGS
TAGS = ["sarcasm", "calm_critical", "angry_low", "mixed_billing_technical", "one_word", "empty_ish",
        "very_long", "multi_message", "code_switching", "pii", "negation", "legal_threat",
        "security_incident", "churn"]
LABEL_KEYS = ["language", "ticket_type", "issue_type", "product_area", "sentiment", "urgency",
              "recommended_action"]
REQUIRED = ["id", "split", "messages", "customer_info", "labels", "why", "tags"]
OPTIONAL = ["metadata"]

# issue_type -> the ticket types and product areas the policy allows for it.
BILLING_ISSUES = ["double_charge", "overcharge", "refund_request", "invoice_question", "payment_failed",
                  "payment_method", "plan_question", "plan_change", "cancellation"]
TOPIC_AREAS = ["features", "documentation", "account", "integrations", "data", "authentication"]
ISSUE_RULES = {i: (["billing"], ["billing"]) for i in BILLING_ISSUES}
ISSUE_RULES.update({
    "outage": (["technical"], ["infrastructure"]),
    "error_5xx": (["technical"], ["infrastructure"]),
    "performance": (["technical"], ["infrastructure"]),
    "login_failure": (["technical"], ["authentication"]),
    "access_denied": (["technical"], ["authentication"]),
    "security_incident": (["technical"], ["authentication", "data"]),
    "data_loss": (["technical"], ["data"]),
    "export_failure": (["technical"], ["data"]),
    "integration": (["technical"], ["integrations"]),
    "how_to": (["general"], TOPIC_AREAS),
    "feature_question": (["general"], TOPIC_AREAS),
    "feature_request": (["general"], ["features", "integrations"]),
    "account_settings": (["general"], ["account"]),
    "contact_support": (["general"], ["support"]),
    "sla_question": (["general"], ["support"]),
    "compliment": (["general"], ["feedback"]),
    "unclear": (["general"], ["support"]),
    "off_topic": (["general"], ["support"]),
    "legal_threat": (["billing", "general"], ["billing", "data", "support"]),
})

MIN_HELDOUT, MIN_TRAIN = 65, 195
MIN_MAIN_LANG, MIN_MAIN_LANG_HELDOUT, MIN_MINOR_LANG = 15, 5, 2
# The dev split (written later, for tuning rules on phrasing variety) has its own minima.
MIN_DEV, MIN_DEV_EN, MIN_DEV_MAIN_LANG, MIN_DEV_MINOR_LANG, MIN_DEV_ISSUE = 270, 50, 25, 3, 6


def has_letters(text):
    return any(unicodedata.category(ch).startswith("L") for ch in text)


def check_ticket(t, split, where, problems):
    def bad(msg):
        problems.append(f"{where}: {msg}")

    if not isinstance(t, dict):
        bad("not a JSON object")
        return False
    for k in REQUIRED:
        if k not in t:
            bad(f"missing field '{k}'")
    for k in t:
        if k not in REQUIRED + OPTIONAL:
            bad(f"unknown field '{k}'")
    if any(k not in t for k in REQUIRED):
        return False
    pattern = ID_PATTERN.get(split, r"T-\d{4}")
    if not isinstance(t["id"], str) or not re.fullmatch(pattern, t["id"]):
        bad(f"id {t['id']!r} is not {pattern.replace(chr(92) + 'd{4}', 'NNNN')}")
    if t["split"] != split:
        bad(f"split {t['split']!r} but file is {split!r}")

    msgs = t["messages"]
    if not isinstance(msgs, list) or not msgs:
        bad("messages must be a non-empty list")
        msgs = []
    for i, m in enumerate(msgs):
        if not isinstance(m, dict) or set(m) != {"role", "content"}:
            bad(f"message {i} must be {{role, content}}")
            continue
        if m["role"] not in ROLES:
            bad(f"message {i} role {m['role']!r}")
        if not isinstance(m["content"], str) or not m["content"].strip():
            bad(f"message {i} content is empty")
    if msgs and isinstance(msgs[-1], dict) and msgs[-1].get("role") != "customer":
        bad("last message is not the customer's")

    ci = t["customer_info"]
    if ci is not None:
        if not isinstance(ci, dict):
            bad("customer_info must be an object or null")
        else:
            if ci.get("plan") not in PLANS:
                bad(f"plan {ci.get('plan')!r}")
            for k in ("tenure_months", "seats"):
                if not isinstance(ci.get(k), int) or ci.get(k) < (1 if k == "seats" else 0):
                    bad(f"customer_info.{k} {ci.get(k)!r}")
            if not isinstance(ci.get("region"), str) or not ci.get("region"):
                bad("customer_info.region missing")
    if "metadata" in t and not isinstance(t["metadata"], dict):
        bad("metadata must be an object")

    lab = t["labels"]
    if not isinstance(lab, dict):
        bad("labels must be an object")
        return False
    for k in LABEL_KEYS:
        if k not in lab:
            bad(f"labels.{k} missing")
    for k in lab:
        if k not in LABEL_KEYS:
            bad(f"unknown label '{k}'")
    vocab = {"ticket_type": TICKET_TYPES, "issue_type": ISSUE_TYPES, "product_area": PRODUCT_AREAS,
             "sentiment": SENTIMENTS, "urgency": URGENCIES, "recommended_action": ACTIONS, "language": LANGS}
    ok = True
    for k, allowed in vocab.items():
        if k in lab and lab[k] not in allowed:
            bad(f"labels.{k} {lab[k]!r} not in vocabulary")
            ok = False
    if not isinstance(t["why"], str) or not t["why"].strip() or "\n" in t["why"]:
        bad("why must be one non-empty line")
    tags = t["tags"]
    if not isinstance(tags, list) or any(x not in TAGS for x in tags) or len(set(tags)) != len(tags):
        bad(f"tags {tags!r} (allowed: {', '.join(TAGS)})")
        tags = []
    if not ok or any(k not in lab for k in LABEL_KEYS):
        return False

    # Tag invariants.
    n = len(msgs)
    if ("multi_message" in tags) != (n >= 3):
        bad(f"multi_message tag must be present exactly when there are 3+ messages (has {n})")
    if n > 8:
        bad(f"{n} messages: conversations are 1-8 messages")
    cust_text = [m["content"] for m in msgs if isinstance(m, dict) and m.get("role") == "customer"
                 and isinstance(m.get("content"), str)]
    longest = max((len(c) for c in cust_text), default=0)
    if ("very_long" in tags) != (longest >= 2000):
        bad(f"very_long tag must be present exactly when a customer message has 2000+ characters (longest {longest})")
    if cust_text and not any(has_letters(c) for c in cust_text):
        if lab["language"] != "en":
            bad("symbol-only ticket must have language en")
        if "empty_ish" not in tags:
            bad("symbol-only ticket must be tagged empty_ish")
    if "calm_critical" in tags and (lab["urgency"] != "critical" or lab["sentiment"] not in ("neutral", "worried")):
        bad("calm_critical needs urgency critical and a calm (neutral/worried) sentiment")
    if "angry_low" in tags and (lab["urgency"] != "low" or lab["sentiment"] not in ("angry", "frustrated")):
        bad("angry_low needs urgency low and an angry/frustrated sentiment")
    if "sarcasm" in tags and lab["sentiment"] == "positive":
        bad("sarcasm is never positive sentiment")

    # Policy invariants (triage-policy.md).
    tts, areas = ISSUE_RULES[lab["issue_type"]]
    if lab["ticket_type"] not in tts:
        bad(f"issue_type {lab['issue_type']} implies ticket_type {'/'.join(tts)}, got {lab['ticket_type']}")
    if lab["product_area"] not in areas:
        bad(f"issue_type {lab['issue_type']} allows product_area {'/'.join(areas)}, got {lab['product_area']}")
    if lab["urgency"] == "critical" and lab["recommended_action"] != "escalate_human":
        bad("critical urgency must escalate_human")
    if lab["recommended_action"] == "auto_respond" and lab["urgency"] not in ("low", "medium"):
        bad("auto_respond only for low/medium urgency")
    if lab["issue_type"] in ("security_incident", "legal_threat") and lab["urgency"] != "critical":
        bad(f"{lab['issue_type']} is critical on any plan")
    if lab["issue_type"] in ("double_charge", "overcharge", "refund_request") and lab["urgency"] not in ("high", "critical"):
        bad(f"{lab['issue_type']} is at least high")
    if lab["issue_type"] in ("double_charge", "refund_request") and lab["recommended_action"] != "escalate_human":
        bad(f"{lab['issue_type']} (duplicate charge / refund demand) must escalate_human")
    if lab["issue_type"] == "cancellation" and lab["recommended_action"] != "escalate_human":
        bad("cancellation of a paid plan is churn risk: escalate_human")
    return True


def load(files, problems):
    tickets = []
    seen = {}
    for split, path in files:
        if not os.path.exists(path):
            problems.append(f"{path}: missing")
            continue
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                where = f"{os.path.basename(path)}:{lineno}"
                if not line.strip():
                    problems.append(f"{where}: blank line")
                    continue
                try:
                    t = json.loads(line)
                except json.JSONDecodeError as e:
                    problems.append(f"{where}: invalid JSON ({e})")
                    continue
                if isinstance(t, dict) and "id" in t:
                    where += f" {t['id']}"
                    if t["id"] in seen:
                        problems.append(f"{where}: duplicate id (first at {seen[t['id']]})")
                    seen.setdefault(t["id"], where)
                if check_ticket(t, split, where, problems):
                    tickets.append(t)
    return tickets


def counts(tickets, key):
    by = collections.defaultdict(collections.Counter)
    for t in tickets:
        for v in key(t):
            by[t["split"]][v] += 1
    return by


KEYS = {
    "language": lambda t: [t["labels"]["language"]],
    "ticket_type": lambda t: [t["labels"]["ticket_type"]],
    "issue_type": lambda t: [t["labels"]["issue_type"]],
    "product_area": lambda t: [t["labels"]["product_area"]],
    "sentiment": lambda t: [t["labels"]["sentiment"]],
    "urgency": lambda t: [t["labels"]["urgency"]],
    "recommended_action": lambda t: [t["labels"]["recommended_action"]],
    "plan": lambda t: [t["customer_info"]["plan"] if t["customer_info"] else "unknown"],
    "tag": lambda t: t["tags"],
}
ORDER = {"language": LANGS, "ticket_type": TICKET_TYPES, "issue_type": ISSUE_TYPES,
         "product_area": PRODUCT_AREAS, "sentiment": SENTIMENTS, "urgency": URGENCIES,
         "recommended_action": ACTIONS, "plan": PLANS + ["unknown"], "tag": TAGS}


def check_coverage(tickets, problems, heldout_train=True, dev=False):
    split_n = collections.Counter(t["split"] for t in tickets)
    if dev:
        check_dev_coverage(tickets, split_n, problems)
    if not heldout_train:
        return
    if split_n["heldout"] < MIN_HELDOUT:
        problems.append(f"coverage: heldout has {split_n['heldout']} tickets, need {MIN_HELDOUT}")
    if split_n["train"] < MIN_TRAIN:
        problems.append(f"coverage: train has {split_n['train']} tickets, need {MIN_TRAIN}")
    lang = counts(tickets, KEYS["language"])
    for l in MAIN_LANGS:
        total = lang["heldout"][l] + lang["train"][l]
        if total < MIN_MAIN_LANG:
            problems.append(f"coverage: language {l} has {total} tickets, need {MIN_MAIN_LANG}")
        if lang["heldout"][l] < MIN_MAIN_LANG_HELDOUT:
            problems.append(f"coverage: language {l} has {lang['heldout'][l]} held-out tickets, need {MIN_MAIN_LANG_HELDOUT}")
    for l in MINOR_LANGS:
        total = lang["heldout"][l] + lang["train"][l]
        if total < MIN_MINOR_LANG:
            problems.append(f"coverage: language {l} has {total} tickets, need {MIN_MINOR_LANG}")
    for key in ("issue_type", "plan", "urgency", "recommended_action", "tag", "ticket_type"):
        c = counts(tickets, KEYS[key])
        for v in ORDER[key]:
            for split in ("heldout", "train"):
                if c[split][v] < 1:
                    problems.append(f"coverage: {key} {v} missing from {split}")


def check_dev_coverage(tickets, split_n, problems):
    if split_n["dev"] < MIN_DEV:
        problems.append(f"coverage: dev has {split_n['dev']} tickets, need {MIN_DEV}")
    lang = counts(tickets, KEYS["language"])["dev"]
    for l in MAIN_LANGS:
        need = MIN_DEV_EN if l == "en" else MIN_DEV_MAIN_LANG
        if lang[l] < need:
            problems.append(f"coverage: language {l} has {lang[l]} dev tickets, need {need}")
    for l in MINOR_LANGS:
        if lang[l] < MIN_DEV_MINOR_LANG:
            problems.append(f"coverage: language {l} has {lang[l]} dev tickets, need {MIN_DEV_MINOR_LANG}")
    issues = counts(tickets, KEYS["issue_type"])["dev"]
    for v in ISSUE_TYPES:
        if issues[v] < MIN_DEV_ISSUE:
            problems.append(f"coverage: issue_type {v} has {issues[v]} dev tickets, need {MIN_DEV_ISSUE}")
    for key in ("plan", "urgency", "recommended_action", "tag", "ticket_type"):
        c = counts(tickets, KEYS[key])["dev"]
        for v in ORDER[key]:
            if c[v] < 1:
                problems.append(f"coverage: {key} {v} missing from dev")


def report(tickets, markdown):
    out = []
    split_n = collections.Counter(t["split"] for t in tickets)
    out.append(f"tickets: heldout {split_n['heldout']}, train {split_n['train']}, dev {split_n['dev']}, total {len(tickets)}")
    for key in ("language", "urgency", "recommended_action", "ticket_type", "issue_type", "product_area",
                "sentiment", "plan", "tag"):
        c = counts(tickets, KEYS[key])
        rows = [v for v in ORDER[key] if any(c[s][v] for s in SPLITS)]
        if markdown:
            out.append(f"\n| {key} | heldout | train | dev | total |\n|---|---:|---:|---:|---:|")
            for v in rows:
                h, tr, d = c["heldout"][v], c["train"][v], c["dev"][v]
                out.append(f"| {v} | {h} | {tr} | {d} | {h + tr + d} |")
        else:
            out.append(f"\n{key}:")
            for v in rows:
                h, tr, d = c["heldout"][v], c["train"][v], c["dev"][v]
                out.append(f"  {v:<26} heldout {h:>3}  train {tr:>3}  dev {d:>3}  total {h + tr + d:>3}")
    return "\n".join(out)


def main(argv):
    markdown = "--markdown" in argv
    coverage = "--no-coverage" not in argv
    paths = [a for a in argv if not a.startswith("--")]
    if paths:
        files = []
        for p in paths:
            name = os.path.basename(p)
            files.append(("heldout" if name.startswith("heldout") else "dev" if name.startswith("dev") else "train", p))
        splits = {split for split, _ in files}
        # As before, two explicit (held-out and train) files get their coverage checked; a dev file gets the dev minima.
        heldout_train = (len(files) == 2 and "dev" not in splits) or {"heldout", "train"} <= splits
        dev = "dev" in splits
    else:
        files = DEFAULT_FILES
        heldout_train = dev = True
    problems = []
    tickets = load(files, problems)
    if coverage and (heldout_train or dev):
        check_coverage(tickets, problems, heldout_train, dev)
    print(report(tickets, markdown))
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print("  " + p, file=sys.stderr)
        return 1
    print("\nOK: every line valid" + (", coverage minima met" if coverage else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
