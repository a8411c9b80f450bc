"""Online story clustering, sources timeline, novelty (the `cluster` stage)."""

from signaldesk.stories.ledger import Story, StoryLedger
from signaldesk.stories.stage import StoryStage
from signaldesk.stories.state import StateMap

__all__ = ["StateMap", "Story", "StoryLedger", "StoryStage"]
