"""The cooperatives area's panel on the staff dashboard: the groups and cooperatives the user works with, and those
whose report for the last ended quarter has not come in."""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from muflon.accounts.models import COOPERATIVE_ROLES
from muflon.cooperatives.models import Cooperative, FoundingGroup, QuarterlyReport
from muflon.cooperatives.services import REPORT_DUE_DAYS, previous_quarter, quarter_end


def cooperatives_panel(user):
    if not user.has_role(*COOPERATIVE_ROLES):
        return None
    cooperatives = Cooperative.objects.visible_to(user).exclude(status=Cooperative.Status.CLOSED)
    groups = FoundingGroup.objects.visible_to(user).filter(status=FoundingGroup.Status.FORMING).count()
    count = cooperatives.count()
    if not (groups or count):
        return None
    year, quarter = previous_quarter(timezone.localdate())
    ended = quarter_end(year, quarter)
    reported = QuarterlyReport.objects.filter(cooperative=OuterRef("pk"), year=year, quarter=quarter)
    missing = cooperatives.filter(registered_on__lte=ended).exclude(Exists(reported)).order_by("name")
    return {
        "forming_groups": groups,
        "cooperatives": count,
        "quarter": (year, quarter),
        "late": (timezone.localdate() - ended).days > REPORT_DUE_DAYS,
        "missing_reports": list(missing.only("pk", "name")[:20]),
    }
