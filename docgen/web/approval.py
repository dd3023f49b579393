"""The application's approval as the workbench shows it: the rule itself lives in
:mod:`docgen.register.approval`, shared with ``docgen render --issue``."""

from __future__ import annotations

from ..register.approval import GATED_KINDS, STEPS, Approval, Step, StepRefused, approval_of, take_step

__all__ = ["GATED_KINDS", "STEPS", "Approval", "Step", "StepRefused", "approval_of", "take_step"]
