"""jieba's dictionary mapped from a table file: the same words, frequencies and segmentation as loaded."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.index import lexical, wordfreq

KEY = hashlib.sha256(b"test inputs").digest()

WORDS = {
    "公益诉讼": 100, "公益": 5000, "公": 20000, "检察": 3000, "检察机关": 800, "的": 318825, "": 0,
    "诉讼时效": 0, "第一百三十二条之一": 7, "ascii": 3, "混合abc词": 9, "𠮷野家": 12, "長期": 4, "a" * 300: 1,
}


@pytest.mark.parametrize("slots_hint", ["normal", "crowded"])
def test_round_trip_lookups(tmp_path: Path, slots_hint: str, monkeypatch) -> None:
    words = dict(WORDS)
    if slots_hint == "crowded":  # every key in one probe chain: collisions wrap around the table's end
        monkeypatch.setattr(wordfreq, "_hash", lambda raw: 7)
    path = wordfreq.write_table(tmp_path / "t.freq", words, 123456789012, KEY)
    table = wordfreq.open_table(path, KEY)
    assert table is not None
    assert table.total == 123456789012
    assert len(table) == len(words)
    for word, freq in words.items():
        assert word in table
        assert table[word] == freq
        assert table.get(word) == freq
    for missing in ("公益诉", "检", "的的", "ASCII", "长期", "a" * 299, "x"):
        assert missing not in table
        assert table.get(missing) is None
        assert table.get(missing, 1) == 1
        with pytest.raises(KeyError):
            table[missing]
    assert 5 not in table and table.get(None) is None  # not a string: never found
    assert sorted(table) == sorted(words)
    assert table.to_dict() == words
    assert dict(table.items()) == words


def test_empty_table(tmp_path: Path) -> None:
    table = wordfreq.open_table(wordfreq.write_table(tmp_path / "e.freq", {}, 0, KEY), KEY)
    assert table is not None and len(table) == 0 and "公" not in table and table.to_dict() == {}


def test_a_table_of_other_inputs_or_damaged_is_not_read(tmp_path: Path) -> None:
    path = wordfreq.write_table(tmp_path / "t.freq", WORDS, 99, KEY)
    assert wordfreq.open_table(path, hashlib.sha256(b"other").digest()) is None  # made from other inputs
    assert wordfreq.open_table(tmp_path / "missing.freq", KEY) is None
    data = path.read_bytes()
    (tmp_path / "short.freq").write_bytes(data[:-1])  # cut short
    assert wordfreq.open_table(tmp_path / "short.freq", KEY) is None
    (tmp_path / "long.freq").write_bytes(data + b"\0")  # something after the keys
    assert wordfreq.open_table(tmp_path / "long.freq", KEY) is None
    (tmp_path / "head.freq").write_bytes(data[:40])  # a header alone
    assert wordfreq.open_table(tmp_path / "head.freq", KEY) is None
    (tmp_path / "magic.freq").write_bytes(b"X" + data[1:])
    assert wordfreq.open_table(tmp_path / "magic.freq", KEY) is None
    for at in (100, len(data) // 2, len(data) - 1):  # damaged inside, the size right: a slot or a key's bytes
        flipped = bytearray(data)
        flipped[at] ^= 0xFF
        (tmp_path / "flip.freq").write_bytes(bytes(flipped))
        assert wordfreq.open_table(tmp_path / "flip.freq", KEY) is None
    assert wordfreq.open_table(path, KEY) is not None  # the whole file still reads


def test_a_lookup_in_a_full_circle_of_slots_ends(tmp_path: Path, monkeypatch) -> None:
    """A table whose every slot is taken (only a damaged one) answers a missing key instead of probing for ever."""
    monkeypatch.setattr(wordfreq, "_hash", lambda raw: 0)  # 甲 and 乙 in slots 0 and 1
    table = wordfreq.open_table(wordfreq.write_table(tmp_path / "t.freq", {"甲": 1, "乙": 2}, 3, KEY), KEY)
    assert table is not None and table["乙"] == 2
    table._slots = 2  # (the table as if it had no empty slot)
    assert table.get("丙") is None and "丙" not in table


def test_out_of_range_entries_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        wordfreq.write_table(tmp_path / "x.freq", {"词": 2 ** 32}, 1, KEY)
    with pytest.raises(ValueError):
        wordfreq.write_table(tmp_path / "x.freq", {"词": 1}, 1, b"short key")
    assert not list(tmp_path.iterdir())  # nothing half-written left behind


SENTENCES = [
    "人民检察院提起公益诉讼，应当自收到案件材料之日起三十日内作出决定",
    "犯罪嫌疑人、被告人在押的，其近亲属可以代为申请取保候审",
    "劳动者与用人单位发生劳动争议的，可以向劳动争议仲裁委员会申请仲裁",
    "我老婆的哥哥借了我10万块钱不还，能起诉吗",
    "第一百三十二条之一 互联网平台经营者应当履行网络安全保护义务",
    "行政机关负责人出庭应诉，检察建议书的送达与回复期限",
]


def test_segmentation_through_the_table_is_jiebas(tmp_path: Path) -> None:
    """Every word of precise and search-mode segmentation is the same with the mapped table as with the dict
    it was written from (the legal terms included)."""
    jieba = lexical._jieba()
    freq = jieba.dt.FREQ
    plain = freq.to_dict() if isinstance(freq, wordfreq.FrozenFreq) else dict(freq)
    path = wordfreq.write_table(tmp_path / "j.freq", plain, jieba.dt.total, KEY)
    table = wordfreq.open_table(path, KEY)
    assert table is not None and len(table) == len(plain)
    try:
        expected, got = [], []
        jieba.dt.FREQ = plain
        for s in SENTENCES:
            expected.append((jieba.lcut(s), jieba.lcut_for_search(s)))
        jieba.dt.FREQ = table
        for s in SENTENCES:
            got.append((jieba.lcut(s), jieba.lcut_for_search(s)))
    finally:
        jieba.dt.FREQ = freq
    assert got == expected
    assert any("公益诉讼" in precise for precise, _ in got)  # a legal term of the user dictionary, kept whole


def _fresh_process(tmp_dir: Path) -> dict:
    """Load the segmenter in a new process whose jieba writes its files in ``tmp_dir``."""
    code = (
        "import json, jieba, tempfile\n"
        f"tempfile.tempdir = {str(tmp_dir)!r}\n"
        "from assistant.index import lexical, wordfreq\n"
        "j = lexical._jieba()\n"
        "print(json.dumps({'mapped': isinstance(j.dt.FREQ, wordfreq.FrozenFreq), 'total': j.dt.total,\n"
        "  'n': len(j.dt.FREQ), 'words': lexical.precise_words('检察公益诉讼的诉前程序'),\n"
        "  'tag': j.dt.user_word_tag_tab.get('公益诉讼'), 'thing': lexical.names_a_thing('公益诉讼')}))\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_dir)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, check=True)
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_process_maps_the_table_the_first_one_wrote(tmp_path: Path) -> None:
    first = _fresh_process(tmp_path)  # loads jieba's dictionary and writes the table
    assert not first["mapped"]
    assert len(list(tmp_path.glob("lvju-jieba-*.freq"))) == 1
    second = _fresh_process(tmp_path)  # maps it
    assert second["mapped"]
    assert {k: second[k] for k in ("total", "n", "words", "tag", "thing")} == \
        {k: first[k] for k in ("total", "n", "words", "tag", "thing")}
    assert first["tag"] == "n"
    for f in tmp_path.glob("lvju-jieba-*.freq"):  # a damaged table is not read: the dictionary is loaded again
        f.write_bytes(f.read_bytes()[:-3])
    third = _fresh_process(tmp_path)
    assert not third["mapped"] and third["words"] == first["words"]


def test_much_text_swaps_the_table_for_a_dict(tmp_path: Path, monkeypatch) -> None:
    jieba = lexical._jieba()
    saved = jieba.dt.FREQ
    plain = saved.to_dict() if isinstance(saved, wordfreq.FrozenFreq) else dict(saved)
    table = wordfreq.open_table(wordfreq.write_table(tmp_path / "j.freq", plain, jieba.dt.total, KEY), KEY)
    monkeypatch.setattr(lexical, "_mapped_chars", 0)
    monkeypatch.setattr(lexical, "MAPPED_DICTIONARY_BUDGET", 30)
    try:
        jieba.dt.FREQ = table
        before = lexical.word_tokens("人民检察院提起公益诉讼")  # 11 characters: within the budget
        assert jieba.dt.FREQ is table
        after = lexical.word_tokens("人民检察院提起公益诉讼" * 3)  # past it: a dict from now on
        assert type(jieba.dt.FREQ) is dict and jieba.dt.FREQ == plain
        assert after[: len(before)] == before
        lexical.word_tokens("公益诉讼" * 20)
        assert type(jieba.dt.FREQ) is dict
    finally:
        jieba.dt.FREQ = saved

