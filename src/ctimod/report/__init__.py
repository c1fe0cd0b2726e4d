"""Stage 6, report: one renderer module per output format, all fed by the same ScanResult.

``terminal`` (rich tables), ``jsonfmt`` (the versioned JSON inventory), ``sarif`` (SARIF 2.1.0
for code scanning) and ``markdown``.
"""
