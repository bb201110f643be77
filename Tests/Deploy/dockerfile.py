"""A reader for the subset of Dockerfile syntax deploy/docker/Dockerfile uses: stages, their
instructions, and the Debian packages each stage's RUN lines install.

Used by check_dockerfile.py and, from the command line, by check_runtime_libraries.sh:

    python3 dockerfile.py packages FILE STAGE    # apt packages of STAGE and the stages it builds on
"""
import json
import re
import shlex
import sys
from dataclasses import dataclass, field


@dataclass
class Stage:
    name: str
    base: str
    instructions: list = field(default_factory=list)  # (KEYWORD, arguments), in order


def logical_lines(text):
    """Joins backslash continuations and drops comments (also those inside a continuation)."""
    lines, current = [], ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        lines.append(current + stripped)
        current = ""
    if current:
        lines.append(current)
    return lines


def parse(path):
    """The stages of a Dockerfile, by name (unnamed stages get their index)."""
    with open(path, encoding="utf-8") as file:
        lines = logical_lines(file.read())
    stages = {}
    stage = None
    for line in lines:
        keyword, _, arguments = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            words = [w for w in arguments.split() if not w.startswith("--")]
            name = words[2] if len(words) == 3 and words[1].upper() == "AS" else str(len(stages))
            stage = Stage(name=name, base=words[0])
            stages[name] = stage
        elif stage is None:
            continue  # ARG before the first FROM
        else:
            stage.instructions.append((keyword, arguments.strip()))
    return stages


def chain(stages, name):
    """The stage and the stages it is built FROM, nearest first."""
    result = []
    while name in stages:
        result.append(stages[name])
        name = stages[name].base
    return result


def exec_form(arguments):
    """An instruction's JSON (exec form) arguments, or None for the shell form."""
    try:
        value = json.loads(arguments)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def apt_packages(stage):
    """Packages named by `apt-get install` in the stage's RUN instructions."""
    packages = []
    for keyword, arguments in stage.instructions:
        if keyword != "RUN":
            continue
        arguments = re.sub(r"^(--\S+\s+)+", "", arguments)  # RUN --mount=… flags
        for command in re.split(r"&&|;|\|\|", arguments):
            words = shlex.split(command)
            if words[:1] == ["apt-get"] and "install" in words:
                after = words[words.index("install") + 1:]
                packages += [w for w in after if not w.startswith("-")]
    return packages


def runtime_packages(stages, name):
    """Every apt package installed in the stage and the stages it builds on."""
    return sorted({p for stage in chain(stages, name) for p in apt_packages(stage)})


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "packages":
        sys.exit("usage: dockerfile.py packages FILE STAGE")
    parsed = parse(sys.argv[2])
    if sys.argv[3] not in parsed:
        sys.exit(f"{sys.argv[2]}: no stage named {sys.argv[3]}")
    print("\n".join(runtime_packages(parsed, sys.argv[3])))
