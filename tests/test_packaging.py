"""Packaging (issue 18): the default model is installed with the package, a wheel gives the same output as
the editable install, and the README's first command runs on documents shipped in the repository."""
import json
import os
import re
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def test_readme_first_command_uses_the_shipped_examples():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = re.search(r"```bash\n(.+?)\n", readme).group(1)
    assert first == "python -m pip install -e . && zhie extract examples -o out.jsonl"
    assert "../shared" not in first


def test_examples_are_the_gold_texts():
    gold = {json.loads(line)["id"]: json.loads(line)["text"]
            for line in (ROOT / "annotations" / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    files = sorted(EXAMPLES.glob("*.txt"))
    assert files and {f.stem for f in files} <= set(gold)
    for f in files:
        assert f.read_bytes().decode("utf-8") == gold[f.stem]


def test_setup_installs_models_default_as_package_data():
    """setup.py maps the zhie_models package to models/ and takes every file of models/default."""
    src = (ROOT / "setup.py").read_text(encoding="utf-8")
    assert '"zhie_models": "models"' in src and '"default/*", "default/**/*"' in src
    from extract.pipeline import MODELS_PACKAGE
    assert MODELS_PACKAGE == "zhie_models"
    assert (ROOT / "models" / "default" / "config.json").is_file()


def _tracked_copy(dest: Path) -> None:
    """The files a clone has (git ls-files), or the tree without build outputs when git is missing."""
    try:
        files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        names = [n for n in files.decode().split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        names = None
    if not names:
        shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", ".venv",
                                                                  "__pycache__", "runs", ".pytest_cache"))
        return
    for n in names:
        if (ROOT / n).is_file():
            (dest / n).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / n, dest / n)


@pytest.mark.slow
def test_wheel_in_a_fresh_venv_gives_the_editable_output(tmp_path):
    """pip wheel . → a fresh venv (torch etc. from the system site-packages, zhie only from the wheel) →
    zhie extract examples: the same records as this checkout, with the model from the wheel."""
    src = tmp_path / "src"
    _tracked_copy(src)
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(wheels), str(src)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-3000:]
    (wheel,) = wheels.glob("zhie-*.whl")
    import zipfile
    names = zipfile.ZipFile(wheel).namelist()
    for f in (ROOT / "models" / "default").rglob("*"):
        if f.is_file():
            assert "zhie_models/default/" + f.relative_to(ROOT / "models" / "default").as_posix() in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ZHIE_MODEL", "VIRTUAL_ENV")}
    inst = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-deps", "-q",
                           str(wheel)], capture_output=True, text=True, env=env)
    if inst.returncode != 0 and "no such option: --python" in inst.stderr:  # pip < 22.3
        inst = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                              capture_output=True, text=True, env=env)
    assert inst.returncode == 0, inst.stderr[-3000:]

    work = tmp_path / "elsewhere"  # not the checkout: nothing of it on sys.path
    work.mkdir()
    where = subprocess.run([str(py), "-c", "import extract, extract.pipeline as p; "
                                           "print(extract.__file__); print(p.DEFAULT_MODEL)"],
                           capture_output=True, text=True, cwd=work, env=env, check=True).stdout.split("\n")
    assert str(env_dir) in where[0] and "zhie_models" in where[1], where
    out_wheel = tmp_path / "wheel.jsonl"
    run = subprocess.run([str(env_dir / "bin" / "zhie"), "extract", str(EXAMPLES), "-o", str(out_wheel),
                          "--no-progress"], capture_output=True, text=True, cwd=work, env=env)
    assert run.returncode == 0, run.stderr[-3000:]

    out_here = tmp_path / "here.jsonl"
    here = subprocess.run([sys.executable, "-m", "extract", "extract", str(EXAMPLES), "-o", str(out_here),
                           "--no-progress"], capture_output=True, text=True, cwd=ROOT,
                          env=dict(env, PYTHONPATH=str(ROOT)))
    assert here.returncode == 0, here.stderr[-3000:]
    a, b = out_wheel.read_text(encoding="utf-8"), out_here.read_text(encoding="utf-8")
    assert a == b
    recs = [json.loads(line) for line in a.splitlines()]
    assert len(recs) == len(list(EXAMPLES.glob("*.txt"))) and all(r["entities"] for r in recs)
