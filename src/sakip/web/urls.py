from django.urls import path

from sakip.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
