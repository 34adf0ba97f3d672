"""The web app: a read-only view of a store, one module per page, every page with a JSON twin.

`newsfold serve --db DB` serves it on localhost. Each page is a function in `views/` that turns a
request's parameters into a plain dict; `app.py` renders that dict with the page's template, or, when
the address ends in `.json`, returns it as JSON, so tests and users read the same data.
"""
