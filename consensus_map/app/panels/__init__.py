"""Docked panels of the main window: the inspector and the risk panel."""
