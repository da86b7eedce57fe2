"""The benchmark lives beside the tests (bench/), runs from a checkout, and ships in no package."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.conftest import ROOT

BENCH = ROOT / "bench"


@pytest.mark.parametrize("command", [["-m", "bench"], ["bench/run.py"]], ids=["module", "script"])
def test_the_benchmark_starts_from_a_checkout_as_a_module_or_a_script(command):
    result = subprocess.run([sys.executable, *command, "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "--quick" in result.stdout and "baseline" in result.stdout


def _bench_imports(path):
    """The bench modules a bench module imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bench."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names.update(a.name.split(".")[1] for a in node.names if a.name.startswith("bench."))
    return names


def test_the_bench_modules_import_each_other_without_a_cycle():
    graph = {p.stem: _bench_imports(p) for p in BENCH.glob("*.py")}
    done: set[str] = set()

    def visit(name, path):
        assert name not in path, f"import cycle: {' → '.join([*path, name])}"
        if name in done:
            return
        for other in graph.get(name, ()):
            visit(other, [*path, name])
        done.add(name)

    for name in graph:
        visit(name, [])


def test_the_product_package_holds_no_benchmark_and_reader_has_no_bench_command():
    assert not list((ROOT / "reader").glob("bench*.py"))
    for path in (ROOT / "reader").rglob("*.py"):
        text = path.read_text("utf-8")
        assert "import bench" not in text and "from bench" not in text, path
    result = subprocess.run([sys.executable, "-m", "reader", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "quote" in result.stdout and "bench" not in result.stdout


def test_the_wheel_is_ocr_reader_tui_with_the_reader_command_and_no_benchmark(tmp_path):
    import zipfile

    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "hatchling" in result.stderr:
        pytest.skip("the build backend is not reachable here")
    assert result.returncode == 0, result.stderr
    (wheel,) = tmp_path.glob("*.whl")
    assert wheel.name.startswith("ocr_reader_tui-")
    names = zipfile.ZipFile(wheel).namelist()
    assert "reader/cli.py" in names and "reader/_data/sample.txt" in names
    assert not [n for n in names if n.startswith(("bench/", "tests/")) or "/bench" in n]
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "reader = reader.cli:main" in entry_points
