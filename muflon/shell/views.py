"""The staff dashboard: the user's roles, their menu as cards and the panels the areas registered."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from muflon.accounts.models import Role
from muflon.core.dashboard import panels_for


@login_required
def dashboard(request):
    if request.user.roles == {Role.PARTICIPANT}:
        return redirect("me:home")
    return render(request, "shell/dashboard.html", {"panels": panels_for(request.user)})
