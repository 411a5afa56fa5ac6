"""Outputs: files replaced whole and durably, with their mode and their links kept, and
resumed JSONL files put in input order, rewritten only when they must be."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.outputs import JsonlSink, write_atomic

TEXTS = [
    "A blast killed 3 people and injured 7 on Monday in Lagos.",
    "Police said 12 people were arrested after the protest on Friday.",
    "Floods displaced 450 families in the district, officials said on Sunday.",
    "Gunmen killed 5 villagers and abducted 20 others overnight, police said.",
]


def _summarize(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["summarize", *args, "--engine", "rules"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def _corpus(tmp_path: Path, texts: list[str] = TEXTS) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n"
                            for i, t in enumerate(texts)))  # fmt: skip
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_a_new_file_gets_the_umask_s_mode_without_the_umask_being_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    umask = os.umask(0o022)
    os.umask(umask)

    def changed(mask: int) -> int:
        raise AssertionError("the umask was changed, for every thread of the process")

    monkeypatch.setattr(os, "umask", changed)
    write_atomic("{}", tmp_path / "out.json")
    assert stat.S_IMODE(os.stat(tmp_path / "out.json").st_mode) == 0o666 & ~umask


def test_the_file_is_synced_before_the_rename_and_its_directory_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    fsync, replace = os.fsync, os.replace

    def synced(fd: int) -> None:
        events.append("sync directory" if stat.S_ISDIR(os.fstat(fd).st_mode) else "sync file")
        fsync(fd)

    def renamed(src: Any, dst: Any) -> None:
        events.append("rename")
        replace(src, dst)

    monkeypatch.setattr(os, "fsync", synced)
    monkeypatch.setattr(os, "replace", renamed)
    write_atomic("{}", tmp_path / "out.json")
    assert events == ["sync file", "rename", "sync directory"]


def test_a_replaced_file_keeps_its_mode_and_a_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    write_atomic('{"new": true}', link)
    assert link.is_symlink() and json.loads(real.read_text()) == {"new": True}
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_resumed_file_already_in_order_is_not_rewritten(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    assert _summarize(str(source), "-f", "jsonl", "-o", str(out))[0] == 0
    out.write_text("".join(out.read_text().splitlines(keepends=True)[:2]))  # interrupted
    inode = out.stat().st_ino
    code, err = _summarize(str(source), "-f", "jsonl", "-o", str(out), "--resume")
    assert code == 0 and "summary: 2 articles" in err
    assert out.stat().st_ino == inode  # appended in order: nothing to move
    assert [line["id"] for line in _lines(out)] == ["n0", "n1", "n2", "n3"]


def test_a_line_cut_off_at_the_end_is_redone(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    _summarize(str(source), "-f", "jsonl", "-o", str(out))
    lines = out.read_text().splitlines(keepends=True)
    out.write_text(lines[0] + lines[1][:40])  # the second line cut off mid-way
    code, err = _summarize(str(source), "-f", "jsonl", "-o", str(out), "--resume")
    assert code == 0 and "summary: 3 articles" in err
    assert [line["id"] for line in _lines(out)] == ["n0", "n1", "n2", "n3"]


def test_a_first_line_cut_off_is_taken_for_ours(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id":"n0","input":"in.js')
    code, err = _summarize(str(source), "-f", "jsonl", "-o", str(out), "--resume")
    assert code == 0 and "summary: 4 articles" in err
    assert [line["id"] for line in _lines(out)] == ["n0", "n1", "n2", "n3"]


def test_a_cut_first_line_then_a_kill_can_still_be_resumed(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id":"n0","input":"in.js')  # the only line, cut off
    sink = JsonlSink(out, resume=True)
    assert out.read_bytes() == b""  # as a kill now leaves it: no whole line that is not ours
    sink.close()
    code, err = _summarize(str(source), "-f", "jsonl", "-o", str(out), "--resume")
    assert code == 0 and "summary: 4 articles" in err
    assert [line["id"] for line in _lines(out)] == ["n0", "n1", "n2", "n3"]


def test_lines_written_before_they_named_their_input_are_kept(tmp_path: Path) -> None:
    source = _corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    _summarize(str(source), "-f", "jsonl", "-o", str(out))
    older = [{k: v for k, v in line.items() if k not in ("input", "line")} for line in _lines(out)]
    out.write_text("".join(json.dumps(line) + "\n" for line in older[:3]))
    code, err = _summarize(str(source), "-f", "jsonl", "-o", str(out), "--resume")
    assert code == 0 and "summary: 1 articles" in err
    assert [line["id"] for line in _lines(out)] == ["n0", "n1", "n2", "n3"]


def test_a_changed_input_s_stale_lines_go_and_other_inputs_lines_stay(tmp_path: Path) -> None:
    source = _corpus(tmp_path, TEXTS[:2])
    other = tmp_path / "other.txt"
    other.write_text(TEXTS[3])
    out = tmp_path / "out.jsonl"
    _summarize(str(other), str(source), "-f", "jsonl", "-o", str(out))
    source.write_text(json.dumps({"id": "n1", "text": TEXTS[2]}) + "\n")  # n1's text changed
    code, err = _summarize(str(source), "-f", "jsonl", "-o", str(out), "--resume")
    assert code == 0 and "summary: 1 articles, 1 done" in err
    assert "dropped 2 earlier lines" in err and "kept 1 earlier lines of inputs not in" in err
    lines = _lines(out)
    assert [(Path(line["input"]).name, line["id"]) for line in lines] == [
        ("in.jsonl", "n1"), ("other.txt", lines[1]["id"])]  # fmt: skip
    assert lines[0]["result"]["summary"]["headline"].startswith("Floods")
