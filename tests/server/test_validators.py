import pytest
from phiguard.rules.validators import age_range, luhn, nhs_mod11, us_ssn


@pytest.mark.parametrize("text,valid", [
    ("401 023 2137", True), ("4010232137", True), ("943 476 5919", True), ("401-023-2137", True),
    ("401 023 2138", False), ("123 456 7890", False), ("401 023 213", False), ("0000000000", True),
    ("999 000 0018", False), ("9990000018", False), ("998 000 0007", True),  # 999…: the test range, whatever the check digit
])
def test_nhs_mod11(text, valid):
    assert nhs_mod11(text) is valid


@pytest.mark.parametrize("text,valid", [
    ("219-09-9999", True), ("536-22-1234", True), ("000-12-3456", False), ("666-12-3456", False),
    ("912-12-3456", False), ("123-00-4567", False), ("123-45-0000", False), ("123-45-6789", False), ("078-05-1120", False),
])
def test_us_ssn(text, valid):
    assert us_ssn(text) is valid


@pytest.mark.parametrize("text,valid", [("81", True), ("0", True), ("120", True), ("121", False), ("aged 999", False)])
def test_age_range(text, valid):
    assert age_range(text) is valid


@pytest.mark.parametrize("text,valid", [("4111 1111 1111 1111", True), ("4111 1111 1111 1112", False), ("4111", False)])
def test_luhn(text, valid):
    assert luhn(text) is valid
