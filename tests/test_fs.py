"""The immutable filesystem: what it answers, and that a change leaves every older one alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.model.fs import Dir, File, FileSystem, FsError, Symlink


def _snapshot(fs: FileSystem) -> dict[str, object]:
    return {p: fs.node(p) for p in fs.paths()}


def small() -> FileSystem:
    fs = FileSystem.empty().mkdir("/home/ana/p/.venv/bin", parents=True)
    fs = fs.write("/home/ana/p/app.py", "print(1)\n").write("/home/ana/b.txt", "b")
    return fs.put("/home/ana/p/.venv/bin/python", Symlink("/usr/bin/python3"))


def test_listings_are_sorted_and_walk_is_depth_first() -> None:
    fs = FileSystem.empty().mkdir("/z").mkdir("/a").write("/a/y", "").write("/a/b", "")
    assert fs.listdir("/") == ["a", "z"]
    assert list(fs.walk("/")) == ["/", "/a", "/a/b", "/a/y", "/z"]
    assert list(fs.paths()) == list(fs.walk("/"))


def test_equal_content_is_equal_whatever_the_order_it_was_made_in() -> None:
    one = FileSystem.empty().mkdir("/a").write("/a/x", "1").mkdir("/b")
    two = FileSystem.empty().mkdir("/b").mkdir("/a").write("/a/x", "0").write("/a/x", "1")
    assert one == two and hash(one) == hash(two)
    assert one != two.write("/a/x", "2")
    assert one != two.mkdir("/a/c")


def test_symlinks_resolve_and_loops_are_errors() -> None:
    fs = small().mkdir("/usr/bin", parents=True).write("/usr/bin/python3", "elf")
    assert fs.resolve("/home/ana/p/.venv/bin/python") == "/usr/bin/python3"
    assert fs.resolve("/home/ana/p/.venv/bin/python", follow_last=False) == "/home/ana/p/.venv/bin/python"
    assert fs.read("/home/ana/p/.venv/bin/python") == "elf"
    loop = fs.put("/l1", Symlink("/l2")).put("/l2", Symlink("l1"))
    with pytest.raises(FsError) as e:
        loop.read("/l1")
    assert e.value.reason == "Too many levels of symbolic links"
    with pytest.raises(FsError) as e:
        fs.read("/home/ana/b.txt/x")
    assert e.value.reason == "Not a directory"
    assert not fs.exists("/home/ana/nothing") and fs.lexists("/home/ana/p/.venv/bin/python")


def test_copy_shares_and_move_leaves_no_trace() -> None:
    fs = small()
    copied = fs.copy("/home/ana/p", "/home/ana/q")
    assert copied.read("/home/ana/q/app.py") == "print(1)\n"
    assert copied.node("/home/ana/q/.venv/bin/python") == Symlink("/usr/bin/python3")
    moved = fs.move("/home/ana/p", "/p2")
    assert not moved.lexists("/home/ana/p") and moved.is_file("/p2/app.py")
    assert fs.is_file("/home/ana/p/app.py")  # the old one is untouched


def test_copy_onto_a_folder_merges_as_cp_r_does() -> None:
    fs = FileSystem.empty().mkdir("/a").write("/a/x", "new").mkdir("/b").write("/b/y", "kept")
    fs = fs.write("/b/x", "old")
    merged = fs.copy("/a", "/b")
    assert merged.listdir("/b") == ["x", "y"] and merged.read("/b/x") == "new"


def test_remove_needs_recursive_for_a_folder() -> None:
    fs = small()
    with pytest.raises(FsError):
        fs.remove("/home/ana/p")
    gone = fs.remove("/home/ana/p", recursive=True)
    assert gone.listdir("/home/ana") == ["b.txt"]
    assert not any(p.startswith("/home/ana/p") for p in gone.paths())


def test_put_many_keeps_an_existing_folder_and_needs_parents() -> None:
    fs = small().put_many({"/home/ana/p": Dir(), "/home/ana/p/new.txt": File("n")})
    assert fs.listdir("/home/ana/p") == [".venv", "app.py", "new.txt"]
    with pytest.raises(FsError):
        fs.put_many({"/missing/x": File("")})


def test_memo_is_kept_per_folder_and_forgotten_when_it_changes() -> None:
    fs = small()
    calls: list[str] = []

    def count(fs: FileSystem) -> list[str]:
        calls.append("x")
        return fs.listdir("/home/ana/p")

    assert fs.memo("/home/ana/p", "ls", lambda: count(fs)) == [".venv", "app.py"]
    assert fs.memo("/home/ana/p", "ls", lambda: count(fs)) == [".venv", "app.py"]
    other = fs.write("/home/ana/b.txt", "changed elsewhere")  # /home/ana/p is shared, not copied
    assert other.memo("/home/ana/p", "ls", lambda: count(other)) == [".venv", "app.py"]
    assert len(calls) == 1
    changed = fs.write("/home/ana/p/z", "")
    assert changed.memo("/home/ana/p", "ls", lambda: count(changed)) == [".venv", "app.py", "z"]
    assert len(calls) == 2


def test_folder_is_a_smaller_filesystem() -> None:
    sub = small().folder("/home/ana/p")
    assert sub.listdir("/") == [".venv", "app.py"] and sub.read("/app.py") == "print(1)\n"
    with pytest.raises(FsError):
        small().folder("/home/ana/b.txt")


NAMES = st.sampled_from(["a", "b", "c"])
PATHS = st.lists(NAMES, min_size=1, max_size=3).map(lambda parts: "/" + "/".join(parts))
OPS = st.one_of(
    st.tuples(st.just("mkdir"), PATHS, st.just("")),
    st.tuples(st.just("write"), PATHS, st.sampled_from(["1", "2"])),
    st.tuples(st.just("remove"), PATHS, st.just("")),
    st.tuples(st.just("copy"), PATHS, PATHS),
    st.tuples(st.just("move"), PATHS, PATHS),
    st.tuples(st.just("link"), PATHS, PATHS),
)


def _apply(fs: FileSystem, op: tuple[str, str, str]) -> FileSystem:
    kind, path, arg = op
    try:
        if kind == "mkdir":
            return fs.mkdir(path, parents=True)
        if kind == "write":
            return fs.write(path, arg)
        if kind == "remove":
            return fs.remove(path, recursive=True)
        if kind == "link":
            return fs.put(path, Symlink(arg))
        if arg == path or arg.startswith(path + "/"):
            return fs
        return fs.copy(path, arg) if kind == "copy" else fs.move(path, arg)
    except FsError:
        return fs


@settings(max_examples=200, deadline=None)
@given(st.lists(OPS, max_size=12))
def test_every_change_leaves_older_filesystems_alone_and_the_tree_whole(
    ops: list[tuple[str, str, str]],
) -> None:
    history = [FileSystem.empty()]
    snapshots = [_snapshot(history[0])]
    for op in ops:
        history.append(_apply(history[-1], op))
        snapshots.append(_snapshot(history[-1]))
    for fs, snap in zip(history, snapshots, strict=True):
        assert _snapshot(fs) == snap
        for path in snap:
            if path != "/":
                parent = path.rsplit("/", 1)[0] or "/"
                assert isinstance(snap[parent], Dir), path
            if isinstance(snap[path], Dir):
                assert fs.listdir(path) == sorted(fs.listdir(path))
    for one, two in zip(history, history[1:], strict=False):
        assert (one == two) == (_snapshot(one) == _snapshot(two))
        if one == two:
            assert hash(one) == hash(two)
