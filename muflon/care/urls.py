"""URLs of the care area, mounted at /app/care/."""

app_name = "care"

urlpatterns = []
