"""The rest of a 决算 document: its kind, running headers and footers, the prose (公开说明) and
its facts, the standard tables, and the checks across them."""
