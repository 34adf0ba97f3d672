"""Names as written: the words that name a person, apart from titles, honorifics and descriptions.

Pure string work, no parse: "Special Counsel Robert S. Mueller III" is the name "Robert S. Mueller III"
(family name Mueller, suffix III) with the title "special counsel"; "Mr. Núñez" keeps its letters;
"Kim Jong-un" is one name whose first word a later "Mr. Kim" names. `mention_kind` sorts a speaker
mention into the kinds `newsfold evaluate` reports accuracy by.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A word of any script: "Núñez", "Åström", "Jong-un", "O'Brien", an initial "S.".
WORD = re.compile(r"[^\W\d_](?:[\w'’\-]*[\w])?\.?")

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "gen", "sen",
              "rep", "gov", "lt", "col", "capt", "sgt", "adm", "messrs", "mx", "madam", "mister", "hon",
              "honourable", "honorable", "excellency", "sheikh", "herr", "frau", "monsieur", "madame",
              "senor", "señor", "señora", "fr", "atty", "supt", "cmdr", "maj", "pres", "amb"}
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mister": "m", "herr": "m", "monsieur": "m",
                    "senor": "m", "señor": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f",
                    "madam": "f", "frau": "f", "madame": "f", "señora": "f"}
# Generational suffixes: part of the name as written ("Robert S. Mueller III"), never its family name.
SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Lower-case particles inside a name: "Ursula von der Leyen", "Charles de Gaulle", "Mohammed bin Salman".
PARTICLES = {"de", "da", "del", "della", "der", "den", "di", "du", "van", "von", "la", "le", "bin", "ibn",
             "al", "el", "ben", "dos", "das", "ter", "y", "zu"}

TITLE_WORDS = {
    "president", "prime", "minister", "chancellor", "secretary", "general", "secretary-general", "senator",
    "governor", "mayor", "spokesman", "spokeswoman", "spokesperson", "leader", "chief", "director",
    "chairman", "chairwoman", "chair", "ceo", "head", "ambassador", "king", "queen", "prince", "princess",
    "pope", "judge", "justice", "attorney", "speaker", "representative", "congressman", "congresswoman",
    "commissioner", "officer", "official", "aide", "adviser", "advisor", "candidate", "nominee", "vice",
    "deputy", "foreign", "defense", "defence", "state", "sheriff", "captain", "colonel", "lieutenant",
    "sergeant", "professor", "economist", "analyst", "strategist", "manager", "founder", "executive",
    "commander", "envoy", "emir", "sultan", "premier", "majority", "minority", "house", "senate", "white",
    "press", "campaign", "former", "then", "us", "uk", "eu", "un", "russian", "french", "german", "british",
    "ukrainian", "american", "chinese", "democratic", "republican", "gop", "interior", "finance", "economy",
    "health", "energy", "trade", "transport", "education", "environment", "labour", "labor", "union",
    "opposition", "party", "national", "regional", "city", "county", "district", "senior", "acting",
    # roles written before a name as titles are: "rival Hillary Clinton", "Democrat Tim Kaine"
    "rival", "democrat", "independent", "challenger", "incumbent", "opponent", "contender", "hopeful",
    "activist", "author", "actor", "actress", "singer", "comedian", "host", "anchor", "reporter",
    "correspondent", "columnist", "commentator", "pollster", "billionaire", "businessman", "businesswoman",
    "mogul", "tycoon", "lawmaker", "presidential", "gubernatorial", "congressional", "pastor", "reverend",
    "rabbi", "imam", "bishop", "counsel", "special", "chairperson", "lawyer", "attorney-general", "solicitor",
    "dean", "councillor", "councilor", "councilman", "councilwoman", "alderman", "assemblyman",
    "assemblywoman",
    "inspector", "superintendent", "detective", "constable", "coach", "player", "striker", "goalkeeper",
    "admiral", "marshal", "brigadier", "major", "corporal", "private", "agent",
    "cardinal", "archbishop", "ayatollah", "grand", "crown", "duke", "duchess", "earl", "baron", "baroness",
    "viceroy", "governor-general", "first", "lady", "dictator", "strongman", "rapper", "director-general",
}
# Qualifiers that make a title another office than the bare title: "the president" is not the vice
# president.
QUALIFIERS = {"former", "then", "vice", "deputy", "ex", "acting", "assistant", "lieutenant", "late",
              "outgoing", "incoming", "co", "past"}

# Common given names whose bearers are usually one gender, so "she" does not go to a man named just
# before; a pronoun teaches a person's gender only when no one else was named nearby.
GIVEN_NAMES = {**dict.fromkeys("""
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra
ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura
cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra
rachel catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina
lauren joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara
janice jean alice madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
marie diana brittany natalie isabella charlotte rose alexis kayla hillary chelsea melania ivanka nikki loretta
condoleezza sonia elena nancy kellyanne huma hope sheryl carly elise kirsten claire tammy jeanne jill
michele marsha dianne kamala ilhan marine ursula federica jacinda ana olga ilse nadia mira sofia lucia
carmen rosa isabel beatriz ines paula marta elena irina natalia svetlana tatiana yulia anastasia ekaterina
ingrid astrid sigrid annika karin birgit heidi greta fatima aisha amina leila yasmin zainab mariam miriam
esther deborah naomi tamar yael priya anjali sunita aung suu chloe zoe lily ella mia ava harper evie
amelia isla poppy freya imogen harriet georgina philippa penelope rosalind gwen bridget siobhan niamh aoife
kristen kristin krista jodi jody kari tina gina dana erin colleen maureen eileen kathy cathy sue debbie
donna betsy peggy marcia wendy stacey tracy shannon brooke paige taylor morgan whitney courtney lindsey
lindsay ainsley kirstjen tulsi stacey liz marianne jeanine susanna ruth lisa kelly valerie yvonne
""".split(), "f"), **dict.fromkeys("""
james robert john michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory frank alexander raymond
patrick jack dennis jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy
harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan
billy bruce albert willy gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis
bobby philip johnny barack bill bernie ted marco jeb chris mike mitt newt rudy rand ben tim mitch harry chuck
nick hugh rush reince vladimir emmanuel boris xi recep narendra shinzo angus piet tomas anton marc
mario luis carlos jorge miguel pedro manuel francisco antonio javier diego alejandro fernando ricardo
sergio andres rafael pablo enrique eduardo roberto alberto raul hector oscar ruben ramon irineo jesus
giuseppe giovanni luca marco matteo paolo franco silvio matteo sergei sergey dmitry dmitri ivan igor
mikhail alexei alexey nikolai yuri oleg andrei viktor volodymyr petro arseniy hans jurgen klaus wolfgang
helmut gerhard olaf friedrich heinz dieter lars anders erik olof bjorn björn sven nils magnus jens henrik
pierre jacques jean-claude francois françois nicolas jean-marc jean-pierre laurent olivier thierry
ahmed mohammed muhammad mohamed ali hassan hussein omar khalid abdullah ibrahim mahmoud mustafa yusuf
hamid reza javad hassan bashar recep benjamin avigdor naftali yair ehud ariel shimon yitzhak moshe
raj rahul amit sanjay vijay arjun imran nawaz shehbaz justin stephen malcolm scott kevin tony anthony
woody kim-jong jared steve sean rex jeff jim tom dan dave doug greg ken kent lindsey mick nigel gordon
rishi keir jeremy liam kieran seamus declan eamon enda leo sadiq sajid theo rodrigo lula jair
rob bob ron don jon jonah seth zach max sam ray kurt clint dick orrin trey devin elijah adam beto cory
bennie paul matt kirk lamar darrell jerrold jerry adam joaquin julian marco rick ricky
""".split(), "m")}
# Names whose gender the list would get wrong as often as right are left out of it on purpose
# ("Kim", "Lee", "Jordan" for women, "Robin", "Jean"): they teach nothing.
for _both in ("kim", "lee", "robin", "jean", "jordan", "taylor", "morgan", "alexis", "dana", "jody",
              "kelly", "lindsey", "stacey", "kris", "pat", "chris", "jamie", "casey", "jesse"):
    GIVEN_NAMES.pop(_both, None)


def norm(word: str) -> str:
    """A word compared as names are: lower case, no periods, straight apostrophe."""
    return word.lower().replace(".", "").replace("’", "'")


def strip_possessive(word: str) -> str:
    return re.sub(r"(['’]s|['’])$", "", word)


def words_of(text: str) -> list[tuple[int, int, str]]:
    """The words of `text` with their offsets, possessive endings cut off ("Núñez's" gives "Núñez")."""
    out = []
    for m in WORD.finditer(text):
        w = strip_possessive(m.group())
        if w:
            out.append((m.start(), m.start() + len(w), w))
    return out


def is_capitalised(word: str) -> bool:
    """Whether a word is written as a name is: a capital first letter, or a letter of a script without
    case ("習近平" has no capitals, so any letter counts)."""
    first = word[:1]
    return first.isupper() or (first.isalpha() and not first.islower() and first.lower() == first.upper())


def is_title(word: str) -> bool:
    w = norm(word)
    return w in TITLE_WORDS or w in HONORIFICS


@dataclass(frozen=True)
class Name:
    """A name found in a mention: its words as written and what stood before it."""

    start: int  # offsets of the name proper within the text parsed
    end: int
    words: tuple[str, ...]  # as written, suffix included, titles and honorifics not
    titles: tuple[str, ...] = ()  # lower-cased title words before the name
    honorific: str | None = None

    @property
    def core(self) -> tuple[str, ...]:
        """The words without a generational suffix."""
        words = self.words
        while len(words) > 1 and norm(words[-1]) in SUFFIXES:
            words = words[:-1]
        return words

    @property
    def family(self) -> str:
        """The family name, as names are keyed: the last word that is not a suffix."""
        return norm(self.core[-1])

    @property
    def first(self) -> str | None:
        """The first word of a name of two or more words."""
        return norm(self.core[0]) if len(self.core) > 1 else None

    @property
    def gender(self) -> str | None:
        if self.honorific and self.honorific in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[self.honorific]
        return GIVEN_NAMES.get(self.first) if self.first else None


# Capitalised words that never open a name: a sentence's first word, a determiner, a pronoun.
FUNCTION_WORDS = {"the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "but", "and", "or",
                  "if", "when", "while", "after", "before", "as", "for", "with", "from", "by", "to", "of",
                  "it", "he", "she", "they", "we", "i", "his", "her", "their", "its", "our", "my", "your",
                  "there", "here", "then", "so", "yet", "now", "today", "yesterday", "last", "next", "some",
                  "many", "most", "all", "both", "each", "every", "no", "not", "one", "two", "three", "why",
                  "what", "who", "how", "where", "said", "says", "according", "meanwhile", "also", "even",
                  "still", "however", "although", "though", "because", "since", "until", "mr", "ms",
                  "later", "earlier", "afterwards", "instead", "indeed", "perhaps", "asked", "told"}


def parse_name(text: str) -> Name | None:
    """The name inside a mention: titles, honorifics, lower-case descriptions and a leading article
    before it are set apart ("the Maryland-based product liability lawyer Ann Roe" gives Ann Roe); a
    description after it is not part of it ("Ann Roe's new lawyer" gives Ann Roe). None when no
    capitalised word names anyone."""
    words = words_of(text)

    def opens_name(w: str) -> bool:
        return is_capitalised(w) and not is_title(w) and norm(w) not in FUNCTION_WORDS

    cut = 0
    for j, (_, _, w) in enumerate(words):
        lower = not is_capitalised(w) and norm(w) not in PARTICLES
        lead = is_title(w) or norm(w) in FUNCTION_WORDS or lower
        if lead and any(opens_name(x) for _, _, x in words[j + 1:]):
            cut = j + 1
    body = words[cut:]
    # the name is the first run of capitalised words (particles and initials inside it)
    for k, (_, _, w) in enumerate(body):
        if not is_capitalised(w) and norm(w) not in PARTICLES:
            body = body[:k]
            break
    while body and not is_capitalised(body[-1][2]):
        body = body[:-1]
    # an owner before the name is not part of it: "North Velm's Kim", "Velm Daily's Ann Roe"
    owned = [k for k, (_, e, _) in enumerate(body[:-1]) if text[e : e + 1] in ("'", "’")]
    if owned:
        body = body[owned[-1] + 1:]
    if not body or not opens_name(body[0][2]):
        return None
    if len(body) == 1 and norm(body[0][2]) in WEEKDAYS:
        return None  # "Monday which he claimed …": a day, never a person (months may be: "May")
    lead_words = [w for _, _, w in words[:cut]]
    titles = tuple(norm(w) for w in lead_words if norm(w) not in FUNCTION_WORDS and norm(w) not in HONORIFICS)
    honorific = next((norm(w) for w in reversed(lead_words) if norm(w) in HONORIFICS), None)
    return Name(body[0][0], body[-1][1], tuple(w for _, _, w in body), titles, honorific)


def parse_org(text: str) -> Name | None:
    """The name of an organisation as written, its leading article aside: "the Democratic National
    Committee" gives Democratic National Committee (title words are part of it: "Security Council")."""
    words = words_of(text)
    while words and (norm(words[0][2]) in FUNCTION_WORDS or not is_capitalised(words[0][2])):
        words = words[1:]
    while words and not is_capitalised(words[-1][2]):
        words = words[:-1]
    if not words:
        return None
    return Name(words[0][0], words[-1][1], tuple(w for _, _, w in words))


_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)?\.?")


def capitalised_runs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Runs of two to five words written as names ("Ana María Lund", "José Núñez", "Robert T. Quill
    III"), separated by single spaces, in `text[start:end]`: the cheap way to learn names in paragraphs
    that are not parsed. Initials may stand inside a run and a generational suffix at its end."""
    end = len(text) if end is None else end
    run: list[tuple[int, int, str]] = []

    def done() -> Iterator[tuple[int, int]]:
        while run and norm(run[0][2]) in FUNCTION_WORDS:
            run.pop(0)
        while run and _initial(run[-1][2]):
            run.pop()
        # titles before the name do not count ("Special Counsel Robert T. Quill III"); add_name parts them
        if 2 <= len(run) and len([r for r in run if not is_title(r[2])]) <= 5:
            last = run[-1]
            yield run[0][0], last[1] - (1 if last[2].endswith(".") and not _suffix(last[2]) else 0)
        run.clear()

    for m in _NAME_WORD.finditer(text, start, end):
        w = m.group()
        word = w.rstrip(".")
        name_like = word[:1].isupper() and word[1:2].islower()
        part = name_like or _initial(w) or (_suffix(w) and bool(run))
        joined = bool(run) and text[run[-1][1]:m.start()] in (" ", "\u00a0")
        if run and not (part and joined) or run and run[-1][2].endswith(".") and not _initial(run[-1][2]):
            yield from done()
        if part and (run or not _suffix(w)):
            run.append((m.start(), m.end(), w))
    yield from done()


def _initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word.endswith(".")


def _suffix(word: str) -> bool:
    return norm(word) in SUFFIXES and word[:1].isupper()


WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

# The kinds of speaker mention `newsfold evaluate` reports accuracy by.
MENTION_KINDS = ("full name", "surname or title", "pronoun", "description", "document or organisation",
                 "none")
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them", "who", "which", "that", "you"}
DOCUMENT_WORDS = {"statement", "statements", "letter", "report", "reports", "study", "memo", "memos",
                  "document", "documents", "suit", "lawsuit", "complaint", "filing", "announcement",
                  "release", "tweet", "tweets", "post", "message", "email", "ad", "advertisement", "video",
                  "survey", "poll", "indictment", "ruling", "order", "notice", "transcript", "book",
                  "column", "editorial", "op-ed", "declaration", "communique", "communiqué", "readout",
                  "testimony", "motion", "brief", "petition", "memorandum", "question", "questions",
                  # words said, which speak for whoever said them ("Mr. Roe's comments suggested …")
                  "comments", "remarks"}
ORG_WORDS = {"committee", "department", "ministry", "agency", "office", "house", "campaign", "party",
             "government", "administration", "council", "company", "corporation", "inc", "group", "union",
             "association", "organization", "organisation", "court", "commission", "bureau", "service",
             "news", "times", "post", "press", "network", "university", "institute", "foundation", "bank",
             "army", "police", "navy", "force", "forces", "pentagon", "kremlin", "fbi", "cia", "un", "eu",
             "nato", "congress", "senate", "parliament", "board", "center", "centre", "fund", "coalition",
             "alliance", "federation", "league", "club", "team"}


def mention_kind(text: str | None) -> str:
    """Which kind of speaker mention `text` is: a full name ("Ana Lund", "President Ana Lund"), a surname
    or title ("Lund", "Mr. Lund"), a pronoun, a description ("the mayor", "officials"), a document or
    organisation ("a statement", "the city council"), or none."""
    if not text or not text.strip():
        return "none"
    words = [w for _, _, w in words_of(text)]
    if not words:
        return "none"
    low = [norm(w) for w in words]
    if len(low) == 1 and low[0] in PRONOUNS:
        return "pronoun"
    if low[-1] in DOCUMENT_WORDS:
        return "document or organisation"
    name = parse_name(text)
    if name is not None and not any(norm(w) in ORG_WORDS for w in name.words) and not name.core[-1].isupper():
        return "full name" if len(name.core) >= 2 else "surname or title"
    if name is not None or any(w in ORG_WORDS for w in low):
        return "document or organisation"
    return "description"
