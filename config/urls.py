from django.contrib import admin
from django.urls import include, path, register_converter

from web.account import sign_in
from web.converters import BoardYearConverter, IsoDateConverter

from . import views

register_converter(BoardYearConverter, "boardyear")
register_converter(IsoDateConverter, "isodate")

handler500 = "config.errors.server_error"

admin.site.site_header = "Board work programmes: administration"
admin.site.site_title = "Administration"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
    path("accounts/", include(sign_in.urlpatterns)),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include("api.urls")),
    path("", include("web.urls")),
]
