"""Binds every feature written from the guide; the steps live in the step modules next to this one."""

from pytest_bdd import scenarios

from harness.paths import FEATURES_DIR

scenarios(str(FEATURES_DIR))
