from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings and notes"

    def ready(self) -> None:
        # Changes to these records change the public pages (see boards/page_cache.py).
        from boards import page_cache

        from . import models as m

        page_cache.track(m.Meeting, "board_id")
        for on_meeting in (m.Attendance, m.DeclarationOfInterest, m.AgendaItem, m.ActionFollowUp):
            page_cache.track(on_meeting, "meeting__board_id")
        for on_item in (m.Paper, m.Decision, m.Action, m.ActivityReport):
            page_cache.track(on_item, "agenda_item__meeting__board_id")
        page_cache.track_links(m.AgendaItem.presenters.field)
        page_cache.track_links(m.AgendaItem.activities.field)
