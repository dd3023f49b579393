"""The officers' workbench: ``docgen serve``, a browser shell over the library.

See ``docs/deploying.md``. Import :func:`create_app` to serve it from another ASGI host.
"""

from .app import Config, create_app

__all__ = ["Config", "create_app"]
