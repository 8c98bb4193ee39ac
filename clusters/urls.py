from django.urls import path

from . import views

urlpatterns = [
    path("", views.cluster_list, name="cluster-list"),
    path("<slug:slug>/", views.cluster_detail, name="cluster-detail"),
]
