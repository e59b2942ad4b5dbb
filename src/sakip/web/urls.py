from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("pd/<slug:agency_code>/<int:year>/", views.dashboard, name="dashboard"),
    path("pd/<slug:agency_code>/<int:year>/ubah/", include("sakip.editors.urls")),
]
