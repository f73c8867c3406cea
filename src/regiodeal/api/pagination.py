from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class Pagination(PageNumberPagination):
    """``?page=2&pageSize=50``; the answer links to the next and previous page."""

    page_size = 20
    page_size_query_param = "pageSize"
    max_page_size = MAX_PAGE_SIZE
