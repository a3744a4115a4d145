"""rasad: Arabic news to verifiable interstate event data."""

from __future__ import annotations

__version__ = "0.1.0"

from rasad.model import Document, Event

__all__ = ["Document", "Event", "analyze", "analyze_document", "__version__"]


def analyze(text: str, published: str | None = None, home_country: str | None = None,
            doc_id: str = "doc") -> list[Event]:
    """Extract the events of one Arabic article."""
    from rasad.pipeline import default_pipeline

    doc = Document.from_dict({"id": doc_id, "text": text, "published": published,
                              "home_country": home_country})
    return default_pipeline().run(doc).events


def analyze_document(document: dict | Document) -> list[Event]:
    """Extract the events of a document given as an EVENTS.md dict or a Document."""
    from rasad.pipeline import default_pipeline

    doc = document if isinstance(document, Document) else Document.from_dict(document)
    return default_pipeline().run(doc).events
