"""Resume and outputs as a user meets them: an earlier run's lines kept for exactly the
articles they belong to, in input order, and outputs that are not plain files (devices,
pipes, a full disk, a reader gone) handled without harm."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

TEXTS = [
    "A blast killed 3 people and injured 7 on Monday in Lagos.",
    "Police said 12 people were arrested after the protest on Friday.",
    "Floods displaced 450 families in the district, officials said on Sunday.",
    "Gunmen killed 5 villagers and abducted 20 others overnight, police said.",
    "An airstrike killed 14 people at a market on Tuesday, medics said.",
    "A fire destroyed 30 homes and injured 2 people on Wednesday.",
]


def _cli(
    *args: str, cwd: Path, stdout: Any = subprocess.PIPE, limit_memory: bool = False
) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process with the rules engine: no server, no network."""

    def cap_memory() -> None:  # a runaway read ends in a MemoryError, not a swapping host
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    return subprocess.run(
        [sys.executable, "-m", "summarizer", "summarize", *args, "--engine", "rules"],
        cwd=cwd, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        env=os.environ.copy(), preexec_fn=cap_memory if limit_memory else None,
    )  # fmt: skip


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def _keep_first_lines(path: Path, n: int) -> None:
    """The output as an interruption after its first n lines leaves it."""
    path.write_text("".join(path.read_text().splitlines(keepends=True)[:n]))


def _results(path: Path) -> list[str]:
    return [line["path"] for line in _lines(path) if "result" in line]


def test_resume_does_not_skip_a_second_file_with_the_same_ids(tmp_path: Path) -> None:
    _jsonl(tmp_path / "day1.jsonl", [{"id": n, "text": TEXTS[n - 1]} for n in (1, 2)])
    _jsonl(tmp_path / "day2.jsonl", [{"id": n, "text": TEXTS[n + 1]} for n in (1, 2)])
    out = tmp_path / "out.jsonl"
    assert _cli("day1.jsonl", "--format", "jsonl", "-o", "out.jsonl", cwd=tmp_path).returncode == 0
    resumed = _cli("day1.jsonl", "day2.jsonl", "--format", "jsonl", "-o", "out.jsonl",
                   "--resume", cwd=tmp_path)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "summary: 2 articles, 2 done" in resumed.stderr  # day2's two, day1's kept
    assert _results(out) == ["day1.jsonl:1", "day1.jsonl:2", "day2.jsonl:1", "day2.jsonl:2"]
    assert [(line["input"], line["id"], line["line"]) for line in _lines(out)] == [
        ("day1.jsonl", "1", 1), ("day1.jsonl", "2", 2), ("day2.jsonl", "1", 1),
        ("day2.jsonl", "2", 2),
    ]  # fmt: skip


def test_resuming_from_another_directory_does_not_write_every_line_twice(
    tmp_path: Path,
) -> None:
    work = tmp_path / "w"
    work.mkdir()
    _jsonl(work / "day1.jsonl", [{"id": n, "text": TEXTS[n - 1]} for n in (1, 2)])
    first = _cli("day1.jsonl", "--format", "jsonl", "-o", "out.jsonl", cwd=work)
    assert first.returncode == 0, first.stderr
    assert {line["input_path"] for line in _lines(work / "out.jsonl")} == {
        str((work / "day1.jsonl").resolve())
    }
    resumed = _cli("w/day1.jsonl", "--format", "jsonl", "-o", "w/out.jsonl", "--resume",
                   cwd=tmp_path)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "summary: 0 articles" in resumed.stderr and "note:" not in resumed.stderr
    assert _results(work / "out.jsonl") == ["day1.jsonl:1", "day1.jsonl:2"]


def test_lines_without_their_input_path_are_found_beside_the_output(tmp_path: Path) -> None:
    work = tmp_path / "w"
    work.mkdir()
    _jsonl(work / "day1.jsonl", [{"id": n, "text": TEXTS[n - 1]} for n in (1, 2)])
    out = work / "out.jsonl"
    _cli("day1.jsonl", "--format", "jsonl", "-o", "out.jsonl", cwd=work)
    older = [{k: v for k, v in line.items() if k != "input_path"} for line in _lines(out)]
    out.write_text("".join(json.dumps(line) + "\n" for line in older))
    resumed = _cli("w/day1.jsonl", "--format", "jsonl", "-o", "w/out.jsonl", "--resume",
                   cwd=tmp_path)  # fmt: skip
    assert resumed.returncode == 0, resumed.stderr
    assert "summary: 0 articles" in resumed.stderr and "note:" not in resumed.stderr
    assert _results(out) == ["day1.jsonl:1", "day1.jsonl:2"]


def test_duplicate_ids_in_one_file_are_both_kept_and_reported(tmp_path: Path) -> None:
    records = [{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]},
               {"id": "a", "text": TEXTS[2]}]  # fmt: skip
    _jsonl(tmp_path / "day.jsonl", records)
    out = tmp_path / "out.jsonl"
    first = _cli("day.jsonl", "--format", "jsonl", "-o", "out.jsonl", cwd=tmp_path)
    _keep_first_lines(out, 1)  # interrupted after the first "a"
    resumed = _cli("day.jsonl", "--format", "jsonl", "-o", "out.jsonl", "--resume", cwd=tmp_path)
    for run in (first, resumed):
        assert run.returncode == 2, run.stderr  # bad input: the ids do not tell them apart
        assert "1 duplicate id" in run.stderr.splitlines()[-1]
    assert _results(out) == ["day.jsonl:1", "day.jsonl:2", "day.jsonl:3"]  # neither dropped
    (report,) = [line for line in _lines(out) if "error" in line]
    assert report["error"]["kind"] == "input"
    assert report["error"]["message"].startswith('duplicate id "a": lines 1 and 3 of day.jsonl')
    assert (report["line"], report["duplicate_of"]) == (3, 1)


def test_two_copies_of_one_text_without_ids_are_both_written(tmp_path: Path) -> None:
    _jsonl(tmp_path / "in.jsonl", [{"text": TEXTS[0]}, {"text": TEXTS[0]}, {"text": TEXTS[1]}])
    out = tmp_path / "out.jsonl"
    _cli("in.jsonl", "--format", "jsonl", "-o", "out.jsonl", cwd=tmp_path)
    _keep_first_lines(out, 1)
    resumed = _cli("in.jsonl", "--format", "jsonl", "-o", "out.jsonl", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert _results(out) == ["in.jsonl:1", "in.jsonl:2", "in.jsonl:3"]


def test_resumed_output_stays_in_input_order(tmp_path: Path) -> None:
    _jsonl(tmp_path / "in.jsonl", [{"id": f"n{i}", "text": t} for i, t in enumerate(TEXTS)])
    out = tmp_path / "out.jsonl"
    _cli("in.jsonl", "--format", "jsonl", "-o", "out.jsonl", cwd=tmp_path)
    lines = _lines(out)
    for failed in (lines[1], lines[4]):  # as a provider failure leaves them, to be redone
        del failed["result"]
        failed["error"] = {"kind": "provider", "message": "the provider timed out"}
    out.write_text("".join(json.dumps(line) + "\n" for line in lines))
    resumed = _cli("in.jsonl", "--format", "jsonl", "-o", "out.jsonl", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "summary: 2 articles, 2 done" in resumed.stderr
    assert [line["id"] for line in _lines(out)] == [f"n{i}" for i in range(len(TEXTS))]
    assert all("result" in line for line in _lines(out))


@pytest.mark.parametrize("content", ["my notes\nsecond line\n", '{"id": 1, "text": "an input"}\n'])
def test_resume_refuses_a_file_that_is_not_our_output(tmp_path: Path, content: str) -> None:
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": TEXTS[0]}])
    notes = tmp_path / "notes.txt"
    notes.write_text(content)
    done = _cli("in.jsonl", "--format", "jsonl", "-o", "notes.txt", "--resume", cwd=tmp_path)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: notes.txt: not an output of summarize --format jsonl")
    assert notes.read_text() == content


def _device_node(tmp_path: Path, name: str, rdev: int) -> Path:
    """A device node of the test's own: the old code replaced the node it was given with
    a regular file, which must not happen to the host's /dev/null or /dev/full."""
    node = tmp_path / name
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, rdev)
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return node


def _null_device(tmp_path: Path) -> Path:
    if not Path("/dev/null").is_char_device():
        pytest.skip("no /dev/null to copy")
    return _device_node(tmp_path, "null", os.stat("/dev/null").st_rdev)


def _full_device(tmp_path: Path) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the full device is (1, 7) on Linux")
    return _device_node(tmp_path, "full", os.makedev(1, 7))


def test_output_to_a_character_device_leaves_the_device_alone(tmp_path: Path) -> None:
    device = _null_device(tmp_path)
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": TEXTS[0]}])
    for output_format in ("json", "jsonl"):
        done = _cli("in.jsonl", "--format", output_format, "-o", str(device), cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert device.is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "null"]  # no temp left


def test_output_to_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": TEXTS[0]}, {"id": 2, "text": TEXTS[1]}])
    read: list[str] = []
    reader = threading.Thread(target=lambda: read.append(fifo.read_text()), daemon=True)
    reader.start()
    done = _cli("in.jsonl", "--format", "json", "-o", str(fifo), cwd=tmp_path)
    reader.join(timeout=30)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert [line["id"] for line in json.loads(read[0])] == ["1", "2"]


def test_resume_into_a_device_is_refused(tmp_path: Path) -> None:
    device = _full_device(tmp_path)
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": TEXTS[0]}])
    done = _cli("in.jsonl", "--format", "jsonl", "-o", "full", "--resume", cwd=tmp_path,
                limit_memory=True)  # fmt: skip
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line == "error: full: not a regular file; --resume continues a file it wrote"
    assert device.is_char_device()


def test_a_full_device_as_output_does_not_suggest_resume(tmp_path: Path) -> None:
    device = _full_device(tmp_path)
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": TEXTS[0]}])
    done = _cli("in.jsonl", "--format", "jsonl", "-o", "full", cwd=tmp_path)
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()
    assert line == "error: full: cannot write: No space left on device"
    assert device.is_char_device()


def test_a_full_disk_on_stdout_is_one_line_exit_2(tmp_path: Path) -> None:
    if not Path("/dev/full").is_char_device():
        pytest.skip("no /dev/full")
    _jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": TEXTS[0]}, {"id": 2, "text": TEXTS[1]}])
    for output_format in ("jsonl", "json"):
        with open("/dev/full", "w") as full:
            done = _cli("in.jsonl", "--format", output_format, cwd=tmp_path, stdout=full)
        assert done.returncode == 2, done.stderr
        (line,) = done.stderr.splitlines()
        assert line == "error: standard output: cannot write: No space left on device"


def test_a_broken_pipe_is_quiet_exit_0(tmp_path: Path) -> None:
    _jsonl(tmp_path / "in.jsonl", [{"id": i, "text": TEXTS[i % len(TEXTS)]} for i in range(40)])
    for output_format in ("jsonl", "json"):
        child = subprocess.Popen(
            [sys.executable, "-m", "summarizer", "summarize", "in.jsonl", "--engine", "rules",
             "--format", output_format],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert child.stdout is not None
        child.stdout.close()  # the reader is gone before the first line, as `| head -0`
        _, err = child.communicate(timeout=120)
        assert (child.returncode, err) == (0, "")
