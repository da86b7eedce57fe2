"""The model cache runs nothing it reads, and reads only what is the user's own."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.cache import cache_key, load_model, save_model
from reader.frames import _codec, model_frames, read_model
from reader.pipeline.build import build_document
from reader.source import content_hash, load_sidecar, read_input
from reader.state import StateStore
from reader.tui.app import ReaderApp
from tests.conftest import SAMPLE

posix_only = pytest.mark.skipif(os.name != "posix", reason="owners and modes are POSIX")


class Planted:
    """Unpickling this creates ``path``: what an attacker's cache file would do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (open, (str(self.path), "w"))


def plant(cache: Path, document: Path, marker: Path, mode: int = 0o777) -> Path:
    """Write a pickle that would create ``marker`` where the reader looks for ``document``'s model."""
    cache.mkdir(parents=True, exist_ok=True)
    os.chmod(cache, mode)
    key = cache_key(content_hash(document.read_bytes()), load_sidecar(document))
    planted = cache / f"{key}.model"
    planted.write_bytes(pickle.dumps(Planted(marker)))
    return planted


@posix_only
def test_a_planted_pickle_in_a_directory_others_can_write_never_runs_and_says_so(tmp_path, monkeypatch):
    cache, marker = tmp_path / "shared-cache", tmp_path / "pwned"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    planted = plant(cache, SAMPLE, marker)
    heard: list[str] = []
    key = planted.name.removesuffix(".model")
    assert load_model(key, notice=heard.append) is None
    assert not marker.exists()
    assert len(heard) == 1 and heard[0].startswith("cache ignored: ") and "writable by others" in heard[0]
    save_model(key, build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False))
    assert planted.read_bytes() == pickle.dumps(Planted(marker))  # nothing of ours written there either


@posix_only
async def test_the_document_opens_with_a_rebuilt_model_and_a_one_line_notice(tmp_path, monkeypatch):
    cache, marker = tmp_path / "shared-cache", tmp_path / "pwned"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    plant(cache, SAMPLE, marker)
    app = ReaderApp(read_input(str(SAMPLE)), StateStore(tmp_path / "state"), terminal_writer=lambda _s: None)
    notices: list[str] = []
    original = app.notify

    def notify(message: str, **kwargs: object) -> None:
        notices.append(message)
        original(message, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = app.reader.document
        assert shown is not None
        await pilot.press("q")
    built = build_document(SAMPLE.read_bytes(), SAMPLE.name, load_sidecar(SAMPLE))
    assert [b.text for b in shown.blocks] == [b.text for b in built.blocks]
    assert [f.label for f in shown.figures] == [f.label for f in built.figures]  # the full model, jieba's labels
    assert not marker.exists()
    ignored = [n for n in notices if n.startswith("cache ignored: ")]
    assert len(ignored) == 1 and "\n" not in ignored[0]


HELPER = textwrap.dedent(
    """
    import sys
    from reader.opening import Indexer
    from reader.source import read_input

    indexer = Indexer.start(read_input(sys.argv[1]))
    indexer.first_screen()
    notices = []
    full = indexer.full_model(None, notices.append)
    print(len(full.blocks) if full is not None else "none")
    print(notices)
    indexer.close()
    """
)


@posix_only
@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_the_forked_helper_ignores_it_too_and_the_ui_hears_why(tmp_path):
    cache, marker = tmp_path / "shared-cache", tmp_path / "pwned"
    plant(cache, SAMPLE, marker)
    result = subprocess.run(
        [sys.executable, "-c", HELPER, str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "READER_CACHE_DIR": str(cache)},
    )
    assert result.returncode == 0, result.stderr
    blocks, notices = result.stdout.splitlines()
    assert int(blocks) == len(build_document(SAMPLE.read_bytes(), SAMPLE.name, dictionary=False).blocks)
    assert "cache ignored: " in notices and "writable by others" in notices
    assert not marker.exists()


def test_a_pickle_in_the_users_own_private_cache_is_not_run_either(tmp_path, monkeypatch):
    cache, marker = tmp_path / "cache", tmp_path / "pwned"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    planted = plant(cache, SAMPLE, marker, mode=0o700)
    heard: list[str] = []
    assert load_model(planted.name.removesuffix(".model"), notice=heard.append) is None
    assert not marker.exists() and heard == []  # not a model of this format: simply built again


def _saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A model saved in a private cache directory; (its file, its key)."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    save_model("k", build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False))
    assert load_model("k") is not None
    return cache / "k.model", "k"


@posix_only
def test_the_cache_directory_is_created_private_and_the_file_readable_by_the_user_alone(tmp_path, monkeypatch):
    path, _ = _saved(tmp_path, monkeypatch)
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert path.stat().st_mode & 0o077 == 0


@posix_only
def test_a_cache_file_others_can_write_is_ignored(tmp_path, monkeypatch):
    path, key = _saved(tmp_path, monkeypatch)
    os.chmod(path, 0o666)
    heard: list[str] = []
    assert load_model(key, notice=heard.append) is None
    assert len(heard) == 1 and "writable by others" in heard[0]


@posix_only
def test_a_symbolic_link_in_the_cache_files_place_is_ignored(tmp_path, monkeypatch):
    path, key = _saved(tmp_path, monkeypatch)
    real = tmp_path / "elsewhere.model"
    path.rename(real)
    path.symlink_to(real)
    heard: list[str] = []
    assert load_model(key, notice=heard.append) is None
    assert len(heard) == 1 and "symbolic link" in heard[0]


@posix_only
def test_a_cache_file_owned_by_another_user_is_ignored(tmp_path, monkeypatch):
    path, key = _saved(tmp_path, monkeypatch)
    try:
        os.chown(path, os.geteuid() + 4242, -1)
    except PermissionError:
        pytest.skip("changing a file's owner needs root")
    heard: list[str] = []
    assert load_model(key, notice=heard.append) is None
    assert len(heard) == 1 and "belongs to another user" in heard[0]


@posix_only
def test_a_fifo_in_the_cache_files_place_does_not_hang_the_reader(tmp_path, monkeypatch):
    path, key = _saved(tmp_path, monkeypatch)
    path.unlink()
    os.mkfifo(path, 0o600)
    heard: list[str] = []
    assert load_model(key, notice=heard.append) is None
    assert len(heard) == 1 and "not a regular file" in heard[0]


def test_a_model_written_under_other_fields_or_another_format_reads_as_none(monkeypatch):
    import io

    import reader.frames

    doc = build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False)
    frames = list(model_frames(doc))
    monkeypatch.setattr(reader.frames, "FORMAT", reader.frames.FORMAT + 1)
    assert read_model(io.BytesIO(b"".join(frames))) is None
    monkeypatch.undo()
    other = {**reader.frames.schema(), "Block": [*reader.frames.schema()["Block"], "new_field"]}
    monkeypatch.setattr(reader.frames, "schema", lambda: other)
    assert read_model(io.BytesIO(b"".join(frames))) is None


@dataclasses.dataclass(frozen=True, slots=True)
class _Inner:
    a: int
    b: tuple[tuple[int, str], ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class _Outer:
    inner: _Inner
    maybe: _Inner | None
    many: tuple[_Inner, ...]
    label: str = ""
    added_later: float = 0.5  # a field with a default, added after the codec was written


def test_the_encoding_follows_the_dataclass_fields_nested_optional_and_tuples_of_them():
    encode, decode = _codec(_Outer)
    value = _Outer(_Inner(1, ((2, "x"),)), None, (_Inner(3), _Inner(4, ((5, "y"),))), "z", 1.5)
    import msgpack

    back = decode(msgpack.unpackb(msgpack.packb(encode(value)), use_list=False))
    assert back == value and isinstance(back.many, tuple) and isinstance(back.inner.b[0], tuple)
