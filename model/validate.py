"""The entry point of validation: ``from model.validate import validate, CaseTables``.

The checks live in the package :mod:`model.validation` (cells, sheets, rules across sheets).
"""

from model.validation import BaseSheets, CaseTables, Key, Rows, validate

__all__ = ["BaseSheets", "CaseTables", "Key", "Rows", "validate"]
