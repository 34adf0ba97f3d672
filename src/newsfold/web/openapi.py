"""The OpenAPI description of the JSON twins, served at /openapi.json."""

from __future__ import annotations

from typing import Any

from newsfold import __version__

_OBJ: dict[str, Any] = {"type": "object", "additionalProperties": True}
_ERR = {"description": "not found", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
    "required": ["error", "status"]}}}}


def _page(summary: str, schema: dict[str, Any], *, params: list[dict[str, Any]] | None = None,
          not_found: bool = False) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "parameters": params or [],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}},
    }
    if not_found:
        op["responses"]["404"] = _ERR
    op["responses"]["400"] = {**_ERR, "description": "bad parameters"}
    return {"get": op}


def _id(name: str) -> dict[str, Any]:
    return {"name": "id", "in": "path", "required": True, "description": f"the {name}'s id",
            "schema": {"type": "string", "pattern": r"^[A-Za-z0-9_.:\-]{1,200}$"}}


_PAGE = {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1}}


def spec() -> dict[str, Any]:
    """The OpenAPI 3.0 document: every page's JSON twin, its parameters and its shape."""
    story_list = {"type": "object", "required": ["stories", "total", "page", "pages"], "properties": {
        "stories": {"type": "array", "items": {"type": "object",
                                               "required": ["id", "title", "outlets", "articles"],
                                               "additionalProperties": True}},
        "total": {"type": "integer"}, "page": {"type": "integer"}, "pages": {"type": "integer"}}}
    story = {"type": "object", "required": ["id", "articles", "quotes", "alignments", "claims", "people"],
             "additionalProperties": True, "properties": {
                 "id": {"type": "string"}, "title": {"type": "string", "nullable": True},
                 "articles": {"type": "array", "items": _OBJ}, "quotes": {"type": "array", "items": _OBJ},
                 "alignments": {"type": "array", "items": _OBJ}, "claims": {"type": "array", "items": _OBJ},
                 "people": {"type": "array", "items": _OBJ}, "brief": {"type": "array", "items": _OBJ},
                 "timeline": {"type": "array", "items": _OBJ}, "coverage": _OBJ}}
    person = {"type": "object", "required": ["id", "name", "quotes"], "additionalProperties": True,
              "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                             "quotes": {"type": "array", "items": _OBJ},
                             "stories": {"type": "array", "items": _OBJ}}}
    people = {"type": "object", "required": ["people", "page"], "properties": {
        "people": {"type": "array", "items": _OBJ}, "page": {"type": "integer"}}}
    results = {"type": "object", "required": ["query", "quotes", "articles"], "properties": {
        "query": {"type": "string"}, "quotes": {"type": "array", "items": _OBJ},
        "articles": {"type": "array", "items": _OBJ}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "newsfold", "version": __version__,
                 "description": "Who said what, and who reported it how: the JSON twin of every page of "
                                "newsfold's web app. Read-only."},
        "paths": {
            "/.json": _page("Stories, newest first", story_list, params=[_PAGE]),
            "/stories/{id}.json": _page("One story: brief, coverage, quotations, alignments, claims, people",
                                        story, params=[_id("story")], not_found=True),
            "/people.json": _page("People, most quoted first", people, params=[_PAGE]),
            "/people/{id}.json": _page("Everything one person said, across stories and outlets", person,
                                       params=[_id("person")], not_found=True),
            "/articles/{id}.json": _page("One article with its text and quotations", _OBJ,
                                         params=[_id("article")], not_found=True),
            "/search.json": _page("Quotations and articles holding every word of the query", results, params=[
                {"name": "q", "in": "query", "required": False,
                 "schema": {"type": "string", "maxLength": 200}},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 100}}]),
        },
    }
