"""The post-build scan reads each string of a CBOR index file on its own (site/scan.py): the
index's words never stand beside each other for a reader, so digits of neighbouring words are
no phone number; a number inside one string still is."""

from __future__ import annotations

from generator.site.scan import scan_site
from generator.site.search_chunks import write_file


def test_neighbouring_index_words_are_not_read_as_one_number(tmp_path):
    write_file(tmp_path / "pagefind.zh_1.pf_meta", ["1.4.0", [], ["138", "1234", "5678"]])
    assert scan_site(tmp_path, masked=True) == []


def test_a_number_inside_one_index_string_is_found(tmp_path):
    write_file(tmp_path / "pagefind.zh_1.pf_meta", ["1.4.0", [], [["138 1234 5678", "z", "h"]]])
    assert [str(f) for f in scan_site(tmp_path, masked=True)] != []


def test_pagefind_page_ids_of_digits_are_not_phone_numbers(tmp_path):
    # a fragment's id is hex after the language: in a large index some are all digits, which
    # once failed a build as a landline (0 + area code + number)
    pages = [["zh_04712345678", 120], ["zh_02812345678", 80]]
    write_file(tmp_path / "pagefind.zh_1.pf_meta", ["1.4.0", pages, []])
    assert scan_site(tmp_path, masked=True) == []


def test_a_landline_in_an_index_string_beside_an_id_is_still_found(tmp_path):
    pages = [["zh_0b1470dbb6", 120], ["电话 04712345678", 80], ["zh_04712345678 x", 1]]
    write_file(tmp_path / "pagefind.zh_1.pf_meta", ["1.4.0", pages, []])
    found = [str(f) for f in scan_site(tmp_path, masked=True)]
    assert len(found) == 1 and "landline" in found[0]


def _workbook(tmp_path, cells, formula=False):
    import xlsxwriter

    path = tmp_path / "due" / "S05.xlsx"
    path.parent.mkdir(exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet("待访")
    for column, value in enumerate(cells):
        sheet.write(0, column, value)
    if formula:
        sheet.write_formula(1, 0, "=1+1")
    book.close()
    return path


def test_a_phone_number_in_a_workbook_cell_is_found(tmp_path):
    _workbook(tmp_path, ["客户 C0001", "电话 138 1234 5678"])
    assert [str(f) for f in scan_site(tmp_path, masked=True)] == ["due/S05.xlsx: mobile number"]


def test_digits_of_neighbouring_cells_are_not_one_number_and_masked_ones_pass(tmp_path):
    _workbook(tmp_path, ["138", "1234", "5678", "138****5678", 3, 46041.13194444445])
    assert scan_site(tmp_path, masked=True) == []


def test_a_workbook_with_a_formula_is_refused(tmp_path):
    _workbook(tmp_path, ["C0001"], formula=True)
    assert [str(f) for f in scan_site(tmp_path, masked=False)] == [
        "due/S05.xlsx: formula in a workbook"
    ]
