from django.apps import AppConfig


class WebConfig(AppConfig):
    """The web layer: every page, form view, feed, download, template tag and template of the
    site, grouped by who uses them (public, officer, clerk, member, and everyone's own pages
    in account/), with the stored pages and fragments (caching.py). It sits on top of the
    domain apps (boards, workplan, meetings, reports, reminders, imports), which hold the
    models, querysets, forms, access rules and services, and never import it."""

    name = "web"
    verbose_name = "Pages"

    def ready(self) -> None:
        from . import caching

        caching.register()
