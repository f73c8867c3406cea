"""The roles of the people who work with regiodeal, kept as Django groups named in Dutch.

A role is only a group name here; what a role may do is decided in ``permissions.py``. The
anonymous public has no group: it is whoever is not logged in.
"""

from enum import StrEnum

from django.apps import apps as global_apps
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, router


class Role(StrEnum):
    BEHEERDER = "programmabureau-beheerder"
    MEDEWERKER = "programmabureau-medewerker"
    STUURGROEPLID = "stuurgroeplid"
    PORTEFEUILLEHOUDER = "portefeuillehouder"
    EXPERT = "expert"
    PENVOERDER = "penvoerder"
    FINANCIER = "financier"
    AANVRAGER = "aanvrager"


def roles_of(user) -> set[Role]:
    """The roles of a user; a superuser always counts as the office's administrator.

    Kept on the user object, as Django keeps its permission cache: the admin asks many times
    per request, and a request loads its user afresh.
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_regiodeal_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = {role for role in Role if role.value in names}
        if user.is_superuser:
            cached.add(Role.BEHEERDER)
        user._regiodeal_roles = cached
    return set(cached)


def group_of(role: Role) -> Group:
    return Group.objects.get_or_create(name=role.value)[0]


def create_role_groups(*, apps=global_apps, using: str = DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Create the group of every role that is missing (post_migrate handler; idempotent).

    A post_migrate handler rather than a data migration: ``flush`` (the test runner's between
    transactional tests, and any operator's) empties the groups and then sends post_migrate
    again, which a migration that ran once cannot follow; and a new role needs no migration.
    ``regiodeal restore`` flushes without post_migrate and loads the groups from the backup.
    """
    try:
        group_model = apps.get_model("auth", "Group")
    except LookupError:  # auth is not (or no longer) migrated
        return
    if not router.allow_migrate_model(using, group_model):
        return
    for role in Role:
        group_model.objects.using(using).get_or_create(name=role.value)
