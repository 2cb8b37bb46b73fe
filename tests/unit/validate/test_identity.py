"""validate/identity.py: ids unique, file names matching ids, dated records in their year."""

from __future__ import annotations

from builders import at, codes, complaint, customer, day, records, staff, survey, visit

from generator.problems import Source
from generator.validate.identity import (
    file_names_match_ids,
    unique_ids,
    visit_file_names,
    year_folders,
)

TODAY = day("2026-11-23")


def test_a_customer_number_used_twice_names_the_first_file():
    # domain.md §1: a customer file gets a number; it must identify one customer
    first = customer("C0001", source=Source("records/customers/C0001.md", 2))
    again = customer("C0001", source=Source("records/customers/C0001-copy.md"))
    (found,) = unique_ids(records(customers=[first, again]), TODAY)
    assert found.code == "id.duplicate" and found.source.path == "records/customers/C0001-copy.md"
    assert "records/customers/C0001.md:2" in found.message_en


def test_staff_ids_are_unique_too_and_different_kinds_may_share_an_id():
    team = [staff("S01"), staff("S01", name="同号")]
    assert codes(unique_ids(records(team=team), TODAY)) == ["id.duplicate"]
    assert unique_ids(records(customers=[customer("X1")], surveys=[survey("X1")]), TODAY) == []


def test_the_file_name_is_the_id():
    moved = customer("C0002", source=Source("records/customers/C0001.md"))
    (found,) = file_names_match_ids(records(customers=[moved]), TODAY)
    assert found.code == "id.filename_mismatch" and "C0002.md" in found.message_en
    assert file_names_match_ids(records(customers=[customer("C0002")]), TODAY) == []


def test_visits_and_complaints_sit_in_their_years_folder():
    in_2026 = visit("2025-12-31", id="2025-12-31-C0001-phone")
    misplaced = visit("2025-12-31", source=Source("records/visits/2026/2025-12-31-C0001-phone.md"))
    assert year_folders(records(visits=[in_2026]), TODAY) == []
    (found,) = year_folders(records(visits=[misplaced]), TODAY)
    assert found.code == "path.year_mismatch" and "records/visits/2025/" in found.message_en
    received_2025 = complaint(
        received=at("2025-12-31 23:00"), source=Source("records/complaints/2026/K2026-0001.md")
    )
    assert codes(year_folders(records(complaints=[received_2025]), TODAY)) == ["path.year_mismatch"]


def test_a_visit_not_in_a_year_folder_is_compared_by_its_first_folder():
    flat = visit("2026-11-20", source=Source("records/visits/2026-11-20-C0001-phone.md"))
    assert codes(year_folders(records(visits=[flat]), TODAY)) == ["path.year_mismatch"]


def test_a_visit_file_starts_with_its_date_and_customer():
    assert visit_file_names(records(visits=[visit("2026-11-20")]), TODAY) == []
    wrong = visit("2026-11-20", id="2026-11-21-C0001-phone")
    (found,) = visit_file_names(records(visits=[wrong]), TODAY)
    assert found.code == "visit.filename_mismatch" and "2026-11-20-C0001" in found.message_en
