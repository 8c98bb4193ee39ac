from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("ELMO registry administration")
admin.site.site_title = _("ELMO registry")
admin.site.index_title = _("Innovation platforms and clusters of East and North Finland")

urlpatterns = [
    path("admin/", admin.site.urls),
]
