"""Chinese numerals <-> integers (一..九千九百九十九万九千九百九十九, with 零/〇/两)."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def cn_to_int(text: str) -> int:
    """'十五' -> 15, '二十八' -> 28, '一百零三' -> 103, '一万二千三百一十五' -> 12315; ASCII digits pass through."""
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    high, total, current = 0, 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        elif ch == "万" and not high:
            high, total, current = (total + current or 1) * 10000, 0, 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return high + total + current


def int_to_cn(n: int) -> str:
    """15 -> '十五', 28 -> '二十八', 103 -> '一百零三' (as used in 第X条), 12315 -> '一万二千三百一十五'; from 一亿 on
    in digits (a reader's 第123456789条 is shown as written, not refused)."""
    if n < 0:
        raise ValueError(n)
    if n > 99_999_999:
        return str(n)
    if n == 0:
        return "零"
    high, low = divmod(n, 10000)
    if not high:
        text = _below_10000(low)
    else:
        text = _below_10000(high) + "万" + (("零" if low < 1000 else "") + _below_10000(low) if low else "")
    if text.startswith("一十"):
        text = text[1:]
    return text


def _below_10000(n: int) -> str:
    digits = "零一二三四五六七八九"
    parts = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            parts.append(digits[d] + unit)
        elif parts and n and not parts[-1].endswith("零"):
            parts.append("零")
    return "".join(parts)
