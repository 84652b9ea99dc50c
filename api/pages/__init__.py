"""What the web pages show, shaped for the templates (issue 8).

``catalogue`` loads and caches what every page needs (the lineage index, names, texts held,
figures); ``search``, ``instrument`` and ``lineage`` shape one page each; ``layout`` lays
out the lineage diagram; ``render`` holds the Jinja environment. The routes are in
``api/routes/pages.py``; ``docs/web.md`` describes the pages.
"""
