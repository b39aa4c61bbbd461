"""Full-width punctuation in Chinese text (GB/T 15834), half-width kept for numbers and Latin text."""

import pytest

from assistant.text.punct import book_title, fullwidth_punctuation


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


@pytest.mark.parametrize("name,expected", [
    ("刑事诉讼法", "《刑事诉讼法》"),
    ("市委贯彻《中共中央关于加强某某工作的意见》的实施意见", "《市委贯彻〈中共中央关于加强某某工作的意见〉的实施意见》"),
    ("关于适用〈刑事诉讼法〉的解释", "《关于适用〈刑事诉讼法〉的解释》"),  # already inner marks: kept
])
def test_a_name_inside_a_cited_name_takes_the_inner_marks(name, expected):
    assert book_title(name) == expected
