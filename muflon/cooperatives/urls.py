"""URLs of the cooperatives area, under /app/cooperatives/."""

from django.urls import path

from muflon.cooperatives import views

app_name = "cooperatives"

urlpatterns = [
    path("", views.cooperative_list, name="cooperatives"),
    path("<int:pk>/", views.cooperative_detail, name="cooperative"),
    path("<int:pk>/people/", views.cooperative_people, name="cooperative_people"),
    path("<int:pk>/jobs/", views.job_add, name="job_add"),
    path("<int:pk>/status/", views.status_change, name="status"),
    path("<int:pk>/reports/", views.report_add, name="report_add"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/legal-members/", views.legal_member_add, name="legal_member_add"),
    path("cooperative-members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("jobs/<int:pk>/end/", views.job_end, name="job_end"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/people/", views.join_people, name="join_people"),
    path("groups/<int:pk>/join/", views.join, name="join"),
    path("groups/<int:pk>/legal-persons/", views.legal_person_join, name="legal_person_join"),
    path("groups/<int:pk>/register/", views.register, name="register"),
    path("members/<int:pk>/leave/", views.leave, name="leave"),
]
