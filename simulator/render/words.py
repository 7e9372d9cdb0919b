"""The words on the pictures, in Spanish and English: data, one dict per language.

>>> word("es", "project")
'Proyecto'
>>> need_text("en", "libcolor<2", "3.0")
'needs libcolor<2 · has 3.0'
"""

from __future__ import annotations

LANGS = ("es", "en")

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "project": "Project",
        "projects": "Projects",
        "venvs_sub_shared": "projects without a venv of their own run on the active one",
        "global_title": "Global Python",
        "global_sub": "one site-packages shared by every project",
        "global_sub_debian": "Debian: apt's, sudo pip's and the user's folders, shared by every project",
        "venvs_title": "Virtual environments",
        "venvs_sub": "one venv per project, each with its own packages",
        "base_sub": "base interpreter",
        "graph_title": "Dependencies",
        "graph_sub": "projects → the packages they import → the packages those require",
        "timeline_title": "Step by step",
        "steps_from": "steps {a} to {b}",
        "exit": "exit {code}",
        "site_shared": "site-packages (shared)",
        "user_site": "user site",
        "empty": "(empty)",
        "needs": "needs",
        "has": "has",
        "missing": "missing",
        "requires": "requires",
        "no_venv": "no venv · runs on the global Python",
        "no_project": "venv without a project",
        "inherited": "inherited (--system-site-packages)",
        "base": "base",
        "more": "+{n} more",
        "more_projects": "+{n} more projects",
        "step": "Step {n} of {total}",
        "start": "Start",
        "works": "works",
        "broke": "broken",
        "created": "created",
        "removed": "removed",
        "nothing": "no change",
        "runs_on": "runs on",
        "shared_interpreter": "Python {minor} · {exe}",
        "venv_box": "{name} · Python {minor}",
        "with_global": "with the global Python",
        "managed": "EXTERNALLY-MANAGED (PEP 668): pip refuses to install here",
        "half_made": "✗ half made: no pip, no bin/activate",
        "half_made_why": "venv stopped: ensurepip missing (apt install python3-venv)",
        "runs_here": "▶ the shell's {cmds} run from here now",
        "hidden": "hidden by the venv's own copy",
        "stale_head": "✗ moved or copied: its files name another folder",
        "stale_shebang": "✗ {file}: #! names {target}",
        "stale_activate": "✗ {file} sets VIRTUAL_ENV={target}",
        "stale_link": "✗ {file} → {target}: no such file",
        "on_venv": "runs on {venv}",
        "uv_lock": "uv.lock pins {pins}",
        "on_active": "runs on {venv} (active)",
        "on_venv_as_global": "runs on {venv}\nhere: as the global Python sees it",
        "on_active_as_global": "runs on {venv} (active)\nhere: as the global Python sees it",
        "no_venvs": "no virtual environments",
        "path_title": "How the shell finds python and pip",
        "path_sub": "bash looks in PATH's folders in order; the first hit runs",
        "path_runs": "$ {cmd}  →  {path}",
        "path_missing": "(no such folder)",
        "path_none": "(neither python nor pip here)",
        "path_first": "first hit: runs",
        "path_later": "later on PATH: not run",
        "path_notfound": "$ {cmd}  →  command not found",
        "path_active": "VIRTUAL_ENV={venv}: activate put {bin} in front",
        "path_inactive": "no venv active: PATH is the system's",
        "path_moved": "that folder is gone: the venv whose activate says so now lies in {venv}",
        "anatomy_title": "Inside a virtual environment",
        "anatomy_sub": "a folder: a config file, links and scripts in bin/, its own site-packages",
        "anatomy_home": "home: the base Python it was made from",
        "anatomy_site": "its own packages",
        "anatomy_none": "there is no virtual environment to look inside",
        "anatomy_ok": "✓ every #! names this folder",
        "empty_venv": "(only pip)",
    },
    "es": {
        "project": "Proyecto",
        "projects": "Proyectos",
        "venvs_sub_shared": "los proyectos sin venv propio usan el que está activo",
        "global_title": "Python global",
        "global_sub": "un solo site-packages compartido por todos los proyectos",
        "global_sub_debian": "Debian: carpetas de apt, de sudo pip y del usuario, compartidas por todos",
        "venvs_title": "Entornos virtuales",
        "venvs_sub": "un venv por proyecto, cada uno con sus propios paquetes",
        "base_sub": "intérprete base",
        "graph_title": "Dependencias",
        "graph_sub": "proyectos → los paquetes que importan → los paquetes que estos piden",
        "timeline_title": "Paso a paso",
        "steps_from": "pasos {a} a {b}",
        "exit": "código {code}",
        "site_shared": "site-packages (compartido)",
        "user_site": "site de usuario",
        "empty": "(vacío)",
        "needs": "necesita",
        "has": "tiene",
        "missing": "falta",
        "requires": "requiere",
        "no_venv": "sin venv · usa el Python global",
        "no_project": "venv sin proyecto",
        "inherited": "heredado (--system-site-packages)",
        "base": "base",
        "more": "+{n} más",
        "more_projects": "+{n} proyectos más",
        "step": "Paso {n} de {total}",
        "start": "Inicio",
        "works": "funciona",
        "broke": "roto",
        "created": "creado",
        "removed": "quitado",
        "nothing": "sin cambios",
        "runs_on": "usa",
        "shared_interpreter": "Python {minor} · {exe}",
        "venv_box": "{name} · Python {minor}",
        "with_global": "con el Python global",
        "managed": "EXTERNALLY-MANAGED (PEP 668): pip se niega a instalar aquí",
        "half_made": "✗ a medio hacer: sin pip ni bin/activate",
        "half_made_why": "venv se paró: falta ensurepip (apt install python3-venv)",
        "runs_here": "▶ ahora la shell ejecuta {cmds} desde aquí",
        "hidden": "tapado por la copia propia del venv",
        "stale_head": "✗ movido o copiado: sus ficheros nombran otra carpeta",
        "stale_shebang": "✗ {file}: el #! nombra {target}",
        "stale_activate": "✗ {file} pone VIRTUAL_ENV={target}",
        "stale_link": "✗ {file} → {target}: no existe",
        "on_venv": "usa {venv}",
        "uv_lock": "uv.lock fija {pins}",
        "on_active": "usa {venv} (activo)",
        "on_venv_as_global": "usa {venv}\naquí: como lo ve el Python global",
        "on_active_as_global": "usa {venv} (activo)\naquí: como lo ve el Python global",
        "no_venvs": "ningún entorno virtual",
        "path_title": "Cómo encuentra la shell python y pip",
        "path_sub": "bash mira las carpetas de PATH en orden; se ejecuta la primera que lo tiene",
        "path_runs": "$ {cmd}  →  {path}",
        "path_missing": "(no existe esa carpeta)",
        "path_none": "(aquí no hay python ni pip)",
        "path_first": "primero: se ejecuta",
        "path_later": "más adelante en PATH: no se ejecuta",
        "path_notfound": "$ {cmd}  →  orden no encontrada",
        "path_active": "VIRTUAL_ENV={venv}: activate puso {bin} delante",
        "path_inactive": "ningún venv activo: PATH es el del sistema",
        "path_moved": "esa carpeta ya no existe: el venv cuyo activate lo dice está ahora en {venv}",
        "anatomy_title": "Dentro de un entorno virtual",
        "anatomy_sub": ("una carpeta: un fichero de configuración, enlaces y scripts en bin/, "
                        "su propio site-packages"),
        "anatomy_home": "home: el Python base del que se creó",
        "anatomy_site": "sus propios paquetes",
        "anatomy_none": "no hay ningún entorno virtual que mirar por dentro",
        "anatomy_ok": "✓ todos los #! nombran esta carpeta",
        "empty_venv": "(solo pip)",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    """One phrase in ``lang``, with ``{placeholders}`` filled in."""
    text = WORDS[lang][key]
    return text.format(**values) if values else text


def need_text(lang: str, requirement: str, found: str | None) -> str:
    """``needs libcolor<2 · has 3.0`` (as ``Need.reason`` says it), in ``lang``."""
    have = f"{word(lang, 'has')} {found}" if found is not None else word(lang, "missing")
    return f"{word(lang, 'needs')} {requirement} · {have}"


def requires_text(lang: str, dist: str, requirement: str, found: str | None) -> str:
    """``appa 1.0 requires libcolor<2 · has 3.0``, as ``pip check`` finds it."""
    have = f"{word(lang, 'has')} {found}" if found is not None else word(lang, "missing")
    return f"{dist} {word(lang, 'requires')} {requirement} · {have}"
