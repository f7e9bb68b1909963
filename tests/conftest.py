"""Hypothesis profiles: ``ci`` (the default, quick) and ``thorough``.

Select one with the environment variable ``HYPOTHESIS_PROFILE``, for example
``HYPOTHESIS_PROFILE=thorough make test``.
"""

import os

from hypothesis import settings

# No deadline: a slow machine must not turn a correct derivative into a failure. Under CI
# (CI=true) the examples are derandomized, so a run fails only when the code changed;
# local runs keep exploring new examples.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    print_blob=True,
    derandomize=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
)
settings.register_profile("thorough", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
