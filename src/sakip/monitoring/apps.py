from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "sakip.monitoring"
    label = "monitoring"
    verbose_name = "Pengukuran"
