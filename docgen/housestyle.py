"""House style: who the documents come from and how they are marked.

Each force keeps one YAML file: its name and address, the signatory, the protective
marking, an optional logo, the address to which subjects send notifications (with the
team mailbox, where the team takes notices by email), the name of its records system,
whether it uses Corvus, and an optional folder of its own templates that override the
shipped ones. A document prints only contact details held here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError

from .case import Address, Text
from .errors import DocgenError
from .yamlio import pydantic_problems, read_yaml_mapping

Marking = Literal["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET", "TOP SECRET"]


EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class NotificationAddress(Address):
    """Where subjects send the notices the order requires: a postal address and, where the
    team accepts notices by email, its team mailbox (never a named officer's address)."""

    email: Annotated[str, Field(pattern=EMAIL, max_length=254)] | None = None


class Signatory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text
    rank: Text
    role: Text


class WelshSignatory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rank: Text
    role: Text


class WelshNames(BaseModel):
    """The force's names in Welsh, which a Welsh document prints instead of the English."""

    model_config = ConfigDict(extra="forbid")
    force_name: Text | None = None
    unit: Text | None = None
    signatory: WelshSignatory | None = None
    courts: dict[Text, Text] = {}  # English name as the case writes it -> Welsh name
    address: Address | None = None  # where the Welsh differs (a post-box name, say)
    notification_address: NotificationAddress | None = None


class HouseStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")
    force_code: Annotated[str, Field(pattern=r"^[A-Z]{2,6}$")]
    force_name: Text
    unit: Text
    address: Address
    phone: Text
    email: Text
    notification_address: NotificationAddress
    signatory: Signatory
    marking: Marking = "OFFICIAL-SENSITIVE"
    handling: str = ""
    logo: Path | None = None
    templates: Path | None = None
    records_system: Text | None = None  # the force's own records system, as officers name it ("Niche")
    corvus: bool = False  # whether the force records SOC subjects on Corvus
    reference_prefix: Annotated[str, Field(pattern=r"^[A-Z0-9/-]{2,24}$")] | None = None
    cy: WelshNames | None = None  # Welsh names: see docs/welsh.md
    # how often each term is checked, by clause category or "default": days, or "monthly" (docs/cohort.md)
    compliance_checks: dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")], Annotated[int, Field(ge=1, le=366)] | Literal["monthly"]] = {}
    _source: Path | None = PrivateAttr(default=None)

    @property
    def source(self) -> Path | None:
        return self._source


def load_house_style(path: str | Path) -> HouseStyle:
    path = Path(path)
    data = read_yaml_mapping(path)
    try:
        style = HouseStyle.model_validate(data)
    except ValidationError as exc:
        raise DocgenError(pydantic_problems(exc, file=path)) from None
    base = path.parent
    if style.logo is not None:
        style.logo = (base / style.logo).resolve()
        if not style.logo.is_file():
            raise DocgenError(f"logo file not found: {style.logo.name}", file=path, field="logo")
        if style.logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
            raise DocgenError("logo must be a PNG or JPEG image", file=path, field="logo")
    if style.templates is not None:
        style.templates = (base / style.templates).resolve()
        if not style.templates.is_dir():
            raise DocgenError("templates folder not found", file=path, field="templates")
    style._source = path
    return style


def find_house_style(case_file: Path, force_code: str) -> Path:
    """Where a case's house style lives when none is named: ``house-style/<FORCE>.yaml``
    beside the case file's folder or inside it."""
    candidates = [
        case_file.parent / "house-style" / f"{force_code}.yaml",
        case_file.parent.parent / "house-style" / f"{force_code}.yaml",
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise DocgenError(
        f"no house style for force {force_code}: looked for house-style/{force_code}.yaml beside "
        "the case file; pass --house-style FILE",
        file=case_file,
        field="managing_force",
    )
