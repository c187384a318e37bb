"""The founder's tasks an import's rows (or a quick capture's title) match: the same title
(case and spaces ignored) or one that looks like it (a near-duplicate, tasks/similar_titles.py)."""

from tasks import classifier, similar_titles
from tasks.imports import normal_title

# The preview computes it on each view: a bound on a file whose titles all share a word.
SIMILAR_ROWS_SECONDS = 0.5


def matching_tasks(*, owner, rows: list[classifier.TaskInput]) -> tuple[list, list]:
    """For each row, the founder's task with the same title (case and spaces ignored), and
    the task whose title looks like it (a near-duplicate) where there is no same title."""
    from tasks.models import Task

    tasks = list(Task.objects.filter(owner=owner).only("pk", "title", "status"))
    existing: dict[str, Task] = {}
    for task in tasks:
        existing.setdefault(normal_title(task.title), task)
    open_tasks = {task.title: task for task in tasks if task.status in Task.OPEN_STATUSES}
    index = similar_titles.TitleIndex(open_tasks)
    same, similar = [], []
    for row in rows:
        match = existing.get(normal_title(row.title))
        same.append(match)
        near = None if match else index.most_similar(row.title)
        similar.append(open_tasks[near] if near else None)
    return same, similar


def task_like(*, owner, title: str):
    """The founder's open task with this title or one that looks like it (quick capture asks
    before adding a second "Social media posts"), or None."""
    from tasks.models import Task

    tasks = {t.title: t for t in Task.objects.filter(owner=owner, status__in=Task.OPEN_STATUSES)}
    for task in tasks.values():
        if normal_title(task.title) == normal_title(title):
            return task
    near = similar_titles.TitleIndex(tasks).most_similar(title)
    return tasks[near] if near else None


def similar_rows(rows: list[classifier.TaskInput]) -> list[str | None]:
    """For each row, an earlier row of the file whose title looks like it (the closest)."""
    titles = [row.title for row in rows]
    nearest = similar_titles.earlier_similar(titles, seconds=SIMILAR_ROWS_SECONDS)
    return [None if near is None else titles[near] for near in nearest]
