"""Editor pages, under /pd/<agency>/<year>/ubah/ (included from sakip.web.urls)."""

from django.urls import path

from sakip.editors import narratives, workplan

app_name = "editors"

urlpatterns = [
    path("narasi/<slug:document>/", narratives.narratives, name="narratives"),
    path("renja/", workplan.editor, name="workplan"),
    path("renja/baris/<int:line_id>/", workplan.save_line, name="workplan_line"),
    path("renja/baris/<int:line_id>/jumlah/", workplan.preview_totals, name="workplan_totals"),
    path("renja/target/<int:indicator_id>/", workplan.save_target, name="workplan_target"),
    path("renja/nomenklatur/", workplan.search_nomenclature, name="workplan_search"),
    path("renja/tambah/", workplan.add_line, name="workplan_add"),
]
