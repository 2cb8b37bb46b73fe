"""Unit tests of generator.derive, one module each. A package, so that test modules
named like their validate/ counterparts (test_surveys.py) get distinct names."""
