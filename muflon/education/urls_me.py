"""URLs of the participant's own workshops, under /me/workshops/."""

from django.urls import path

from muflon.education import views_me

app_name = "me_workshops"

urlpatterns = [
    path("", views_me.home, name="home"),
    path("editions/<int:pk>/enrol/", views_me.enrol, name="enrol"),
    path("enrolments/<int:pk>/withdraw/", views_me.withdraw, name="withdraw"),
    path("enrolments/<int:pk>/feedback/", views_me.feedback, name="feedback"),
    path("certificates/<int:pk>.pdf", views_me.certificate_pdf, name="certificate_pdf"),
]
