"""Email: facilitators' links, invitations, reminders, edit links and results notices.

Every message is recorded as an :class:`~consult.mail.models.OutgoingMessage` (queued,
then sent, failed or bounced) and sent by a job (:mod:`consult.mail.tasks`) through the
SMTP server of the ``CONSULT_MAIL_*`` settings. Addresses are never logged.
"""
