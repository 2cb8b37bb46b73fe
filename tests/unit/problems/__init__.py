"""Unit tests of generator.problems. A package, so that its test modules get names of
their own beside the other layers'."""
