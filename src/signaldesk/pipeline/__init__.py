"""The stage contract, the pipeline and its build-time checks."""

from signaldesk.pipeline.context import Context
from signaldesk.pipeline.pipeline import Pipeline, check_stages
from signaldesk.pipeline.stage import Stage

__all__ = ["Context", "Pipeline", "Stage", "check_stages"]
