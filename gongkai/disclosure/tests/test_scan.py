from __future__ import annotations

import datetime as dt

from gongkai.disclosure.scan import id_check_character, is_valid_id_number, luhn_valid, mask, scan_text

TODAY = dt.date(2025, 6, 1)
# 11010519491231002X is the standard's own example (GB 11643-1999).
VALID_ID = "11010519491231002X"


def test_check_character_of_the_standard_example():
    assert id_check_character(VALID_ID[:17]) == "X"
    assert is_valid_id_number(VALID_ID, TODAY)
    assert is_valid_id_number(VALID_ID.lower(), TODAY)


def test_a_wrong_check_character_is_flagged_as_a_warning():
    wrong = VALID_ID[:17] + "1"
    assert not is_valid_id_number(wrong, TODAY)
    [hit] = scan_text(f"申请人身份证号{wrong}，住址某某。", TODAY)
    assert hit.kind == "id_card_suspect" and hit.is_warning and hit.value == wrong
    # A valid and a mistyped spelling of one number share nothing but the family.
    [good] = scan_text(VALID_ID, TODAY)
    assert not good.is_warning and good.fingerprint != hit.fingerprint


def test_full_width_digits_and_invisible_characters_are_normalised_before_scanning():
    full_width = VALID_ID.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    text = f"身份证号：{full_width}，手机１３８\u200b１２３４\ufeff５６７８。"
    hits = scan_text(text, TODAY)
    assert [h.kind for h in hits] == ["id_card", "mobile"]
    assert hits[0].value == full_width and text[hits[0].start : hits[0].end] == full_width
    assert hits[0].fingerprint == scan_text(VALID_ID, TODAY)[0].fingerprint
    assert hits[0].masked == "110105********002X"
    assert hits[1].masked == "138****5678" and text[hits[1].start : hits[1].end] == hits[1].value
    split = "1101\u200b0519491231002X"
    assert [h.value for h in scan_text(f"号码{split}", TODAY)] == [split]


def test_impossible_or_future_birth_dates_are_not_id_numbers():
    for first17 in ("11010519490230002", "11010520300101002", "11010518991231002"):
        number = first17 + id_check_character(first17)
        assert not is_valid_id_number(number, TODAY), number


def test_a_valid_id_number_is_found_with_its_position():
    text = f"当事人张某（身份证号：{VALID_ID}）"
    [hit] = scan_text(text, TODAY)
    assert hit.kind == "id_card"
    assert text[hit.start : hit.end] == VALID_ID
    assert hit.masked == "110105********002X"


def test_id_numbers_inside_longer_codes_are_not_found():
    code = "9" + VALID_ID + "1"
    assert scan_text(f"索引号{code}", TODAY) == []


def test_mobile_numbers_in_several_spellings():
    for text in ("联系电话13812345678", "电话 138-1234-5678 。", "+86 13912345678"):
        hits = scan_text(text, TODAY)
        assert [h.kind for h in hits] == ["mobile"], text
    assert scan_text("编号12812345678", TODAY) == []  # 12x is not a mobile prefix
    assert scan_text("金额138123456789元", TODAY) == []  # 12 digits


def test_bank_cards_must_pass_luhn():
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")
    card = "6212262201234567"
    digits = card[:-1]
    check = next(str(d) for d in range(10) if luhn_valid(digits + str(d)))
    good = digits + check
    bad = digits + str((int(check) + 1) % 10)
    assert [h.kind for h in scan_text(f"收款账号{good}", TODAY)] == ["bank_card"]
    assert scan_text(f"收款账号{bad}", TODAY) == []
    spaced = " ".join(good[i : i + 4] for i in range(0, 16, 4))
    assert [h.kind for h in scan_text(f"卡号 {spaced}", TODAY)] == ["bank_card"]


def test_passport_numbers():
    assert [h.kind for h in scan_text("护照号码E12345678", TODAY)] == ["passport"]
    assert scan_text("型号XE12345678Z", TODAY) == []


def test_masks():
    assert mask("13812345678") == "138****5678"
    assert mask("138-1234-5678") == "138****5678"
