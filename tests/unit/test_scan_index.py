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
