from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from regiodeal.core import pagination as bounded

MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """``?page=2&pageSize=50``; the answer links to the next and previous page.

    ``count`` is exact up to 10.000 rows; above it says 10001 and ``countIsExact`` is false, and
    only the first 10.000 rows can be paged through.
    """

    page_size = 20
    page_size_query_param = "pageSize"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = bounded.BoundedPaginator

    def paginate_queryset(self, queryset, request, view=None):
        page_size = self.get_page_size(request)
        number = request.query_params.get(self.page_query_param, "1")
        max_rows = bounded.BoundedPaginator.max_rows
        if page_size and number.isdigit() and (int(number) - 1) * page_size >= max_rows:
            raise ValidationError(
                {
                    self.page_query_param: [
                        _(
                            "Only the first %(rows)s rows of a list can be paged through; "
                            "narrow the list with a filter."
                        )
                        % {"rows": number_format(max_rows, force_grouping=True)}
                    ]
                }
            )
        if not hasattr(queryset, "values_list"):
            return super().paginate_queryset(queryset, request, view)
        # A page's ids first, then its rows: sorting narrow (id, date) rows and joining the
        # twenty that remain is far cheaper than sorting thousands of rows joined with their
        # project, meeting and programme.
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True), request, view)
        rows = queryset.order_by().in_bulk(list(ids))
        return [rows[pk] for pk in ids if pk in rows]

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["countIsExact"] = self.page.paginator.count_is_exact
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["countIsExact"] = {
            "type": "boolean",
            "description": "False when the list holds more than 10.000 rows (count is then 10001).",
        }
        schema["required"] = [*schema.get("required", []), "countIsExact"]
        return schema
