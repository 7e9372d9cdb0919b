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
        "global_title": "Global Python",
        "global_sub": "one site-packages shared by every project",
        "venvs_title": "Virtual environments",
        "venvs_sub": "one venv per project, each with its own packages",
        "base_sub": "base interpreter",
        "graph_title": "Dependencies: projects → packages → packages",
        "timeline_title": "Step by step",
        "site_shared": "site-packages (shared)",
        "user_site": "user site",
        "empty": "(empty)",
        "needs": "needs",
        "has": "has",
        "missing": "missing",
        "requires": "requires",
        "no_venv": "no venv · runs on the global Python",
        "no_project": "venv without a project",
        "own_venv": "uses its own venv · shown without it",
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
    },
    "es": {
        "project": "Proyecto",
        "global_title": "Python global",
        "global_sub": "un solo site-packages compartido por todos los proyectos",
        "venvs_title": "Entornos virtuales",
        "venvs_sub": "un venv por proyecto, cada uno con sus propios paquetes",
        "base_sub": "intérprete base",
        "graph_title": "Dependencias: proyectos → paquetes → paquetes",
        "timeline_title": "Paso a paso",
        "site_shared": "site-packages (compartido)",
        "user_site": "site de usuario",
        "empty": "(vacío)",
        "needs": "necesita",
        "has": "tiene",
        "missing": "falta",
        "requires": "requiere",
        "no_venv": "sin venv · usa el Python global",
        "no_project": "venv sin proyecto",
        "own_venv": "usa su propio venv · aquí sin él",
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
