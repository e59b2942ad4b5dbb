"""Editor pages, under /pd/<agency>/<year>/ubah/ (included from sakip.web.urls)."""

from django.urls import path

from sakip.editors import (
    agreement,
    narratives,
    proposals,
    renstra,
    renstra_funding,
    staff,
    workbook_views,
    workplan,
)

app_name = "editors"

urlpatterns = [
    path("narasi/<slug:document>/", narratives.narratives, name="narratives"),
    path("renja/", workplan.editor, name="workplan"),
    path("renja/baris/<int:line_id>/", workplan.save_line, name="workplan_line"),
    path("renja/baris/<int:line_id>/hapus/", workplan.delete_line, name="workplan_delete"),
    path("renja/baris/<int:line_id>/jumlah/", workplan.preview_totals, name="workplan_totals"),
    path("renja/target/<int:indicator_id>/", workplan.save_target, name="workplan_target"),
    path("renja/nomenklatur/", workplan.search_nomenclature, name="workplan_search"),
    path("renja/tambah/", workplan.add_line, name="workplan_add"),
    path("excel/", workbook_views.index, name="workbook"),
    path("excel/unduh/<slug:key>/", workbook_views.download, name="workbook_download"),
    path("excel/unduh/<slug:key>/<int:quarter>/", workbook_views.download,
         name="workbook_download_quarter"),
    path("excel/unggah/", workbook_views.upload, name="workbook_upload"),
    path("excel/terapkan/", workbook_views.apply, name="workbook_apply"),
    path("renstra/", renstra.overview, name="renstra"),
    path("renstra/pagu/", renstra_funding.funding, name="renstra_funding"),
    path("renstra/<slug:what>/", renstra.edit, name="renstra_edit"),
    path("renstra/<slug:what>/<int:pk>/", renstra.edit, name="renstra_edit_pk"),
    path("renstra/<slug:what>/<int:pk>/hapus/", renstra.delete, name="renstra_delete"),
    path("renstra/<slug:what>/baru-di/<int:parent>/", renstra.edit, name="renstra_add"),
    path("pegawai/", staff.staff, name="staff"),
    path("usulan/", proposals.proposals, name="proposals"),
    path("usulan/<int:pk>/", proposals.proposals, name="proposal"),
    path("usulan/<int:pk>/hapus/", proposals.delete, name="proposal_delete"),
    path("pk/", agreement.editor, name="agreement"),
    path("pk/perubahan/", agreement.revise, name="agreement_revise"),
]
