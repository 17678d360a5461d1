"""Pieces of the impact report page: data loading, number formatting, SVG charts, HTML, Chromium."""
