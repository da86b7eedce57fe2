"""The framed model format (cache and helper pipe), the cache's trust checks, the paused collector, and build progress."""

from __future__ import annotations

import gc
import io
import pickle
import threading

from reader.cache import load_model, save_model
from reader.frames import frame, model_frames, read_model
from reader.pipeline.build import build_document, collector_paused
from tests.conftest import SAMPLE


def test_a_model_read_back_from_its_frames_is_the_same_model():
    doc = build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False)
    heard: list[tuple[str, float]] = []
    back = read_model(io.BytesIO(b"".join(model_frames(doc))), lambda stage, share: heard.append((stage, share)))
    assert back is not None
    assert back.blocks == doc.blocks and back.sections == doc.sections and back.figures == doc.figures
    assert back.metadata == doc.metadata
    assert back.section("2.3") == doc.section("2.3")  # look-ups are rebuilt
    assert heard and {stage for stage, _ in heard} == {"reading"} and heard[-1][1] == 1.0


def test_a_large_model_travels_in_many_small_frames(monkeypatch):
    import reader.frames

    monkeypatch.setattr(reader.frames, "FRAME_ITEMS", 50)
    doc = build_document(SAMPLE.read_bytes() * 20, "big.txt", dictionary=False)
    frames = list(model_frames(doc))
    parts = (len(doc.sections), len(doc.figures), len(doc.blocks))
    assert len(frames) == 2 + sum(-(-n // 50) for n in parts)
    assert max(len(f) for f in frames) < len(b"".join(frames)) / 10
    assert read_model(io.BytesIO(b"".join(frames))).blocks == doc.blocks


def test_progress_frames_before_the_model_are_reported_as_building():
    doc = build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False)
    stream = io.BytesIO(frame("progress", 0.5) + b"".join(model_frames(doc)))
    stages: list[str] = []
    assert read_model(stream, lambda stage, _share: stages.append(stage)) is not None
    assert stages[0] == "building" and stages[-1] == "reading"


def test_truncated_foreign_or_incomplete_caches_are_ignored(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("READER_CACHE_DIR", str(cache))
    doc = build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False)
    save_model("k", doc)
    assert load_model("k") is not None
    whole = (cache / "k.model").read_bytes()
    (cache / "k.model").write_bytes(whole[: len(whole) // 2])
    assert load_model("k") is None
    (cache / "k.model").write_bytes(pickle.dumps({"not": "a model"}))
    assert load_model("k") is None
    frames = list(model_frames(doc))
    (cache / "k.model").write_bytes(frames[0] + frames[-1])  # a header, no blocks, an end mark
    assert load_model("k") is None
    (cache / "k.model").write_bytes(frame("blocks", [[1, 2]]) + frames[-1])  # no header
    assert load_model("k") is None
    assert load_model("absent") is None


def test_the_collector_is_paused_during_builds_and_restored_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer build is still running
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()


def test_a_failing_build_still_restores_the_collector():
    try:
        build_document(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "x.png")
    except Exception:
        pass
    assert gc.isenabled()


def test_builds_in_two_threads_restore_the_collector_once_both_end():
    data = SAMPLE.read_bytes()
    threads = [
        threading.Thread(target=build_document, args=(data, "s.txt"), kwargs={"dictionary": False}) for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()


def test_build_progress_rises_to_the_end():
    shares: list[float] = []
    build_document(SAMPLE.read_bytes(), "sample.txt", dictionary=False, progress=shares.append)
    assert shares == sorted(shares) and shares[-1] == 1.0 and len(shares) >= 4
