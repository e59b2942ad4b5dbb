from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from sakip.api.views import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("bahasa/", set_language, name="set_language"),
    path("", include("sakip.web.urls")),
]

handler404 = "sakip.web.views.not_found"
