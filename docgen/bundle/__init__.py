"""Court and transfer bundles: many documents, one navigable, verifiable PDF.

The public API, for the CLI and for code that gathers a case's documents::

    spec = BundleSpec(title=..., case=..., sections=[SectionSpec(title=..., documents=[
        DocumentSpec(file=path, title=..., date=..., description=...)])])
    report = build_bundle(spec, out_path)
    added = add_document(bundle_path, DocumentSpec(...), out=new_path)
    findings = verify_bundle(bundle_path)
"""

from .. import pdfsettings  # noqa: F401  (shared ReportLab settings, before any drawing)
from .add import AddReport, add_document
from .assemble import Progress
from .builder import BuildReport, DocumentReport, VolumeReport, build_bundle
from .profiles import Profile, all_profiles, get_profile
from .spec import DEFAULT_MARKING, BundleSpec, DocumentSpec, SectionSpec, load_spec
from .verify import Finding, VerifyReport, verify_bundle

__all__ = [
    "DEFAULT_MARKING",
    "AddReport",
    "BuildReport",
    "BundleSpec",
    "DocumentReport",
    "DocumentSpec",
    "Finding",
    "Profile",
    "Progress",
    "SectionSpec",
    "VerifyReport",
    "VolumeReport",
    "add_document",
    "all_profiles",
    "build_bundle",
    "get_profile",
    "load_spec",
    "verify_bundle",
]
