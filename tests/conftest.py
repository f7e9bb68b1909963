"""Hypothesis profiles: ``ci`` (the default, quick) and ``thorough``.

Select one with the environment variable ``HYPOTHESIS_PROFILE``, for example
``HYPOTHESIS_PROFILE=thorough make test``.
"""

import os

from hypothesis import settings

# No deadline: a slow machine must not turn a correct derivative into a failure.
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("thorough", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
