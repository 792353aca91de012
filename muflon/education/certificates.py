"""Certificates as one-page A4 PDFs, and the little a public verification may show."""

from django.template.loader import render_to_string

from muflon.education.models import Certificate, Enrolment


def visible_certificates(user):
    """Whoever may see an enrolment may see its certificate (`Enrolment.objects.visible_to`)."""
    return Certificate.objects.filter(enrolment__in=Enrolment.objects.visible_to(user))


def initials(first_name: str, last_name: str) -> str:
    """'Anna Nowak' -> 'A. N.': all that the public verification page says about the person."""
    return " ".join(f"{name.strip()[0].upper()}." for name in (first_name, last_name) if name.strip())


def certificate_context(certificate: Certificate, verification_url: str) -> dict:
    enrolment = certificate.enrolment
    edition = enrolment.edition
    person = enrolment.participant
    return {
        "certificate": certificate,
        "partnership": edition.partnership.name,
        "full_name": f"{person.first_name} {person.last_name}",
        "workshop_type": edition.workshop_type,
        "edition": edition,
        "verification_url": verification_url,
    }


def certificate_html(certificate: Certificate, verification_url: str) -> str:
    """The HTML the PDF is made from (tests read it: the PDF's own text is compressed)."""
    return render_to_string("education/certificate.pdf.html", certificate_context(certificate, verification_url))


def certificate_pdf(certificate: Certificate, verification_url: str) -> bytes:
    """An A4 PDF through WeasyPrint; it may fetch no file and no address (no protocol allowed)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = certificate_html(certificate, verification_url)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=set())).write_pdf()


def with_related(certificates):
    return certificates.select_related(
        "enrolment__participant", "enrolment__edition__workshop_type", "enrolment__edition__partnership"
    )
