"""Finding and checking the C library: $LIBSEGMENT_LIBRARY, a copy beside the
package, the loader path; the version rule; the one function table."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import libsegment as ls
from libsegment import _lib

PACKAGE = Path(ls.__file__).resolve().parent
HEADER = Path(__file__).resolve().parents[3] / "include" / "libsegment" / "segment.h"


def _run(code: str, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("LIBSEGMENT_LIBRARY", "PYTHONPATH")}
    env.update(extra)
    return env


def test_table_declares_every_exported_function():
    declared = [entry[0] for entry in _lib.FUNCTIONS]
    exported = re.findall(r"SEG_API\s[^;(]*?\b(seg_\w+)\s*\(", HEADER.read_text())
    assert sorted(declared) == sorted(exported) and len(set(declared)) == len(declared)
    required = [entry[0] for entry in _lib.FUNCTIONS if len(entry) == 3]
    assert len(required) == 127                       # the ABI of 0.2
    assert all(getattr(_lib.lib, name).argtypes is not None for name in declared if _lib.has(name))


def test_version_is_checked():
    assert ls.library_version == "%d.%d.%d" % ls.library_version_info
    assert ls.library_version_info[0] == 0 and ls.library_version_info[1] >= 2
    _lib.check_version(0, 2, "0.2.0")
    _lib.check_version(0, 7, "0.7.1")
    with pytest.raises(ImportError, match="loaded library is 0.1.0"):
        _lib.check_version(0, 1, "0.1.0")
    with pytest.raises(ImportError, match="needs libsegment 0.x"):
        _lib.check_version(1, 0, "1.0.0")


def test_copy_beside_the_package_is_found(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "libsegment", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(os.environ["LIBSEGMENT_LIBRARY"], tmp_path / "libsegment" / "libsegment.so.1")
    proc = _run("import libsegment, libsegment._lib as l; print(l.path())", _env(), tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == str(tmp_path / "libsegment" / "libsegment.so.1")


def test_environment_variable_comes_first(tmp_path):
    shutil.copy(os.environ["LIBSEGMENT_LIBRARY"], tmp_path / "libsegment-copy.so.1")
    env = _env(LIBSEGMENT_LIBRARY=str(tmp_path / "libsegment-copy.so.1"), PYTHONPATH=str(PACKAGE.parent))
    proc = _run("import libsegment._lib as l; print(l.path())", env, tmp_path)
    assert proc.stdout.strip() == str(tmp_path / "libsegment-copy.so.1"), proc.stderr


def test_wrong_version_library_is_refused(tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        pytest.skip("no C compiler to build a fake library")
    src = tmp_path / "fake.c"
    src.write_text("int seg_version_major(void){return 1;} int seg_version_minor(void){return 0;}\n"
                   "int seg_version_patch(void){return 0;} int seg_version_number(void){return 10000;}\n"
                   "const char *seg_version_string(void){return \"1.0.0\";}\n"
                   "const char *seg_strerror(int s){(void)s;return \"\";}\n")
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(tmp_path / "fake.so"), str(src)], check=True)
    env = _env(LIBSEGMENT_LIBRARY=str(tmp_path / "fake.so"), PYTHONPATH=str(PACKAGE.parent))
    proc = _run("import libsegment", env, tmp_path)
    assert proc.returncode != 0
    assert "ImportError: libsegment: the binding needs libsegment 0.x with x >= 2, but the loaded library is 1.0.0" \
        in proc.stderr


def test_unloadable_library_is_an_import_error(tmp_path):
    bogus = tmp_path / "not-a-library.so"
    bogus.write_text("text")
    env = _env(LIBSEGMENT_LIBRARY=str(bogus), PYTHONPATH=str(PACKAGE.parent), LD_LIBRARY_PATH="")
    proc = _run("import libsegment", env, tmp_path)
    # Falls back to the loader path; where no libsegment.so.1 is installed the import fails naming both.
    if proc.returncode == 0:
        pytest.skip("a libsegment.so.1 is installed on the loader path")
    assert "ImportError: libsegment: cannot load the C library" in proc.stderr
    assert str(bogus) in proc.stderr
