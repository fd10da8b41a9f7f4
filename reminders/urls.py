from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("my-actions/", views.my_actions, name="my_actions"),
    path("my-actions/<int:pk>/close/", views.propose_closing, name="propose_closing"),
    path("my-actions/calendar/reset/", views.reset_calendar, name="reset_calendar"),
    path("my-actions/calendar/<str:token>.ics", views.action_calendar, name="action_calendar"),
    path("my-reminders/", views.preferences, name="preferences"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
