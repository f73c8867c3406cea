from django.contrib import admin
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from regiodeal.core.admin_utils import IMPORT_RULES, RolePermissionMixin
from regiodeal.programmes.scoping import ProgrammeScopedAdminMixin

from . import views
from .models import SourceDocument


@admin.register(SourceDocument)
class SourceDocumentAdmin(ProgrammeScopedAdminMixin, RolePermissionMixin, admin.ModelAdmin):
    permission_rules = IMPORT_RULES
    programme_path = "programme"
    list_display = [
        "original_name",
        "programme",
        "format",
        "extracted_date",
        "uploaded_at",
        "review",
    ]
    list_filter = ["programme", "format"]
    search_fields = ["original_name", "extracted_title"]
    readonly_fields = [
        "programme",
        "file",
        "original_name",
        "sha256",
        "format",
        "size",
        "extracted_title",
        "extracted_date",
        "meeting",
        "uploaded_by",
        "uploaded_at",
    ]
    fields = readonly_fields

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "upload/",
                wrap(lambda request: views.upload(request, self)),
                name="ingest_sourcedocument_upload",
            ),
            path(
                "<int:pk>/review/",
                wrap(lambda request, pk: views.review(request, pk, self)),
                name="ingest_sourcedocument_review",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("review"))
    def review(self, source: SourceDocument) -> str:
        return format_html('<a href="{}">{}</a>', views.review_url(source), _("Review"))

    def has_add_permission(self, request):
        # Imports go through the upload screen, which reads and extracts the file.
        return False

    def has_change_permission(self, request, obj=None):
        return False
