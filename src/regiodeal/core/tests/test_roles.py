"""Roles are groups that always exist; a user's roles decide the permission functions."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group, User

from regiodeal.core.demo import ensure_demo_user
from regiodeal.core.permissions import may_manage_accounts, may_publish, may_use_back_office
from regiodeal.core.roles import Role, create_role_groups, group_of, roles_of

pytestmark = pytest.mark.django_db


def _user(name: str, *roles: Role, **flags) -> User:
    user = User.objects.create_user(name, **flags)
    user.groups.add(*(group_of(role) for role in roles))
    return User.objects.get(pk=user.pk)  # fresh: roles_of keeps its answer on the object


def test_migrate_creates_one_group_per_role_and_again_is_harmless():
    names = {role.value for role in Role}
    assert names <= set(Group.objects.values_list("name", flat=True))
    create_role_groups()
    assert Group.objects.filter(name__in=names).count() == len(Role)


def test_roles_of_reads_the_groups():
    user = _user("lid", Role.STUURGROEPLID, Role.PORTEFEUILLEHOUDER)
    assert roles_of(user) == {Role.STUURGROEPLID, Role.PORTEFEUILLEHOUDER}
    assert roles_of(AnonymousUser()) == set()
    assert roles_of(_user("weg", Role.MEDEWERKER, is_active=False)) == set()


def test_a_superuser_counts_as_the_administrator():
    user = _user("root", is_staff=True, is_superuser=True)
    assert roles_of(user) == {Role.BEHEERDER}
    assert may_publish(user)
    assert may_manage_accounts(user)


def test_the_demo_account_is_a_superuser_in_the_administrators_group():
    user = ensure_demo_user("demo", "een-lang-wachtwoord-42")
    assert user.is_superuser and user.is_staff
    assert user.groups.filter(name=Role.BEHEERDER).exists()
    ensure_demo_user("demo", "een-lang-wachtwoord-42")  # again: no error, one membership
    assert user.groups.count() == 1


def test_the_back_office_needs_staff_status_and_a_back_office_role():
    assert may_use_back_office(_user("medewerker", Role.MEDEWERKER, is_staff=True))
    without_role = may_use_back_office(_user("zonder-rol", is_staff=True))
    assert not without_role and without_role.reason
    assert not may_use_back_office(_user("geen-staf", Role.MEDEWERKER))
    assert not may_use_back_office(_user("expert", Role.EXPERT, is_staff=True))
    anonymous = may_use_back_office(AnonymousUser())
    assert not anonymous and anonymous.reason
