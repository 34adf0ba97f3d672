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
_PER = {"name": "per", "in": "query", "required": False, "description": "items per page",
        "schema": {"type": "integer", "minimum": 1, "maximum": 200}}


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


_DATE = {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}
_UTTERANCES = {"type": "array", "items": _OBJ, "description": "one entry per utterance: every outlet's "
               "wording, its relation to the fullest wording, the word diff and its place (href)"}


def spec() -> dict[str, Any]:
    """The OpenAPI 3.0 document: every page's JSON twin, its parameters and its shape."""
    story_list = {"type": "object", "required": ["stories", "total", "page", "pages", "per", "filters"],
                  "properties": {
        "stories": {"type": "array", "items": {"type": "object",
                                               "required": ["id", "title", "outlets", "articles"],
                                               "additionalProperties": True}},
        "total": {"type": "integer"}, "page": {"type": "integer"}, "pages": {"type": "integer"},
        "per": {"type": "integer"}, "filters": _OBJ}}
    story = {"type": "object", "required": ["id", "articles", "quotes", "alignments", "claims", "people"],
             "additionalProperties": True, "properties": {
                 "id": {"type": "string"}, "title": {"type": "string", "nullable": True},
                 "articles": {"type": "array", "items": _OBJ}, "quotes": {"type": "array", "items": _OBJ},
                 "alignments": {"type": "array", "items": _OBJ}, "claims": {"type": "array", "items": _OBJ},
                 "people": {"type": "array", "items": _OBJ}, "brief": {"type": "array", "items": _OBJ},
                 "timeline": {"type": "array", "items": _OBJ}, "coverage": _OBJ, "utterances": _UTTERANCES}}
    person = {"type": "object", "required": ["id", "name", "quotes", "over_time", "utterances"],
              "additionalProperties": True,
              "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "kind": {"type": "string"},
                             "quotes": {"type": "array", "items": _OBJ},
                             "stories": {"type": "array", "items": _OBJ},
                             "over_time": {"type": "object", "description": "statements per `unit` (day, "
                                           "week or month) by outlet, as the page's picture draws them",
                                           "additionalProperties": True},
                             "utterances": {"type": "array", "items": _OBJ,
                                            "description": "story by story, its utterances"}}}
    people = {"type": "object", "required": ["people", "total", "page", "pages", "per"], "properties": {
        "people": {"type": "array", "items": _OBJ}, "total": {"type": "integer"}, "page": {"type": "integer"},
        "pages": {"type": "integer"}, "per": {"type": "integer"},
        "sort": {"type": "string"}, "kind": {"type": "string", "nullable": True}}}
    outlets = {"type": "object", "required": ["outlets"], "properties": {
        "outlets": {"type": "array", "items": {"type": "object", "required": ["id", "name"],
                                               "additionalProperties": True}}}}
    outlet = {"type": "object", "required": ["id", "name", "stories", "wordings", "only_here", "left_out"],
              "additionalProperties": True, "properties": {
                  "id": {"type": "string"}, "name": {"type": "string"},
                  "stories": {"type": "array", "items": _OBJ, "description": "its articles, story by story"},
                  "wordings": {"type": "array", "items": _OBJ, "description": "each quotation it shares "
                               "with other outlets, altered first: its relation and the utterance"},
                  "relations": _OBJ,
                  "only_here": {"type": "array", "items": _OBJ, "description": "claims only it carries"},
                  "left_out": {"type": "array", "items": _OBJ,
                               "description": "story by story, what others carried and it did not"}}}
    results = {"type": "object", "required": ["query", "quotes", "articles"], "properties": {
        "query": {"type": "string"}, "quotes": {"type": "array", "items": _OBJ},
        "articles": {"type": "array", "items": _OBJ}, "scope": _OBJ}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "newsfold", "version": __version__,
                 "description": "Who said what, and who reported it how: the JSON twin of every page of "
                                "newsfold's web app. Read-only."},
        "paths": {
            "/.json": _page("Stories, newest first; by outlet, person and dates", story_list, params=[
                _PAGE, _PER,
                _query("outlet", "only the stories this outlet (an id of /outlets.json) ran"),
                _query("person", "only the stories this person (an id of /people.json) speaks in"),
                _query("from", "only stories with an article dated on or after this date", _DATE),
                _query("to", "only stories with an article dated on or before this date", _DATE),
                _query("sort", "order", {"type": "string",
                                         "enum": ["newest", "oldest", "outlets", "quotes", "title"]})]),
            "/stories/{id}.json": _page("One story: brief, coverage, quotations, alignments, claims, people",
                                        story, params=[_id("story")], not_found=True),
            "/people.json": _page("People, most quoted first; sorted and filtered", people, params=[
                _PAGE, _PER,
                _query("sort", "order: most quoted, carried by most outlets, or by name",
                       {"type": "string", "enum": ["quotes", "outlets", "name"]}),
                _query("kind", "only people, or only organisations",
                       {"type": "string", "enum": ["people", "organisations"]})]),
            "/people/{id}.json": _page("Everything one person said, across stories and outlets", person,
                                       params=[_id("person")], not_found=True),
            "/outlets.json": _page("Outlets, by name, with their counts", outlets),
            "/outlets/{id}.json": _page("One outlet: its articles by story, its wordings against other "
                                        "outlets', the claims only it carries, what it left out", outlet,
                                        params=[_id("outlet")], not_found=True),
            "/articles/{id}.json": _page("One article with its text and quotations", _OBJ,
                                         params=[_id("article")], not_found=True),
            "/search.json": _page("Quotations and articles holding every word of the query", results, params=[
                {"name": "q", "in": "query", "required": False,
                 "schema": {"type": "string", "maxLength": 200}},
                {"name": "limit", "in": "query", "required": False,
                 "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                _query("story", "search this story only (its id)"),
                _query("outlet", "search this outlet only (its id)")]),
        },
    }
