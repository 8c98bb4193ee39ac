from django.urls import path

from . import views

urlpatterns = [
    path("", views.platform_search, name="platform-search"),
    path("<slug:slug>/", views.platform_detail, name="platform-detail"),
]
