"""docgen: drafts, issues and bundles the documents around Serious Crime Prevention Orders.

The command line (``docgen``) is a thin shell over this package; a force's own systems
can call the same functions from Python.
"""

__version__ = "0.1.0"
