"""The GNU tools a student types, with GNU's messages (``LANG=C.UTF-8``).

Output is what they print when it goes to a file or pipe (``ls`` one name a
line), which is what a scenario records.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace

from ..model import layout
from ..model.fs import Binary, Dir, File, FsError, Symlink, normalize
from .run import Chunks, Ctx, err, out, stdin_reader

MAX_TYPED_LINES = 10000  # lines a tool reads from the keyboard before it stops


def _flags(args: list[str]) -> tuple[set[str], list[str]]:
    flags: set[str] = set()
    rest: list[str] = []
    for a in args:
        if a.startswith("--") and len(a) > 2:
            flags.add(a)
        elif a.startswith("-") and len(a) > 1:
            flags.update("-" + c for c in a[1:])
        else:
            rest.append(a)
    return flags, rest


def ls(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    flags, paths = _flags(args[1:])
    fs, cwd = ctx.world.fs, ctx.world.shell.cwd
    show_all = "-a" in flags or "--all" in flags
    almost_all = "-A" in flags or "--almost-all" in flags  # dot files, without . and ..
    long = "-l" in flags
    code = 0
    chunks: Chunks = []
    files: list[str] = []
    dirs: list[str] = []
    for p in paths or ["."]:
        full = normalize(p, cwd)
        if not fs.lexists(full):
            chunks += err(f"ls: cannot access '{p}': No such file or directory")
            code = 2
        elif fs.is_dir(full) and "-d" not in flags:
            dirs.append(p)
        else:
            files.append(p)
    listing: list[str] = []
    for p in sorted(files):
        listing.append(_long(fs, normalize(p, cwd), p) if long else p)
    for i, p in enumerate(sorted(dirs)):
        full = normalize(p, cwd)
        if len(paths) > 1:
            if listing or i:
                listing.append("")
            listing.append(f"{p}:")
        names = fs.listdir(full)
        if show_all:
            names = [".", "..", *names]
        if not show_all and not almost_all:
            names = [n for n in names if not n.startswith(".")]
        names = sorted(names)
        if long:
            listing.append(f"total {4 * len(names)}")
            listing += [_long(fs, posixpath.join(full, n), n) for n in names]
        else:
            listing += names
    if listing and ("-C" in flags) and not long:
        listing = _columns(listing)
    if listing:
        chunks += out("\n".join(listing))
    return code, chunks


def _columns(entries: list[str], width: int = 80) -> list[str]:
    """GNU ls -C: fill columns top to bottom, as many as fit in ``width``."""
    blocks: list[list[str]] = [[]]
    for e in entries:
        if e == "":
            blocks.append([])
        else:
            blocks[-1].append(e)
    lines: list[str] = []
    for n, block in enumerate(blocks):
        if n:
            lines.append("")
        heads = [e for e in block if e.endswith(":")]
        names = [e for e in block if not e.endswith(":")]
        lines += heads
        if not names:
            continue
        best = [names]
        for cols in range(len(names), 0, -1):
            rows = -(-len(names) // cols)
            grid = [names[c * rows : (c + 1) * rows] for c in range(cols)]
            grid = [g for g in grid if g]
            widths = [max(len(x) for x in g) + 2 for g in grid]
            if sum(widths[:-1]) + max(len(x) for x in grid[-1]) < width:
                best = grid
                break
        rows = len(best[0])
        for r in range(rows):
            cells = [g[r] for g in best if r < len(g)]
            widths = [max(len(x) for x in g) + 2 for g in best]
            lines.append(
                "".join(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=False)) + cells[-1]
            )
    return lines


def _long(fs: object, path: str, shown: str) -> str:
    from ..model.fs import FileSystem

    assert isinstance(fs, FileSystem)
    node = fs.node(path) if fs.lexists(path) else fs.lookup(path)
    user = "ana"
    if isinstance(node, Symlink):
        return f"lrwxrwxrwx 1 {user} {user} {len(node.target):>4} Nov 24 09:00 {shown} -> {node.target}"
    if isinstance(node, Dir) or node is None:
        return f"drwxr-xr-x 2 {user} {user} 4096 Nov 24 09:00 {shown}"
    if isinstance(node, Binary):
        return f"-rwxr-xr-x 1 root root 6.9M Nov 24 09:00 {shown}"
    assert isinstance(node, File)
    mode = "-rwxr-xr-x" if node.executable else "-rw-r--r--"
    return f"{mode} 1 {user} {user} {len(node.text.encode()):>4} Nov 24 09:00 {shown}"


def cat(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    _, paths = _flags(args[1:])
    if not paths and ctx.tty_in and ctx.keyboard is not None:
        return 0, _echo_keyboard(ctx)
    if not paths:
        return 0, [(1, stdin)] if stdin else []
    chunks: Chunks = []
    code = 0
    for p in paths:
        try:
            text = ctx.world.fs.read(normalize(p, ctx.world.shell.cwd))
        except FsError as e:
            chunks += err(f"cat: {p}: {e.reason}")
            code = 1
            continue
        if text:
            chunks.append((1, text))
    return code, chunks


def _echo_keyboard(ctx: Ctx) -> Chunks:
    """``cat`` at a terminal: each line typed comes back once Enter is pressed, until Ctrl-D."""
    read = stdin_reader(ctx, "")
    chunks: Chunks = []
    for _ in range(MAX_TYPED_LINES):
        line = read("".join(t for _, t in chunks))
        if line is None:
            break
        chunks.append((1, line + "\n"))
    return chunks


def typed(ctx: Ctx, stdin: str) -> str:
    """A tool's standard input: what was piped in, or at a terminal what is typed until Ctrl-D."""
    if not (ctx.tty_in and ctx.keyboard is not None):
        return stdin
    read = stdin_reader(ctx, "")
    lines = []
    for _ in range(MAX_TYPED_LINES):
        line = read("")
        if line is None:
            break
        lines.append(line + "\n")
    return "".join(lines)


def mkdir(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    flags, paths = _flags(args[1:])
    if not paths:
        return 1, err("mkdir: missing operand\nTry 'mkdir --help' for more information.")
    parents = "-p" in flags or "--parents" in flags
    code = 0
    chunks: Chunks = []
    for p in paths:
        full = normalize(p, ctx.world.shell.cwd)
        try:
            ctx.world = ctx.world.with_fs(ctx.world.fs.mkdir(full, parents=parents))
        except FsError as e:
            chunks += err(f"mkdir: cannot create directory ‘{p}’: {e.reason}")
            code = 1
    return code, chunks


def rm(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    flags, paths = _flags(args[1:])
    recursive = bool(flags & {"-r", "-R", "--recursive"})
    force = "-f" in flags or "--force" in flags
    if not paths:
        if force:
            return 0, []
        return 1, err("rm: missing operand\nTry 'rm --help' for more information.")
    code = 0
    chunks: Chunks = []
    for p in paths:
        full = normalize(p, ctx.world.shell.cwd)
        fs = ctx.world.fs
        if not fs.lexists(full):
            if not force:
                chunks += err(f"rm: cannot remove '{p}': No such file or directory")
                code = 1
            continue
        if fs.is_dir(full) and not isinstance(fs.node(full), Symlink) and not recursive:
            chunks += err(f"rm: cannot remove '{p}': Is a directory")
            code = 1
            continue
        ctx.world = ctx.world.with_fs(fs.remove(full, recursive=True))
        ctx.events.append({"event": "removed", "path": full})
    return code, chunks


def _into(fs: object, src: str, dst: str) -> str:
    from ..model.fs import FileSystem

    assert isinstance(fs, FileSystem)
    if fs.is_dir(dst):
        return posixpath.join(dst, posixpath.basename(src.rstrip("/")))
    return dst


def cp(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    flags, paths = _flags(args[1:])
    recursive = bool(flags & {"-r", "-R", "-a", "--recursive"})
    if len(paths) < 2:
        return 1, err(
            f"cp: missing destination file operand after '{paths[0]}'\nTry 'cp --help' "
            "for more information."
            if paths
            else "cp: missing file operand\nTry 'cp --help' for more information."
        )
    cwd = ctx.world.shell.cwd
    *sources, dest = paths
    code = 0
    chunks: Chunks = []
    for s in sources:
        fs = ctx.world.fs
        full = normalize(s, cwd)
        if not fs.exists(full):
            chunks += err(f"cp: cannot stat '{s}': No such file or directory")
            code = 1
            continue
        if fs.is_dir(full) and not recursive:
            chunks += err(f"cp: -r not specified; omitting directory '{s}'")
            code = 1
            continue
        target = _into(fs, full, normalize(dest, cwd))
        try:
            if fs.is_dir(full):
                ctx.world = ctx.world.with_fs(fs.copy(full, target))
            else:
                node = fs.lookup(full)
                executable = isinstance(node, File) and node.executable
                ctx.world = ctx.world.with_fs(
                    fs.write(target, fs.read(full), executable=executable)
                )
        except FsError as e:
            chunks += err(f"cp: cannot create regular file '{dest}': {e.reason}")
            code = 1
            continue
        ctx.events.append({"event": "copied", "from": full, "to": target})
    return code, chunks


def mv(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    _, paths = _flags(args[1:])
    if len(paths) < 2:
        return 1, err("mv: missing file operand\nTry 'mv --help' for more information.")
    cwd = ctx.world.shell.cwd
    *sources, dest = paths
    code = 0
    chunks: Chunks = []
    for s in sources:
        fs = ctx.world.fs
        full = normalize(s, cwd)
        if not fs.lexists(full):
            chunks += err(f"mv: cannot stat '{s}': No such file or directory")
            code = 1
            continue
        target = _into(fs, full, normalize(dest, cwd))
        if target == full or target.startswith(full + "/"):
            chunks += err(f"mv: cannot move '{s}' to a subdirectory of itself, '{dest}'")
            code = 1
            continue
        try:
            ctx.world = ctx.world.with_fs(fs.move(full, target))
        except FsError as e:
            chunks += err(f"mv: cannot move '{s}' to '{dest}': {e.reason}")
            code = 1
            continue
        ctx.events.append({"event": "moved", "from": full, "to": target})
    return code, chunks


def touch(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    _, paths = _flags(args[1:])
    for p in paths:
        full = normalize(p, ctx.world.shell.cwd)
        if not ctx.world.fs.exists(full):
            try:
                ctx.world = ctx.world.with_fs(ctx.world.fs.write(full, ""))
            except FsError as e:
                return 1, err(f"touch: cannot touch '{p}': {e.reason}")
    return 0, []


def find_all(world: object, name: str) -> list[str | None]:
    """Every match of ``name`` along ``PATH`` (``which -a``)."""
    from ..model.world import World

    assert isinstance(world, World)
    found: list[str | None] = []
    for folder in world.shell.env.get("PATH", "").split(":"):
        folder = normalize(folder or ".", world.shell.cwd)
        candidate = posixpath.join(folder, name)
        node = world.fs.lookup(candidate)
        if (isinstance(node, Binary) or (isinstance(node, File) and node.executable)) and \
                candidate not in found:
            found.append(candidate)
    return found


def which(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    from .run import find_command

    flags, names = _flags(args[1:])
    code = 0
    chunks: Chunks = []
    for n in names:
        paths = find_all(ctx.world, n) if "-a" in flags else [find_command(ctx.world, n)]
        found = [p for p in paths if p is not None]
        if not found:
            code = 1
        for p in found:
            chunks += out(p)
    return code, chunks


def _input(ctx: Ctx, paths: list[str], stdin: str, tool: str) -> tuple[str, Chunks, int]:
    if not paths:
        return typed(ctx, stdin), [], 0
    text, chunks, code = "", [], 0
    for p in paths:
        try:
            text += ctx.world.fs.read(normalize(p, ctx.world.shell.cwd))
        except FsError as e:
            chunks += err(f"{tool}: {p}: {e.reason}")
            code = 1
    return text, chunks, code


def head(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    return _slice(ctx, args, stdin, "head")


def tail(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    return _slice(ctx, args, stdin, "tail")


def _slice(ctx: Ctx, args: list[str], stdin: str, tool: str) -> tuple[int, Chunks]:
    count = 10
    rest = []
    i = 1
    while i < len(args):
        a = args[i]
        if a == "-n" and i + 1 < len(args):
            count = int(args[i + 1]) if args[i + 1].lstrip("-").isdigit() else 10
            i += 2
            continue
        if a.startswith("-") and a[1:].isdigit():
            count = int(a[1:])
        else:
            rest.append(a)
        i += 1
    if len(rest) > 1:
        chunks_all: Chunks = []
        code_all = 0
        for n, f in enumerate(rest):
            text, chunks, code = _input(ctx, [f], "", tool)
            code_all = code_all or code
            if chunks:
                chunks_all += chunks
                continue
            lines = text.splitlines(keepends=True)
            picked = lines[:count] if tool == "head" else lines[-count:] if count else []
            chunks_all.append((1, ("\n" if n else "") + f"==> {f} <==\n" + "".join(picked)))
        return code_all, chunks_all
    text, chunks, code = _input(ctx, rest, stdin, tool)
    lines = text.splitlines(keepends=True)
    picked = lines[:count] if tool == "head" else lines[-count:] if count else []
    return code, chunks + ([(1, "".join(picked))] if picked else [])


def bre_to_python(pattern: str, extended: bool) -> str:
    """GNU grep's pattern syntax (basic or -E) as a Python regular expression."""
    import re

    if extended:
        return pattern
    out = ""
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            nxt = pattern[i + 1]
            out += {"|": "|", "(": "(", ")": ")", "+": "+", "?": "?", "{": "{", "}": "}"}.get(
                nxt, "\\" + nxt
            )
            i += 2
            continue
        out += re.escape(ch) if ch in "()|+?{}" else ch
        i += 1
    return out


def grep(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    import re

    flags, rest = _flags(args[1:])
    if not rest:
        return 2, err(
            "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information."
        )
    pattern, files = rest[0], rest[1:]
    try:
        rx = re.compile(
            bre_to_python(pattern, "-E" in flags), re.IGNORECASE if "-i" in flags else 0
        )
    except re.error:
        return 2, err("grep: Unmatched ( or \\(")
    sources: list[tuple[str | None, str]] = [(None, typed(ctx, stdin))] if not files else []
    chunks: Chunks = []
    code = 0
    for f in files:
        try:
            sources.append((f, ctx.world.fs.read(normalize(f, ctx.world.shell.cwd))))
        except FsError as e:
            chunks += err(f"grep: {f}: {e.reason}")
            code = 2
    hits_total = 0
    lines_out: list[str] = []
    for name, text in sources:
        count = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if bool(rx.search(line)) == ("-v" in flags):
                continue
            count += 1
            prefix = f"{name}:" if name is not None and len(files) > 1 else ""
            if "-n" in flags:
                prefix += f"{number}:"
            if "-c" in flags:
                continue  # -c prints only the count
            if "-o" in flags and "-v" not in flags:
                lines_out += [prefix + m.group(0) for m in rx.finditer(line) if m.group(0)]
            else:
                lines_out.append(prefix + line)
        if "-c" in flags:
            lines_out.append((f"{name}:" if name and len(files) > 1 else "") + str(count))
        hits_total += count
    if "-q" not in flags and lines_out:
        chunks.insert(0, (1, "\n".join(lines_out) + "\n"))
    if code:
        return 2, chunks
    return (0 if hits_total else 1), chunks


def find(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    paths: list[str] = []
    i = 1
    while i < len(args) and not args[i].startswith("-"):
        paths.append(args[i])
        i += 1
    maxdepth, name, kind = 10**6, None, None
    while i < len(args):
        a = args[i]
        value = args[i + 1] if i + 1 < len(args) else ""
        if a == "-maxdepth":
            maxdepth = int(value) if value.isdigit() else maxdepth
        elif a == "-name":
            name = value
        elif a == "-type":
            kind = value
        i += 2
    import fnmatch

    fs = ctx.world.fs
    chunks: Chunks = []
    code = 0
    found: list[str] = []
    for p in paths or ["."]:
        full = normalize(p, ctx.world.shell.cwd)
        if not fs.lexists(full):
            chunks += err(f"find: ‘{p}’: No such file or directory")
            code = 1
            continue
        base_depth = full.rstrip("/").count("/") if full != "/" else 0
        for path in fs.walk(full):
            depth = (path.count("/") - base_depth) if path != full else 0
            if depth > maxdepth:
                continue
            shown = p + path[len(full) :] if path != full else p
            node = fs.node(path)
            if name and not fnmatch.fnmatch(posixpath.basename(path), name):
                continue
            if kind == "f" and not isinstance(node, (File, Binary)):
                continue
            if kind == "d" and not isinstance(node, Dir):
                continue
            if kind == "l" and not isinstance(node, Symlink):
                continue
            found.append(shown)
    if found:
        chunks.insert(0, (1, "\n".join(found) + "\n"))
    return code, chunks


def diff(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    import difflib

    _, files = _flags(args[1:])
    if len(files) != 2:
        return 2, err(
            "diff: missing operand after 'diff'\ndiff: Try 'diff --help' for more information."
        )
    texts = []
    for f in files:
        try:
            texts.append(ctx.world.fs.read(normalize(f, ctx.world.shell.cwd)).splitlines())
        except FsError as e:
            return 2, err(f"diff: {f}: {e.reason}")
    a, b = texts
    if a == b:
        return 0, []
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)

    def rng(lo: int, hi: int) -> str:
        return str(lo + 1) if hi - lo == 1 else f"{lo + 1},{hi}" if hi > lo else str(lo)

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        op = {"replace": "c", "delete": "d", "insert": "a"}[tag]
        left = rng(i1, i2) if tag != "insert" else str(i1)
        right = rng(j1, j2) if tag != "delete" else str(j1)
        lines.append(f"{left}{op}{right}")
        lines += [f"< {x}" for x in a[i1:i2]]
        if tag == "replace":
            lines.append("---")
        lines += [f"> {x}" for x in b[j1:j2]]
    return 1, out("\n".join(lines))


CUT_HELP = "Try 'cut --help' for more information."


def cut(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    chars = fields = None
    delim = "\t"
    files = []
    i = 1
    while i < len(args):
        a = args[i]
        if a[:2] in ("-c", "-f", "-d"):
            if not a[2:] and i + 1 == len(args):  # as GNU cut says it
                return 1, err(f"cut: option requires an argument -- '{a[1]}'\n{CUT_HELP}")
            value = a[2:] or args[i + 1]
            i += 1 if a[2:] else 2
            if a[1] == "c":
                chars = value
            elif a[1] == "f":
                fields = value
            else:
                delim = value
            continue
        files.append(a)
        i += 1
    spec = chars or fields or "1-"
    for part in spec.split(","):
        bad = next((n for n in part.split("-", 1) if not n.isdigit() and n), None)
        if bad is not None:
            what = "byte/character position" if chars else "field value"
            return 1, err(f"cut: invalid {what} ‘{bad}’\n{CUT_HELP}")
    text, chunks, code = _input(ctx, files, stdin, "cut")

    def picks(n: int) -> list[int]:
        got: list[int] = []
        for part in spec.split(","):
            lo, dash, hi = part.partition("-")
            start = int(lo) if lo else 1
            end = (int(hi) if hi else n) if dash else start
            got += list(range(start, min(end, n) + 1))
        return got

    out_lines = []
    for line in text.splitlines():
        if chars is not None:
            out_lines.append("".join(line[k - 1] for k in picks(len(line))))
        else:
            parts = line.split(delim)
            out_lines.append(delim.join(parts[k - 1] for k in picks(len(parts))))
    return code, chunks + (out("\n".join(out_lines)) if out_lines else [])


def wc(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    flags, rest = _flags(args[1:])
    picks = [f for f in ("-l", "-w", "-c") if f in flags] or ["-l", "-w", "-c"]

    def counts(text: str) -> list[int]:
        every = {"-l": text.count("\n"), "-w": len(text.split()), "-c": len(text.encode())}
        return [every[f] for f in picks]

    if not rest:
        values = counts(typed(ctx, stdin))
        width = 1 if len(values) == 1 else 7
        return 0, out(" ".join(str(v).rjust(width) for v in values))
    texts: list[str | FsError] = []
    for f in rest:
        try:
            texts.append(ctx.world.fs.read(normalize(f, ctx.world.shell.cwd)))
        except FsError as e:
            texts.append(e)
    # GNU wc pads to the digits of the files' total size (none for one count of one file).
    total_bytes = sum(len(t.encode()) for t in texts if isinstance(t, str))
    width = len(str(total_bytes)) if len(rest) > 1 or len(picks) > 1 else 1

    def row(values: list[int], name: str) -> Chunks:
        return out(" ".join(str(v).rjust(width) for v in values) + f" {name}")

    chunks: Chunks = []
    sums = [0] * len(picks)
    for f, t in zip(rest, texts, strict=True):
        if isinstance(t, FsError):
            chunks += err(f"wc: {f}: {t.reason}")
            continue
        values = counts(t)
        sums = [a + b for a, b in zip(sums, values, strict=True)]
        chunks += row(values, f)
    if len(rest) > 1:
        chunks += row(sums, "total")
    return (1 if any(isinstance(t, FsError) for t in texts) else 0), chunks


def uname(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """Only the fields that are the same on every Linux machine: -s, -m, -o (and -n: the host)."""
    flags, rest = _flags(args[1:])
    if rest:
        return 1, err(f"uname: extra operand '{rest[0]}'\nTry 'uname --help' for more information.")
    fields = {"-s": "Linux", "-n": layout.HOST, "-m": "x86_64", "-o": "GNU/Linux"}
    picked = [v for k, v in fields.items() if k in flags] or ["Linux"]
    return 0, out(" ".join(picked))


def sort(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    _, rest = _flags(args[1:])
    text, chunks, code = _input(ctx, rest, stdin, "sort")
    lines = sorted(text.splitlines(keepends=True))
    return code, chunks + ([(1, "".join(lines))] if lines else [])


def readlink(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    flags, rest = _flags(args[1:])
    chunks: Chunks = []
    code = 0
    fs = ctx.world.fs
    for p in rest:
        full = normalize(p, ctx.world.shell.cwd)
        if "-f" in flags:
            try:
                chunks += out(fs.resolve(full))
            except FsError:
                code = 1
            continue
        node = fs.node(full)
        if isinstance(node, Symlink):
            chunks += out(node.target)
        else:
            code = 1
    return code, chunks


def env(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    shell = ctx.world.shell
    exported = {k: v for k, v in shell.env.items() if k not in shell.unexported}
    return 0, out("\n".join(f"{k}={v}" for k, v in sorted(exported.items())))


def clear(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """ncurses' ``clear``: the terminal's clear sequence, which it needs ``TERM`` to know."""
    shell = ctx.world.shell
    term = shell.env.get("TERM", "") if "TERM" not in shell.unexported else ""
    if not term:
        return 1, err("TERM environment variable not set.")
    return 0, [(1, "\x1b[H\x1b[2J\x1b[3J")]


def rmdir(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    _, paths = _flags(args[1:])
    for p in paths:
        full = normalize(p, ctx.world.shell.cwd)
        fs = ctx.world.fs
        if not fs.is_dir(full):
            return 1, err(f"rmdir: failed to remove '{p}': No such file or directory")
        if fs.listdir(full):
            return 1, err(f"rmdir: failed to remove '{p}': Directory not empty")
        ctx.world = ctx.world.with_fs(fs.remove(full, recursive=True))
    return 0, []


def bash(ctx: Ctx, args: list[str], stdin: str) -> tuple[int, Chunks]:
    """``bash -c LINE`` / ``sh -c LINE``: a child shell; its cd and activate do not come back."""
    from .run import run_line

    shell_name = args[0].rsplit("/", 1)[-1]
    if len(args) < 3 or args[1] != "-c":
        return 0, []
    child = ctx.world.with_shell(replace(ctx.world.shell, status=0))
    result = run_line(child, args[2], interactive=False)
    ctx.world = ctx.world.with_fs(result.world.fs)
    ctx.events += result.events
    chunks: Chunks = []
    for stream, text in result.chunks:
        if stream == 2 and text.startswith("bash: "):
            rest = text[len("bash: ") :]
            if shell_name == "sh":
                rest = rest.replace(": command not found", ": not found")
                rest = rest.replace(": cannot execute: required file not found", ": not found")
                text = "sh: 1: " + rest
            else:
                text = "bash: line 1: " + rest
        chunks.append((stream, text))
    return result.code, chunks


TOOLS = {
    "ls": ls,
    "cat": cat,
    "mkdir": mkdir,
    "rm": rm,
    "cp": cp,
    "mv": mv,
    "touch": touch,
    "which": which,
    "head": head,
    "tail": tail,
    "grep": grep,
    "wc": wc,
    "readlink": readlink,
    "env": env,
    "clear": clear,
    "rmdir": rmdir,
    "sort": sort,
    "bash": bash,
    "sh": bash,
    "find": find,
    "diff": diff,
    "cut": cut,
    "uname": uname,
}
