"""Great Expectations suites (expectations/suites/*.yml) and the checkpoint runner."""
