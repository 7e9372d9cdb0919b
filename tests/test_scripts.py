"""Console scripts: the sandbox's real packages get their real commands (declined when run),
and the simulated install holds the same files as the verifier's wheel.

What pip and uv print and write for commands is held against real recordings in
tests/cases/scripts_pip.toml and scripts_uv.toml."""

from __future__ import annotations

from simulator.classroom.machines import spec
from simulator.model.entrypoints import launcher_target
from simulator.model.index import Release
from simulator.model.wheelfile import release_members
from simulator.model.world import World, build, release_files
from simulator.shell.run import run_line


def _run(world: World, line: str) -> tuple[World, int, str]:
    done = run_line(world, line)
    return done.world, done.code, done.output


def test_real_package_command_is_installed_found_and_declined() -> None:
    world = build(spec("default"))
    world, code, shown = _run(world, "flask")
    assert (code, shown) == (127, "bash: flask: command not found\n")
    world, code, _ = _run(world, "python3 -m venv .venv && source .venv/bin/activate && "
                                 "pip install -q flask")
    assert code == 0
    world, code, shown = _run(world, "which flask && ls .venv/bin | grep -c flask")
    assert (code, shown) == (0, "/home/ana/.venv/bin/flask\n1\n")
    world, code, shown = _run(world, "flask --version")
    assert code == 2
    assert shown == "venvsim: the command 'flask' (flask.cli:main) is not simulated\n"


def test_real_release_gets_no_invented_code() -> None:
    flask = next(r for r in spec("default").releases if r.key == "flask")
    assert flask.scripts == (("flask", "flask.cli:main"),) and not flask.invented
    site = "/e/lib/python3.11/site-packages"
    files = release_files(site, flask, python="/e/bin/python")
    assert f"{site}/flask/cli.py" not in files and "/e/bin/flask" in files


def test_simulated_install_holds_the_wheels_module_files() -> None:
    rel = Release("painter", "1.0", scripts=(("paint", "painter:main"), ("tint", "painter.cli:go")))
    members, info = release_members(rel)
    installed = release_files("/s", rel)
    for path, data in members:
        if not path.endswith("/RECORD") and path != f"{info}/WHEEL":
            assert installed[f"/s/{path}"].text == data.decode(), path  # type: ignore[union-attr]


def test_edited_module_declines_instead_of_guessing() -> None:
    index = "[index]\nlibcolor = [{ version = '2.0', scripts = { color = 'libcolor:main' } }]\n"
    from simulator.scenario import loads

    world = build(loads(index).spec)
    world, code, _ = _run(world, "python3 -m venv v && v/bin/pip install -q libcolor && v/bin/color")
    assert code == 0
    world, code, shown = _run(world, "echo 'x = 1' > v/lib/python3.11/site-packages/libcolor/__init__.py"
                                     " && v/bin/color")
    assert (code, shown) == (2, "venvsim: the command 'color' (libcolor:main) is not simulated\n")
    assert launcher_target("#!/x\nimport sys\nprint(1)\n") is None


def test_pipx_declines_a_package_with_commands() -> None:
    world = build(spec("debian13"))
    world, code, _ = _run(world, "sudo apt-get install -y -q pipx")
    assert code == 0
    world, code, shown = _run(world, "pipx install flask")
    assert code == 2 and shown.count("\n") == 1 and "not simulated" in shown


def test_tilde_in_assignment_words_as_bash_expands_it() -> None:
    # what bash 5.2 printed for this line with HOME=/home/ana
    world = build(spec("default"))
    line = ("echo PATH=~/a:~/b:~ x=~ a~ =~ 'P=~' P=\\~ P=\"~\" 9=~ P=$HOME:~/c P=x\\:~/d; "
            "Q=a:~/q; echo $Q")
    _, code, shown = _run(world, line)
    assert (code, shown) == (0, "PATH=/home/ana/a:/home/ana/b:/home/ana x=/home/ana a~ =~ P=~ P=~ "
                                "P=~ 9=~ P=/home/ana:/home/ana/c P=x:~/d\na:/home/ana/q\n")
