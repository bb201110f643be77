"""Renders a kustomization the way `kubectl kustomize` does, for the few features deploy/k8s uses:
`resources` (files and folders with their own kustomization.yaml), `namespace`, and `images`.
Any other field is refused, so this never silently disagrees with kustomize.

    python3 kustomize_render.py DIR > all.yaml
"""
import os
import sys

import yaml

SUPPORTED = {"apiVersion", "kind", "resources", "namespace", "images"}
# Kinds that live outside namespaces (of those a kustomization here could hold).
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass"}


class RenderError(Exception):
    pass


def pod_specs(document):
    spec = document.get("spec") or {}
    if "template" in spec:
        yield spec["template"].get("spec") or {}
    elif document.get("kind") == "Pod":
        yield spec


def set_images(document, images):
    for pod in pod_specs(document):
        for container in pod.get("containers", []) + pod.get("initContainers", []):
            name, _, _ = container.get("image", "").partition(":")
            for image in images:
                if image["name"] == name:
                    container["image"] = f"{image.get('newName', name)}:{image['newTag']}" if "newTag" in image else image.get("newName", name)


def render(directory, seen=None):
    """The documents of the kustomization in `directory`; also returns every file it read."""
    seen = set() if seen is None else seen
    path = os.path.join(directory, "kustomization.yaml")
    if not os.path.isfile(path):
        raise RenderError(f"{directory}: no kustomization.yaml")
    seen.add(os.path.realpath(path))
    with open(path, encoding="utf-8") as file:
        kustomization = yaml.safe_load(file) or {}
    unknown = set(kustomization) - SUPPORTED
    if unknown:
        raise RenderError(f"{path}: {sorted(unknown)} not supported by this renderer")
    documents = []
    for resource in kustomization.get("resources", []):
        target = os.path.normpath(os.path.join(directory, resource))
        if os.path.isdir(target):
            documents += render(target, seen)
        elif os.path.isfile(target):
            if os.path.commonpath([os.path.realpath(target), os.path.realpath(directory)]) != os.path.realpath(directory):
                raise RenderError(f"{path}: file {resource} is outside the kustomization (kustomize refuses it)")
            seen.add(os.path.realpath(target))
            with open(target, encoding="utf-8") as file:
                documents += [d for d in yaml.safe_load_all(file) if d]
        else:
            raise RenderError(f"{path}: resource {resource} does not exist")
    for document in documents:
        if "namespace" in kustomization and document.get("kind") not in CLUSTER_SCOPED:
            document.setdefault("metadata", {})["namespace"] = kustomization["namespace"]
        set_images(document, kustomization.get("images", []))
    return documents


def rendered_files(directory):
    """Every file a render of `directory` reads."""
    seen = set()
    render(directory, seen)
    return seen


if __name__ == "__main__":
    try:
        print(yaml.safe_dump_all(render(sys.argv[1]), sort_keys=False), end="")
    except (RenderError, yaml.YAMLError) as error:
        sys.exit(f"kustomize_render: {error}")
