"""URLs of the public portal, mounted at the site root."""

app_name = "portal"

urlpatterns = []
