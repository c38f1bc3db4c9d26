"""Consensus Map: map a B2B buying committee and see who could sink the deal."""

__version__ = "0.1.0"
