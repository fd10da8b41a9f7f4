"""Work a server process does once, before it serves anyone, so its first requests are as
quick as the rest. With gunicorn's preload_app (gunicorn.conf.py) it is done once in the
master, and every worker forked from it starts warm, including a server started again after
it died."""

from pathlib import Path

from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.autoreload import get_template_directories
from django.template.loader import get_template
from django.urls import get_resolver


def warm_up() -> int:
    """Compile every template into the cached loader and build the URL map. Returns how
    many templates (by name) were compiled."""
    get_resolver().url_patterns  # noqa: B018 (building the map is the point)
    names = {
        str(path.relative_to(folder))
        for folder in get_template_directories()
        for path in Path(folder).rglob("*")
        if path.is_file() and path.suffix in {".html", ".txt", ".xml"}
    }
    compiled = 0
    for name in sorted(names):
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            # A file under a template folder that is not a template of this site: it is
            # compiled if it is ever asked for, as before.
            continue
        compiled += 1
    return compiled
