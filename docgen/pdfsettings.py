"""ReportLab settings shared by everything that draws a PDF (documents and bundles).

ReportLab keeps these as process-wide globals, so they are set in one module that every
PDF-drawing module imports: the bytes of a file must not depend on which module happened
to be imported first.
"""

from reportlab import rl_config

from . import pdfformat

# Streams are compressed binary; ASCII85 wrapping only made files larger and slower.
rl_config.useA85 = 0

# Plain numbers, strings and names are formatted without ReportLab's type tests.
pdfformat.install()
