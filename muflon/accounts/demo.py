"""Demo data of the accounts area: the pilot partnership's organisations and one user per role."""

from muflon.accounts.models import Organisation, Role, RoleAssignment, User
from muflon.partnership.demo import pilot_partnership
from muflon.region.models import Gmina

DEMO_PASSWORD = "demo-muflon"

# Fictional institutions and people of the pilot region.
ORGANISATIONS = [
    ("Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu", Organisation.Kind.OWES, "0265011"),
    ("Powiatowy Urząd Pracy w Wałbrzychu", Organisation.Kind.LABOUR_OFFICE, "0265011"),
    ("Miejski Ośrodek Pomocy Społecznej w Wałbrzychu", Organisation.Kind.SOCIAL_WELFARE, "0265011"),
    ("Stowarzyszenie Aktywni Razem", Organisation.Kind.NGO, "0219011"),
    ("Fundacja Nowy Start", Organisation.Kind.NGO, "0221053"),
    ("Centrum Szkoleń Zawodowych Sudety", Organisation.Kind.TRAINING, "0265011"),
    ("Piekarnia pod Chełmcem", Organisation.Kind.BUSINESS, "0221031"),
    ("Usługi Remontowe Borowy Sp. z o.o.", Organisation.Kind.BUSINESS, "0219011"),
]

# username, role, first name, last name, organisation name (or gmina TERC for the officer)
DEMO_USERS = [
    ("admin", Role.ADMIN, "Agnieszka", "Dąbrowska", "Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu"),
    ("koordynator", Role.COORDINATOR, "Anna", "Kowalska", "Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu"),
    ("doradca", Role.ADVISOR, "Piotr", "Nowak", "Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu"),
    ("trener", Role.TRAINER, "Ewa", "Wiśniewska", "Centrum Szkoleń Zawodowych Sudety"),
    ("psycholog", Role.COUNSELLOR, "Marta", "Zielińska", "Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu"),
    # A second counsellor (a therapist), so that handing a client over can be tried.
    ("terapeuta", Role.COUNSELLOR, "Paweł", "Grabowski", "Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu"),
    ("grant", Role.GRANT_OFFICER, "Tomasz", "Lewandowski", "Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu"),
    ("gmina", Role.MUNICIPALITY_OFFICER, "Katarzyna", "Wójcik", "Gmina Głuszyca"),
    ("partner", Role.PARTNER, "Jan", "Kamiński", "Powiatowy Urząd Pracy w Wałbrzychu"),
    ("uczestnik", Role.PARTICIPANT, "Krzysztof", "Mazur", None),
]


def municipality_name(gmina: Gmina) -> str:
    return f"Gmina {gmina.name}" if gmina.kind != Gmina.Kind.URBAN else f"Gmina Miejska {gmina.name}"


def load(**options) -> None:
    partnership = pilot_partnership()
    for gmina in Gmina.objects.all():
        name = "Gmina Głuszyca" if gmina.terc == "0221053" else municipality_name(gmina)
        Organisation.objects.update_or_create(
            partnership=partnership,
            name=name,
            defaults={"kind": Organisation.Kind.MUNICIPALITY, "gmina": gmina},
        )
    for name, kind, terc in ORGANISATIONS:
        Organisation.objects.update_or_create(
            partnership=partnership, name=name, defaults={"kind": kind, "gmina": Gmina.objects.get(terc=terc)}
        )
    for username, role, first_name, last_name, organisation_name in DEMO_USERS:
        organisation = (
            Organisation.objects.get(partnership=partnership, name=organisation_name) if organisation_name else None
        )
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "partnership": partnership,
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@demo.muflon.invalid",
                "organisation": organisation,
                "gmina": organisation.gmina if role == Role.MUNICIPALITY_OFFICER else None,
                "is_active": True,
            },
        )
        # Only new users get the password: checking it on every run costs seconds of hashing.
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        RoleAssignment.objects.get_or_create(user=user, role=role)
