"""Staff URLs of the education area, under /app/workshops/."""

from django.urls import path

from muflon.education import views

app_name = "education"

urlpatterns = [
    path("", views.edition_list, name="list"),
    path("new/", views.edition_create, name="create"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/new/", views.type_create, name="type_create"),
    path("catalogue/<int:pk>/edit/", views.type_edit, name="type_edit"),
    path("<int:pk>/", views.edition_detail, name="edition"),
    path("<int:pk>/edit/", views.edition_edit, name="edit"),
    path("<int:pk>/meetings/new/", views.meeting_add, name="add_meeting"),
    path("<int:pk>/meetings/<int:meeting_pk>/", views.attendance, name="attendance"),
    path("<int:pk>/enrol/", views.enrol, name="enrol"),
    path("<int:pk>/enrol/people/", views.enrol_people, name="enrol_people"),
    path("<int:pk>/enrolments/<int:enrolment_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/completion/", views.completion_override, name="override"),
]
