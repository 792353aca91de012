"""URLs of the people area, under /app/."""

from django.urls import path

from muflon.people import views, views_import

app_name = "people"

urlpatterns = [
    path("participants/", views.participant_list, name="list"),
    path("participants/export.<str:file_format>", views.participant_export, name="export"),
    path("participants/new/", views.participant_create, name="create"),
    path("participants/import/", views_import.import_upload, name="import"),
    path("participants/import/confirm/", views_import.import_confirm, name="import_confirm"),
    path("participants/<int:pk>/", views.participant_detail, name="detail"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="edit"),
    path("participants/<int:pk>/stage/", views.participant_move, name="move"),
    path("participants/<int:pk>/diagnosis/", views.participant_assess, name="assess"),
    path("participants/<int:pk>/plan/", views.participant_plan, name="plan"),
    path("participants/<int:pk>/consents/", views.participant_consents, name="consents"),
    path("participants/<int:pk>/consents/<int:consent_pk>/withdraw/", views.consent_withdraw, name="withdraw"),
    path("participants/<int:pk>/referrals/new/", views.participant_referral, name="refer"),
    path("participants/<int:pk>/eligibility/new/", views.participant_eligibility, name="eligibility"),
    path("participants/<int:pk>/notes/", views.participant_note, name="note"),
    path("participants/<int:pk>/tasks/", views.participant_task, name="task"),
    path("tasks/<int:task_pk>/done/", views.task_done, name="task_done"),
    path("follow-ups/", views.follow_up_list, name="follow_ups"),
    path("follow-ups/<int:follow_up_pk>/", views.follow_up_record, name="follow_up"),
    path("recruitment/", views.candidate_queue, name="queue"),
    path("recruitment/<int:candidate_pk>/decline/", views.candidate_decline, name="decline"),
]
