"""German report wording (Germany, Austria, Switzerland): "Mamma rechts", "ACR-Typ", "beidseits"."""

from __future__ import annotations

from mammolog.reports.lang import Language

LANGUAGE = Language(
    code="de",
    name="Deutsch",
    detect_words=frozenset(
        "und der die das rechts links beidseits keine kein befund mamma mit nicht ist "
        "beurteilung empfehlung mammographie mammografie im zum vom auf bei sich unauffällig "
        "kategorie dichte bds beidseitig verkalkungen mikrokalk herd herdbefund drüsenparenchym "
        "uhr kontrolle vorsorge befundung sonographie".split()
    ),
    detect_letters="äöüß",
    right=(
        r"rechts(?:seitig)?|\bre\.|\bre\b(?=\s*:)|recht(?:e|en|er|es)?\s+(?:mamma|brust|seite)"
        r"|mamma\s+rechts|\bR\b(?=\s*:)"
    ),
    left=(
        r"links(?:seitig)?|\bli\.|\bli\b(?=\s*:)|link(?:e|en|er|es)?\s+(?:mamma|brust|seite)"
        r"|mamma\s+links|\bL\b(?=\s*:)"
    ),
    both=r"beidseits|beidseitig|\bbds\b\.?|bilateral|beide[nr]?\s+(?:mammae|brüste|seiten)|\bbilat\b\.?",
    history_sections=(
        r"anlass(?:\s+der\s+untersuchung)?|zielläsion|zielbefund|"
        r"anamnese|klinische\s+angaben|fragestellung|indikation|rechtfertigende\s+indikation"
        r"|vergleich|voraufnahmen|voruntersuchung(?:en)?|vorbefund(?:e)?|klinik"
        r"|vor(?:mammogra(?:ph|f)ie|sonogra(?:ph|f)ie|aufnahme)n?"
        r"|vorläufiger\s+befund|erstbefund(?:ung)?|externer\s+befund|fremdbefund|auswärtige[rns]?\s+(?:befund|beurteilung)\w*"
    ),
    current_sections=(
        r"befund|befunde|beurteilung|empfehlung|procedere|prozedere|technik|untersuchung"
        r"|mammographie|mammografie|sonographie|sonografie|histologie|pathologie"
        r"|zusammenfassung|bi-?rads|diagnose|parenchym|drüsenparenchym|dichte"
    ),
    assessment_labels=(
        r"beurteilung|zusammenfassung|ergebnis|gesamtbeurteilung|insgesamt|bi-?rads(?:-?kategorie)?"
        r"|kategorie|einstufung|klassifikation"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:kategorie|klassifikation"
        r"|klasse|stufe))?|\bkategorie|\bkat\."
    ),
    category_words=(
        (
            r"histologisch\s+gesichert\w*\s+(?:malignom|karzinom|malignität)"
            r"|bioptisch\s+gesichert\w*\s+(?:malignom|karzinom|malignität)",
            "6",
        ),
        (
            r"hochgradig\s+(?:malignitäts)?verdächtig\w*|hochgradiger\s+malignitätsverdacht",
            "5",
        ),
        (
            r"unvollständig\w*|weitere\s+(?:bildgebende\s+)?abklärung\s+(?:erforderlich|notwendig)",
            "0",
        ),
        (r"wahrscheinlich\s+(?:gutartig|benign)\w*", "3"),
        (r"malignitätsverdächtig\w*|suspekt\w*|verdächtig\w*", "4"),
        (r"gutartig(?:e[rsnm]?)?|benigne[rsnm]?|benign", "2"),
        (r"negativ(?:e[rsnm]?)?", "1"),
    ),
    word_trailers=r"befund|befunde|mammographie|mammografie|beidseits|bds\.",
    negation=(
        r"\bkein(?:e|en|er|es|em)?\b|\bnicht\b|\bohne\b|\bweder\b|\bnoch\b|\bausgeschlossen\b"
        r"|\bkein\s+hinweis\s+auf\b|\bfrei\s+von\b"
    ),
    known_words=r"\bbekannt\w*",
    history_cues=(
        r"\b(?:laut|gemäß|lt\.)\s+(?:Anforderung|Zuweisung|Überweisung|Anmeldung)\b|"
        r"\büberwiesen\s+(?:wegen|mit|zur)\b|"
        r"\bvor\s+(?:der\s+)?(?:biopsie|stanz\w*|intervention)\b|\bprä-?biopti\w*|"
        r"\b(?:war|waren)\b(?=\s*$)|\b(?:verlaufs)?kontrolle\s+(?:eines|einer|des|der)\b|\bvor(?:aufnahme|untersuchung|befund)\w*|\bvormals\b|\bdamals\b|\bdort\b|\bzuvor\b|\bfrüher\w*"
        r"|\bbisher\w*|\bim\s+vorjahr\b|\bvorjahr\w*|\bim\s+vergleich\b|\bverglichen\b"
        r"|\bz\.\s?n\.|\bzustand\s+nach\b|\b(?:19|20)\d\d\b|\bseinerzeit\b|\bursprünglich\b"
        r"|\bstatt\b|\banstelle\b|\bkorrigiert\s+von\b|\bgeändert\s+von\b"
        r"|\b(?:mutter|schwester|tante|tochter|großmutter|familie\w*)\b"
        r"|\bauswärtig\w*|\bdort\s+(?:beurteilt|eingestuft|klassifiziert|befundet)\b"
        r"|\bextern\w*"
        r"|\bdort\s+(?:als|beurteilt|eingestuft|klassifiziert|befundet)\b"
    ),
    current_cues=(
        r"\bjetzt\b|\baktuell\w*|\bnunmehr\b|\bnun\b|\bheute\w*|\bderzeit\w*"
        r"|\bvon\s+(?:bi-?rads|kategorie)\s+\w+\s+auf\s*$"
    ),
    revision_cues=r"\b(?:korrigiert|geändert|abgeändert|hochgestuft|herabgestuft|heraufgestuft|revidiert)\s+(?:auf|in|zu)\s*$",
    past_after=r"^\s*(?:\)|,)?\s*(?:war|waren|wurde|wurden|im\s+jahr|im\s+[^\W\d_]+\s+(?:19|20)\d\d|\(?(?:19|20)\d\d|damals|zuvor"
    r"|(?:in|aus)\s+der\s+(?:mammographie|mammografie|sonographie|voruntersuchung|mrt)\s+vom)",
    hypothetical=(
        r"\bfalls\b|\bwenn\b|\bsofern\b|\bwürde\b|\bwäre\b|\bentspräche\w*|\bggf\.|\bgegebenenfalls\b|\bim\s+falle?\b"
        r"|\bbei\s+\w*(?:progredienz|zunahme|änderung|persistenz|größenzunahme|bestätigung)\b"
    ),
    clause_breaks=r";|\baber\b|\bjedoch\b|\ballerdings\b|\bwährend\b|\bausser\b|\baußer\b|\bdaher\b|\bdeshalb\b|\bsomit\b|\bfolglich\b|\bdeswegen\b",
    density_context=(
        r"dichte\w*|dicht\b|parenchym\w*|drüsenparenchym\w*|drüsengewebe\w*|acr-?typ|typ\s+acr"
        r"|(?-i:\bD)(?=[ \t]*:[ \t]*[a-dA-D](?![^\W\d_]))"  # "D: b" in a compact note
        r"|brustgewebe|involution"
        r"|überwiegend\s+(?:fett\w*|lipomatös\w*)"  # fits density a or b: context only
    ),
    density_words=(
        (
            r"fast\s+(?:vollständig|ausschließlich)\s+(?:fett\w*|lipomatös\w*)"
            r"|vollständig\s+involutiert\w*",
            "a",
        ),
        (r"(?:vereinzelt|verstreut|zerstreut)\w*\s+fibroglanduläre?\w*", "b"),
        (r"(?:heterogen|inhomogen)\s+dicht\w*", "c"),
        (r"extrem\s+dicht\w*", "d"),
    ),
    mri_tissue=(
        r"(?:menge|anteil)\s+(?:an\s+|des\s+)?fibroglandulär\w*\s+gewebe\w*|hintergrund-?enhancement"
        r"|hintergrund-?anreicherung|parenchym-?enhancement|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"verkalk\w*|mikrokalk\w*|kalk\w*",
    morphology_words=(
        (r"fein[\s-]*linear\w*(?:[\s-]+verzweigt\w*)?|linear[\s-]+verzweigt\w*", "fine-linear"),
        (r"fein[\s-]*pleomorph\w*|pleomorph\w*", "fine-pleomorphic"),
        (r"grob[\s-]*heterogen\w*", "coarse-heterogeneous"),
        (r"amorph\w*", "amorphous"),
        (r"popcorn\w*|grob\w*", "coarse"),
        (r"stäbchenförmig\w*|sekretorisch\w*", "large-rod-like"),
        (r"punktförmig\w*|rund\w*", "round"),
        (r"randständig\w*|schalenförmig\w*|eierschal\w*", "rim"),
        (r"dystroph\w*", "dystrophic"),
        (r"kalkmilch\w*", "milk-of-calcium"),
        (r"vaskulär\w*|gefäß\w*", "vascular"),
        (r"kutan\w*|haut\w*", "skin"),
        (r"naht\w*", "suture"),
    ),
    distribution_words=(
        (r"gruppiert\w*|gruppe\w*|cluster\w*|haufen\w*", "grouped"),
        (r"segmental\w*", "segmental"),
        (r"regional\w*", "regional"),
        (r"diffus\w*|verstreut\w*", "diffuse"),
        (r"(?<!fein)(?<!fein-)(?<!fein )linear\w*(?![\s-]+verzweigt)", "linear"),
    ),
    mass_context=r"herd\w*|raumforderung\w*|läsion\w*|knoten\w*|verdichtung\w*",
    mass_shape_words=(
        (r"oval\w*", "oval"),
        (r"rund\w*", "round"),
        (r"irregulär\w*|unregelmäßig\w*", "irregular"),
    ),
    mass_margin_words=(
        (r"glatt\s+begrenzt\w*|scharf\s+begrenzt\w*|umschrieben\w*", "circumscribed"),
        (r"überlagert\w*|verdeckt\w*", "obscured"),
        (r"mikrolobuliert\w*", "microlobulated"),
        (r"unscharf\s+begrenzt\w*|unscharf\w*", "indistinct"),
        (r"spikuliert\w*|sternförmig\w*", "spiculated"),
    ),
    recommendation_context=(
        r"empf\w*|angeraten|indiziert|sollte|erbeten|\bkontrolle\b|wiedervorstellung"
        r"|\bnächste\w*\s+(?:screening|kontrolle|mammographie|untersuchung)"
    ),
    recommendation_sections=r"empfehlung|procedere|prozedere|weiteres\s+vorgehen",
    recommendation_words=(
        (
            r"(?:kurzfristig\w*\s+)?kontroll\w*\s+(?:\w+\s+){0,3}in\s+(?:6|sechs)\s+monaten"
            r"|(?:6|sechs)[\s-]*monat\w*[\s-]*kontrolle|kurzfristige\s+kontrolle",
            "6-month-follow-up",
        ),
        (
            r"(?:regulär\w*|routine\w*)\s+(?:screening\w*|kontrolle\w*|vorsorge\w*)|nächste\w*\s+"
            r"screening\w*|screening\s+in\s+(?:1|2|einem|zwei)\s+jahr\w*|jährlich\w*\s+kontroll\w*",
            "routine-screening",
        ),
        (
            r"(?:stereotaktisch\w*|sonographisch\w*|sonografisch\w*|mrt[\s-]gesteuert\w*)?\s*"
            r"(?:vakuum)?(?:stanz)?biopsie|histologische\s+(?:abklärung|sicherung)",
            "biopsy",
        ),
        (
            r"ergänzende\s+(?:bildgebung|aufnahmen|sonographie|sonografie)|zusatzaufnahmen"
            r"|vergrößerungsaufnahme\w*|weitere\s+abklärung",
            "additional-imaging",
        ),
        (r"operativ\w*\s+(?:sanierung|entfernung|therapie)|tumorkonferenz|therapie", "treatment"),
    ),
    performed_context=r"durchgeführt|erfolgt\w*|vorgenommen|angefertigt",
    procedure_sections=r"untersuchung|technik|eingriff|intervention",
    procedure_words=(
        (r"stereotaktisch\w*\s+(?:\w+\s+)?(?:vakuum)?(?:stanz)?biopsie", "stereotactic-biopsy"),
        (
            r"(?:sonographisch|sonografisch|ultraschall)\w*[\s-]*(?:gesteuert\w*|geführt\w*)?\s*"
            r"(?:stanz)?biopsie",
            "ultrasound-biopsy",
        ),
        (r"tomosynthese[\s-]*gesteuert\w*\s+\w*biopsie", "tomosynthesis-biopsy"),
        (r"(?:mrt|mr)[\s-]*gesteuert\w*\s+\w*biopsie", "mri-biopsy"),
        (
            r"draht\w*markierung|drahtlokalisation|exzision\w*|lumpektomie|segmentresektion",
            "surgical-excision",
        ),
        (r"vergrößerungsaufnahme\w*|vergrößerungsmammographie", "magnification-views"),
        (r"sonographie|sonografie|mammasonographie", "ultrasound"),
        (r"mamma-?mrt|\bmrt\b", "mri"),
    ),
    pathology_context=r"histolog\w*|patholog\w*|ergab|ergebnis|befund\s+der\s+biopsie|\bb[1-5]\b",
    pathology_sections=r"histologie|pathologie|histologisches\s+ergebnis",
    pathology_words=(
        (
            r"invasiv\w*\s+(?:duktal\w*\s+|lobulär\w*\s+)?karzinom|\bNST\b|\bIDC\b|\bILC\b",
            "invasive",
        ),
        (r"duktal\w*\s+carcinoma\s+in\s+situ|\bDCIS\b", "dcis"),
        (
            r"atypisch\w*\s+duktal\w*\s+hyperplasie|\bADH\b|\bALH\b|\bLCIS\b|flache\s+epitheliale"
            r"\s+atypie|radiäre\s+narbe|papillom|atypie|\bB3\b",
            "high-risk",
        ),
        (
            r"fibroadenom|fibrozystisch\w*|mastopathie|fettgewebsnekrose|sklerosierende\s+adenose"
            r"|\bB2\b|gutartig\w*|benigne?",
            "benign",
        ),
    ),
    abbreviations=frozenset("re li bds dr ca vs nr bzw ggf evtl z.n u.a z.b st li.".split()),
    breast_words=r"mamma|brust|seite",
    side_letters_right=r"R|re",
    side_letters_left=r"L|li",
    side_articles=r"im|in\s+der|in\s+den|in|der",
    value_links=r"ist|sind|von|vom|entspricht",
    range_words=r"bis|oder|und",
    list_words=r"und|&",
    choice_words=r"oder",
    one_side_words=r"einseitig\w*",
    removed_breast_words=r"(?<!teil)(?<!teil-)(?:mastektomie\w*|ablatio\w*(?:\s+mammae)?)(?!\w)(?!\s+(?:partiell|teilweise))",
    since_words=r"seit|unverändert|stabil|verglichen|gegenüber|vs\.?",
    own_exam_words=(
        r"in\s+unsere[rm]\s+(?:Praxis|Zentrum|Klinik|Abteilung|Institut|Einrichtung)|bei\s+uns|"
        r"Ihre[rsmn]?\s+(?:[^\W\d_]+\s+)?(?:Mammographie|Mammografie|Untersuchung|Sonographie|Sonografie|Ultraschalluntersuchung|MRT|Aufnahmen)"
        r"|(?:das\s+)?Ergebnis\s+(?:der|Ihrer)\s+(?:[^\W\d_]+\s+)?(?:Mammographie|Mammografie|Untersuchung)"
    ),
    past_tense=r"war\w*|wurde\w*",
    outside_words=r"fremd\w*|auswärt\w*|extern\w*|zweitmeinung|zweitbefund\w*|zweitbeurteilung|anderen\s+(?:praxis|klinik|zentrum|einrichtung)",
    referral_words=r"(?:hiermit\s+)?überweise\s+ich|ich\s+überweise|bitte\s+um\s+(?:Mitbehandlung|Übernahme|Weiterbehandlung)|vielen\s+Dank\s+für\s+die\s+(?:Mitbehandlung|Übernahme)",
    own_words=(
        r"unsere[rnms]?\s+(?:Einschätzung|Beurteilung|Einstufung|Meinung|Bewertung|Befundung|Zweitbefundung)|"
        r"nach\s+unserer\s+(?:Einschätzung|Beurteilung|Meinung|Bewertung|Auffassung)|"
        r"wir\s+(?:stufen|klassifizieren|bewerten|werten|kategorisieren)|"
        r"eigene\s+(?:Einstufung|Beurteilung|Einschätzung|Bewertung)|(?:Beurteilung|Ergebnis|Einstufung)\s+(?:der\s+)?(?:Zweitbefundung|Zweitmeinung|Zweitbeurteilung|Nachbefundung)|"
        r"Konsensus\w*|Konsens\w*"
    ),
    exam_words=r"mx|mmg|mg|mammo\w*|sono\w*|us|mrt|mri|tomo\w*|untersuchung",
    request_titles=r"(?:überweisung(?:sschein)?|zuweisung)(?![ \t]*:)(?!.*\bbefund\b)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:(?:interdisziplinär\w*\s+)?tumorkonferenz|tumorboard|entlass(?:ungs)?brief)",
    pathology_titles=r"pathologie(?=[ \t]+[-–|][ \t])|(?:histo)?patholog\w*[\s-]+(?:befund|bericht|gutachten)|histologischer\s+befund|pathologisch-anatomisch\w*|institut\s+für\s+pathologie",
    category_labels=r"kategorie|typ|grad|klasse|stufe",
    generic_plurals=r"fälle|patientinnen|läsionen|frauen|befunde\s+werden",
    unit_words=r"uhr|cm|mm",
    modality_words=(
        r"mammographi\w*|mammografi\w*|sonographi\w*|sonografi\w*|ultraschall\w*|mrt"
        r"|tomosynthese"
    ),
    final_words=(
        r"(?:gesamt\w*|abschließend\w*|zusammenfassend\w*|insgesamt)"
        r"(?:\s+(?:beurteilung|bi-?rads))?"
    ),
    overall_words=r"\binsgesamt\b|\bgesamt\w*|\bzusammenfassend\w*",
    negated_after=r"nicht|ausgeschlossen|unwahrscheinlich|fehlen\w*",
    condition_after=r"denkbar|vorstellbar|falls|wenn|würde|wäre|könnte|oder\s+höher|und\s+höher|oder\s+mehr|oder\s+darüber",
    not_assessment_before=r"risiko\w*|lungen\w*|schilddrüsen\w*|leber\w*|prostata\w*",
    other_scales=r"synopti\w*|synoptisch\w*|tabár|tabar",
    from_words=r"von",
    to_words=r"auf|zu|in",
    superseded_words=r"irrtümlich\w*|fälschlich\w*|ersetzt|ungültig|fehlerhaft|überholt|zurückgezogen|seitenverwechslung|seitenkorrektur|korrektur\s+der\s+seite|falsche\s+seite",
    original_sections=r"ursprünglich\w*\s+befund\w*|originalbefund|erstbefund|vorläufig\w*\s+befund\w*",
    addendum_sections=r"nachtrag|ergänzung|addendum|korrigierter\s+befund|befundergänzung|korrektur|befundkorrektur|erratum",
    legend_sections=r"legende|erläuterung\w*|bi-?rads[\s-]+kategorien|kategorien|schlüssel",
    acr_number_is_category=False,
    descriptor_other_nouns=r"zyste\w*|lymphknoten\w*|distorsion|asymmetr\w*|clip\w*|implantat\w*",
    descriptor_absent_after=(
        r"nicht\s+(?:erforderlich|notwendig|indiziert|empfohlen|nachweisbar|abgrenzbar"
        r"|erkennbar|sichtbar)|rückläufig"
    ),
    descriptor_condition_after=r"falls|wenn|sofern",
    after_event=r"nach|seit|z\.\s?n\.",
    type_words=r"typ|dichte",
    breast_context=r"mamma\w*|brust\w*|mammo\w*|mammogra\w*",
)
