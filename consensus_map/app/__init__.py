"""The Qt desktop application: document, commands, canvas, panels and the main window."""
