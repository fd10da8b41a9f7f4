from collections import OrderedDict

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response


class OParlPagination(PageNumberPagination):
    """Pages shaped like OParl 1.1 collections: data, pagination and links.next."""

    page_size = 20
    page_size_query_param = "limit"
    max_page_size = 100

    def get_paginated_response(self, data) -> Response:
        page = self.page
        return Response(
            OrderedDict(
                [
                    ("data", data),
                    (
                        "pagination",
                        {
                            "totalElements": page.paginator.count,
                            "elementsPerPage": page.paginator.per_page,
                            "currentPage": page.number,
                            "totalPages": page.paginator.num_pages,
                        },
                    ),
                    (
                        "links",
                        {
                            key: value
                            for key, value in (
                                ("first", self._page_link(1)),
                                ("prev", self.get_previous_link()),
                                ("next", self.get_next_link()),
                                ("last", self._page_link(page.paginator.num_pages)),
                            )
                            if value
                        },
                    ),
                ]
            )
        )

    def _page_link(self, number: int) -> str:
        from rest_framework.utils.urls import replace_query_param

        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param, number)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        return {
            "type": "object",
            "required": ["data", "pagination", "links"],
            "properties": {
                "data": schema,
                "pagination": {
                    "type": "object",
                    "properties": {
                        name: {"type": "integer"}
                        for name in (
                            "totalElements",
                            "elementsPerPage",
                            "currentPage",
                            "totalPages",
                        )
                    },
                },
                "links": {
                    "type": "object",
                    "properties": {
                        name: {"type": "string", "format": "uri"}
                        for name in ("first", "prev", "next", "last")
                    },
                },
            },
        }
