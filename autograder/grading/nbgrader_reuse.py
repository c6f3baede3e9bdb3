"""What nbgrader rebuilds for every submission and the instructor's process can build once per grading run.

Profiled (bench/throughput.py --profile), nbgrader's per-submission steps spend much of their time on set-up:
- each `Gradebook(db_url)` (about nine per submission: the converter's steps and preprocessors each open one)
  creates a new SQLAlchemy engine, whose statement cache starts empty, so every query is compiled again;
- its cell-metadata check (`CheckCellMetadata`, run twice per submission) calls `jsonschema.validate` for every
  cell, which first checks nbgrader's schema against the JSON meta-schema, every time.

`reused()` keeps one engine per database URL and checks each schema once, for the duration of a run. Both leave
what nbgrader does unchanged: the same statements on the same database, through the same connection pool class,
and the same validation with the same error (jsonschema's best match).
"""
import contextlib
import functools
import types

import jsonschema
from jsonschema.exceptions import best_match
from nbgrader import api
from nbgrader.nbgraderformat import common


@contextlib.contextmanager
def reused():
    """Within the block, nbgrader's Gradebooks share an engine per URL and its schemas are checked once."""
    create_engine, schema_module = api.create_engine, common.jsonschema
    engines = {}

    @functools.wraps(create_engine)
    def shared_engine(url, **kwargs):
        key = (str(url), tuple(sorted(kwargs.items())))
        if key not in engines:
            engines[key] = create_engine(url, **kwargs)
        return engines[key]

    api.create_engine = shared_engine
    common.jsonschema = types.SimpleNamespace(validate=_validate)
    try:
        yield
    finally:
        api.create_engine, common.jsonschema = create_engine, schema_module
        for engine in engines.values():
            engine.dispose()


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
