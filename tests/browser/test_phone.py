"""The staff area on a 375 px phone: no menu page of any role scrolls sideways and each passes axe-core; the staff
menu folds under a "Menu" button that opens with the keyboard; the workshop editions read as cards; a form sent
with a mistake opens on its error summary."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from muflon.accounts.models import Organisation, Role
from muflon.education.models import Edition
from muflon.people.path import ExitReason, Stage
from muflon.people.services import move_to_stage
from muflon.polls.models import Choice, Poll
from tests.browser.axe import assert_accessible
from tests.factories import OrganisationFactory, UserFactory, make_edition, make_participant

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
# One unbroken word longer than a phone is wide, as e-mail addresses are.
LONG_EMAIL = "krzysztof.mazur.spoldzielnia.socjalna.zielony.warsztat@przyklad-dlugiej-domeny.org.pl"


@pytest.fixture
def phone(page):
    """The page at phone size, in Polish."""
    page.set_viewport_size(PHONE)
    page.set_extra_http_headers({"Accept-Language": "pl"})
    return page


@pytest.fixture
def lists_with_rows(cast, partnership, gmina, participant):
    """Something in every list the menus lead to: a follow-up due, a poll, the trainer's edition, and the
    participant's own record, with an e-mail address longer than the screen is wide."""
    coordinator = cast[Role.COORDINATOR]
    person = make_participant(
        partnership,
        gmina,
        by=coordinator,
        first_name="Krzysztof",
        last_name="Mazur",
        sex="M",
        email=LONG_EMAIL,
        joined_on=timezone.localdate() - datetime.timedelta(days=30),
        user=cast[Role.PARTICIPANT],
        case_worker=cast[Role.ADVISOR],
    )
    # An exit schedules a follow-up due the same day: a row of the coordinators' "Follow-ups due".
    move_to_stage(person, Stage.EXITED, on=timezone.localdate(), by=coordinator, exit_reason=ExitReason.FOUND_WORK)
    make_edition(partnership, gmina, trainers=[cast[Role.TRAINER]], capacity=12)
    now = timezone.now()
    poll = Poll.objects.create(
        partnership=partnership,
        question="Czy planujesz założyć spółdzielnię socjalną?",
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=30),
    )
    for position, text in enumerate(["Tak", "Nie"]):
        Choice.objects.create(poll=poll, text=text, position=position)


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def menu_paths(page) -> list[str]:
    """Every page the staff menu offers (the folded and the unfolded list hold the same links), the current one
    first."""
    links = page.eval_on_selector_all("nav.main-nav a[href]", "links => links.map(link => link.getAttribute('href'))")
    current = page.url.removeprefix(page.evaluate("location.origin"))
    return list(dict.fromkeys([current, *links]))


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_no_menu_page_scrolls_sideways_on_a_phone_and_each_passes_axe(phone, log_in, cast, lists_with_rows, role):
    """Every page in a role's menu fits 375 px (wide tables scroll inside their own box, long words break) and has
    no WCAG 2.1 A/AA violation."""
    log_in(cast[role], expect_path=re.compile(r".*/(app|me)/$"))
    paths = menu_paths(phone)
    assert len(paths) > 1, "the role's menu offers no page"
    sideways = []
    for path in paths:
        response = phone.goto(path)
        assert response.status == 200, path
        if scrolls_sideways(phone):
            sideways.append(f"{path} ({phone.evaluate('document.documentElement.scrollWidth')} px)")
        assert_accessible(phone)
    assert not sideways, f"these pages scroll sideways at 375 px: {', '.join(sideways)}"


def test_the_staff_menu_folds_on_a_phone_and_opens_with_the_keyboard(phone, log_in, cast):
    """On a phone the menu is one "Menu" button (a <details>, no JavaScript needed) that Enter opens and Space closes;
    the keyboard then reaches each link; a wide screen shows the links in a row and no button."""
    log_in(cast[Role.COORDINATOR])
    menu = phone.locator("nav.main-nav")
    button = menu.locator("summary")
    workshops = menu.get_by_role("link", name="Warsztaty", exact=True)
    expect(button).to_be_visible()
    expect(button).to_have_text("Menu")
    expect(workshops).to_be_hidden()

    for _ in range(15):  # skip link, brand, account links, language: the button follows them
        phone.keyboard.press("Tab")
        if phone.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    expect(button).to_be_focused()
    phone.keyboard.press("Enter")
    expect(workshops).to_be_visible()
    expect(menu.locator("details")).to_have_attribute("open", "")
    assert not scrolls_sideways(phone)
    assert_accessible(phone)

    phone.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Pulpit", exact=True)).to_be_focused()
    for _ in range(10):
        if phone.evaluate("document.activeElement.textContent.trim()") == "Warsztaty":
            break
        phone.keyboard.press("Tab")
    expect(workshops).to_be_focused()
    phone.keyboard.press("Enter")
    phone.wait_for_url("**/app/workshops/")
    expect(phone.locator("h1")).to_have_text("Warsztaty")

    button.focus()
    phone.keyboard.press("Enter")
    expect(workshops).to_be_visible()
    phone.keyboard.press("Space")
    expect(workshops).to_be_hidden()

    phone.set_viewport_size({"width": 1280, "height": 800})
    expect(button).to_be_hidden()
    expect(workshops).to_be_visible()
    expect(menu.locator("a[aria-current=page]:visible")).to_have_text("Warsztaty")


def test_the_trainers_editions_read_as_cards_on_a_phone(phone, log_in, cast, partnership, gmina):
    """Each edition is a card: its cells one under the other, each after its column's name, nothing to scroll;
    screen readers still meet a table with its caption, column headers and cells; a wide screen keeps the table."""
    trainer = cast[Role.TRAINER]
    make_edition(partnership, gmina, trainers=[trainer], capacity=12, type_name="Pomoc kuchenna z HACCP")
    log_in(trainer)
    phone.goto("/app/workshops/")

    table = phone.get_by_role("table", name="Edycje warsztatów, od najnowszych")
    expect(table).to_be_visible()
    expect(table.get_by_role("columnheader", name="Terminy")).to_have_count(1)
    row = table.get_by_role("row").filter(has_text="Pomoc kuchenna z HACCP")
    cells = row.get_by_role("cell")
    expect(cells).to_have_count(7)
    boxes = [cells.nth(n).bounding_box() for n in range(7)]
    assert len({round(box["x"]) for box in boxes}) == 1, "the cells of a card start at the same left edge"
    assert all(upper["y"] < lower["y"] for upper, lower in zip(boxes, boxes[1:])), "the cells stand one under another"
    assert all(box["x"] + box["width"] <= PHONE["width"] for box in boxes)
    expect(cells.first.get_by_role("link", name="Pomoc kuchenna z HACCP")).to_be_visible()
    labels = [cells.nth(n).evaluate("cell => getComputedStyle(cell, '::before').content") for n in range(1, 7)]
    assert labels[0].startswith('"Terminy: "') and labels[3].startswith('"Zapisani / miejsca: "'), labels
    expect(cells.nth(4)).to_have_text("0 / 12")
    assert not scrolls_sideways(phone)
    region = phone.get_by_role("region", name="Edycje warsztatów")
    assert region.evaluate("box => box.scrollWidth <= box.clientWidth"), "a card needs no scrolling"
    assert_accessible(phone)

    phone.set_viewport_size({"width": 1280, "height": 800})
    assert len({round(cells.nth(n).bounding_box()["y"]) for n in range(7)}) == 1, "a wide screen keeps the row"


def test_a_trainer_on_a_phone_plans_an_edition_past_a_mistake_shown_in_the_error_summary(
    phone, log_in, partnership, gmina
):
    """A training firm's trainer, on a phone, adds an edition and forgets the place: the page opens on the error
    summary (at the top, focused, titled "Błąd:"), whose link leads to the field; what was typed stays; once the
    place is given the edition is saved and appears among the cards."""
    firm = OrganisationFactory(partnership=partnership, name="Szkolenia Sp. z o.o.", kind=Organisation.Kind.TRAINING)
    trainer = UserFactory(
        username="firma", last_name="Firmowa", partnership=partnership, organisation=firm, roles=[Role.TRAINER]
    )
    make_edition(partnership, gmina, meetings=0, type_name="Komunikacja i praca w zespole")
    log_in(trainer)
    phone.locator("nav.main-nav summary").click()
    phone.locator("nav.main-nav").get_by_role("link", name="Warsztaty", exact=True).click()
    phone.get_by_role("link", name="Nowa edycja").click()
    phone.wait_for_url("**/app/workshops/new/")

    phone.select_option("#id_workshop_type", label="Komunikacja i praca w zespole")
    phone.get_by_label("Jan Firmowa").check()
    phone.fill("#id_address", "ul. Szkolna 3")
    phone.select_option("#id_gmina", str(gmina.pk))
    phone.fill("#id_capacity", "8")
    phone.locator("main form button[type=submit]").click()

    summary = phone.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert phone.title().startswith("Błąd:")
    first_field = phone.locator("main form .field").first
    assert summary.bounding_box()["y"] < first_field.bounding_box()["y"], "the summary comes before the fields"
    assert not scrolls_sideways(phone)
    assert_accessible(phone)
    expect(phone.locator("#id_address")).to_have_value("ul. Szkolna 3")
    expect(phone.locator("#id_capacity")).to_have_value("8")
    expect(phone.get_by_label("Jan Firmowa")).to_be_checked()

    to_place = summary.locator("a[href='#id_place']")
    expect(to_place).to_have_text(re.compile("^Miejsce"))
    to_place.click()
    expect(phone.locator("#id_place")).to_be_in_viewport()
    assert phone.url.endswith("#id_place")

    phone.fill("#id_place", "Sala firmy")
    phone.locator("main form button[type=submit]").click()
    # (The address keeps the "#id_place" the link added: a redirect without a fragment inherits it.)
    phone.wait_for_url(re.compile(r"/app/workshops/\d+/(#id_place)?$"))
    edition = Edition.objects.get(place="Sala firmy")
    assert f"/app/workshops/{edition.pk}/" in phone.url
    assert not phone.title().startswith("Błąd:")
    phone.goto("/app/workshops/")
    card = phone.get_by_role("row").filter(has_text="Sala firmy")
    expect(card.get_by_role("cell").nth(3)).to_have_text(re.compile("Firmowa"))
