"""Files as input: missing, not regular, too large, changing, and any name the OS allows
(issues #11.5 and #17)."""
import os
import shutil
import signal
import subprocess
import sys
import threading
import _thread

import pytest

import zhibiao as zb
from zhibiao import _core


def test_a_missing_file_is_a_file_not_found_error(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError) as info:
        zb.read_csv(missing)
    error = info.value
    assert isinstance(error, zb.MissingFileError) and isinstance(error, zb.Error)
    assert not isinstance(error, zb.ParseError)  # bad content and no file are told apart
    assert error.errno == 2 and error.filename == str(missing) and error.file == str(missing)
    assert str(missing) in str(error)
    for load in (zb.load_catalogue, zb.load_rules, zb.scorecards.load):
        with pytest.raises(FileNotFoundError):
            load(tmp_path / "nope.toml")


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_not_read_until_memory_runs_out(path):
    for load in (zb.read_csv, zb.load_catalogue, zb.load_rules, zb.scorecards.load):
        with pytest.raises(zb.FileError, match="not a regular file"):
            load(path)


def test_a_directory_is_not_an_empty_catalogue(tmp_path):
    # It used to read as an empty file, and load_catalogue returned the built-in catalogue.
    for load in (zb.read_csv, zb.load_catalogue, zb.load_rules, zb.scorecards.load):
        with pytest.raises(zb.FileError, match="directory") as info:
            load(tmp_path)
        assert isinstance(info.value, OSError)


def test_definition_files_are_capped(tmp_path):
    big = tmp_path / "big.toml"
    with open(big, "wb") as f:
        f.truncate((64 << 20) + 1)  # sparse: no disk space used
    for load in (zb.load_catalogue, zb.load_rules, zb.scorecards.load):
        with pytest.raises(zb.LimitError, match="64 MiB"):
            load(big)


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes as a name")
def test_file_names_that_are_not_utf8(tmp_path):
    raw = os.fsencode(tmp_path) + b"/\xff\xfe-panel.csv"
    with open(raw, "wb") as f:
        f.write(b"entity,period,x\nA,2020,1\n")
    for path in (raw, os.fsdecode(raw)):  # bytes, and str with surrogate escapes
        assert zb.read_csv(path).values("x").tolist() == [1.0]
    rules = raw[:-4] + b".toml"
    with open(rules, "wb") as f:
        f.write(b'[[rule]]\nid = "x"\ncheck = "x >= 0"\n')
    assert [r.id for r in zb.load_rules(os.fsdecode(rules))] == ["x"]
    catalogue = raw[:-4] + b"-catalogue.toml"
    with open(catalogue, "wb") as f:
        f.write(
            b'[[indicator]]\nid = "x_share"\nformula = "valid_invention_patents / population"\nunit = "\xe4\xbb\xb6/\xe4\xb8\x87\xe4\xba\xba"\n'
        )
    for path in (catalogue, os.fsdecode(catalogue)):
        assert "x_share" in zb.load_catalogue(path).ids
    pack = raw[:-4] + b"-pack.toml"
    shutil.copyfile(_builtin_pack_path(), pack)
    for path in (pack, os.fsdecode(pack)):
        assert zb.scorecards.load(path).id == zb.scorecards.load(_builtin_pack_path()).id
    with pytest.raises(FileNotFoundError) as info:
        zb.read_csv(raw + b".missing")
    assert info.value.filename == os.fsdecode(raw + b".missing")  # os.fsdecode form, no UnicodeDecodeError


def _builtin_pack_path():
    return os.path.join(os.path.dirname(__file__), "..", "..", "data", "scorecards", "tech-sme-2017.toml")


_TRUNCATE_WHILE_READING = r"""
import os, sys, threading, zhibiao as zb
path = sys.argv[1]
row = b"320602,2023," + b"1234567.5," * 30 + b"1\n"
header = b"entity,period," + b",".join(b"v%d" % i for i in range(31)) + b"\n"
for attempt in range(6):
    with open(path, "wb") as f:
        f.write(header + row * 60000)
    done = threading.Event()
    def shrink():
        while not done.is_set():
            os.truncate(path, 10)
            with open(path, "ab") as f:
                f.write(row * 10)
    t = threading.Thread(target=shrink)
    t.start()
    try:
        zb.read_csv(path, lenient=True, threads=1)
    except zb.Error:
        pass  # a ParseError (changed size, or truncated rows): never a crash
    finally:
        done.set()
        t.join()
print("survived")
"""


def test_a_file_truncated_while_it_is_read_does_not_kill_the_process(tmp_path):
    # A memory-mapped file truncated by another program ended the process with SIGBUS.
    result = subprocess.run(
        [sys.executable, "-c", _TRUNCATE_WHILE_READING, str(tmp_path / "t.csv")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


@pytest.mark.skipif(not os.path.exists("/sys/kernel/profiling"), reason="needs sysfs")
def test_a_file_that_changes_size_while_read_is_a_parse_error():
    # A sysfs file: 4096 bytes by fstat, a few when read. (A /proc file, size 0 by fstat, is
    # read to its end: test_panel_review_fixes.py.)
    with pytest.raises(zb.ParseError, match="changed size while it was read"):
        zb.read_csv("/sys/kernel/profiling")


def test_a_long_c_call_honours_ctrl_c():
    # interrupt_check (python/bindings/bindings.hpp): a C++ wait without the GIL sees the
    # KeyboardInterrupt of the main thread and stops. A test run started in the background of a
    # shell (`make test &`, nohup) inherits SIGINT ignored, and interrupt_main then does nothing:
    # Python's own handler is installed for the test, as an interactive run has it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.2, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            _core._interruptible_wait(120.0)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("load", ["Model", "Framework"])
def test_composite_model_files_are_read_as_definition_files(tmp_path, load):
    # Model.from_toml read with open(): /dev/zero until memory ran out, a directory as an OSError
    # of Python's own; now the same errors as the other definition files.
    from_toml = getattr(zb.composite, load).from_toml
    with pytest.raises(zb.FileError, match="not a regular file"):
        from_toml("/dev/zero")
    with pytest.raises(zb.FileError, match="directory"):
        from_toml(tmp_path)
    with pytest.raises(FileNotFoundError):
        from_toml(tmp_path / "nope.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(zb.ParseError):
        from_toml(bad)
