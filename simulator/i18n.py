"""Every interface string in Spanish and English, and how the language is chosen.

>>> t("step", "es", n=2, total=5)
'Paso 2 de 5'
>>> language(None, {"LANG": "es_AR.UTF-8"})
'es'
"""

from __future__ import annotations

import os
from collections.abc import Mapping

STRINGS: dict[str, dict[str, str]] = {
    "step": {"es": "Paso {n} de {total}", "en": "Step {n} of {total}"},
    "objectives": {"es": "Objetivos", "en": "Objectives"},
    "level": {"es": "Nivel", "en": "Level"},
    "minutes": {"es": "{n} min", "en": "{n} min"},
    "beginner": {"es": "inicial", "en": "beginner"},
    "intermediate": {"es": "intermedio", "en": "intermediate"},
    "advanced": {"es": "avanzado", "en": "advanced"},
    "keys_start": {"es": "Enter: empezar · q: salir", "en": "Enter: start · q: quit"},
    "keys_predict": {"es": "¿Qué creéis que pasará?  Enter: ejecutar · b: atrás · q: salir",
                     "en": "What do you think will happen?  Enter: run it · b: back · q: quit"},
    "keys_after": {"es": "Enter: seguir · b: atrás · q: salir", "en": "Enter: go on · b: back · q: quit"},
    "keys_more": {"es": "▼ sigue: Enter · b: atrás · q: salir", "en": "▼ more: Enter · b: back · q: quit"},
    "keys_end": {"es": "Enter: terminar · b: atrás", "en": "Enter: finish · b: back"},
    "terminal": {"es": "terminal", "en": "terminal"},
    "exit_code": {"es": "código de salida {code}", "en": "exit code {code}"},
    "changed": {"es": "Qué cambió", "en": "What changed"},
    "nothing_changed": {"es": "nada cambió en los entornos", "en": "nothing changed in the environments"},
    "installed_in": {"es": "instalado {name} {version} en {prefix}",
                     "en": "installed {name} {version} in {prefix}"},
    "uninstalled_from": {"es": "desinstalado {name} {version} de {prefix}",
                         "en": "uninstalled {name} {version} from {prefix}"},
    "venv_created": {"es": "creado el entorno virtual {prefix} (Python {python})",
                     "en": "created the virtual environment {prefix} (Python {python})"},
    "activated": {"es": "activado {venv}", "en": "activated {venv}"},
    "deactivated": {"es": "desactivado el entorno virtual", "en": "deactivated the virtual environment"},
    "moved": {"es": "movido {src} → {dst}", "en": "moved {src} → {dst}"},
    "copied": {"es": "copiado {src} → {dst}", "en": "copied {src} → {dst}"},
    "removed": {"es": "borrado {path}", "en": "removed {path}"},
    "check_ok": {"es": "✓ se cumple lo esperado", "en": "✓ as expected"},
    "check_failed": {"es": "✗ no se cumple: {problems}", "en": "✗ not as expected: {problems}"},
    "global_python": {"es": "Python global", "en": "Global Python"},
    "venv": {"es": "entorno virtual", "en": "virtual environment"},
    "user_site": {"es": "sitio del usuario", "en": "user site"},
    "projects": {"es": "Proyectos", "en": "Projects"},
    "runs_on": {"es": "usa", "en": "runs on"},
    "works": {"es": "funciona", "en": "works"},
    "broken": {"es": "roto", "en": "broken"},
    "empty": {"es": "(vacío)", "en": "(empty)"},
    "inherits": {"es": "ve también el Python global", "en": "also sees the global Python"},
    "lesson_done": {"es": "Fin de la lección.", "en": "End of the lesson."},
    "unknown_lesson": {"es": "no hay una lección {id!r}; ver `venvsim lesson list`",
                       "en": "there is no lesson {id!r}; see `venvsim lesson list`"},
    "from_out_of_range": {"es": "--from debe estar entre 1 y {n}",
                          "en": "--from must be between 1 and {n}"},
    "check_lesson_ok": {"es": "{id}: pasos: {steps}, ejercicios: {exercises}; todo comprobado",
                        "en": "{id}: steps: {steps}, exercises: {exercises}; all checked"},
    "exercise": {"es": "Ejercicio", "en": "Exercise"},
    "exercise_from": {"es": "Empieza con la máquina tal como quedó tras el paso {n}.",
                      "en": "It starts from the machine as it was after step {n}."},
    "exercise_from_start": {"es": "Empieza con la máquina del principio de la lección.",
                            "en": "It starts from the machine as it was at the start of the lesson."},
    "exercise_start": {"es": "Para practicar: `{command}`", "en": "To practise: `{command}`"},
    "exercise_start_many": {"es": "Para practicar: `{command}` (los ejercicios van uno tras otro)",
                            "en": "To practise: `{command}` (the exercises come one after the other)"},
    "goal_met": {"es": "¡Objetivo cumplido en {n} comandos! (la solución usa {best})",
                 "en": "Goal reached in {n} commands! (the solution uses {best})"},
    "goal_open": {"es": "Objetivo: {prompt}", "en": "Goal: {prompt}"},
    "no_hints": {"es": "no quedan pistas", "en": "no more hints"},
    "hint": {"es": "Pista {n}: {text}", "en": "Hint {n}: {text}"},
    "solution": {"es": "Solución", "en": "Solution"},
    "disabled": {"es": "ese comando está desactivado en este ejercicio",
                 "en": "that command is disabled in this exercise"},
    "nothing_to_undo": {"es": "no hay nada que deshacer", "en": "nothing to undo"},
    "nothing_to_redo": {"es": "no hay nada que rehacer", "en": "nothing to redo"},
    "undone": {"es": "deshecho: {line}", "en": "undone: {line}"},
    "redone": {"es": "rehecho: {line}", "en": "redone: {line}"},
    "reset": {"es": "volvemos al principio", "en": "back to the start"},
    "saved": {"es": "guardado en {path}", "en": "saved to {path}"},
    "loaded": {"es": "cargado {path}", "en": "loaded {path}"},
    "no_goal": {"es": "no hay ningún ejercicio en curso", "en": "there is no exercise going on"},
    "unknown_meta": {"es": "comando desconocido {name}; prueba :help",
                     "en": "unknown command {name}; try :help"},
    "why_needed_by": {"es": "{name} lo necesitan: {who}", "en": "{name} is needed by: {who}"},
    "why_nobody": {"es": "{name}: ningún paquete ni proyecto lo necesita",
                   "en": "{name}: no package or project needs it"},
    "why_installed_in": {"es": "{name} {version} está instalado en {prefix}",
                         "en": "{name} {version} is installed in {prefix}"},
    "why_not_installed": {"es": "{name} no está instalado en ningún entorno",
                          "en": "{name} is not installed in any environment"},
    "explain_none": {"es": "no hubo ningún conflicto todavía", "en": "there has been no conflict yet"},
    "bye": {"es": "¡Hasta luego!", "en": "Bye!"},
    "need_missing": {"es": "necesita {req} · no está", "en": "needs {req} · missing"},
    "need_wrong": {"es": "necesita {req} · tiene {found}", "en": "needs {req} · has {found}"},
    "need_ok": {"es": "{req} · tiene {found}", "en": "{req} · has {found}"},
    "dep_wrong": {"es": "pide {req}, pero tiene {found}", "en": "requires {req}, but you have {found}"},
    "dep_missing": {"es": "pide {req}, que no está instalado",
                    "en": "requires {req}, which is not installed"},
    "explorer_step": {"es": "Paso", "en": "Step"},
    "explorer_view": {"es": "Vista", "en": "View"},
    "explorer_run": {"es": "Ejecutar", "en": "Run"},
    "explorer_type": {"es": "escribe un comando, p. ej. pip install libcolor",
                      "en": "type a command, e.g. pip install libcolor"},
    "explorer_start": {"es": "(el mundo antes del primer paso)", "en": "(the world before the first step)"},
    "explorer_branched": {"es": "nueva rama desde el paso {n}: los pasos siguientes se descartaron",
                          "en": "new branch from step {n}: the steps after it were dropped"},
}


def t(key: str, lang: str, **values: object) -> str:
    return STRINGS[key].get(lang, STRINGS[key]["en"]).format(**values)


def language(choice: str | None, env: Mapping[str, str] | None = None) -> str:
    """``--lang`` if given, else the locale: ``es_*`` is Spanish, anything else English."""
    if choice in ("es", "en"):
        return choice
    env = os.environ if env is None else env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "es" if value.lower().startswith("es") else "en"
    return "en"


def need_text(requirement: str, found: str | None, ok: bool, lang: str) -> str:
    """A project's need and what its python finds, as the pictures say it."""
    if ok:
        return t("need_ok", lang, req=requirement, found=found)
    if found is None:
        return t("need_missing", lang, req=requirement)
    return t("need_wrong", lang, req=requirement, found=found)
