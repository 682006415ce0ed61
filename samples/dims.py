"""Dimensions drawn from a seed and recorded by name: what the explorers (forms.explore,
prose.wording) compose their cases from, so each case's truth says what it was drawn with."""

from __future__ import annotations

import random


class Dims:
    """Draws and records dimensions: each pick is stored under its name (JSON values)."""

    def __init__(self, rng: random.Random, into: dict) -> None:
        self.rng, self.d = rng, into

    def pick(self, name: str, options, weights=None):
        options = list(options)
        value = self.rng.choices(options, weights)[0] if weights else self.rng.choice(options)
        self.d[name] = value
        return value

    def chance(self, name: str, p: float) -> bool:
        value = self.rng.random() < p
        self.d[name] = value
        return value
