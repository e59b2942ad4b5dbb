from django.apps import AppConfig


class EditorsConfig(AppConfig):
    name = "sakip.editors"
    label = "editors"
    verbose_name = "Penyuntingan data"
