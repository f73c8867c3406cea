"""Who may do what: small functions that answer with a permission and, if refused, the reason.

The reason is a sentence for the user, shown where the action is refused. The functions know
nothing of HTTP or the admin, so views, admin classes, commands and tests ask the same question.
Expert, penvoerder, financier and aanvrager have no back office yet: their screens (calls,
monitoring, a funder's own view of finance) come with later work.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .roles import Role, roles_of

BACK_OFFICE_ROLES = frozenset(
    {Role.BEHEERDER, Role.MEDEWERKER, Role.STUURGROEPLID, Role.PORTEFEUILLEHOUDER}
)
OFFICE = frozenset({Role.BEHEERDER, Role.MEDEWERKER})


@dataclass(frozen=True)
class Permission:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Permission(True)


def require(permission: Permission) -> None:
    """Refuse the request (403, with the reason on the page) unless the permission is given."""
    if not permission.allowed:
        raise PermissionDenied(permission.reason)


def _back_office_role(user, roles: frozenset[Role], reason: str) -> Permission:
    entry = may_use_back_office(user)
    if not entry.allowed:
        return entry
    return ALLOWED if roles_of(user) & roles else Permission(False, reason)


def may_use_back_office(user) -> Permission:
    """Open the back office: a staff account with an office, steering-group or pillar role."""
    if not user.is_authenticated:
        return Permission(False, _("Log in to use the back office."))
    if not (user.is_active and user.is_staff):
        return Permission(False, _("This account has no access to the back office."))
    if not roles_of(user) & BACK_OFFICE_ROLES:
        return Permission(
            False,
            _(
                "This account has no role in the back office; ask the administrator of the "
                "programme office for one."
            ),
        )
    return ALLOWED


def may_edit_programme(user) -> Permission:
    """Change the programme, its budgets, themes, organisations, places and projects."""
    return _back_office_role(
        user,
        OFFICE,
        _("Only the programme office may change the programme, its organisations and projects."),
    )


def may_edit_decisions(user) -> Permission:
    """Record and change meetings and their draft decisions."""
    return _back_office_role(
        user, OFFICE, _("Only the programme office may record and change decisions.")
    )


def may_adopt(user) -> Permission:
    """Adopt draft decisions, or return adopted ones to draft."""
    return _back_office_role(
        user,
        OFFICE,
        _("Only the programme office may adopt decisions or return them to draft."),
    )


def may_publish(user) -> Permission:
    """Publish a meeting's adopted decisions as its besluitenlijst."""
    return _back_office_role(
        user,
        frozenset({Role.BEHEERDER}),
        _("Only the administrator of the programme office may publish a besluitenlijst."),
    )


def may_import(user) -> Permission:
    """Import existing decision lists and review what was read from them."""
    return _back_office_role(
        user, OFFICE, _("Only the programme office may import decision lists.")
    )


def may_view_concept_decisions(user) -> Permission:
    """See meetings and decisions before they are published."""
    return _back_office_role(
        user,
        OFFICE | {Role.STUURGROEPLID},
        _(
            "Only the programme office and the steering group may see meetings and decisions "
            "before they are published."
        ),
    )


def may_nominate_projects(user) -> Permission:
    """Add a project to the portfolio, to nominate it to the steering group."""
    return _back_office_role(
        user,
        OFFICE | {Role.PORTEFEUILLEHOUDER},
        _("Only the programme office and portfolio holders may nominate projects."),
    )


def may_manage_accounts(user) -> Permission:
    """Manage accounts, their roles (groups) and their login devices; see failed logins."""
    return _back_office_role(
        user,
        frozenset({Role.BEHEERDER}),
        _(
            "Only the administrator of the programme office may manage accounts, roles and "
            "login devices."
        ),
    )


def may_view_finance(user) -> Permission:
    """See grant decisions, settlements, attribution keys and the ledger in the back office."""
    return _back_office_role(
        user,
        OFFICE | {Role.STUURGROEPLID},
        _(
            "Only the programme office and the steering group may see grant decisions, "
            "settlements and the ledger in the back office."
        ),
    )


def may_edit_finance(user) -> Permission:
    """Draft grant decisions and their advances, record payments, keep attribution keys."""
    return _back_office_role(
        user,
        OFFICE,
        _("Only the programme office may prepare grant decisions and record payments."),
    )


def may_issue_grants(user) -> Permission:
    """Issue a grant decision or a settlement: a decision with legal effect for the recipient."""
    return _back_office_role(
        user,
        OFFICE,
        _("Only the programme office may issue a grant decision or a settlement."),
    )


def may_view_calls(user) -> Permission:
    """See calls, applications, reviews and allocations in the back office."""
    return _back_office_role(
        user,
        OFFICE | {Role.STUURGROEPLID},
        _("Only the programme office and the steering group may see calls and applications."),
    )


def may_run_calls(user) -> Permission:
    """Take the office's steps in a call: pre-check, completeness, reviewers, allocation."""
    return _back_office_role(
        user, OFFICE, _("Only the programme office may handle applications and allocations.")
    )


def may_view_monitoring(user) -> Permission:
    """See progress reports, results, indicators and milestones in the back office."""
    return _back_office_role(
        user,
        OFFICE | {Role.STUURGROEPLID},
        _(
            "Only the programme office and the steering group may see progress reports, results "
            "and indicators in the back office."
        ),
    )


def may_edit_monitoring(user) -> Permission:
    """Keep results, indicators, milestones, reporting schedules and project leads."""
    return _back_office_role(
        user,
        OFFICE,
        _("Only the programme office may change results, indicators and reporting schedules."),
    )


def may_review_reports(user) -> Permission:
    """Accept a submitted progress report, or return it with a comment."""
    return _back_office_role(
        user, OFFICE, _("Only the programme office may accept or return progress reports.")
    )
