"""messages.ndjson parses with the official cucumber-messages package, strictly: every key is a field of
the protocol's message, every enum value one of its values."""

import dataclasses
import json
import typing
from enum import Enum

import cucumber_messages
import pytest
from cucumber_messages import Envelope, message_converter
from cucumber_messages.json_converter import camel_to_snake
from jsonschema import Draft202012Validator

from harness.messages import build_messages
from harness.report import ScenarioResult, build_report
from harness.requirements import load_catalogue

from . import cucumber_schema


def _inner(annotation):
    if isinstance(annotation, str):
        annotation = annotation.removeprefix("Optional[").removesuffix("]").strip("'\"")
        annotation = annotation.removeprefix("list[").removesuffix("]").strip("'\"")
        return getattr(cucumber_messages, annotation, None)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return _inner(args[0]) if args else annotation


def assert_strictly_valid(value, cls) -> None:
    if dataclasses.is_dataclass(cls):
        assert isinstance(value, dict), f"{cls.__name__}: expected an object, got {value!r}"
        fields = {f.name: f for f in dataclasses.fields(cls)}
        for key, item in value.items():
            name = camel_to_snake(key)
            assert name in fields, f"{cls.__name__} has no field {key!r}"
            inner = _inner(typing.get_type_hints(cls, vars(cucumber_messages._messages))[name])
            for element in item if isinstance(item, list) else [item]:
                assert_strictly_valid(element, inner)
    elif isinstance(cls, type) and issubclass(cls, Enum):
        assert value in {member.value for member in cls}, f"{value!r} is not a {cls.__name__}"


def _result() -> ScenarioResult:
    return ScenarioResult(
        nodeid="steps/test_guide.py::test_x", feature="session.feature",
        name="La session tient jusqu'à 20 minutes d'inactivité, pas au-delà"
        " [durée: 19 min 59 s, état: toujours connecté]",
        tags=["REQ-SES-01"], outcome=None,
        steps=[{"keyword": "Étant donné", "text": "un candidat", "status": "passed", "duration_s": 0.2},
               {"keyword": "Et", "text": "connecté", "status": "failed", "duration_s": 1.5, "error": "boom"}],
    )


def test_every_envelope_is_a_valid_cucumber_message():
    results = [_result()]
    report = build_report(results, load_catalogue(), {"run_id": "r", "started": "2026-11-25T10:00:00+00:00"}, "partial")
    envelopes = build_messages(report)
    kinds = [next(iter(e)) for e in envelopes]
    assert kinds[0] == "meta" and kinds[-1] == "testRunFinished"
    assert {"source", "gherkinDocument", "pickle", "testCase", "testStepFinished"} <= set(kinds)
    for envelope in envelopes:
        line = json.dumps(envelope, ensure_ascii=False)
        message_converter.from_dict(json.loads(line), Envelope)  # the official package's own reading
        assert_strictly_valid(json.loads(line), Envelope)
    statuses = [e["testStepFinished"]["testStepResult"]["status"] for e in envelopes if "testStepFinished" in e]
    assert statuses[:3] == ["PASSED", "UNKNOWN", "SKIPPED"]  # an error, not a failure; the rest never ran
    assert envelopes[-1]["testRunFinished"]["success"] is False


def test_the_strict_check_refuses_what_the_protocol_lacks():
    import pytest

    with pytest.raises(AssertionError, match="no field 'colour'"):
        assert_strictly_valid({"meta": {"colour": "blue"}}, Envelope)
    with pytest.raises(AssertionError, match="is not a TestStepResultStatus"):
        assert_strictly_valid(
            {"testStepFinished": {"testStepResult": {"status": "GREEN"}}}, Envelope
        )


@pytest.fixture(scope="module")
def envelope_schema() -> Draft202012Validator:
    schema = cucumber_schema.load()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def assert_valid_ndjson(validator: Draft202012Validator, lines: list[str]) -> None:
    problems = [
        f"line {number}: {error.message} at {'/'.join(map(str, error.absolute_path))}"
        for number, line in enumerate(lines, 1)
        for error in validator.iter_errors(json.loads(line))
    ]
    assert not problems, "\n".join(problems[:10])


def test_every_envelope_validates_against_cucumbers_published_json_schema(envelope_schema):
    report = build_report([_result()], load_catalogue(), {"run_id": "r", "started": "2026-11-25T10:00:00+00:00"},
                          "partial")
    lines = [json.dumps(envelope, ensure_ascii=False) for envelope in build_messages(report)]
    assert len(lines) > 5
    assert_valid_ndjson(envelope_schema, lines)


def test_the_schema_check_catches_a_message_that_breaks_the_protocol(envelope_schema):
    report = build_report([_result()], load_catalogue(), {"run_id": "r", "started": "2026-11-25T10:00:00+00:00"},
                          "partial")
    envelopes = build_messages(report)
    finished = next(e for e in envelopes if "testCaseFinished" in e)
    finished["testCaseFinished"]["willBeRetried"] = "no"
    envelopes.append({"testStepFinished": {"testStepResult": {"status": "GREEN"}}})
    lines = [json.dumps(envelope) for envelope in envelopes]
    with pytest.raises(AssertionError) as caught:
        assert_valid_ndjson(envelope_schema, lines)
    assert "'no' is not of type 'boolean'" in str(caught.value) and "'GREEN' is not one of" in str(caught.value)


def test_a_scenarios_warnings_are_logged_on_its_last_step(envelope_schema):
    """Accessibility violations a scenario met are warnings (SHOULD): Cucumber tools show them as the step's log."""
    report = build_report([_result()], load_catalogue(), {"run_id": "r", "started": "2026-11-25T10:00:00+00:00"},
                          "partial")
    report["scenarios"][0]["warnings"] = ["REQ-A11Y-01 image-alt (critical) on /accueil: img.logo"]
    envelopes = build_messages(report)
    [attachment] = [e["attachment"] for e in envelopes if "attachment" in e]
    last_step = next(e for e in envelopes if "testCase" in e)["testCase"]["testSteps"][-1]["id"]
    assert attachment["testStepId"] == last_step and attachment["mediaType"] == "text/x.cucumber.log+plain"
    assert attachment["body"] == "WARNING REQ-A11Y-01 image-alt (critical) on /accueil: img.logo"
    lines = [json.dumps(envelope, ensure_ascii=False) for envelope in envelopes]
    assert_valid_ndjson(envelope_schema, lines)
    for line in lines:
        assert_strictly_valid(json.loads(line), Envelope)
