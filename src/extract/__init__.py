"""Rule-based extraction of six kinds of facts from Indonesian news and press releases.

    >>> from extract import extract
    >>> record = extract("Bupati PPU, Mudyat Noor, ...", published="2025-03-25")
"""
from .memo import collector_paused

with collector_paused():
    from .models import Record
    from .pipeline import Article, Pipeline, extract

__all__ = ["Article", "Pipeline", "Record", "extract"]
