"""Education: the workshop catalogue, editions and meetings, enrolment, attendance, certificates, feedback."""
