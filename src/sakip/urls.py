from django.contrib import admin
from django.urls import include, path

from sakip.api.views import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("sakip.web.urls")),
]

handler404 = "sakip.web.views.not_found"
