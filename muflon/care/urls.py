"""URLs of the care area, mounted at /app/care/."""

from django.urls import path

from muflon.care import views

app_name = "care"

urlpatterns = [
    path("", views.client_list, name="clients"),
    path("clients/<int:pk>/", views.client_detail, name="client"),
    path("clients/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("clients/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("clients/<int:pk>/hand-over/", views.client_handover, name="handover"),
    path("clients/<int:pk>/end/", views.client_end, name="end"),
    path("clients/<int:pk>/erase-notes/", views.client_erase_notes, name="erase_notes"),
    path("notes/<int:pk>/", views.note_detail, name="note"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/export.csv", views.session_export, name="session_export"),
    path("groups/", views.group_list, name="groups"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/", views.group_detail, name="group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/meetings/", views.group_meeting_create, name="group_meeting"),
    path("groups/<int:pk>/meetings/<int:meeting_pk>/", views.group_attendance, name="group_attendance"),
    path("members/<int:pk>/leave/", views.member_leave, name="member_leave"),
    path("care/", views.arrangement_list, name="arrangements"),
    path("care/gaps/", views.gap_list, name="gaps"),
    path("people/<int:pk>/", views.person, name="person"),
    path("people/<int:pk>/refer/", views.refer, name="refer"),
    path("people/<int:pk>/groups/", views.member_add, name="member_add"),
    path("people/<int:pk>/dependants/new/", views.dependant_create, name="dependant_create"),
    path("dependants/<int:pk>/edit/", views.dependant_edit, name="dependant_edit"),
    path("dependants/<int:pk>/arrangements/new/", views.arrangement_create, name="arrangement_create"),
    path("arrangements/<int:pk>/edit/", views.arrangement_edit, name="arrangement_edit"),
]
