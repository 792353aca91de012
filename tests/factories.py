"""Factories for test data; each test names only what matters to it."""

import factory

from muflon.accounts.models import Organisation, RoleAssignment, User
from muflon.partnership.models import Partnership

TEST_PASSWORD = "test-pass-Muflon-1"


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnerstwo testowe {n}")
    slug = factory.Sequence(lambda n: f"partnerstwo-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Organizacja {n}")
    kind = Organisation.Kind.NGO


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Jan"
    last_name = factory.Sequence(lambda n: f"Testowy{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    partnership = factory.SubFactory(PartnershipFactory)
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or ():
            RoleAssignment.objects.create(user=self, role=role)
        self.__dict__.pop("roles", None)
