"""The deal on paper and in pictures: the PDF (map, then the review), print, SVG and PNG.

Paints with QtGui through consensus_map.render and never imports widgets or the app, so
`consensus-map export` runs without a screen (the offscreen platform) and the app's File →
Export and Print produce the very same pages. `review` (what the review says) is plain
Python, shared with the app's review view.
"""
