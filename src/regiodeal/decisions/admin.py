from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from regiodeal.core.admin_utils import (
    DECISION_RULES,
    LocalizedDecimalMixin,
    RolePermissionMixin,
    VersionedAdminForm,
    euro_column,
    run_each,
)
from regiodeal.core.aggregates import per_row
from regiodeal.core.permissions import may_adopt, may_publish
from regiodeal.programmes.scoping import ProgrammeScopedAdminMixin, per_programme_filter

from . import services
from .constants import DecisionState
from .models import Decision, DecisionList, Meeting

DECISION_FIELDS = [
    "meeting",
    "project",
    "position",
    "kind",
    "title",
    "text",
    "amount",
    "conditions",
    "pillar",
    "corrects",
    "budget_override_reason",
]


def _published(meeting: Meeting | None) -> bool:
    """Whether a saved meeting has its besluitenlijst. The meeting admin's own queryset says so
    (``has_besluitenlijst``): Django asks once per inline form, which was a query each."""
    if meeting is None or meeting.pk is None:
        return False
    known = getattr(meeting, "has_besluitenlijst", None)
    return meeting.is_published if known is None else known


class DecisionInline(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, admin.TabularInline
):
    permission_rules = DECISION_RULES
    model = Decision
    form = VersionedAdminForm
    extra = 0
    fields = ["position", "project", "kind", "title", "amount", "state", "loaded_version"]
    readonly_fields = ["state"]
    autocomplete_fields = ["project"]
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return not _published(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _published(obj) and super().has_delete_permission(request, obj)


@admin.register(Meeting)
class MeetingAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = DECISION_RULES
    programme_path = "programme"
    list_display = ["title", "date", "programme", "decision_count", "published"]
    list_filter = ["programme"]
    search_fields = ["title", "decisions__title", "decisions__project__title"]
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [DecisionInline]
    actions = ["publish"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Meeting]:
        # The list's counts and publication state in its own query, not two more per meeting.
        return (
            super()
            .get_queryset(request)
            .annotate(
                decision_total=Coalesce(per_row(Decision.objects, "meeting", Count("pk")), 0),
                has_besluitenlijst=Exists(DecisionList.objects.filter(meeting=OuterRef("pk"))),
            )
        )

    @admin.display(description=_("decisions"), ordering="decision_total")
    def decision_count(self, meeting: Meeting) -> int:
        return meeting.decision_total

    @admin.display(description=_("published"), boolean=True)
    def published(self, meeting: Meeting) -> bool:
        return meeting.has_besluitenlijst

    # A published meeting stays viewable but is closed: Django then refuses changes with 403.
    def has_change_permission(self, request, obj=None):
        return not _published(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _published(obj) and super().has_delete_permission(request, obj)

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return self.allows(may_publish, request)

    @admin.action(
        description=_("Publish the adopted decisions as the meeting's besluitenlijst"),
        permissions=["publish"],
    )
    def publish(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        run_each(
            request,
            self,
            queryset,
            lambda meeting: services.publish_besluitenlijst(meeting, user=request.user),
            lambda count: (
                ngettext(
                    "%(count)d besluitenlijst published.",
                    "%(count)d besluitenlijsten published.",
                    count,
                )
                % {"count": count}
            ),
        )


@admin.register(Decision)
class DecisionAdmin(
    ProgrammeScopedAdminMixin, RolePermissionMixin, LocalizedDecimalMixin, SimpleHistoryAdmin
):
    permission_rules = DECISION_RULES
    programme_path = "meeting__programme"
    form = VersionedAdminForm
    list_display = ["heading", "meeting", "kind", "amount_display", "pillar", "state"]
    list_filter = [
        "state",
        "kind",
        "meeting__programme",
        ("pillar", per_programme_filter("meeting__programme__id__exact")),
        ("meeting", per_programme_filter("meeting__programme__id__exact")),
    ]
    search_fields = ["title", "text", "project__title"]
    autocomplete_fields = ["project", "meeting", "corrects"]
    fields = DECISION_FIELDS
    list_select_related = ["meeting", "project", "pillar"]
    actions = ["adopt", "reopen"]
    amount_display = euro_column("amount", _("amount"))

    readonly_fields = ["state", "adopted_at", "published_at"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return DECISION_FIELDS
        return [*DECISION_FIELDS, "loaded_version", *self.readonly_fields]

    # Published decisions stay viewable, but the admin refuses to change or delete them (403);
    # the model refuses too, whatever path a change takes.
    def has_change_permission(self, request, obj=None):
        published = obj is not None and obj.state == DecisionState.GEPUBLICEERD
        return not published and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        published = obj is not None and obj.state == DecisionState.GEPUBLICEERD
        return not published and super().has_delete_permission(request, obj)

    def get_search_results(self, request, queryset, search_term):
        # The "corrects" autocomplete offers only published decisions: only those need one.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("field_name") == "corrects":
            queryset = queryset.filter(state=DecisionState.GEPUBLICEERD)
        return queryset, may_have_duplicates

    # Adopting and reopening are one permission: whoever may adopt may take it back.
    def has_adopt_permission(self, request: HttpRequest) -> bool:
        return self.allows(may_adopt, request)

    @admin.action(description=_("Adopt the selected draft decisions"), permissions=["adopt"])
    def adopt(self, request: HttpRequest, queryset: QuerySet[Decision]) -> None:
        run_each(
            request,
            self,
            queryset,
            lambda decision: services.adopt_decision(decision, user=request.user),
            lambda count: (
                ngettext("%(count)d decision adopted.", "%(count)d decisions adopted.", count)
                % {"count": count}
            ),
        )

    @admin.action(
        description=_("Return the selected adopted decisions to draft"), permissions=["adopt"]
    )
    def reopen(self, request: HttpRequest, queryset: QuerySet[Decision]) -> None:
        run_each(
            request,
            self,
            queryset,
            lambda decision: services.reopen_decision(decision, user=request.user),
            lambda count: (
                ngettext(
                    "%(count)d decision returned to draft.",
                    "%(count)d decisions returned to draft.",
                    count,
                )
                % {"count": count}
            ),
        )


@admin.register(DecisionList)
class DecisionListAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, SimpleHistoryAdmin):
    permission_rules = DECISION_RULES
    programme_path = "meeting__programme"
    list_display = ["title", "meeting", "published_at", "published_by"]
    list_filter = ["meeting__programme"]
    readonly_fields = ["meeting", "title", "introduction", "published_at", "published_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
