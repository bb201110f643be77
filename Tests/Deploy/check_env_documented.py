"""Every environment variable the Swift code reads is documented in deploy/README.md and README.md.

A variable counts as read when its name appears as the key of an environment lookup:
environment["X"], environment.int("X", ...), .string(, .value(, .milliseconds(, .bool(, ... .
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
lookup = re.compile(r'environment(?:\[|\.\w+\()\s*"([A-Z][A-Z0-9_]+)"')
names = {}
for path in sorted((root / "Services").rglob("*.swift")) + sorted((root / "Shared").rglob("*.swift")):
    for name in lookup.findall(path.read_text(encoding="utf-8")):
        names.setdefault(name, path.relative_to(root))

deploy = (root / "deploy" / "README.md").read_text(encoding="utf-8")
readme = (root / "README.md").read_text(encoding="utf-8")
service_readmes = "".join(p.read_text(encoding="utf-8") for p in (root / "Services").glob("*/README.md"))
missing = []
for name, path in sorted(names.items()):
    if f"`{name}`" not in deploy and not re.search(rf"`{name}`|{name} ", deploy):
        missing.append(f"{name} (read in {path}) is not in deploy/README.md")
    if name not in readme and name not in service_readmes:
        missing.append(f"{name} (read in {path}) is in neither README.md nor a service README")
if len(names) < 30:
    missing.append(f"only {len(names)} variables found: the lookup pattern no longer matches the code")
for line in missing:
    print("env docs:", line)
print(f"env docs: {len(names)} variables read by the code, {len(missing)} problems")
sys.exit(1 if missing else 0)
