"""Unit tests of generator.validate, one module each. A package, so that test modules
named like their derive/ counterparts (test_surveys.py) get distinct names."""
