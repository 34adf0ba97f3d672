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


def test_a_later_surname_is_the_fullest_name_of_the_article():
    text = "Special Counsel Robert T. Quill III has questions. Mr. Quill wants answers, Quill said."
    r = Resolver(text)
    r.add_name(*span(text, "Special Counsel Robert T. Quill III"), subject=True)
    assert r.resolve(*span(text, "Mr. Quill"), None).name == "Robert T. Quill III"
    assert r.resolve(*span(text, "Quill", 60), None).name == "Robert T. Quill III"


def test_a_name_whose_family_name_comes_first():
    text = "Leader Park Sung-ho spoke. Later Mr. Park said more."
    r = Resolver(text)
    r.add_name(*span(text, "Leader Park Sung-ho"), subject=True)
    assert r.resolve(*span(text, "Mr. Park"), None).name == "Park Sung-ho"


def test_two_people_of_one_family_stay_two():
    text = "Maria Orr and her husband Piet Orr arrived. Mr. Orr spoke. Then he said more."
    r = Resolver(text)
    r.add_name(*span(text, "Maria Orr"), subject=True)
    r.add_name(*span(text, "Piet Orr"))
    assert r.resolve(*span(text, "Mr. Orr"), None).name == "Piet Orr"
    s = text.index("he said")
    assert r.resolve(s, s + 2, None).name == "Piet Orr"


def test_a_pronoun_never_goes_to_someone_of_the_other_gender():
    text = "Heather Voss met Tom Brandt. Brandt left early. She said the talks went well."
    r = Resolver(text)
    r.add_name(*span(text, "Heather Voss"), subject=True)
    r.add_name(*span(text, "Tom Brandt"))
    r.add_name(*span(text, "Brandt", 28), subject=True)
    assert r.resolve(*span(text, "She"), None).name == "Heather Voss"


def test_an_organisation_by_its_initials():
    text = "The Velm Workers Union filed a claim. The VWU said it would win."
    r = Resolver(text)
    r.add_name(*span(text, "The Velm Workers Union"), kind="org", subject=True)
    assert r.resolve(*span(text, "The VWU"), span(text, "VWU")).name == "The Velm Workers Union"


def test_a_document_speaks_for_its_issuer():
    text = ("The Harbour Board filed a lawsuit on Monday. The suit says the port was sold cheaply. "
            "A statement from Mayor Ana Lund and Councillor Piet Varga said more. "
            "The Velm Herald statement said less.")
    r = Resolver(text)
    r.add_name(*span(text, "The Harbour Board"), kind="org", subject=True)
    assert r.resolve(*span(text, "The suit"), span(text, "suit")).name == "The Harbour Board"
    group = r.resolve(*span(text, "A statement"), span(text, "statement"))
    assert group.name == "Ana Lund and Piet Varga" and group.kind == "group"
    herald = r.resolve(*span(text, "The Velm Herald statement"), span(text, "statement", 150))
    assert herald.name == "Velm Herald"
    unknown = "The memo said the port was sold cheaply."
    r = Resolver(unknown)
    assert r.resolve(*span(unknown, "The memo"), span(unknown, "memo")).name == "The memo"


def test_a_group_is_what_they_and_a_plural_description_mean():
    text = "Ana Lund, Piet Varga and Tom Berg said the port was sold. They said more. The councillors agreed."
    r = Resolver(text)
    group = r.resolve(*span(text, "Ana Lund, Piet Varga and Tom Berg"), None)
    assert group.name == "Ana Lund, Piet Varga and Tom Berg"
    assert r.resolve(*span(text, "They"), None) is group
    assert r.resolve(*span(text, "The councillors"), span(text, "councillors")) is group


def test_words_that_name_no_one_give_no_speaker():
    text = "VELMA — One said it was over. Another disagreed. WASHINGTON said nothing."
    r = Resolver(text)
    assert r.resolve(*span(text, "One"), None) is None
    assert r.resolve(*span(text, "Another"), None) is None
    assert r.resolve(*span(text, "WASHINGTON"), None) is None


def test_a_common_noun_opening_a_sentence_is_no_name():
    text = "Aides said the president was tired."
    r = Resolver(text)
    person = r.resolve(*span(text, "Aides"), span(text, "Aides"), proper=False)
    assert person.kind == "unknown"
    r = Resolver(text)
    assert r.resolve(*span(text, "Aides"), span(text, "Aides"), proper=True).kind == "person"


def test_a_list_of_names_around_the_parses_one_name():
    from newsfold.nlp.speakers import widen_to_group

    text = ("Chair Ana Lund, D-Vt., Chair Piet Varga, R-Me., and Chair Tom Berg said so. "
            "Ann Roe, Green, spoke.")
    s, e = widen_to_group(text, *span(text, "Chair Ana Lund"))
    assert text[s:e] == "Chair Ana Lund, D-Vt., Chair Piet Varga, R-Me., and Chair Tom Berg"
    assert widen_to_group(text, *span(text, "Ann Roe")) == span(text, "Ann Roe")  # an apposition
    s, e = widen_to_group(text, *span(text, "Chair Tom Berg"))
    assert text[s:e] == "Chair Piet Varga, R-Me., and Chair Tom Berg"  # the one before "and", at least


def test_a_known_surname_the_tagger_took_for_a_noun_is_still_that_person():
    text = "Rep. Ines T. Varga of Velm spoke first. Then Varga said more. The congresswoman added a line."
    r = Resolver(text)
    r.add_name(*span(text, "Ines T. Varga"), subject=True)
    s, e = span(text, "Varga", after=20)
    assert r.resolve(s, e, (s, e), proper=False).name == "Ines T. Varga"
    # and being a known person's mention, it is the subject the next new title looks back to
    s, e = span(text, "The congresswoman")
    assert r.resolve(s, e, (s + 4, e)).name == "Ines T. Varga"
    # a capitalised common noun opening a sentence stays a description
    text = "Aides said the port would close."
    r = Resolver(text)
    assert r.resolve(0, 5, (0, 5), proper=False).kind != "person"
