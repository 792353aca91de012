"""URLs of the participant's own pages, under /me/."""

from django.urls import path

from muflon.people import views_me

app_name = "me"

urlpatterns = [
    path("", views_me.home, name="home"),
    path("contact/", views_me.contact, name="contact"),
    path("data.json", views_me.data_json, name="data_json"),
    path("data.pdf", views_me.data_pdf, name="data_pdf"),
]
