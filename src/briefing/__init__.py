"""Static briefing-site generator: news articles -> YAML fact sheets -> MkDocs Material site."""
from __future__ import annotations

__version__ = "0.1.0"
# Bumped whenever extraction rules change, so per-article caches are invalidated.
RULES_VERSION = "1"
