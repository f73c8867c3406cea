"""Writes to projects."""

from django.utils.text import slugify

from .models import Project


def unique_project_slug(title: str) -> str:
    """A slug from the title, numbered when another project already has it."""
    base = (slugify(title)[:100] or "project").strip("-")
    slug, counter = base, 2
    while Project.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug
