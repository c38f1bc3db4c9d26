"""How a deal is drawn, with QPainter and nothing else: people, ties, the legend, the charts.

One way to draw a person and a tie: the canvas's items, the legend, the PDF, SVG and PNG
exports and print all paint through this package. It imports QtCore and QtGui only (no
widgets) and never the app, so the headless exporters can use it without a window.
"""
