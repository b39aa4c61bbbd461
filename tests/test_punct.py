"""Full-width punctuation in Chinese text (GB/T 15834), half-width kept for numbers and Latin text."""

import pytest

from assistant.text.punct import fullwidth_punctuation


@pytest.mark.parametrize("text,expected", [
    ("加强协作,完善机制;落实责任:", "加强协作，完善机制；落实责任："),
    ("是否需要?需要!", "是否需要？需要！"),
    ("依照(试行)办法", "依照（试行）办法"),
    ("金额1,000元", "金额1,000元"),  # a thousands separator stays
    ("see http://a.b:8080/x, then", "see http://a.b:8080/x, then"),  # Latin text stays
    ("第3.5条", "第3.5条"),
])
def test_fullwidth_punctuation_table(text, expected):
    assert fullwidth_punctuation(text) == expected
