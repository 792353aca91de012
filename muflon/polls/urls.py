"""URLs of the public poll, mounted at /poll/."""

app_name = "polls"

urlpatterns = []
