"""Build the static site: ``python web/build.py [SITE] [--cache DIR]`` (``make site``).

Everything the pages need is copied into SITE (default ``site/``), so that any static web
server (``python -m http.server -d site``) serves it and no request leaves it: Pyodide's
runtime and Graphviz compiled to WebAssembly (``@viz-js/viz``) from the npm registry, the
pure-Python wheels the package runs on from PyPI (at the versions installed here, which the
command line's tests use), this project's own wheel, built now, and the pages in ``web/``.
Downloads are kept in the cache (default ``build/site-cache``), so a second build fetches
nothing. A step that fails says which, in one line, and the build exits with status 1.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
PYODIDE = "314.0.8"  # CPython 3.14 in WebAssembly
VIZ = "3.31.0"
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip",
           "pyodide-lock.json")  # fmt: skip
WHEELS = ("lark", "latex2mathml", "graphviz")  # what the package imports, all pure Python
PAGES = (".html", ".js", ".css", ".py")


class BuildError(Exception):
    """A step of the build failed; its one line says which and why."""


def run(command: list[str], what: str) -> None:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise BuildError(f"{what}: cannot run {command[0]} ({error.strerror})") from None
    if done.returncode != 0:
        last = (done.stderr.strip() or done.stdout.strip()).splitlines()[-1:] or ["no output"]
        raise BuildError(f"{what}: {' '.join(command[:3])} … failed: {last[0]}")


def npm_package(name: str, version: str, cache: Path) -> tarfile.TarFile:
    """An npm package's tarball, from the cache or from the registry (``npm pack``)."""
    tarball = cache / f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"
    if not tarball.exists():
        run(["npm", "pack", "--silent", f"{name}@{version}", "--pack-destination", str(cache)],
            f"downloading {name} {version} from npm")  # fmt: skip
    return tarfile.open(tarball)


def unpack(package: tarfile.TarFile, members: dict[str, str], out: Path) -> None:
    """Copy ``package/<name>`` to ``out/<destination>`` for each pair of ``members``."""
    for name, destination in members.items():
        source = package.extractfile(f"package/{name}")
        if source is None:
            raise BuildError(f"the npm package has no file {name}")
        target = out / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read())


def pypi_wheel(name: str, cache: Path) -> Path:
    """The pure-Python wheel of ``name`` at the version installed here, cached."""
    try:
        version = importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        raise BuildError(f"{name} is not installed here (make site installs it)") from None
    stem = f"{name.replace('-', '_')}-{version}-"
    found = sorted(cache.glob(f"{stem}*.whl"))
    if not found:
        run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
             "--dest", str(cache), f"{name}=={version}"],
            f"downloading {name} from PyPI")  # fmt: skip
        found = sorted(cache.glob(f"{stem}*.whl"))
    if not found or not found[0].name.endswith("-py3-none-any.whl"):
        raise BuildError(f"no pure-Python wheel of {name} {version}")
    return found[0]


def own_wheel(cache: Path) -> Path:
    """This project's wheel, built from the working tree (cached while its sources are the
    same: a build takes half a minute)."""
    sources = [ROOT / "setup.cfg", ROOT / "pyproject.toml", ROOT / "README.md"]
    sources += sorted(p for p in (ROOT / "autograd").rglob("*") if p.is_file()
                      and "__pycache__" not in p.parts)  # fmt: skip
    digest = hashlib.sha256()
    for path in sources:
        digest.update(f"{path.relative_to(ROOT)}\0".encode() + path.read_bytes())
    built = cache / f"own-{digest.hexdigest()[:16]}"
    if not built.exists():
        for older in cache.glob("own-*"):  # the cache keeps one build of our own
            shutil.rmtree(older)
        with tempfile.TemporaryDirectory(dir=cache) as scratch:
            run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--wheel-dir", scratch,
                 str(ROOT)], "building this project's wheel")  # fmt: skip
            Path(scratch).rename(built)
    (wheel,) = built.glob("*.whl")
    return wheel


def build(site: Path, cache: Path) -> int:
    """Fill ``site`` from scratch; its size in bytes."""
    cache.mkdir(parents=True, exist_ok=True)
    if site.exists():
        shutil.rmtree(site)
    (site / "wheels").mkdir(parents=True)
    with npm_package("pyodide", PYODIDE, cache) as package:
        unpack(package, {name: f"pyodide/{name}" for name in RUNTIME}, site)
    with npm_package("@viz-js/viz", VIZ, cache) as package:
        unpack(package, {"dist/viz.js": "viz.js"}, site)
    wheels = [shutil.copy(pypi_wheel(name, cache), site / "wheels") for name in WHEELS]
    wheels.append(shutil.copy(own_wheel(cache), site / "wheels"))
    for page in sorted(WEB.iterdir()):
        if page.suffix in PAGES and page.name != "build.py":
            shutil.copy(page, site)
    for name in ("explorer.js", "explorer.css"):  # the explorer's own front end, as it ships
        shutil.copy(ROOT / "autograd" / "explore" / name, site)
    runtime = sum((site / "pyodide" / name).stat().st_size for name in RUNTIME)
    manifest = {
        "pyodide": PYODIDE,
        "runtime_mb": round(runtime / 1e6, 1),
        "wheels": [Path(w).name for w in wheels],
    }
    (site / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return sum(f.stat().st_size for f in site.rglob("*") if f.is_file())


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("site", nargs="?", default=str(ROOT / "site"))
    options.add_argument("--cache", default=str(ROOT / "build" / "site-cache"))
    args = options.parse_args()
    try:
        size = build(Path(args.site), Path(args.cache))
    except BuildError as error:
        print(f"error: make site: {error}", file=sys.stderr)
        return 1
    print(f"built {args.site}: {size / 1e6:.1f} MB; open it with python -m http.server -d site")
    return 0


if __name__ == "__main__":
    sys.exit(main())
