"""The words of the genre, as data: one room for every label, name, phrase and pattern a
published 部门决算 prints. Code elsewhere holds no Chinese literal except in docstrings,
comments and messages (``tests/test_vocabulary.py`` enforces it), so a new province's wording
has exactly one place to go:

=============  ==============================================================================
``atoms``      the small pieces every room builds on: numerals and heading numbering, years,
               numbers, unit lines, 续表, page numbers, 名词解释
``sheets``     the 绩效自评表: header labels by column role, row labels, sheet titles
``values``     the values inside cells: money units, operators, qualitative words
``glyphs``     text-layer forms producers print for ordinary ideographs (radical supplement)
``furniture``  what producers print in page margins (page numbers, dates, addresses)
``statements`` the nine standard 决算 tables: names, variants, numbering, row labels
``prose``      the narrative's grammar: subjects, measures, scopes, reasons, changes, shares
``metrics``    the canonical names of the figures the prose states
``kinds``      what kind of document this is: 决算, 预算, 自评表 …
``document``   the document as a whole: cover, unit names, placeholders, reporting years
=============  ==============================================================================

Modules here define constants only (strings, tuples, dicts, compiled patterns); the functions
that use them live with the stage that reads.
"""
