"""Staff URLs of the education area, under /app/workshops/."""

app_name = "education"

urlpatterns = []
