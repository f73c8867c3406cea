import pytest

from regiodeal.core.demo import load_demo


@pytest.fixture
def demo(db):
    """The demo programme as `make run` loads it."""
    return load_demo().programme
