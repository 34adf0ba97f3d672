"""Resolving speaker mentions within an article, on texts written for these tests (no model needed)."""

from newsfold.nlp.speakers import Resolver


def span(text, words, after=0):
    start = text.index(words, after)
    return start, start + len(words)


def test_the_president_is_not_the_vice_or_former_president():
    text = ("President Marc Delorme opened the summit. Vice President Ana Lund and former President "
            "Piet Varga spoke after him. The president said more.")
    r = Resolver(text)
    for name in ("President Marc Delorme", "Vice President Ana Lund", "President Piet Varga"):
        r.add_name(*span(text, name), subject=True)
    s, e = span(text, "The president")
    assert r.resolve(s, e, None).name == "Marc Delorme"


def test_a_title_apposed_before_the_name_is_learnt():
    text = "In the capital, the interior minister, Anton Sereda, pledged support. Later the minister spoke."
    r = Resolver(text)
    r.add_name(*span(text, "Anton Sereda"), subject=True)
    s, e = span(text, "the minister")
    assert r.resolve(s, e, None).name == "Anton Sereda"


def test_a_new_definite_title_is_the_person_just_spoken_of():
    text = "Tomas Brell, who leads the union, said the night was long. The union leader had a message."
    r = Resolver(text)
    r.add_name(*span(text, "Tomas Brell"), subject=True)
    s, e = span(text, "The union leader")
    assert r.resolve(s, e, None).name == "Tomas Brell"
    far = "Tomas Brell spoke." + " The tide came in." * 30 + " The union leader had a message."
    r = Resolver(far)
    r.add_name(*span(far, "Tomas Brell"), subject=True)
    s, e = span(far, "The union leader")
    assert r.resolve(s, e, None).name == "The union leader"


def test_a_relative_pronoun_resolves_to_the_mention_it_stands_for():
    text = "The strike was led by Piet Varga, who said the owners had ignored every warning."
    r = Resolver(text)
    s, e = span(text, "who")
    assert r.resolve(s, e, span(text, "Piet Varga")).name == "Piet Varga"


def test_a_given_name_tells_the_gender_a_pronoun_needs():
    text = "Hillary Clinton spoke first. Then Nick Merrill spoke. She said more."
    r = Resolver(text)
    r.add_name(*span(text, "Hillary Clinton"), subject=True)
    r.add_name(*span(text, "Nick Merrill"), subject=True)
    s, e = span(text, "She")
    assert r.resolve(s, e, None).name == "Hillary Clinton"


def test_a_pronoun_teaches_a_gender_only_when_no_one_else_was_named():
    text = "Kim Ober met Lee Tann. He left. Later Tann spoke alone. Much later, he spoke again."
    r = Resolver(text)
    r.add_name(*span(text, "Kim Ober"), subject=True)
    r.add_name(*span(text, "Lee Tann"), subject=False)
    s, e = span(text, "He")
    r.resolve(s, e, None)
    assert all(entry.gender is None for entry in r.entries)


def test_roles_before_a_name_stay_out_of_it():
    text = "Rival Hillary Clinton said more. Democrat Tim Kaine agreed."
    r = Resolver(text)
    assert r.resolve(*span(text, "Rival Hillary Clinton"), None).name == "Hillary Clinton"
    assert r.resolve(*span(text, "Democrat Tim Kaine"), None).name == "Tim Kaine"
