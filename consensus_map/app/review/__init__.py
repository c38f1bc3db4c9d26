"""The pre-presentation review in the app: a dock beside the map, fed by the document.

`dock` is what the window creates at start-up (light: the view itself is built the first
time the dock is shown); `view` lays out the review; `tables` and `charts` are its parts.
The words come from consensus_map.report.review and the pictures from render.charts, so
the dock and the PDF say and show the same thing.
"""
