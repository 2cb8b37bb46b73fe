"""回访台 Huifang: customer-visit records kept in Git, checked and published as a static site."""

__version__ = "0.1.0"
