"""Jinja2 templates for generated code (installed as ``ctimod.lwc_templates``)."""
