"""Import every feature's models so that mappers and Alembic see the whole schema."""

from consult.auth.models import ApiToken, User
from consult.curation.models import Curation, CurationEvent, Highlight, HighlightProposal
from consult.feedback.models import Feedback
from consult.followup.models import FollowUpDocument
from consult.jobs.models import BackgroundJob
from consult.legal.models import AccessibilityFeedback
from consult.mail.models import Invitation, OutgoingMessage
from consult.organisations.models import Organisation, OrganisationChange
from consult.privacy.models import RetentionSetting
from consult.results.models import Publication
from consult.rounds.models import Question, Round
from consult.submissions.models import Proposal, ProposalEvent, Submission
from consult.themes.models import (
    AnalysisRun,
    CandidateTheme,
    CandidateThemeProposal,
    ProposalEmbedding,
    RunWordCloud,
)
from consult.workshops.models import Workshop, workshop_organisations

__all__ = [
    "AccessibilityFeedback",
    "Publication",
    "RetentionSetting",
    "AnalysisRun",
    "ApiToken",
    "BackgroundJob",
    "Curation",
    "CurationEvent",
    "FollowUpDocument",
    "Highlight",
    "HighlightProposal",
    "Feedback",
    "Invitation",
    "OutgoingMessage",
    "Organisation",
    "OrganisationChange",
    "ProposalEmbedding",
    "Proposal",
    "ProposalEvent",
    "Question",
    "Round",
    "RunWordCloud",
    "Submission",
    "CandidateTheme",
    "CandidateThemeProposal",
    "User",
    "Workshop",
    "workshop_organisations",
]
