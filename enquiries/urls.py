from django.urls import path

from . import views

urlpatterns = [
    path("need/", views.need, name="need"),
    path("enquiry/", views.enquiry_new, name="enquiry-new"),
    path("enquiry/sent/", views.enquiry_sent, name="enquiry-sent"),
    path("enquiry/confirm/<str:token>/", views.enquiry_confirm_page, name="enquiry-confirm"),
    path("enquiry/manage/<str:token>/", views.enquiry_manage, name="enquiry-manage"),
    path("enquiry/manage/<str:token>/close/", views.enquiry_close_page, name="enquiry-close"),
    path("enquiry/manage/<str:token>/delete/", views.enquiry_delete_page, name="enquiry-delete"),
    path("enquiry/answer/<str:token>/", views.enquiry_answer, name="enquiry-answer"),
]
