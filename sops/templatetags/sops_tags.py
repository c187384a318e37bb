from django import template
from django.utils.safestring import mark_safe

from sops import rules, selectors, services
from sops.rendering import plain_text, render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> str:
    """Markdown to HTML, sanitised by nh3 before it is marked safe."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised just above


register.filter("plain_text", plain_text)


@register.simple_tag
def instruction_status(task) -> dict:
    return selectors.task_instruction_status(task=task)


@register.filter
def handover_path(link) -> str:
    """The delegate's signed URL, for the founder's own instruction page only."""
    return services.handover_path(link)


register.filter("video_embed", rules.video_embed)
