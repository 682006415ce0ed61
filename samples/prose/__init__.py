"""The prose explorer: seeded 公开说明 section texts with the facts a correct reader gives.

* wording — the generator: section texts composed from independent dimensions (subjects and
  their enumerations, measures, changes, units and numbers, negations, the heading a clause
  stands under), each case with its truth; tools/explore_prose.py scores the reader on them.
"""
