"""The 绩效自评表: finding each sheet's tables, reassembling their cells into rows, building and
validating the records."""
