from django.contrib.auth import views as auth_views
from django.urls import include, path

from sakip.documents import views as document_views
from sakip.ingest import views as check_views
from sakip.web import overview, realisation_views, security, views, workflow_views

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", security.RateLimitedLoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("daerah/", overview.region_overview, name="region-overview"),
    path("pd/<slug:agency_code>/<int:year>/", views.dashboard, name="dashboard"),
    path("pd/<slug:agency_code>/<int:year>/status/", workflow_views.cycle, name="cycle"),
    path("pd/<slug:agency_code>/<int:year>/status/pindah/", workflow_views.move, name="cycle-move"),
    path("pd/<slug:agency_code>/<int:year>/status/publikasi/", workflow_views.publish,
         name="cycle-publish"),
    path("pd/<slug:agency_code>/<int:year>/realisasi/", realisation_views.entry_redirect,
         name="realisation-start"),
    path("pd/<slug:agency_code>/<int:year>/realisasi/<int:quarter>/",
         realisation_views.entry_page, name="realisation"),
    path("pd/<slug:agency_code>/<int:year>/realisasi/<int:quarter>/<str:kind>/<int:item_id>/",
         realisation_views.save_item, name="realisation-save"),
    path("bukti/<int:evidence_id>/", realisation_views.evidence_file, name="evidence"),
    path("pd/<slug:agency_code>/<int:year>/ubah/", include("sakip.editors.urls")),
    path("pd/<slug:agency_code>/<int:year>/dokumen/<slug:kind>.<slug:fmt>",
         document_views.download, name="document-download"),
    path("periksa/", check_views.check_upload, name="check-upload"),
]
