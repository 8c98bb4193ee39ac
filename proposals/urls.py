from django.urls import path

from . import views

urlpatterns = [
    path("update/<str:token>/", views.platform_update, name="platform-update"),
    path("propose/", views.platform_new, name="platform-propose"),
    path("update-sent/", views.platform_update_sent, name="platform-update-sent"),
]
