from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items, per_page: int = 50) -> tuple[Page, list]:
    """The requested page; a missing, bad or out-of-range page number gives the nearest page."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return page, list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
