"""Build or serve the MkDocs site through MkDocs' Python API; MkDocs errors become BriefingErrors."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.commands.serve import serve
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, ConfigurationError, MkDocsException

from .errors import BriefingError, Problem


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings so a failed strict build can say which ones stopped it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _config_path(config_file: Path) -> Path:
    if not config_file.is_file():
        raise BriefingError(f"{config_file}: no MkDocs configuration file here "
                            "(run from the project folder or pass the path of mkdocs.yml)")
    return config_file


def build_site(config_file: Path = Path("mkdocs.yml"), site_dir: Path | None = None, strict: bool = True) -> None:
    """Build the site once; in strict mode any MkDocs warning fails the build."""
    config_file = _config_path(Path(config_file))
    overrides: dict[str, object] = {"strict": strict}
    if site_dir is not None:
        overrides["site_dir"] = str(Path(site_dir).resolve())
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), **overrides)
        build(config)
    except (ConfigurationError, Abort, BuildError, MkDocsException) as err:
        problems = [Problem(str(config_file), message) for message in handler.messages]
        raise BriefingError(f"{config_file}: site build failed: {err}", problems) from err
    finally:
        logger.removeHandler(handler)


def serve_site(config_file: Path = Path("mkdocs.yml"), dev_addr: str | None = None) -> None:
    """Serve with live reload: edits to sheets, templates and pages rebuild the site."""
    config_file = _config_path(Path(config_file))
    options: dict[str, object] = {}
    if dev_addr:
        options["dev_addr"] = dev_addr
    try:
        serve(config_file=str(config_file), livereload=True, **options)
    except (ConfigurationError, Abort, BuildError, MkDocsException) as err:
        raise BriefingError(f"{config_file}: cannot serve the site: {err}") from err
    except OSError as err:  # most often: the address is already in use
        raise BriefingError(f"cannot serve the site at {dev_addr or 'the configured address'}: {err.strerror or err}",
                            [Problem(str(config_file), "pick another address with --dev-addr")]) from err
