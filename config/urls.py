from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Board work programmes: administration"
admin.site.site_title = "Administration"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("meetings.urls")),
]
