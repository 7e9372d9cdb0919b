"""The worlds a lesson shows: its story, and each exercise with the projects that enter with it.

A project whose ``[projects.X]`` says ``enters = "EXERCISE-ID"`` is not on the machine during the
story (nor in its pictures and slides, nor for ``venvsim verify``); it appears when that exercise
starts (docs/lessons.md).

>>> from simulator.lessons.format import find, load_lesson
>>> lesson = load_lesson(find("02"))
>>> from simulator.model.projects import projects
>>> [p.name for p in projects(replay(lesson.scenario).end)]
['blog', 'tienda']
>>> [p.name for p in projects(exercise_world(lesson, lesson.exercises[0]))]
['blog', 'informe', 'tienda']
"""

from __future__ import annotations

from ..model.world import World, with_projects
from ..replay import Timeline, replay
from .format import Exercise, Lesson


def exercise_world(lesson: Lesson, exercise: Exercise, timeline: Timeline | None = None) -> World:
    """Where ``exercise`` starts: the story after its ``after`` step, plus its own projects."""
    timeline = timeline or replay(lesson.scenario)
    return with_projects(timeline.world_at(exercise.after), exercise.projects)


def practice_world(lesson: Lesson) -> World:
    """Where ``venvsim shell --lesson`` starts: the story up to the first exercise, with the
    projects of every exercise on disk (the exercises follow one another in one session)."""
    timeline = replay(lesson.scenario)
    if not lesson.exercises:
        return timeline.end
    first = lesson.exercises[0]
    return with_projects(timeline.world_at(first.after),
                         [p for ex in lesson.exercises for p in ex.projects])
