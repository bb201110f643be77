"""Checks the resolved compose configuration (`docker-compose --profile demo config --format json`)
against what deploy/README.md promises: every service and its health check, the volumes, the
dependencies, the seed's store names, and the rule that lets `--scale` work.

    docker-compose config --format json | python3 check_compose.py REPO_ROOT [--seed-defaults]

--seed-defaults: the configuration was resolved with no .env, so the seed's POSTGRES_* must show.
Prints each finding; exit status 1 if any.
"""
import json
import os
import sys

TRIAGE = ["customer-service", "session-service", "knowledge-service", "triage-gateway"]
SCALABLE = ["customer-service", "session-service", "knowledge-service"]
STORES = {"customer-service": "postgres", "session-service": "redis", "knowledge-service": "qdrant"}
DEMO = {"demo-customers": "customer-service", "demo-knowledge": "knowledge-service"}
SEED = {"POSTGRES_DB": "support_triage", "POSTGRES_USER": "postgres", "POSTGRES_PASSWORD": "postgres"}
HOST_VARIABLES = {"POSTGRES_HOST": "postgres", "REDIS_HOST": "redis", "QDRANT_HOST": "qdrant"}


class Findings(list):
    def check(self, condition, message):
        if not condition:
            self.append(message)


def mounts(service):
    return {v["target"]: v for v in service.get("volumes", [])}


def seconds(duration):
    """Compose durations as printed by `config` (e.g. 20s, 1m0s)."""
    total, number = 0.0, ""
    for char in duration or "0s":
        if char.isdigit() or char == ".":
            number += char
        else:
            total += float(number or 0) * {"h": 3600, "m": 60, "s": 1}[char]
            number = ""
    return total


def test_text(service):
    return " ".join(service.get("healthcheck", {}).get("test") or [])


def check_stores(services, root, findings):
    postgres, redis, qdrant = (services.get(n, {}) for n in ("postgres", "redis", "qdrant"))
    findings.check(postgres.get("image", "").startswith("postgres:15"), "postgres: image is not postgres:15")
    findings.check("pg_isready" in test_text(postgres) and "-h 127.0.0.1" in test_text(postgres),
                   "postgres: health check is not pg_isready over TCP")
    findings.check(mounts(postgres).get("/var/lib/postgresql/data", {}).get("type") == "volume",
                   "postgres: /var/lib/postgresql/data is not a named volume")
    init = mounts(postgres).get("/docker-entrypoint-initdb.d", {})
    findings.check(init.get("type") == "bind" and init.get("read_only") is True,
                   "postgres: /docker-entrypoint-initdb.d is not a read-only bind mount")
    expected = os.path.join(os.path.realpath(root), "deploy", "postgres", "init-db")
    findings.check(init.get("source") == expected, f"postgres: init SQL comes from {init.get('source')}, not {expected}")
    sql = [f for f in os.listdir(expected) if f.endswith(".sql")] if os.path.isdir(expected) else []
    findings.check(sql, "postgres: deploy/postgres/init-db/ holds no .sql file, the database would start without tables")
    command = redis.get("command") or []
    findings.check(redis.get("image", "").startswith("redis:"), "redis: not the official redis image")
    findings.check(" ".join(command).find("--appendonly yes") >= 0, "redis: AOF is not on (--appendonly yes)")
    findings.check(" ".join(command).find("--appendfsync everysec") >= 0, "redis: --appendfsync is not everysec")
    findings.check("redis-cli ping" in test_text(redis), "redis: health check is not redis-cli ping")
    findings.check(mounts(redis).get("/data", {}).get("type") == "volume", "redis: /data is not a named volume")
    version = qdrant.get("image", "").partition(":v")[2]
    findings.check(qdrant.get("image", "").startswith("qdrant/qdrant:v") and
                   tuple(int(p) for p in version.split(".")[:3] if p.isdigit()) >= (1, 15, 2),
                   "qdrant: image is not qdrant/qdrant ≥ v1.15.2")
    findings.check("/readyz" in test_text(qdrant) and "/dev/tcp/" in test_text(qdrant),
                   "qdrant: health check does not ask /readyz (with bash's /dev/tcp: the image has no curl)")
    findings.check(mounts(qdrant).get("/qdrant/storage", {}).get("type") == "volume", "qdrant: /qdrant/storage is not a named volume")


def check_triage(services, findings):
    for name in TRIAGE:
        service = services.get(name, {})
        environment = service.get("environment") or {}
        build = service.get("build") or {}
        findings.check(build.get("dockerfile") == "deploy/docker/Dockerfile" and build.get("target") == name,
                       f"{name}: not built from deploy/docker/Dockerfile --target {name}")
        findings.check((service.get("healthcheck") or {}).get("test") == ["CMD", f"/usr/local/bin/{name}", "--health-check"],
                       f"{name}: health check is not `{name} --health-check`")
        socket = mounts(service).get("/run/triage", {})
        findings.check(socket.get("type") == "volume" and socket.get("source") == "sockets",
                       f"{name}: the `sockets` volume is not mounted at /run/triage")
        findings.check(environment.get("TRIAGE_SOCKET_DIR") == "/run/triage", f"{name}: TRIAGE_SOCKET_DIR is not /run/triage")
        findings.check(service.get("stop_signal") == "SIGTERM", f"{name}: stop_signal is not SIGTERM")
        findings.check(seconds(service.get("stop_grace_period")) >= 15,
                       f"{name}: stop_grace_period is under 15 s, SIGKILL would cut the 10 s drain short")
        for variable, host in HOST_VARIABLES.items():
            findings.check(environment.get(variable, host) == host,
                           f"{name}: {variable} is {environment.get(variable)}, the compose service is `{host}`")
        # The scale rule: replicas differ only by their container's host name.
        findings.check("container_name" not in service, f"{name}: container_name makes it impossible to scale")
        findings.check("hostname" not in service, f"{name}: a fixed hostname gives every replica the same socket")
        findings.check("TRIAGE_INSTANCE" not in environment, f"{name}: a fixed TRIAGE_INSTANCE gives every replica the same socket")
    for name in SCALABLE:
        findings.check(not services.get(name, {}).get("ports"), f"{name}: published ports make it impossible to scale")
    gateway = services.get("triage-gateway", {})
    findings.check(any(p.get("target") == 8080 and p.get("published") for p in gateway.get("ports", [])),
                   "triage-gateway: container port 8080 is not published")
    customer = services.get("customer-service", {}).get("environment") or {}
    postgres = services.get("postgres", {}).get("environment") or {}
    for variable in SEED:
        findings.check(customer.get(variable) == postgres.get(variable),
                       f"customer-service and postgres disagree on {variable}")


def check_dependencies(services, findings):
    wanted = {**{n: [s] for n, s in STORES.items()}, "triage-gateway": SCALABLE, **{n: [s] for n, s in DEMO.items()}}
    for name, needs in wanted.items():
        depends = services.get(name, {}).get("depends_on") or {}
        for need in needs:
            findings.check(depends.get(need, {}).get("condition") == "service_healthy",
                           f"{name}: does not wait for {need} to be healthy")
    for name, service in services.items():
        for need, how in (service.get("depends_on") or {}).items():
            findings.check(need in services and "test" in (services[need].get("healthcheck") or {}),
                           f"{name}: depends on {need}, which has no health check")
            findings.check(how.get("condition") == "service_healthy", f"{name}: waits for {need} only to start")


def check_demo(services, findings):
    for name, image_of in DEMO.items():
        service = services.get(name, {})
        findings.check(service.get("profiles") == ["demo"], f"{name}: not in the `demo` profile only")
        findings.check(service.get("image") == services.get(image_of, {}).get("image"), f"{name}: not the {image_of} image")
        findings.check(service.get("restart") in (None, "no"), f"{name}: a one-shot loader must not restart")
    embed = services.get("knowledge-service", {}).get("environment", {}).get("TRIAGE_EMBED_MODE")
    findings.check(services.get("demo-knowledge", {}).get("environment", {}).get("TRIAGE_EMBED_MODE") == embed,
                   "demo-knowledge: TRIAGE_EMBED_MODE differs from knowledge-service's (vectors would not match)")


def main(root, seed_defaults):
    config = json.load(sys.stdin)
    services = config.get("services", {})
    findings = Findings()
    expected = set(TRIAGE) | {"postgres", "redis", "qdrant"} | set(DEMO)
    findings.check(set(services) == expected, f"services are {sorted(services)}, expected {sorted(expected)}")
    for name, service in services.items():
        if name not in DEMO:
            findings.check("test" in (service.get("healthcheck") or {}), f"{name}: no health check")
            findings.check(service.get("restart") == "unless-stopped", f"{name}: restart is not unless-stopped")
    check_stores(services, root, findings)
    check_triage(services, findings)
    check_dependencies(services, findings)
    check_demo(services, findings)
    volumes = set(config.get("volumes", {}))
    findings.check(volumes == {"postgres-data", "redis-data", "qdrant-storage", "sockets"}, f"named volumes are {sorted(volumes)}")
    if seed_defaults:
        postgres = services.get("postgres", {}).get("environment") or {}
        for variable, value in SEED.items():
            findings.check(postgres.get(variable) == value, f"without .env, {variable} is {postgres.get(variable)}, the seed says {value}")
    for finding in findings:
        print(f"docker-compose.yml: {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--seed-defaults" in sys.argv[2:]))
