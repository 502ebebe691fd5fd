"""Marginal's eval suite: YAML cases (`cases/`) checked against real answers, with reports."""
