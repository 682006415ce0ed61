"""Checks of sheets and documents against their own arithmetic and words: recorded, never acted on."""
