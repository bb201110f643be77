"""Checks deploy/docker/Dockerfile for what hadolint cannot know: one runtime image per executable on
debian:bookworm-slim, non-root uid 10001, the socket volume, the health check, SIGTERM, a static
Swift build, and a build context (.dockerignore) that holds everything the COPY lines and
Package.swift need.

    python3 check_dockerfile.py REPO_ROOT      # prints each finding; exit status 1 if any
"""
import fnmatch
import os
import re
import sys

import dockerfile

SERVICES = ["customer-service", "session-service", "knowledge-service", "triage-gateway"]
UID = "10001"
SOCKET_DIR = "/run/triage"


class Findings(list):
    def check(self, condition, message):
        if not condition:
            self.append(message)


def instructions(chain, keyword):
    """Arguments of every `keyword` instruction along a stage chain, nearest stage last."""
    return [a for stage in reversed(chain) for k, a in stage.instructions if k == keyword]


def env_values(chain):
    values = {}
    for arguments in instructions(chain, "ENV"):
        for key, value in re.findall(r"(\w+)=(\S+)", arguments):
            values[key] = value
    return values


def check_service(stages, name, findings):
    if name not in stages:
        findings.append(f"no stage named {name} (docker-compose.yml builds --target {name})")
        return
    chain = dockerfile.chain(stages, name)
    binary = f"/usr/local/bin/{name}"
    findings.check(chain[-1].base == "debian:bookworm-slim", f"{name}: runtime base is {chain[-1].base}, not debian:bookworm-slim")
    users = instructions(chain, "USER")
    findings.check(users and users[-1] == f"{UID}:{UID}", f"{name}: last USER is {users[-1:] or 'none'}, expected {UID}:{UID}")
    signals = instructions(chain, "STOPSIGNAL")
    findings.check(signals and signals[-1] == "SIGTERM", f"{name}: STOPSIGNAL is {signals[-1:] or 'unset'}, expected SIGTERM")
    volumes = " ".join(instructions(chain, "VOLUME"))
    findings.check(SOCKET_DIR in volumes, f"{name}: {SOCKET_DIR} is not a VOLUME")
    findings.check(env_values(chain).get("TRIAGE_SOCKET_DIR") == SOCKET_DIR, f"{name}: ENV TRIAGE_SOCKET_DIR is not {SOCKET_DIR}")
    checks = instructions(chain, "HEALTHCHECK")
    command = dockerfile.exec_form(checks[-1].split(" CMD ", 1)[-1]) if checks and " CMD " in f" {checks[-1]}" else None
    findings.check(command == [binary, "--health-check"], f"{name}: HEALTHCHECK is not CMD [\"{binary}\", \"--health-check\"]")
    entry = instructions(chain, "ENTRYPOINT")
    findings.check(entry and dockerfile.exec_form(entry[-1]) == [binary], f"{name}: ENTRYPOINT is not [\"{binary}\"]")
    copies = instructions(chain, "COPY")
    findings.check(any(c.startswith("--from=build ") and f"/out/{name} " in f"{c} " for c in copies),
                   f"{name}: does not COPY --from=build /out/{name}")


def check_runtime_user(stages, findings):
    runs = " ".join(a for k, a in stages.get("runtime", dockerfile.Stage("", "")).instructions if k == "RUN")
    findings.check(f"--uid {UID}" in runs and f"--gid {UID}" in runs, f"runtime: no user with uid and gid {UID}")
    findings.check(f"-o {UID} -g {UID} -m 0770 {SOCKET_DIR}" in runs, f"runtime: {SOCKET_DIR} is not created 0770 for {UID}:{UID}")


def check_build(stages, findings):
    build = stages.get("build")
    if build is None:
        findings.append("no stage named build")
        return
    findings.check(build.base.startswith("swift:6.3-bookworm"), f"build: base is {build.base}, not swift:6.3-bookworm")
    runs = " ".join(a for k, a in build.instructions if k == "RUN")
    findings.check("-c release" in runs and "--static-swift-stdlib" in runs, "build: no `swift build -c release --static-swift-stdlib`")
    for name in SERVICES:
        findings.check(f"--product \"$product\"" in runs and name in runs, f"build: does not build {name}")


def ignored(path, patterns):
    """Whether .dockerignore leaves `path` (or a folder above it) out of the build context."""
    parts = path.strip("/").split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(prefix, pattern) or fnmatch.fnmatch(prefix, pattern.removeprefix("**/"))
               for pattern in patterns for prefix in prefixes)


def check_context(root, stages, findings):
    with open(os.path.join(root, ".dockerignore"), encoding="utf-8") as file:
        patterns = [line.strip().rstrip("/") for line in file if line.strip() and not line.startswith("#")]
    findings.check(not any(p.startswith("!") for p in patterns), ".dockerignore: `!` exceptions are not supported by this check")
    sources = []
    for stage in stages.values():
        for keyword, arguments in stage.instructions:
            words = arguments.split()
            if keyword in ("COPY", "ADD") and not any(w.startswith("--from=") for w in words):
                sources += [w for w in words[:-1] if not w.startswith("--")]
    with open(os.path.join(root, "Package.swift"), encoding="utf-8") as file:
        target_paths = re.findall(r'path: "([^"]+)"', file.read())
    copied = [s.rstrip("/") for s in sources]
    for source in sources:
        findings.check(os.path.exists(os.path.join(root, source)), f"COPY {source}: not in the repository")
        findings.check(not ignored(source, patterns), f"COPY {source}: excluded by .dockerignore")
    for target in target_paths:
        if "\\(" in target:  # an interpolated path (the system library helper): check its folder
            target = target.split("\\(")[0]
        findings.check(any(target.rstrip("/") == c or target.startswith(c + "/") for c in copied),
                       f"Package.swift path {target} is not copied into the build stage")


def main(root):
    stages = dockerfile.parse(os.path.join(root, "deploy/docker/Dockerfile"))
    findings = Findings()
    check_build(stages, findings)
    check_runtime_user(stages, findings)
    for name in SERVICES:
        check_service(stages, name, findings)
    knowledge = env_values(dockerfile.chain(stages, "knowledge-service"))
    findings.check(knowledge.get("TRIAGE_MODEL_DIR") == "/opt/triage/model", "knowledge-service: ENV TRIAGE_MODEL_DIR is not /opt/triage/model")
    findings.check("TRIAGE_STATIC_MODEL" in knowledge, "knowledge-service: ENV TRIAGE_STATIC_MODEL is not set")
    check_context(root, stages, findings)
    for finding in findings:
        print(f"Dockerfile: {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
