#!/usr/bin/env python3
"""The store contract suite: the same HTTP requests against any Qdrant (the stand-in, or a real
server ≥ 1.15.2), every body validated with qdrant-client's pydantic models.

    python contract.py --url http://127.0.0.1:6333                 all checks, then clean up
    python contract.py --url URL --phase seed --generation 1       persistence: write state 1
    python contract.py --url URL --phase verify --generation 1     … and check it after a restart
    python contract.py --url URL --phase cleanup

Exits 0 when every check passed (skips allowed), 1 otherwise, with a summary.
"""

import argparse
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import checks_store  # noqa: E402,F401  (importing registers the checks, in this order)
import checks_search  # noqa: E402,F401
import persistence  # noqa: E402
from client import CheckFailed, Target  # noqa: E402
from suite import CHECKS, Skip, Suite  # noqa: E402


def run_checks(suite, only):
    results = []
    for name, fn, min_version, standin_only in CHECKS:
        if only and only not in name:
            continue
        started = time.perf_counter()
        try:
            if standin_only and not suite.standin:
                raise Skip("stand-in only")
            if min_version and suite.version < min_version:
                raise Skip(f"needs Qdrant ≥ {'.'.join(map(str, min_version))}")
            fn(suite)
            outcome, detail = "PASS", ""
        except Skip as exc:
            outcome, detail = "SKIP", str(exc)
        except CheckFailed as exc:
            outcome, detail = "FAIL", str(exc)
        except Exception as exc:  # a crash in a check is a failure with its traceback
            outcome, detail = "FAIL", f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
        elapsed = (time.perf_counter() - started) * 1000
        print(f"  {outcome}  {name}  ({elapsed:.0f} ms){'  — ' + detail if detail else ''}", flush=True)
        results.append((name, outcome, detail))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("QDRANT_URL", "http://127.0.0.1:6333"))
    parser.add_argument("--api-key", default=os.environ.get("QDRANT_API_KEY"))
    parser.add_argument("--phase", choices=("checks", "seed", "verify", "cleanup"), default="checks")
    parser.add_argument("--generation", type=int, default=1)
    parser.add_argument("--collection", default="contract_persistence", help="for seed/verify/cleanup")
    parser.add_argument("--only", help="run only checks whose name contains this text")
    args = parser.parse_args()

    target = Target(args.url, api_key=args.api_key)
    try:
        suite = Suite(target)
    except Exception as exc:
        print(f"contract: cannot reach a Qdrant at {args.url}: {exc}")
        return 1
    kind = "stand-in" if suite.standin else "server"
    print(f"contract: {args.phase} against {suite.root['title']} {suite.root['version']} ({kind}) at {args.url}")

    if args.phase != "checks":
        step = {"seed": lambda: persistence.seed(suite, args.collection, args.generation),
                "verify": lambda: persistence.verify(suite, args.collection, args.generation),
                "cleanup": lambda: persistence.cleanup(suite, args.collection)}[args.phase]
        try:
            step()
        except CheckFailed as exc:
            print(f"  FAIL  {args.phase} generation {args.generation}: {exc}")
            return 1
        except Exception as exc:
            print(f"  FAIL  {args.phase} generation {args.generation}: {type(exc).__name__}: {exc}")
            traceback.print_exc()
            return 1
        print(f"  PASS  {args.phase} generation {args.generation} ({target.requests} requests)")
        return 0

    started = time.perf_counter()
    try:
        results = run_checks(suite, args.only)
    finally:
        suite.cleanup()
        target.close()
    failed = [r for r in results if r[1] == "FAIL"]
    skipped = sum(1 for r in results if r[1] == "SKIP")
    print(f"contract: {len(results) - len(failed) - skipped} passed, {len(failed)} failed, {skipped} skipped "
          f"in {time.perf_counter() - started:.1f}s ({target.requests} requests)")
    for name, _, detail in failed:
        print(f"  failed: {name}: {detail.splitlines()[0] if detail else ''}")
    if not results:
        print("contract: no checks ran")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
