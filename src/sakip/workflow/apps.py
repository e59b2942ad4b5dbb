from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "sakip.workflow"
    label = "workflow"
    verbose_name = "Alur kerja dan jejak perubahan"

    def ready(self) -> None:
        from sakip.workflow import history

        history.connect()
