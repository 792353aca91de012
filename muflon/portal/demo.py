"""Demo data of the portal area: the pilot partnership's pages, two years of news, four success stories (with
consent) and the library of guides and materials named in DESIGN.md, as small real files.

Idempotent: entries are found by their address (slug) or title and created only when missing, so a second run
writes nothing (and no audit entries)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from muflon.accounts.models import User
from muflon.partnership.demo import pilot_partnership
from muflon.portal import demo_documents as documents
from muflon.portal import services, uploads
from muflon.portal.models import LibraryItem, NewsItem, Page, Status, SuccessStory

PAGES = [
    (
        "misja",
        "Nasza misja",
        1,
        True,
        """Chcemy, żeby osoby, które od dawna nie mają pracy, mogły znów zarabiać na siebie i swoją rodzinę — i żeby
robiły to razem, we własnej spółdzielni socjalnej.

Wierzymy, że **praca daje więcej niż pensję**: daje rytm dnia, ludzi wokół i poczucie, że jest się potrzebnym.
Dlatego nie kończymy na jednym kursie ani jednej dotacji. Towarzyszymy każdej osobie od pierwszej rozmowy aż do
stałego zatrudnienia.

## Co jest dla nas ważne

- **Każdy zaczyna tam, gdzie jest.** Nie oczekujemy doświadczenia w biznesie ani dyplomów.
- **Razem łatwiej.** Spółdzielnia to grupa ludzi, którzy wspierają się nawzajem.
- **Równe szanse.** Kobiety i mężczyźni, osoby z niepełnosprawnością, opiekunowie osób zależnych — każdy
  dostaje wsparcie dopasowane do swojej sytuacji.
- **Prosto i jasno.** Mówimy zrozumiale i odpowiadamy na każde pytanie.
""",
    ),
    (
        "partnerstwo",
        "Partnerstwo",
        2,
        True,
        """Nasze partnerstwo łączy instytucje, które zwykle działają osobno: **gminy**, **powiatowy urząd pracy**,
**ośrodki pomocy społecznej**, **organizacje pozarządowe**, **firmy szkoleniowe** i **lokalny biznes**.

Działamy w gminach powiatu wałbrzyskiego, w Wałbrzychu i w Świdnicy. Każdy partner ma swoje zadanie:

| Partner | Co wnosi |
| --- | --- |
| Gminy | lokale, zamówienia z klauzulami społecznymi, zlecanie zadań publicznych |
| Urząd pracy | kierowanie osób, staże, środki na podjęcie działalności |
| Pomoc społeczna | rozpoznanie potrzeb rodzin, praca socjalna, opieka nad osobami zależnymi |
| Organizacje pozarządowe | doradztwo, grupy samopomocowe, inkubator |
| Biznes | zlecenia dla spółdzielni, mentoring, praktyki |

Partnerstwo zawarło pisemne porozumienie: określa w nim swoją strukturę, sposób komunikacji, podział zadań
i zasady rozwiązywania sporów.
""",
    ),
    (
        "ekonomia-spoleczna",
        "Czym jest ekonomia społeczna",
        3,
        True,
        """Ekonomia społeczna to firmy, które **zarabiają, ale nie dla zysku samego w sobie**. Ich celem jest praca dla
ludzi, którym trudno ją znaleźć, i usługi potrzebne w okolicy.

## Spółdzielnia socjalna w kilku zdaniach

Spółdzielnię socjalną może założyć **co najmniej pięć osób** — na przykład osoby długotrwale bezrobotne,
osoby z niepełnosprawnością albo osoby wychodzące z bezdomności. Mogą do niej dołączyć także gmina lub
organizacja pozarządowa. Członkowie wspólnie prowadzą firmę i są w niej zatrudnieni.

Zysk spółdzielni nie jest dzielony między członków, tylko wraca do firmy i służy jej pracownikom oraz lokalnej
społeczności.

## Przykłady

- catering i prowadzenie stołówki szkolnej,
- sprzątanie i utrzymanie zieleni,
- drobne remonty i usługi budowlane,
- opieka nad osobami starszymi,
- szycie, rękodzieło, turystyka.
""",
    ),
    (
        "co-upowszechniamy",
        "Co upowszechniamy",
        4,
        True,
        """Nasz sposób działania sprawdził się w regionie i chcemy, żeby korzystały z niego inne powiaty. Dzielimy się
całym modelem albo jego częściami:

1. **Program miejsko-gminny** — porozumienia z gminami o wspieraniu spółdzielni socjalnych.
2. **Ośrodek wsparcia ekonomii społecznej** — doradztwo, inkubator, dotacje i wsparcie pomostowe.
3. **Ścieżka edukacyjna** — warsztaty motywacyjne, szkolenia z zakładania spółdzielni, kursy zawodowe.
4. **Wsparcie w pokonywaniu barier** — pomoc psychologiczna, grupy samopomocowe, opieka nad osobami zależnymi.

Poradniki, materiały edukacyjne i raporty są do pobrania w [bibliotece](/library/). Chętnie też przyjedziemy
i opowiemy o naszych doświadczeniach — [napisz do nas](/pages/kontakt/).
""",
    ),
    (
        "kontakt",
        "Kontakt",
        5,
        True,
        """**Ośrodek Wsparcia Ekonomii Społecznej w Wałbrzychu**
ul. Przykładowa 12, 58-300 Wałbrzych

- telefon: [74 000 00 00](tel:+48740000000) (poniedziałek–piątek, 8:00–16:00)
- e-mail: [kontakt@owes.example.org](mailto:kontakt@owes.example.org)

Biuro jest na parterze, wejście bez schodów. Jeśli potrzebujesz tłumacza języka migowego albo spotkania
w swojej gminie, zadzwoń — umówimy się.

Jeśli chcesz założyć spółdzielnię albo potrzebujesz wsparcia, najszybciej będzie [zgłosić się przez
formularz](/join/). Oddzwonimy w ciągu kilku dni roboczych.
""",
    ),
    (
        "deklaracja-dostepnosci",
        "Deklaracja dostępności",
        90,
        False,
        """Partnerstwo zobowiązuje się zapewnić dostępność tej strony internetowej zgodnie z ustawą o dostępności
cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych.

## Stan dostępności

Strona jest zgodna ze standardem **WCAG 2.1 na poziomie AA**. Każda strona jest sprawdzana automatycznie
narzędziem axe-core, działa bez JavaScriptu i na ekranie o szerokości 320 pikseli.

- Wszystkie zdjęcia mają opis alternatywny.
- Stronę można obsłużyć samą klawiaturą; pierwszy klawisz Tab prowadzi do odnośnika „Przejdź do treści”.
- Dokumenty w bibliotece mają tytuły i opisy; część starszych plików PDF może nie mieć pełnej struktury.

## Informacje zwrotne i kontakt

Jeśli coś na stronie jest dla Ciebie niedostępne, napisz na
[dostepnosc@owes.example.org](mailto:dostepnosc@owes.example.org) albo zadzwoń: 74 000 00 00.
Odpowiemy najpóźniej w ciągu 7 dni.
""",
    ),
]

# (days before today, slug, title, lead, body, picture or None)
NEWS = [
    (
        720,
        "ruszamy-z-projektem",
        "Ruszamy! Partnerstwo podpisało porozumienie",
        "Gminy, urząd pracy, pomoc społeczna, organizacje i firmy z regionu podpisały porozumienie o wspólnym "
        "wspieraniu spółdzielni socjalnych.",
        "Po pół roku rozmów partnerzy uzgodnili strukturę partnerstwa, podział zadań i sposób rozwiązywania sporów. "
        "Porozumienie określa też, ile osób chcemy objąć wsparciem w ciągu najbliższych lat.\n\n"
        "Pierwszym krokiem będzie **diagnoza regionu**: gdzie mieszkają osoby długo pozostające bez pracy i jakie "
        "usługi są potrzebne w gminach.",
        ("house", (200, 225, 245), (70, 130, 80)),
    ),
    (
        690,
        "diagnoza-regionu-gotowa",
        "Diagnoza regionu gotowa",
        "Wiemy już, gdzie spółdzielnie socjalne mają największe szanse — najwięcej potrzeb widać w usługach "
        "opiekuńczych i remontowych.",
        "Diagnoza objęła strukturę bezrobocia, liczbę osób zagrożonych wykluczeniem i rynki, na których mogą "
        "działać nowe spółdzielnie. Pełny raport jest dostępny w bibliotece.",
        None,
    ),
    (
        650,
        "pierwsze-warsztaty-motywacyjne",
        "Pierwsze warsztaty motywacyjne za nami",
        "Dwadzieścia osób z Głuszycy i Boguszowa-Gorców ukończyło trzydniowe warsztaty motywacyjne.",
        "Uczestnicy rozmawiali o swoich mocnych stronach, ćwiczyli rozmowy o pracę i planowali kolejne kroki. "
        "— Pierwszy raz od lat ktoś zapytał mnie, co lubię robić — mówi jedna z uczestniczek.",
        ("people", (245, 235, 210), (110, 150, 90)),
    ),
    (
        610,
        "program-gminny-przyjety",
        "Trzy gminy przyjęły program wspierania spółdzielni",
        "Rady gmin przyjęły program miejsko-gminny: lokale na preferencyjnych warunkach i klauzule społeczne "
        "w zamówieniach.",
        "Program przewiduje udostępnianie lokali, pomoc w ich znalezieniu, zwolnienia z podatków lokalnych oraz "
        "zlecanie spółdzielniom zadań publicznych.",
        None,
    ),
    (
        570,
        "inkubator-otwarty",
        "Inkubator spółdzielni otwarty",
        "W Wałbrzychu działa inkubator: biurka, sala spotkań i sprzęt dla grup, które przygotowują się do "
        "założenia spółdzielni.",
        "Grupy inicjatywne mogą korzystać z inkubatora bezpłatnie przez rok. Na miejscu dyżurują doradcy: "
        "prawny, księgowy i marketingowy.",
        ("house", (225, 235, 250), (90, 120, 160)),
    ),
    (
        530,
        "grupa-samopomocowa",
        "Ruszyła grupa samopomocowa dla rodziców",
        "Co tydzień spotyka się grupa wsparcia dla rodziców, którzy wracają do pracy po długiej przerwie.",
        "Spotkania prowadzi psycholożka. W tym czasie dzieci mają zapewnioną opiekę na miejscu.",
        None,
    ),
    (
        490,
        "pierwsza-spoldzielnia-zarejestrowana",
        "Pierwsza spółdzielnia zarejestrowana!",
        "Spółdzielnia Socjalna „Smaki Sudetów” została wpisana do KRS. Zatrudnia sześć osób.",
        "Spółdzielnia prowadzi catering i stołówkę w jednej ze szkół. Otrzymała dotacje na utworzenie miejsc "
        "pracy i wsparcie pomostowe na pierwsze miesiące.",
        ("people", (250, 230, 220), (160, 110, 80)),
    ),
    (
        450,
        "dotacje-nabor",
        "Nabór wniosków o dotacje na miejsca pracy",
        "Grupy inicjatywne i spółdzielnie mogą składać wnioski o dotacje na utworzenie nowych miejsc pracy.",
        "Wnioski przyjmujemy przez miesiąc. Doradcy pomagają przygotować biznesplan i budżet.",
        None,
    ),
    (
        410,
        "kurs-opiekuna",
        "Kurs opiekuna osób starszych — komplet uczestników",
        "Szesnaście osób rozpoczęło kurs zawodowy opiekuna osób starszych.",
        "Kurs kończy się egzaminem i zaświadczeniem. Absolwenci planują założyć spółdzielnię usług opiekuńczych.",
        None,
    ),
    (
        370,
        "spotkanie-z-biznesem",
        "Przedsiębiorcy spotkali się ze spółdzielniami",
        "Lokalne firmy rozmawiały ze spółdzielniami o współpracy i zleceniach.",
        "Efekt pierwszego spotkania: trzy umowy na usługi sprzątania i utrzymania zieleni.",
        None,
    ),
    (
        330,
        "druga-spoldzielnia",
        "Druga spółdzielnia: remonty i wykończenia",
        "Spółdzielnia Socjalna „Zielony Warsztat” z Boguszowa-Gorców rozpoczęła działalność.",
        "Pięciu członków spółdzielni wcześniej pracowało dorywczo na budowach. Teraz mają stałe umowy.",
        None,
    ),
    (
        290,
        "raport-polroczny",
        "Raport o efektach wsparcia",
        "Podsumowaliśmy, które formy wsparcia najczęściej prowadzą do stałej pracy.",
        "Najlepsze wyniki daje połączenie warsztatów, doradztwa i wsparcia psychologicznego. Szczegóły w raporcie.",
        None,
    ),
    (
        250,
        "opieka-nad-dziecmi",
        "Opieka nad dziećmi w czasie zajęć",
        "Na wszystkich warsztatach zapewniamy opiekę nad dziećmi uczestników.",
        "Wystarczy zgłosić potrzebę przy zapisie. Opiekunki mają doświadczenie w pracy z dziećmi w różnym wieku.",
        None,
    ),
    (
        210,
        "wizyta-studyjna",
        "Wizyta studyjna z innego powiatu",
        "Goście z sąsiedniego regionu poznali nasz model i odwiedzili dwie spółdzielnie.",
        "Rozmawialiśmy o tym, od czego zacząć partnerstwo i jak przekonać gminy do programu.",
        None,
    ),
    (
        170,
        "klauzule-spoleczne",
        "Klauzule społeczne w zamówieniach gmin",
        "Dwie gminy zastosowały klauzule społeczne w przetargach na utrzymanie zieleni.",
        "Dzięki temu spółdzielnie socjalne mogą skuteczniej konkurować o zlecenia publiczne.",
        None,
    ),
    (
        130,
        "nowe-poradniki",
        "Nowe poradniki w bibliotece",
        "W bibliotece są cztery nowe poradniki, m.in. o współpracy gmin z organizacjami pozarządowymi.",
        "Poradniki są bezpłatne. Można je pobrać w formacie PDF i wydrukować.",
        None,
    ),
    (
        90,
        "trzecia-spoldzielnia",
        "Trzecia spółdzielnia: opieka nad seniorami",
        "Absolwentki kursu opiekuna założyły Spółdzielnię Socjalną „Dobre Ręce”.",
        "Spółdzielnia świadczy usługi opiekuńcze na zlecenie gminy i prywatnych klientów.",
        ("people", (235, 240, 225), (120, 160, 110)),
    ),
    (
        55,
        "dzien-otwarty",
        "Dzień otwarty w inkubatorze",
        "Zapraszamy wszystkich, którzy myślą o założeniu spółdzielni, na dzień otwarty.",
        "Będzie można porozmawiać z doradcami i członkami działających spółdzielni. Wstęp wolny.",
        None,
    ),
    (
        25,
        "wyniki-sondy",
        "Wyniki naszej sondy",
        "Zapytaliśmy, czy planujesz założyć spółdzielnię socjalną. Dziękujemy za setki głosów!",
        "Wyniki sondy są dostępne na stronie sondy. Każda odpowiedź pomaga nam lepiej planować wsparcie.",
        None,
    ),
    (
        6,
        "nowa-edycja-warsztatow",
        "Zapisy na nową edycję warsztatów",
        "Ruszają zapisy na warsztaty „Budujemy spółdzielnię socjalną”. Liczba miejsc ograniczona.",
        "Warsztaty są bezpłatne, zapewniamy zwrot kosztów dojazdu i opiekę nad dziećmi. [Zgłoś się](/join/).",
        None,
    ),
]
# Scheduled for later and a draft: the staff area shows both, the public neither (yet).
SCHEDULED = (
    -10,
    "podsumowanie-roku",
    "Podsumowanie roku",
    "Ile osób znalazło pracę, ile spółdzielni powstało i co planujemy na przyszły rok.",
    "Szczegółowe liczby opublikujemy razem z raportem rocznym.",
)
DRAFT = (
    "szkolenie-ksiegowe",
    "Szkolenie z księgowości dla spółdzielni (szkic)",
    "Planujemy szkolenie z podstaw księgowości dla członków zarządów spółdzielni.",
    "Termin i miejsce podamy wkrótce.",
)

# (slug, title, lead, body, cooperative, days ago, participant stage or None, consent by)
STORIES = [
    (
        "smaki-sudetow",
        "Smaki Sudetów: obiady, które dały pracę sześciu osobom",
        "Sześć osób, które długo nie mogły znaleźć pracy, prowadzi dziś szkolną stołówkę i catering.",
        "Zaczęło się od warsztatów motywacyjnych. Kilka osób odkryło, że wszystkie lubią gotować — i że mogą "
        "robić to zawodowo.\n\nPo kursie kucharza i roku w inkubatorze grupa założyła spółdzielnię. Dziś "
        "wydaje dziennie ponad dwieście obiadów.\n\n> Najważniejsze było to, że nikt nie został sam z "
        "problemami — mówi prezeska spółdzielni.",
        "Spółdzielnia Socjalna „Smaki Sudetów”",
        400,
        None,
        "Zarząd Spółdzielni Socjalnej „Smaki Sudetów” (uchwała zarządu)",
    ),
    (
        "zielony-warsztat",
        "Zielony Warsztat: stała praca zamiast dorywczych zleceń",
        "Pięciu mężczyzn z Boguszowa-Gorców założyło spółdzielnię remontową i ma stałe umowy.",
        "Każdy z nich latami pracował „na czarno” na budowach. Spółdzielnia dała im umowy, składki i pewność "
        "zarobku.\n\nGmina zleca im drobne remonty w szkołach i świetlicach, a lokalne firmy — prace "
        "wykończeniowe.",
        "Spółdzielnia Socjalna „Zielony Warsztat”",
        250,
        None,
        "Zarząd Spółdzielni Socjalnej „Zielony Warsztat”",
    ),
    (
        "pani-{first}-wraca-do-pracy",
        "{first}: po ośmiu latach przerwy znów w pracy",
        "{first} przez osiem lat opiekowała się chorą mamą. Dziś pracuje w spółdzielni usług opiekuńczych.",
        "Najtrudniejszy był pierwszy krok — mówi {first}. Pomogły rozmowy z psycholożką i grupa wsparcia, a "
        "opiekę nad mamą na czas kursu zorganizował ośrodek pomocy społecznej.\n\nPo kursie opiekuna osób "
        "starszych dołączyła do spółdzielni „Dobre Ręce”.",
        "Spółdzielnia Socjalna „Dobre Ręce”",
        80,
        "F",
        "",
    ),
    (
        "pan-{first}-i-wlasna-firma",
        "{first}: od bezrobocia do współwłaściciela firmy",
        "{first} był bez pracy trzy lata. Dziś jest członkiem spółdzielni i jej pracownikiem.",
        "Na warsztatach {first} przekonał się, że jego doświadczenie z budowy jest wiele warte. Doradca pomógł "
        "grupie napisać biznesplan, a dotacja pozwoliła kupić sprzęt.",
        "Spółdzielnia Socjalna „Zielony Warsztat”",
        30,
        "M",
        "",
    ),
]

GUIDE_SECTIONS = {
    "gminy": (
        (
            "Dla kogo jest ten poradnik",
            "Dla wójtów, burmistrzów i pracowników urzędów gmin, którzy chcą wspierać "
            "spółdzielnie socjalne razem z organizacjami i biznesem.",
        ),
        ("Od czego zacząć", "Od spotkania partnerów, wspólnej diagnozy i uzgodnienia, kto za co odpowiada."),
        ("Narzędzia gminy", "Lokale, zwolnienia z podatków lokalnych, klauzule społeczne, zlecanie zadań publicznych."),
    ),
    "motywacja": (
        ("Pierwszy kontakt", "Rozmowa bez pośpiechu, w miejscu bliskim domu. Słuchamy, zanim coś zaproponujemy."),
        ("Warsztaty", "Krótkie zajęcia w małych grupach, dużo ćwiczeń, mało wykładów."),
        ("Wytrwałość", "Regularny kontakt i drobne cele, które można osiągnąć w ciągu tygodnia."),
    ),
    "standardy": (
        ("Standard doradztwa", "Każda grupa inicjatywna ma stałego doradcę i co najmniej dwa spotkania w miesiącu."),
        ("Standard wsparcia finansowego", "Dotacje wypłacane po zatwierdzeniu biznesplanu, z jasną ścieżką odwołania."),
        ("Standard dostępności", "Spotkania w miejscach bez barier, materiały prostym językiem."),
    ),
    "bariery": (
        ("Rozpoznanie barier", "Zdrowie, opieka nad bliskimi, zadłużenie, brak wiary w siebie — każdą opisujemy."),
        ("Wsparcie psychologiczne", "Indywidualne sesje i grupy samopomocowe, poufne notatki."),
        ("Opieka nad osobami zależnymi", "Opieka nad dziećmi i seniorami w czasie zajęć i pierwszych miesięcy pracy."),
    ),
}

# (title, category, visibility, description, tags, files: list of (kind, builder args))
LIBRARY = [
    (
        "Program miejsko-gminny wspierania spółdzielni socjalnych",
        LibraryItem.Category.LEGAL_ACT,
        "Wzorcowy program przyjmowany uchwałą rady gminy: lokale, ulgi, klauzule społeczne, zlecanie zadań.",
        "gminy, uchwała",
        "pdf",
        (
            ("Cel programu", "Wspieranie powstawania i rozwoju spółdzielni socjalnych na terenie gminy."),
            ("Formy wsparcia", "Lokale, pomoc w ich znalezieniu, zwolnienia z podatków lokalnych, klauzule."),
            ("Realizacja", "Coroczne sprawozdanie wójta lub burmistrza z realizacji programu."),
        ),
    ),
    (
        "Poradnik: jak rozpocząć współpracę gmin z organizacjami pozarządowymi i biznesem",
        LibraryItem.Category.GUIDE,
        "Krok po kroku: od pierwszego spotkania partnerów do wspólnego programu.",
        "gminy, partnerstwo",
        "pdf",
        GUIDE_SECTIONS["gminy"],
    ),
    (
        "Poradnik: jak kształcić i motywować osoby bezrobotne",
        LibraryItem.Category.GUIDE,
        "Sprawdzone sposoby pracy z osobami długotrwale bezrobotnymi.",
        "edukacja, motywacja",
        "pdf",
        GUIDE_SECTIONS["motywacja"],
    ),
    (
        "Nowe standardy usług wsparcia ekonomii społecznej",
        LibraryItem.Category.GUIDE,
        "Standardy doradztwa, wsparcia finansowego i dostępności usług ośrodka wsparcia.",
        "standardy, OWES",
        "pdf",
        GUIDE_SECTIONS["standardy"],
    ),
    (
        "Poradnik: jak pomagać w pokonywaniu barier społecznych",
        LibraryItem.Category.GUIDE,
        "Wsparcie psychologiczne, grupy samopomocowe i opieka nad osobami zależnymi.",
        "bariery, psychologia",
        "pdf",
        GUIDE_SECTIONS["bariery"],
    ),
    (
        "Materiały edukacyjne: Budujemy spółdzielnię socjalną",
        LibraryItem.Category.EDUCATIONAL,
        "Materiały do warsztatów: czym jest spółdzielnia, jak ją założyć, kto może być członkiem.",
        "edukacja, spółdzielnia",
        "pdf",
        (
            ("Moduł 1: Czym jest spółdzielnia socjalna", "Cele, członkowie, zasady podziału nadwyżki."),
            ("Moduł 2: Zakładamy spółdzielnię", "Statut, zebranie założycielskie, wpis do KRS."),
            ("Moduł 3: Pierwszy rok", "Księgowość, pierwsi klienci, wsparcie pomostowe."),
        ),
    ),
    (
        "Analiza potencjału przedsiębiorczości społecznej na terenach zapóźnionych gospodarczo i poprzemysłowych",
        LibraryItem.Category.REPORT,
        "Gdzie i w jakich branżach spółdzielnie socjalne mają szansę się utrzymać.",
        "diagnoza, raport",
        "pdf",
        (
            ("Obszar badania", "Gminy powiatu wałbrzyskiego, Wałbrzych i Świdnica."),
            ("Wnioski", "Największy potencjał: usługi opiekuńcze, remontowe, gastronomia i utrzymanie zieleni."),
        ),
    ),
    (
        "Raport o efektywności form wsparcia",
        LibraryItem.Category.REPORT,
        "Które formy wsparcia najczęściej prowadzą do stałego zatrudnienia.",
        "raport, efekty",
        "pdf",
        (("Wyniki", "Połączenie warsztatów, doradztwa i wsparcia psychologicznego daje najlepsze efekty."),),
    ),
    (
        "Wzór statutu spółdzielni socjalnej",
        LibraryItem.Category.TEMPLATE,
        "Wzór do uzupełnienia przez grupę założycielską.",
        "wzory, spółdzielnia",
        "docx",
        [
            "§ 1. Spółdzielnia nosi nazwę: Spółdzielnia Socjalna „…”.",
            "§ 2. Siedzibą spółdzielni jest …",
            "§ 3. Przedmiotem działalności spółdzielni jest prowadzenie wspólnego przedsiębiorstwa.",
        ],
    ),
    (
        "Karta pracy: mój pomysł na spółdzielnię",
        LibraryItem.Category.TEMPLATE,
        "Karta do wypełnienia na warsztatach: pomysł, klienci, potrzebne umiejętności.",
        "wzory, warsztaty",
        "odt",
        ["Mój pomysł na usługę: …", "Kto będzie klientem: …", "Czego muszę się nauczyć: …"],
    ),
    (
        "Arkusz: budżet pierwszego roku spółdzielni",
        LibraryItem.Category.TEMPLATE,
        "Arkusz kalkulacyjny z przykładowym budżetem przychodów i kosztów.",
        "wzory, finanse",
        "xlsx",
        None,
    ),
]
STAFF_ONLY = (
    "Procedura rekrutacji — instrukcja dla koordynatorów",
    LibraryItem.Category.GUIDE,
    "Wewnętrzna instrukcja: od zgłoszenia do przyjęcia uczestnika. Tylko dla pracowników partnerstwa.",
    "rekrutacja, procedury",
    "pdf",
    (("Zgłoszenie", "Oddzwaniamy w ciągu trzech dni roboczych."), ("Kwalifikacja", "Sprawdzamy podstawę prawną.")),
)


def load(**options) -> None:
    partnership = pilot_partnership()
    editor = User.objects.get(username="koordynator")
    now = timezone.now()
    load_pages(partnership)
    load_news(partnership, now)
    load_stories(partnership, now, editor)
    load_library(partnership, editor)


def load_pages(partnership) -> None:
    for slug, title, order, in_menu, body in PAGES:
        Page.objects.get_or_create(
            partnership=partnership,
            slug=slug,
            defaults={
                "title": title,
                "body": body,
                "menu_order": order,
                "show_in_menu": in_menu,
                "status": Status.PUBLISHED,
            },
        )


def load_news(partnership, now) -> None:
    for days, slug, title, lead, body, art in NEWS:
        if NewsItem.objects.filter(partnership=partnership, slug=slug).exists():
            continue
        item = NewsItem(
            partnership=partnership,
            slug=slug,
            title=title,
            lead=lead,
            body=body,
            status=Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=days, hours=days % 7),
        )
        if art:
            shape, sky, hills = art
            upload = SimpleUploadedFile("ilustracja.png", documents.picture(sky, hills, shape))
            services.store_image(item, uploads.clean_image(upload))
            item.image_alt = (
                "Rysunek: dom na tle zielonych wzgórz" if shape == "house" else "Rysunek: grupa ludzi na tle wzgórz"
            )
        item.save()
    days, slug, title, lead, body = SCHEDULED
    NewsItem.objects.get_or_create(
        partnership=partnership,
        slug=slug,
        defaults={
            "title": title,
            "lead": lead,
            "body": body,
            "status": Status.PUBLISHED,
            "publish_at": now - datetime.timedelta(days=days),
        },
    )
    slug, title, lead, body = DRAFT
    NewsItem.objects.get_or_create(
        partnership=partnership, slug=slug, defaults={"title": title, "lead": lead, "body": body}
    )


def load_stories(partnership, now, editor) -> None:
    for slug, title, lead, body, cooperative, days, sex, consent_by in STORIES:
        person = None
        if sex:
            person = consenting_participant(partnership, sex, editor, now)
            if person is None:
                continue
            first = person.first_name
            slug, title, lead, body = (
                services.slug_for(slug.format(first=first)),
                title.format(first=first),
                lead.format(first=first),
                body.format(first=first),
            )
            if SuccessStory.objects.filter(partnership=partnership, participant=person).exists():
                continue
        SuccessStory.objects.get_or_create(
            partnership=partnership,
            slug=slug,
            defaults={
                "title": title,
                "lead": lead,
                "body": body,
                "cooperative_name": cooperative,
                "participant": person,
                "consent_given_by": consent_by,
                "consent_given_on": (now - datetime.timedelta(days=days + 5)).date() if consent_by else None,
                "consent_note": "pisemna zgoda, w dokumentacji biura" if consent_by else "",
                "status": Status.PUBLISHED,
                "publish_at": now - datetime.timedelta(days=days),
            },
        )


def consenting_participant(partnership, sex, editor, now):
    """A demo participant working in a cooperative who agreed to publication (the consent is recorded here)."""
    from muflon.people.models import Consent, Participant
    from muflon.people.path import Stage
    from muflon.people.services import give_consent

    people = Participant.objects.filter(partnership=partnership, sex=sex).order_by("pk")
    person = (
        people.filter(stage=Stage.EMPLOYED_COOPERATIVE).first()
        or people.filter(stage=Stage.COOPERATIVE_MEMBER).first()
        or people.first()
    )
    if person is None:
        return None
    if not person.consents.filter(purpose=Consent.Purpose.PUBLICATION, withdrawn_on__isnull=True).exists():
        given = max(person.joined_on, (now - datetime.timedelta(days=120)).date())
        give_consent(person, Consent.Purpose.PUBLICATION, on=given, method=Consent.Method.PAPER, by=editor)
    return person


def load_library(partnership, editor) -> None:
    for title, category, description, tags, kind, content in LIBRARY:
        add_document(
            partnership, editor, title, category, description, tags, kind, content, LibraryItem.Visibility.PUBLIC
        )
    title, category, description, tags, kind, content = STAFF_ONLY
    add_document(partnership, editor, title, category, description, tags, kind, content, LibraryItem.Visibility.STAFF)


def add_document(partnership, editor, title, category, description, tags, kind, content, visibility) -> None:
    if LibraryItem.objects.filter(partnership=partnership, title=title).exists():
        return
    item = LibraryItem.objects.create(
        partnership=partnership, title=title, description=description, category=category, visibility=visibility
    )
    services.set_tags(item, services.tags_from_text(partnership, tags))
    versions = [content]
    if title.startswith("Raport o efektywności"):
        # The report was corrected once: two versions, the first still downloadable.
        versions.append(content + (("Aktualizacja", "Dane uzupełnione o drugie półrocze."),))
    for number, version_content in enumerate(versions, start=1):
        upload = SimpleUploadedFile(f"{services.slug_for(title, 50)}.{kind}", build(kind, title, version_content))
        note = "pierwsze wydanie" if number == 1 else "dane uzupełnione o drugie półrocze"
        services.add_version(item, upload, uploads.document_kind(upload), note=note, by=editor)


def build(kind, title, content) -> bytes:
    if kind == "pdf":
        return documents.pdf(title, "Partnerstwo Ekonomii Społecznej Wałbrzych–Świdnica", tuple(content))
    if kind == "docx":
        return documents.docx(title, content)
    if kind == "odt":
        return documents.odt(title, content)
    header = ["Pozycja", "Miesięcznie (zł)", "Rocznie (zł)"]
    rows = [["Przychody ze sprzedaży", 18000, "=B2*12"], ["Wynagrodzenia", 14500, "=B3*12"], ["Czynsz", 900, "=B4*12"]]
    return documents.xlsx("Budżet", header, rows)
