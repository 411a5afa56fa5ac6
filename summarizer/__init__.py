"""summarizer: typed event records and short summaries of news reports of violent
events, with every number proven against the source text."""

from summarizer.documents import Document, load_document
from summarizer.errors import InputError, ProviderError, SummarizerError
from summarizer.evidence import Kind, Mention, scan
from summarizer.pipeline import SummaryResult, summarize
from summarizer.records import SCHEMA_VERSION, ArticleSummary, Event, Quantity
from summarizer.report import Finding, Status, VerificationReport
from summarizer.settings import Settings
from summarizer.verify import verify

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSummary",
    "Document",
    "Event",
    "Finding",
    "InputError",
    "Kind",
    "Mention",
    "ProviderError",
    "Quantity",
    "Settings",
    "Status",
    "SummarizerError",
    "SummaryResult",
    "VerificationReport",
    "__version__",
    "load_document",
    "scan",
    "summarize",
    "verify",
]
