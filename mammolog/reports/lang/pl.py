"""Polish report wording: "pierś prawa", "obustronnie", "kategoria BI-RADS"."""

from __future__ import annotations

from mammolog.reports.lang import Language

_RIGHT_FORMS = r"praw(?:a|ej|ą|y|ego|ym|e|o)|prawostronn\w*"
_LEFT_FORMS = r"lew(?:a|ej|ą|y|ego|ym|e|o)|lewostronn\w*"

LANGUAGE = Language(
    code="pl",
    name="Polski",
    detect_words=frozenset(
        "i w z na nie się jest są bez oraz do od pierś piersi prawa lewa prawej lewej "
        "obustronnie badanie opis wnioski wniosek rozpoznanie gęstość zwapnienia zmiany "
        "zmian ognisko kontrola kontrolne mammografia usg pani obu zgrup mikrozw wsk biopsja".split()
    ),
    detect_letters="ąćęłńśźżó",
    right=rf"(?:(?:pierś|piersi|sutek|strona|stronie)\s+)?(?:{_RIGHT_FORMS})|\bP\b(?=\s*:)",
    left=rf"(?:(?:pierś|piersi|sutek|strona|stronie)\s+)?(?:{_LEFT_FORMS})|\bL\b(?=\s*:)",
    both=r"obustronn\w*|obie\s+piersi|obu\s+piersi\w*|w\s+obu\s+piersiach",
    history_sections=(
        r"zmiana\s+docelowa|cel\s+biopsji|"
        r"(?:w\s+)?wywiad\w*|dane\s+kliniczne|wskazani[ae]|skierowanie|cel\s+badania|porównanie"
        r"|badani[ae]\s+poprzedni\w*|(?:poprzedni\w*|wcześniejsz\w*)\s+(?:badani\w*|mammografi\w*|usg)|opis\s+(?:wstępny|pierwotny|zewnętrzny)|historia"
    ),
    current_sections=(
        r"opis(?:\s+badania)?|wynik|wnioski|wniosek|rozpoznanie|ocena|podsumowanie|technika"
        r"|badanie|mammografia|usg|ultrasonografia|mr|zalecenia|bi-?rads|gęstość|budowa"
    ),
    assessment_labels=(
        r"wnioski|wniosek|rozpoznanie|ocena(?:\s+końcowa)?|podsumowanie|wynik|kategoria"
        r"|bi-?rads|klasyfikacja"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:kategori[aię]|klasa|klasyfikacj[ai]))?"
        r"|\bkategori[aię]|\bkat\."
    ),
    category_words=(
        (r"potwierdzon\w+\s+(?:histopatologicznie\s+)?złośliw\w*|rak\s+potwierdzon\w+", "6"),
        (r"wysoce\s+(?:podejrzan\w+|sugerując\w+\s+złośliwość)", "5"),
        (r"niekompletn\w*|wymaga\s+dalszej\s+diagnostyki", "0"),
        # "Zmiany łagodne." as a sentence of its own ("zmiany łagodne, BI-RADS 2" is the number's)
        (r"zmian[ay]?\s+prawdopodobnie\s+łagodn\w*(?=[ \t]*(?:\.|$))", "3"),
        (r"prawdopodobnie\s+łagodn\w*", "3"),
        (r"podejrzan\w*", "4"),
        (r"zmian[ay]?\s+łagodn\w*(?=[ \t]*(?:\.|$))", "2"),
        (r"łagodn\w*", "2"),
        (r"negatywn\w*", "1"),
    ),
    word_trailers=r"obustronn\w*|zmian[ay]?|obraz|badanie|wynik",
    negation=(
        r"\bnie\b|\bbez\b|\bbrak\w*|\bani\b|\bżadn\w*|\bnie\s+stwierdza\s+się\b"
        r"|\bwykluczon\w*"
    ),
    known_words=r"\bznan\w*",
    history_cues=(
        r"\b(?:wg|według|ze)\s+skierowania\b|"
        r"\bwówczas\b|\bw\s+tamtym\s+czasie\b|"
        r"\bskierowan\w+\s+(?:z\s+powodu|z|na|w\s+związku)\b|"
        r"\bprzed\s+biopsją\b|\bprzedbiopsyjn\w*|\bprzed\s+zabiegiem\b|"
        r"\bbył[aoy]?\b(?=\s*$)|\bkontrol\w*\s+(?:zmian\w*|guz\w*|ognisk\w*)|\bpoprzedni\w*|\bwcześniej\w*|\buprzedni\w*|\bdawniej\b|\bporówna\w*"
        r"|\b(?:19|20)\d\d\b|\btemu\b|\bpierwotn\w*|\bmatk\w*|\bsiostr\w*|\bciotk\w*"
        r"|\brodzin\w*|\bzamiast\b|\bzmienion\w+\s+z\b|\bbył[aoy]?\b|\bznan\w*|\bprzebyt\w*"
        r"|\bw\s+innym\s+ośrodku\b|\b(?:ocenion|opisan|sklasyfikowan)\w*\s+tam\b|\bstan\s+po\b"
    ),
    current_cues=(
        r"\bobecnie\b|\baktualn\w*|\bdziś\b|\bdzisiaj\w*|\bteraz\b|\bw\s+tym\s+badaniu\b"
        r"|\bz\s+(?:bi-?rads|kategorii)\s+\w+\s+na\s*$"
    ),
    revision_cues=r"\b(?:zmieni|skorygowa|poprawi|podwyższ|obniż)\w*\s+(?:na|do)\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:w\s+(?:19|20)\d\d|\(?(?:19|20)\d\d|w\s+zeszłym\s+roku|wcześniej|w\s+poprzedni\w*(?:\s+badani\w*)?"
        r"|był[aoy]?)"
    ),
    hypothetical=(
        r"\bjeśli\b|\bjeżeli\b|\bgdyby\b|\bw\s+przypadku\b|\bw\s+razie\b|\bbyłby\b|\bbyłaby\b"
        r"|\bkażd\w*|\b\w+(?:łoby|łyby|liby)\b"
    ),
    clause_breaks=r";|\bale\b|\bjednak\b|\bnatomiast\b|\boprócz\b|\bpoza\b|\bdlatego\b|\bwięc\b|\bzatem\b|\bw\s+związku\s+z\s+tym\b",
    density_context=(
        r"(?:g[ęe]sto[śs]\w*|budow\w*|utkani\w*)(?:\s+(?:tkanki\s+)?piersi)?|\bgęst\w*"
        r"|tkank\w*\s+gruczoł\w*|miąższ\w*"
        r"|tkank\w*\s+włóknisto-?gruczoł\w*"
        r"|przewag\w*\s+tkanki\s+tłuszczowej"  # fits density a or b: context only, no value
    ),
    density_words=(
        (
            r"(?:prawie\s+)?(?:całkowicie|wyłącznie)\s+tłuszczow\w*"
            r"|(?:o\s+)?budow\w*\s+tłuszczow(?:ej|a|ą)(?![\w-])"
            r"|(?:o\s+)?utkani\w*\s+tłuszczow(?:ym|e|ego)(?![\w-])",
            "a",
        ),
        (
            r"rozproszon\w*\s+(?:obszar\w*\s+)?(?:(?:tkank[aięi]|gęstości|utkani\w*)\s+)?"
            r"włóknisto-?gruczołow\w*",
            "b",
        ),
        (r"niejednorodnie\s+gęst\w*|heterogenicznie\s+gęst\w*", "c"),
        (r"skrajnie\s+gęst\w*|wyjątkowo\s+gęst\w*", "d"),
    ),
    mri_tissue=(
        r"ilość\s+tkanki\s+włóknisto-?gruczoł\w*|wzmocnieni\w*\s+(?:kontrastow\w+\s+)?tła"
        r"|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"zwapnie\w*|mikrozwapnie\w*|mikrokalcyfikacj\w*",
    morphology_words=(
        (r"drobne\s+linijne(?:\s+rozgałęzione)?|linijne\s+rozgałęzione", "fine-linear"),
        (r"drobne\s+pleomorficzne|pleomorficzne|polimorficzne", "fine-pleomorphic"),
        (r"grube\s+niejednorodne", "coarse-heterogeneous"),
        (r"amorficzne|bezpostaciowe", "amorphous"),
        (r"popcorn\w*|grube", "coarse"),
        (r"punktowe|okrągłe", "round"),
        (r"naczyniowe", "vascular"),
        (r"skórne", "skin"),
    ),
    distribution_words=(
        (r"zgrupowane|skupisk\w*", "grouped"),
        (r"segmentalne", "segmental"),
        (r"regionalne", "regional"),
        (r"rozsiane|rozproszone", "diffuse"),
        (r"(?<!drobne )linijne(?!\s+rozgałęzione)", "linear"),
    ),
    mass_context=r"\bzmian\w*|\bguz\w*|\bognisk\w*|\bmas[ay]\b|\bguzk\w*",
    mass_shape_words=(
        (r"owaln\w*", "oval"),
        (r"okrągł\w*", "round"),
        (r"nieregularn\w*", "irregular"),
    ),
    mass_margin_words=(
        (r"dobrze\s+odgraniczon\w*|ostro\s+odgraniczon\w*", "circumscribed"),
        (r"przesłonięt\w*|zatart\w*", "obscured"),
        (r"mikrozrazikow\w*", "microlobulated"),
        (r"nieostr\w*|słabo\s+odgraniczon\w*", "indistinct"),
        (r"spikularn\w*|gwiaździst\w*|promienist\w*", "spiculated"),
    ),
    recommendation_context=r"zalec\w*|sugeruj\w*|wskazan\w*|\bkontrol\w*|zaleca\s+się",
    recommendation_sections=r"zalecenia|zalecenie|dalsze\s+postępowanie",
    recommendation_words=(
        (r"kontrol\w*\s+(?:\w+\s+){0,3}za\s+(?:6|sześć)\s+miesięcy", "6-month-follow-up"),
        (
            r"kontrol\w*\s+(?:za\s+(?:rok|12\s+miesięcy|2\s+lata)|roczn\w*|rutynow\w*)"
            r"|badani\w*\s+przesiewow\w*",
            "routine-screening",
        ),
        (
            r"biopsj\w*(?:\s+(?:gruboigłow\w*|mammotomiczn\w*|stereotaktyczn\w*))?|\bBG\b|\bVAB\b",
            "biopsy",
        ),
        (
            r"dodatkow\w*\s+(?:projekcj\w*|zdjęci\w*|badani\w*)|zdjęci\w*\s+celowan\w*"
            r"|powiększeni\w*|uzupełniając\w*\s+usg",
            "additional-imaging",
        ),
        (r"konsultacj\w*\s+(?:chirurgiczn\w*|onkologiczn\w*)|leczeni\w*", "treatment"),
    ),
    performed_context=r"wykonan\w*|przeprowadzon\w*|pobran\w*",
    procedure_sections=r"procedura|zabieg",
    procedure_words=(
        (r"biopsj\w*\s+(?:\w+\s+)?(?:pod\s+kontrolą\s+)?stereotak\w*", "stereotactic-biopsy"),
        (r"biopsj\w*\s+(?:\w+\s+)?pod\s+kontrolą\s+usg", "ultrasound-biopsy"),
        (r"biopsj\w*\s+(?:\w+\s+)?pod\s+kontrolą\s+mr", "mri-biopsy"),
        (r"lokalizacj\w*\s+(?:drutem|harpunem)|lumpektomi\w*|wycięci\w*", "surgical-excision"),
        (r"zdjęci\w*\s+powiększon\w*", "magnification-views"),
        (r"\busg\b|ultrasonografi\w*", "ultrasound"),
        (r"\bmr\b|rezonans\w*\s+magnetyczn\w*", "mri"),
    ),
    pathology_context=r"histopatolog\w*|patomorfolog\w*|histolog\w*|wynik\w*\s+biopsji",
    pathology_sections=r"histopatologia|wynik\s+histopatologiczny|patomorfologia",
    pathology_words=(
        (r"rak\s+(?:przewodowy\s+|zrazikowy\s+)?(?:naciekający|inwazyjny)|\bNST\b", "invasive"),
        (r"rak\s+przewodowy\s+in\s+situ|\bDCIS\b", "dcis"),
        (r"atypow\w+\s+rozrost\w*|atypi\w*|brodawczak\w*|blizna\s+promienista|\bB3\b", "high-risk"),
        (
            r"gruczolakowłókniak\w*|fibroadenoma|zmiany\s+włóknisto-?torbielowate|\bB2\b|łagodn\w*",
            "benign",
        ),
    ),
    abbreviations=frozenset("dr lek prof np ok tzw godz nr pr lew ww".split()),
    breast_words=r"piersi?|strona|stronie",
    side_letters_right=r"P|PP|pr",
    side_letters_left=r"L|PL|lew",
    side_articles=r"w|po\s+stronie",
    value_links=r"to|jest|wg",
    range_words=r"do|lub|i|albo",
    list_words=r"i|oraz",
    choice_words=r"lub|albo|czy",
    one_side_words=r"jednostronn\w*",
    removed_breast_words=r"(?<!częściowa\s)(?:mastektomi\w*|amputacj\w+(?:\s+piersi)?)(?!\w)(?!\s+(?:częściow\w*|oszczędzając\w*))",
    since_words=r"od|bez\s+zmian|stabiln\w+|porówn\w+|vs\.?",
    own_exam_words=(
        r"w\s+naszym\s+(?:Centrum|ośrodku|Zakładzie|szpitalu|gabinecie)|w\s+naszej\s+(?:Pracowni|placówce|przychodni)|"
        r"Pani\s+(?:[^\W\d_]+\s+)?(?:mammografii|badania|badanie|USG|rezonansu)"
        r"|wynik\s+(?:Pani\s+)?(?:[^\W\d_]+\s+)?(?:mammografii|badania)"
    ),
    past_tense=r"był[aoy]?",
    outside_words=r"zewnętrzn\w*|innej\s+placówce|innym\s+(?:ośrodku|szpitalu)|drugiej\s+opinii|drug[aą]\s+opini[aę]|płyt\w*\s+CD",
    referral_words=r"kieruję\s+(?:pacjentkę|chorą|Panią)|uprzejmie\s+proszę\s+o\s+(?:konsultację|przyjęcie)\s+pacjentki",
    own_words=(
        r"nasz[aey]?\s+(?:ocena|opinia|interpretacja|klasyfikacja)|w\s+naszej\s+(?:ocenie|opinii)|"
        r"ocena\s+konsultacyjna|wniosek\s+konsultacji|(?:ocena|wniosek|wynik)\s+(?:po\s+)?(?:konsultacji|rekonsultacji|ponownej\s+ocenie|drugiej\s+opinii)|"
        r"(?:re)?klasyfikujemy|oceniamy|kwalifikujemy"
    ),
    exam_words=r"mx|mmg|mammo\w*|usg|mr|rm|tomo\w*|badanie",
    request_titles=r"skierowanie\s+(?:na|do)\b"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:konsylium|karta\s+informacyjna\s+leczenia\s+szpitalnego|wypis\s+ze\s+szpitala)",
    pathology_titles=r"(?:wynik|raport)\s+badania\s+(?:histopatologiczn\w*|patomorfologiczn\w*)|zakład\s+patomorfologii",
    category_labels=r"kategori[aię]|typu?|stopień|klas[ay]",
    generic_plurals=r"zmiany\s+kategorii|przypadki|pacjentki|kobiety",
    unit_words=r"godz\w*|cm|mm",
    modality_words=r"mammograficzn\w*|mammografi\w*|usg|ultrasonograficzn\w*|ultrasonografi\w*|mr",
    final_words=(
        r"(?:ocena|kategoria|klasyfikacja)\s+(?:końcowa|łączna|ogólna|całościowa)"
        r"|podsumowanie|łącznie|ogółem|wnioski|wniosek"
    ),
    overall_words=r"\błącznie\b|\bogółem\b|\bpodsumowanie\b|\bcałościow\w*",
    negated_after=r"nie|wykluczon\w*|mało\s+prawdopodobn\w*",
    condition_after=r"jeśli|jeżeli|gdyby|w\s+przypadku|w\s+razie|lub\s+(?:wyższ\w*|więcej)|i\s+wyższ\w*|albo\s+wyższ\w*",
    not_assessment_before=r"ryzyk\w*|płuc\w*|tarczyc\w*|wątrob\w*|prostat\w*",
    other_scales=r"synopti\w*|synoptyczn\w*|tabár|tabar",
    from_words=r"z",
    to_words=r"na|do",
    superseded_words=r"omyłkowo|przez\s+pomyłkę|zastąpion\w*|nieaktualn\w*|anulowan\w*|błędn\w*|unieważnion\w*|błąd\s+strony|korekta\s+strony|pomyłka\s+(?:co\s+do\s+)?strony|zamiana\s+stron",
    original_sections=r"opis\s+(?:pierwotny|pierwotnie|oryginalny)|pierwotny\s+opis",
    addendum_sections=r"aneks|uzupełnienie(?:\s+opisu)?(?:\s+badania)?|addendum|opis\s+uzupełniający|korekta",
    legend_sections=r"legenda|objaśnieni\w*|kategorie(?:\s+bi-?rads)?|klasyfikacja\s+bi-?rads\s*-",
    acr_number_is_category=False,
    descriptor_other_nouns=r"torbiel\w*|węz\w*\s+chłonn\w*|węzł\w*|zniekształceni\w*|asymetri\w*|klips\w*|implant\w*",
    descriptor_absent_after=r"nie\s+(?:jest\s+)?(?:widoczn\w*|uwidoczni\w*|wskazan\w*|konieczn\w*)|ustąpił\w*",
    descriptor_condition_after=r"jeśli|jeżeli|w\s+przypadku",
    after_event=r"po|od|stan\s+po",
    type_words=r"typu?|gęstość|gęstości",
    breast_context=r"piersi?|piersiach|mammo\w*|sutk\w*",
)
