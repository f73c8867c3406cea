"""Project.get_status_display: the label of each status in the active language."""

from django.utils import translation

from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project


def test_each_status_shows_its_label_in_the_active_language():
    for status in ProjectStatus:
        project = Project(status=status.value)
        with translation.override("en"):
            assert project.get_status_display() == str(status.label)
        with translation.override("nl"):
            assert project.get_status_display() == str(status.label)
    with translation.override("nl"):
        assert Project(status=ProjectStatus.LOPEND).get_status_display() == "lopend"
    with translation.override("en"):
        assert Project(status=ProjectStatus.LOPEND).get_status_display() == "running"


def test_a_value_without_a_label_is_shown_as_it_is():
    assert Project(status="onbekend").get_status_display() == "onbekend"
