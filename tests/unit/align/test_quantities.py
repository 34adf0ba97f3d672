"""Numbers in words or digits, their hedges and units; whether two reported figures can agree."""

import pytest

from newsfold.align.quantities import compatible, find_numbers, unit_class, words_to_number


def values(text):
    return [(n.text, n.value, n.qualifier) for n in find_numbers(text)]


@pytest.mark.parametrize("text,want", [
    ("three and a half", 3.5),
    ("three-and-a-half", 3.5),
    ("two-thirds", 2 / 3),
    ("a dozen", 12),
    ("twenty-one", 21),
    ("a hundred", 100),
    ("two hundred and fifty thousand", 250_000),
    ("one and a half million", 1_500_000),
    ("third", None),
    ("banana", None),
])
def test_words_to_number(text, want):
    got = words_to_number(text)
    assert got == pytest.approx(want) if want is not None else got is None


def test_find_numbers_with_hedges():
    assert values("More than 1,200 residents left and about 340 homes flooded.") == [
        ("More than 1,200", 1200.0, "more"), ("about 340", 340.0, "about")]
    assert values("up to 15 dead") == [("up to 15", 15.0, "less")]
    assert values("The war lasted three and a half years.") == [("three and a half", 3.5, "exact")]


def test_find_numbers_scales_and_currencies():
    assert values("2.5 million people") == [("2.5 million", 2_500_000.0, "exact")]
    assert values("a £6.8m contract") == [("6.8m", 6_800_000.0, "exact")]
    # without a currency, "m" is metres: the number stops before it
    assert values("the river rose 6.8m") == [("6.8", 6.8, "exact")]


def test_find_numbers_skips_pronouns_codes_and_times():
    assert values("one of the reasons, no one knows") == []
    assert values("COVID-19 at the G7 at 10:30") == []
    assert values("in the 2020s, the 26th time, 2/3 of them") == []


def test_compatible_figures():
    assert compatible(1200, "more", 1200, "about")
    assert compatible(26, "exact", 26, "exact")
    assert not compatible(12, "exact", 15, "exact")
    assert not compatible(340, "about", 400, "more")
    assert compatible(12, "more", 15, "exact")      # "at least 12" admits 15
    assert not compatible(3.5, "more", 80, "exact")  # "more than three years" is not eighty


def test_unit_classes():
    assert unit_class("houses") == unit_class("homes") == "home"
    assert unit_class("meters") == unit_class("metres") == "metre"
    assert unit_class("residents") == unit_class("people") == "person"
    assert unit_class("allies") == "ally"
    assert unit_class(None) is None


def test_figures_told_by_their_order_of_magnitude():
    assert values("Tens of thousands of files were taken.") == [("Tens of thousands", 20_000.0, "order")]
    assert values("hundreds of thousands of signatures and thousands of letters") == [
        ("hundreds of thousands", 200_000.0, "order"), ("thousands", 2_000.0, "order")]
    # the words alone, without what they count, are no figure: "in the hundreds"
    assert values("the toll ran into the hundreds") == []
    assert not compatible(200_000, "order", 1_800_000, "more")  # hundreds of thousands, more than 1.8m
    assert compatible(20_000, "order", 55_000, "exact")


def test_almost_falls_short_of_its_figure():
    assert values("almost four dozen questions") == [("almost four dozen", 48.0, "under")]
    assert not compatible(48, "more", 48, "under")  # at least four dozen, almost four dozen
    assert compatible(48, "under", 47, "exact") and compatible(300, "under", 300, "about")


def test_people_counted_by_their_part_are_one_count():
    assert unit_class("migrants") == unit_class("participants") == unit_class("members") == "person"
