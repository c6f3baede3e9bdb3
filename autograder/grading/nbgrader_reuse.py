"""What nbgrader rebuilds for every submission and a worker process can build once.

Profiled, nbgrader's per-submission steps spend much of their time on set-up:
- each `Gradebook(db_url)` (about nine per submission: the converter's steps and preprocessors each open one)
  creates a new SQLAlchemy engine, whose statement cache starts empty, so every query is compiled again;
- each new gradebook database (a worker makes one per assignment) asks for the schema's version by running the
  `alembic heads` command, a Python process of its own (about 3 CPU-seconds), though it is the version the
  course's own gradebook is stamped with;
- its cell-metadata check (`CheckCellMetadata`, run twice per submission) calls `jsonschema.validate` for every
  cell, which first checks nbgrader's schema against the JSON meta-schema, every time.

`install(version)` keeps one engine per database URL, takes the schema's version as given, and checks each schema
once, in a worker process. None of it changes what nbgrader does: the same statements on the same database, through the same
connection pool class, the same version stamped, and the same validation with the same error (jsonschema's best
match).
"""
import functools
import threading
import types

import jsonschema
from jsonschema.exceptions import best_match
from nbgrader import api
from nbgrader.nbgraderformat import common
from sqlalchemy import text

_lock = threading.Lock()
_engines = {}  # (url, options) -> the engine every Gradebook of that database shares


def install(version):
    """From now on in this process (a worker's), nbgrader's Gradebooks share an engine per URL, a new one is stamped
    with the schema `version` (the course gradebook's, `alembic_version`) and nbgrader's schemas are checked once."""
    with _lock:
        if api.create_engine is not _shared_engine:
            _shared_engine.create_engine = api.create_engine
            api.create_engine = _shared_engine
            api.get_alembic_version = functools.partial(str, version)
            common.jsonschema = types.SimpleNamespace(validate=_validate)


def _shared_engine(url, **kwargs):
    key = (str(url), tuple(sorted(kwargs.items())))
    with _lock:
        if key not in _engines:
            _engines[key] = _shared_engine.create_engine(url, **kwargs)
        return _engines[key]


_validators = {}  # id(schema) -> (schema, validator): nbgrader's schemas live as long as the process


def _validate(instance, schema):
    """jsonschema.validate, with the schema checked and its validator built once."""
    if id(schema) not in _validators:
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        _validators[id(schema)] = (schema, cls(schema))
    error = best_match(_validators[id(schema)][1].iter_errors(instance))
    if error is not None:
        raise error


def alembic_version(gradebook):
    """The schema version an open nbgrader Gradebook's database is stamped with."""
    try:
        return gradebook.db.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        gradebook.db.rollback()
