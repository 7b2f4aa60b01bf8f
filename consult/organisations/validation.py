"""Pure checks of what people type about an organisation (no database): forms and services
both use them."""

from __future__ import annotations

import re

from consult.errors import DomainError, ErrorCode

BUSINESS_ID = re.compile(r"^(\d{6,7})-(\d)$")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2)


def business_id_check_digit(digits: str) -> int | None:
    """The check digit of a 7-digit Y-tunnus body, or None if no valid one exists."""
    remainder = sum(int(d) * w for d, w in zip(digits, WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 0
    if remainder == 1:
        return None
    return 11 - remainder


def normalise_business_id(value: str) -> str:
    """A valid Y-tunnus in the form ``1234567-8``.

    Raises:
        DomainError: wrong format or wrong check digit.
    """
    match = BUSINESS_ID.match(value.strip().replace(" ", ""))
    if not match:
        raise DomainError(ErrorCode.BUSINESS_ID_FORMAT)
    body, check = match.group(1).zfill(7), int(match.group(2))
    if business_id_check_digit(body) != check:
        raise DomainError(ErrorCode.BUSINESS_ID_CHECK_DIGIT)
    return f"{body}-{check}"
