"""URLs outside /app/ and /me/: certificate verification and PDFs, personal calendar feeds."""

from django.urls import path

from muflon.education import views_public

app_name = "education_public"

urlpatterns = [
    path("certificates/<int:pk>/pdf/", views_public.certificate_pdf, name="certificate_pdf"),
    path("certificates/<str:code>/", views_public.verify, name="verify"),
    path("calendar/reset/", views_public.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views_public.calendar_feed, name="calendar_feed"),
]
