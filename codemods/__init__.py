"""Codemods: one module per Open CTI capability (installed as ``ctimod.codemods``)."""
