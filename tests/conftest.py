import pytest

from regiodeal.core.demo import load_demo


@pytest.fixture
def demo(db):
    """The demo programme Zuid- en Oost-Drenthe as `make run` loads it, without the second
    programme and its calls (which take most of the loading time)."""
    return load_demo(with_calls=False).programme


@pytest.fixture
def full_demo(db):
    """Everything `make run` loads, the second programme and its calls included; returns the
    first programme."""
    return load_demo().programme
