"""Checks the rendered deploy/k8s for what schema validation cannot know: the Triage pod's four
containers sharing one socket emptyDir as uid/gid 10001, their health probes, references between
objects (HPA → Deployment, Services and PDB → pods, StatefulSet → headless Service, env → ConfigMap),
the store Services carrying the names the services' defaults expect, and no file left out of the
kustomization.

    python3 check_k8s.py DIR      # prints each finding; exit status 1 if any
"""
import os
import sys

import kustomize_render

SERVICES = ["triage-gateway", "customer-service", "session-service", "knowledge-service"]
STORES = {"postgres": 5432, "redis": 6379, "qdrant": 6333}
UID = 10001


class Findings(list):
    def check(self, condition, message):
        if not condition:
            self.append(message)


def by_kind(documents, kind):
    return {d["metadata"]["name"]: d for d in documents if d.get("kind") == kind}


def labels_match(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())


def pod_labels(documents):
    return [w["spec"]["template"]["metadata"].get("labels", {})
            for kind in ("Deployment", "StatefulSet") for w in by_kind(documents, kind).values()]


def check_triage_pod(deployment, config_maps, findings):
    spec = deployment["spec"]
    pod = spec["template"]["spec"]
    findings.check("replicas" not in spec, "Deployment triage: sets replicas, which fights the HorizontalPodAutoscaler")
    findings.check(labels_match(spec["selector"].get("matchLabels"), spec["template"]["metadata"].get("labels", {})),
                   "Deployment triage: selector does not match its pod labels")
    security = pod.get("securityContext", {})
    for key in ("runAsUser", "runAsGroup", "fsGroup"):
        findings.check(security.get(key) == UID, f"triage pod: securityContext.{key} is not {UID}")
    findings.check(security.get("runAsNonRoot") is True, "triage pod: runAsNonRoot is not true")
    findings.check(pod.get("enableServiceLinks") is False,
                   "triage pod: service links would set POSTGRES_PORT/REDIS_PORT/QDRANT_PORT to tcp://… URLs")
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    findings.check("emptyDir" in volumes.get("sockets", {}), "triage pod: no emptyDir volume `sockets`")
    containers = {c["name"]: c for c in pod.get("containers", [])}
    findings.check(sorted(containers) == sorted(SERVICES), f"triage pod: containers are {sorted(containers)}")
    for name, container in containers.items():
        mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
        findings.check(mounts.get("/run/triage") == "sockets", f"{name}: the sockets emptyDir is not mounted at /run/triage")
        findings.check(container.get("image", "").partition(":")[0] == f"triage/{name}", f"{name}: image is not triage/{name}")
        probe = container.get("readinessProbe", {}).get("exec", {}).get("command")
        findings.check(probe == [f"/usr/local/bin/{name}", "--health-check"], f"{name}: readiness is not `{name} --health-check`")
        findings.check("livenessProbe" not in container or name == "triage-gateway",
                       f"{name}: a liveness probe on a health that includes the store restarts it when the store is down")
        findings.check(container.get("securityContext", {}).get("readOnlyRootFilesystem") is True, f"{name}: root filesystem is writable")
        findings.check("TRIAGE_INSTANCE" not in {e["name"] for e in container.get("env", [])},
                       f"{name}: TRIAGE_INSTANCE must stay the pod's host name")
        for source in container.get("envFrom", []):
            referenced = source.get("configMapRef", {}).get("name")
            findings.check(referenced is None or referenced in config_maps, f"{name}: ConfigMap {referenced} is not in the kustomization")
    gateway = containers.get("triage-gateway", {})
    findings.check(any(p.get("containerPort") == 8080 for p in gateway.get("ports", [])), "triage-gateway: port 8080 is not declared")
    grace = pod.get("terminationGracePeriodSeconds", 30)
    for name, container in containers.items():
        command = container.get("lifecycle", {}).get("preStop", {}).get("exec", {}).get("command", [])
        delay = int(command[-1]) if command[:1] == ["/bin/sleep"] else 0
        findings.check(delay + 10 + 5 <= grace, f"{name}: preStop {delay} s + 10 s drain does not fit in {grace} s")


def check_references(documents, findings):
    deployments, statefulsets = by_kind(documents, "Deployment"), by_kind(documents, "StatefulSet")
    services = by_kind(documents, "Service")
    for hpa in by_kind(documents, "HorizontalPodAutoscaler").values():
        target = hpa["spec"]["scaleTargetRef"]
        findings.check(target.get("kind") == "Deployment" and target.get("name") in deployments,
                       f"HPA {hpa['metadata']['name']}: targets {target.get('kind')} {target.get('name')}, not in the kustomization")
    labels = pod_labels(documents)
    for name, service in services.items():
        findings.check(any(labels_match(service["spec"].get("selector"), l) for l in labels), f"Service {name}: selects no pod")
    for pdb in by_kind(documents, "PodDisruptionBudget").values():
        findings.check(any(labels_match(pdb["spec"]["selector"].get("matchLabels"), l) for l in labels),
                       f"PodDisruptionBudget {pdb['metadata']['name']}: selects no pod")
    for name, statefulset in statefulsets.items():
        governing = services.get(statefulset["spec"].get("serviceName"), {})
        findings.check(governing.get("spec", {}).get("clusterIP") == "None", f"StatefulSet {name}: serviceName is not a headless Service")
        findings.check(statefulset["spec"].get("volumeClaimTemplates"), f"StatefulSet {name}: no volumeClaimTemplates (data would not survive)")
        findings.check(statefulset["spec"]["template"]["spec"].get("enableServiceLinks") is False, f"StatefulSet {name}: service links are on")
    triage_labels = deployments.get("triage", {}).get("spec", {}).get("template", {}).get("metadata", {}).get("labels", {})
    for policy in by_kind(documents, "NetworkPolicy").values():
        sources = [f.get("podSelector", {}).get("matchLabels") for rule in policy["spec"].get("ingress", []) for f in rule.get("from", [])]
        findings.check(any(labels_match(selector, triage_labels) for selector in sources),
                       f"NetworkPolicy {policy['metadata']['name']}: does not admit the Triage pods")
    for store, port in STORES.items():
        ports = [p.get("port") for p in services.get(store, {}).get("spec", {}).get("ports", [])]
        findings.check(port in ports, f"no Service `{store}` on port {port} (the default {store.upper()}_HOST)")


def check_config(config_maps, findings):
    data = config_maps.get("triage-config", {}).get("data", {})
    for store in STORES:
        findings.check(data.get(f"{store.upper()}_HOST") == store, f"ConfigMap triage-config: {store.upper()}_HOST is not {store}")
    findings.check(data.get("TRIAGE_SOCKET_DIR") == "/run/triage", "ConfigMap triage-config: TRIAGE_SOCKET_DIR is not /run/triage")
    findings.check(not any("PASSWORD" in key or "API_KEY" in key for key in data), "ConfigMap triage-config: holds a secret")


def check_postgres_schema(statefulsets, findings):
    pod = statefulsets.get("postgres", {}).get("spec", {}).get("template", {}).get("spec", {})
    init = {c["name"]: c for c in pod.get("initContainers", [])}.get("schema", {})
    findings.check(init.get("image", "").startswith("triage/customer-service:"),
                   "postgres: the schema init container does not come from the customer-service image")
    mounts = {m["mountPath"]: m["name"] for c in pod.get("containers", []) for m in c.get("volumeMounts", [])}
    findings.check(mounts.get("/docker-entrypoint-initdb.d") == "initdb", "postgres: the schema is not mounted at /docker-entrypoint-initdb.d")


def main(directory):
    findings = Findings()
    try:
        documents = kustomize_render.render(directory)
        read = kustomize_render.rendered_files(directory)
    except kustomize_render.RenderError as error:
        print(f"deploy/k8s: {error}")
        return 1
    for folder, _, files in os.walk(directory):
        for name in files:
            path = os.path.realpath(os.path.join(folder, name))
            findings.check(not name.endswith((".yaml", ".yml")) or path in read, f"{path}: not listed in any kustomization")
    config_maps = by_kind(documents, "ConfigMap")
    deployment = by_kind(documents, "Deployment").get("triage")
    findings.check(deployment is not None, "no Deployment triage")
    if deployment:
        check_triage_pod(deployment, config_maps, findings)
    check_references(documents, findings)
    check_config(config_maps, findings)
    check_postgres_schema(by_kind(documents, "StatefulSet"), findings)
    for finding in findings:
        print(f"deploy/k8s: {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
