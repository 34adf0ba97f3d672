"""Speakers end to end on hand-made cases: names as written, pronouns by gender, descriptions, documents,
groups, and words that name no one."""

import pytest

from newsfold.models import Article
from newsfold.nlp.extract import extract
from newsfold.nlp.model import load_model


@pytest.fixture(scope="module")
def nlp():
    return load_model()


def speaker_of(nlp, text, fragment):
    qs = extract(Article(doc="t.txt", text=text), nlp).quotes
    hits = [q for q in qs if fragment in q.text]
    assert hits, f"no quotation containing {fragment!r} in {[q.text for q in qs]}"
    return hits[0]


def test_accented_names_survive(nlp):
    text = "“The harbour will reopen,” said José Núñez, the port director. Björn Åström disagreed."
    assert speaker_of(nlp, text, "harbour will reopen").speaker == "José Núñez"
    text = ("Harbour chief Zoë Łukasik toured the quay.\n\n"
            "“We lost three boats,” Ms. Łukasik said.")
    assert speaker_of(nlp, text, "three boats").speaker == "Zoë Łukasik"


def test_a_pronoun_takes_the_person_of_its_gender(nlp):
    text = ("Mayor Heather Voss met the engineer Tom Brandt on Monday. Brandt left before noon.\n\n"
            "“We will rebuild the bridge by spring,” she said.")
    assert speaker_of(nlp, text, "rebuild the bridge").speaker == "Heather Voss"
    text = ("Mayor Heather Voss met the engineer Tom Brandt on Monday. Voss left before noon.\n\n"
            "“The bridge needs new piers,” he said.")
    assert speaker_of(nlp, text, "new piers").speaker == "Tom Brandt"


def test_a_description_is_the_person_it_describes(nlp):
    text = ("Governor Ana Lund, a Velmish Republican, toured the dam on Monday.\n\n"
            "“The dam will hold,” the governor said.")
    assert speaker_of(nlp, text, "dam will hold").speaker == "Ana Lund"


def test_the_fullest_name_of_the_article(nlp):
    text = ("Special Counsel Robert T. Quill III opened the inquiry on Monday.\n\n"
            "“We will follow the money,” Mr. Quill said.")
    assert speaker_of(nlp, text, "follow the money").speaker == "Robert T. Quill III"


def test_a_document_speaks_for_whoever_issued_it(nlp):
    text = ("The Velm Harbour Board filed a lawsuit against the shipyard on Friday.\n\n"
            "“The yard broke every promise it made,” the lawsuit says.")
    assert speaker_of(nlp, text, "broke every promise").speaker.endswith("Velm Harbour Board")


def test_names_said_together_are_one_group(nlp):
    text = ("“The port stays open,” Mayor Ana Lund and Councillor Piet Varga said in a joint statement.\n\n"
            "“Nobody loses a job,” they added.")
    first = speaker_of(nlp, text, "port stays open")
    assert first.speaker == "Ana Lund and Piet Varga"
    assert speaker_of(nlp, text, "Nobody loses a job").speaker_id == first.speaker_id


def test_a_participle_opening_the_sentence_is_no_speaker(nlp):
    text = "Speaking at a rally in Velm on Sunday, “We are not done yet,” the crowd chanted."
    q = speaker_of(nlp, text, "not done yet")
    assert q.speaker != "Speaking"


def test_a_quotation_paragraph_after_an_attributed_one_carries_its_speaker_on(nlp):
    text = ("“The levees held,” Mayor Ana Lund said.\n\n"
            "“We will rebuild the lower town before winter.”\n\n"
            "Engineers were less sure.")
    assert speaker_of(nlp, text, "rebuild the lower town").speaker == "Ana Lund"


def test_an_issuer_named_by_title_words_is_an_organisation(nlp):
    text = ("The White House said in a statement on Monday that the talks would go on.\n\n"
            "“The talks will go on,” the statement said.")
    assert speaker_of(nlp, text, "talks will go on").speaker.endswith("White House")
    text = "“The talks will go on,” the White House statement said."
    assert speaker_of(nlp, text, "talks will go on").speaker.endswith("White House")


def test_a_long_inverted_subject_still_ends_on_its_cue(nlp):
    text = "“This is not ideal for us to have this many boats, this much noise,” head of the Velm Harbour " \
           "Tenants Union Ina Vallo said."
    assert speaker_of(nlp, text, "many boats").speaker == "Ina Vallo"


def test_a_name_tagged_as_a_title_of_a_work_still_speaks(nlp):
    text = "“We will now sue over the Harbour Server, the one they hid,” Brandt, a Tory, wrote."
    assert speaker_of(nlp, text, "sue over").speaker == "Brandt"


def test_a_document_speaks_for_who_filed_it_not_whom_it_is_against(nlp):
    text = ("Harbour Board files suit alleging fraud by Piet Varga, Ostrava Shipping, Velm Dredging to sway "
            "the port vote.\n\nThe talks failed.\n\n"
            "“The yard broke every promise it made,” the suit says.")
    assert speaker_of(nlp, text, "broke every promise").speaker.endswith("Harbour Board")


def test_an_initial_does_not_end_the_sentence_that_names_a_document_issuer(nlp):
    text = ("VELM — Robert T. Quill III, the special counsel investigating the harbour fraud, has four dozen "
            "questions for the shipyard, aides said.\n\n"
            "“Who paid for the dredging?” the questions read.")
    assert speaker_of(nlp, text, "Who paid").speaker == "Robert T. Quill III"


def test_a_newspaper_named_like_a_person_is_no_antecedent_and_comments_speak_for_their_author(nlp):
    text = ("President Ana Lund met Mr. Varga on Monday.\n\n"
            "On Tuesday, a Velmish newspaper, Ilsan Ilbo, reported that the two towns were negotiating "
            "a pact \"to ease tensions.\"\n\n"
            "But analysts said Velm was aiming for a deal. Mr. Varga's comments suggested he backed "
            "that effort.\n\n\"They do have my blessing,\" he said.")
    assert speaker_of(nlp, text, "my blessing").speaker == "Varga"
    assert speaker_of(nlp, text, "backed that effort").speaker == "Varga"


def test_a_whole_quotation_told_inside_a_report_is_the_teller_s_with_the_reporter_kept(nlp):
    text = ("Harbour chief Ana Lund met the mayor Piet Varga in May.\n\n"
            "Lund wrote that Varga told her directly, “I need the berths by June.”")
    q = speaker_of(nlp, text, "berths by June")
    assert q.speaker == "Piet Varga"
    assert q.via_mention is not None and q.via_mention.text == "Lund"
    # a short phrase inside the report stays the reporter's, as PolNeAR annotates it
    text = "Lund wrote that Varga described the plan as a “gold standard” for the port."
    assert speaker_of(nlp, text, "gold standard").speaker == "Lund"


def test_a_list_parted_by_semicolons_with_party_tags_is_one_group(nlp):
    text = ("House Harbour Committee Chairman Ana Lund, R-Va.; House Docks Committee Chairman Piet Varga, "
            "R-S.C.; and House Port Committee Chairman Tom Brandt, R-Calif., said in a joint statement "
            "that the memos \"show the board failed.\"\n\n"
            "\"The memos also made clear the cloud was not the storm,\" they added.")
    assert speaker_of(nlp, text, "board failed").speaker == "Ana Lund, Piet Varga and Tom Brandt"
    assert speaker_of(nlp, text, "not the storm").speaker == "Ana Lund, Piet Varga and Tom Brandt"


def test_a_title_before_the_name_is_no_speaker_of_its_own(nlp):
    text = "British Ambassador to the US Sir Tom Brandt said he was \"delighted\" Lund would come."
    assert speaker_of(nlp, text, "delighted").speaker == "Tom Brandt"


def test_an_owner_before_a_name_is_not_part_of_it(nlp):
    text = ("Velm's leader Kim Sol-han spoke to party members on Friday, aides said.\n\n"
            "“We need no more tests,” North Velm's Kim said at the meeting.")
    assert speaker_of(nlp, text, "no more tests").speaker == "Kim Sol-han"


def test_a_body_described_by_its_head_word_is_the_body_not_its_chief(nlp):
    text = ("Yoss Varga, the head of the Velm intelligence agency, flew to Ostrava. The International "
            "Harbour Agency has inspected the port since 2015, officials said.\n\n"
            "In a statement on Tuesday, the agency said it \"had no credible signs of smuggling.\"")
    assert speaker_of(nlp, text, "credible signs").speaker.endswith("International Harbour Agency")


def test_the_bare_title_is_the_person_who_holds_just_that_title(nlp):
    text = ("President Ana Lund welcomed the Velmish president, Piet Varga, on Monday.\n\n"
            "The president has previously denounced the harbour plan as a \"disaster\" and a \"folly.\"")
    assert speaker_of(nlp, text, "folly").speaker == "Ana Lund"


def test_a_description_before_the_name_is_the_one_person_given_that_title_later(nlp):
    text = ("Velm's ambassador to Ostrava said the port plan was worse than a \"smoking gun.\"\n\n"
            "\"He presented a smoking bomb,\" Ann Roe told reporters.\n\n"
            "Ambassador Ann Roe has served in Ostrava since 2015, officials said.")
    assert speaker_of(nlp, text, "smoking gun").speaker == "Ann Roe"
    # two people with the title: the description stays as written
    text = text.replace("officials said.", "officials said, as has Ambassador Piet Varga.")
    assert speaker_of(nlp, text, "smoking gun").speaker == "Velm's ambassador"


def test_two_people_of_one_family_in_one_list_stay_two(nlp):
    text = ("President Roe and Melania Roe, the first lady, welcomed the mayor to the palace on Tuesday, "
            "aides said.\n\n\"We are open to a new deal,\" President Roe said.")
    assert speaker_of(nlp, text, "new deal").speaker == "Roe"


def test_a_headline_speaker_is_the_person_the_article_names(nlp):
    text = ("Roe signals openness to a 'new deal' on the port\n\n"
            "President Ann Roe met the mayor on Tuesday, aides said.\n\n\"We are open,\" Roe said.")
    assert speaker_of(nlp, text, "new deal").speaker == "Ann Roe"


def test_a_list_whose_second_name_has_its_own_owner_is_one_group(nlp):
    text = ("Velm's Prime Minister Ana Lund and the country's Trade Minister Piet Varga welcomed the "
            "exemption, and said the country would keep working with Ostrava.\n\n"
            "\"The exemption reflects the fair trade we share,\" they said in a statement.")
    assert speaker_of(nlp, text, "fair trade").speaker == "Ana Lund and Piet Varga"


def test_a_participle_hung_from_a_quoted_verb_speaks_for_the_reporter(nlp):
    text = ("Lund, Varga and Brandt noted that Roe \"never wrote that she felt threatened,\" adding that "
            "while Roe \"went to great lengths to set the scene, she never once named the fact.\"")
    assert speaker_of(nlp, text, "great lengths").speaker == "Lund, Varga and Brandt"



def test_whom_a_report_is_about_is_not_whom_a_later_pronoun_means(nlp):
    text = ("President Piet Varga will visit Ostrava in July, his aides said.\n\n"
            "Despite the threat of protests, the Velmish ambassador Tom Brandt confirmed Varga would "
            "\"definitely be coming to Ostrava\". He told the radio on Friday: \"He is very thick-skinned.\"")
    assert speaker_of(nlp, text, "thick-skinned").speaker == "Tom Brandt"


def test_a_document_read_out_speaks_for_its_author_though_read_is_tagged_a_noun(nlp):
    text = ("Secretary Ann Roe issued a statement last Wednesday.\n\n"
            "\"Let me be clear,\" Roe's statement read. \"We will enforce the laws.\"")
    assert speaker_of(nlp, text, "Let me be clear").speaker == "Ann Roe"
