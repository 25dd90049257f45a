"""Dutch report wording (Netherlands and Flanders): "rechter mamma", "beiderzijds"."""

from __future__ import annotations

from mammolog.reports.lang import Language

LANGUAGE = Language(
    code="nl",
    name="Nederlands",
    detect_words=frozenset(
        "de het een en van in met zonder geen niet is zijn er op bij voor rechts links "
        "beiderzijds borst borsten mamma bevindingen conclusie verslag onderzoek "
        "mammografie echografie densiteit kalk kalkspatten afwijkingen controle mevrouw "
        "uw wij bdz terug naar cyste echo bvo".split()
    ),
    detect_letters="ëïü",  # "vacuüm", "België", "ideeën"
    right=(
        r"rechter(?:\s*(?:borst|mamma|zijde))?|rechts(?:zijdig)?|\bre\.|\bre\b(?=\s*:)|\bre\b(?=[ \t]+(?:borst|mamma|oksel|zijde|bi-?rads|birads|om\s+\d)|[ \t]*\Z)"
        r"|\bR\b(?=\s*:)"
    ),
    left=(
        r"linker(?:\s*(?:borst|mamma|zijde))?|links(?:zijdig)?|\bli\.|\bli\b(?=\s*:)|\bli\b(?=[ \t]+(?:borst|mamma|oksel|zijde|bi-?rads|birads|om\s+\d)|[ \t]*\Z)"
        r"|\bL\b(?=\s*:)"
    ),
    both=r"beiderzijds|\bbdz\b\.?|bilateraal|dubbelzijdig|beide\s+(?:borsten|mammae|zijden)",
    history_sections=(
        r"doellaesie|target|"
        r"anamnese|klinische\s+(?:gegevens|informatie|vraagstelling)|vraagstelling|indicatie"
        r"|reden\s+(?:van\s+)?(?:verwijzing|onderzoek)|vergelijking|vooronderzoek\w*"
        r"|eerder\s+onderzoek|(?:vorige|eerdere|voorgaande)\s+(?:mammografie|echo\w*|onderzoek\w*|mri)|voorgeschiedenis|(?:oorspronkelijk|voorlopig|extern)e?\s+verslag"
    ),
    current_sections=(
        r"bevindingen|verslag|conclusie|beoordeling|oordeel|techniek|onderzoek|mammografie"
        r"|echografie|mri|advies|samenvatting|bi-?rads|densiteit|compositie|uitslag"
    ),
    assessment_labels=(
        r"conclusie|beoordeling|oordeel|samenvatting|eindoordeel|uitslag|categorie|bi-?rads"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:categorie|klasse|classificatie|score))?"
        r"|\bcategorie|\bcat\."
    ),
    category_words=(
        (r"bewezen\s+maligniteit|histologisch\s+bewezen\s+(?:maligniteit|carcinoom)", "6"),
        (r"sterk\s+verdacht(?:\s+voor\s+maligniteit)?|hoogst\s+verdacht", "5"),
        (r"onvolledig|aanvullend\s+onderzoek\s+(?:nodig|noodzakelijk)", "0"),
        (r"waarschijnlijk\s+(?:benigne|goedaardig)", "3"),
        (r"verdacht(?:e\s+afwijking)?", "4"),
        (r"benigne(?:\s+afwijking)?|goedaardig(?:e\s+afwijking)?", "2"),
        (r"negatief", "1"),
    ),
    word_trailers=r"beiderzijds|bevinding(?:en)?|mammografie|onderzoek|afwijking|beeld",
    negation=(
        r"\bgeen\b|\bniet\b|\bzonder\b|\bnoch\b|\bafwezigheid\s+van\b|\bvrij\s+van\b"
        r"|\buitgesloten\b"
    ),
    known_words=r"\bbekend\w*",
    history_cues=(
        r"\bvolgens\s+(?:de\s+)?(?:aanvraag|verwijzing)\b|"
        r"\bverwijzing\s+(?:vanuit|uit|door|via|na)\b|\bverwezen\s+(?:vanuit|uit|door|via)\b|"
        r"\bverwezen\s+(?:wegens|voor|met)\b|"
        r"\bpre-?biopsie\b|\bvoor\s+(?:de\s+)?biopsie\b|"
        r"\b(?:was|waren|werd)\b(?=\s*$)|\b(?:controle|follow-?up)\s+van\b|\beerder\w*|\bvorig\w*|\bvoorheen\b|\bdestijds\b|\bvooronderzoek\w*|\bvergel\w*"
        r"|\b(?:19|20)\d\d\b|\bgeleden\b|\boorspronkelijk\b|\baanvankelijk\b|\bmoeder\b"
        r"|\bzus(?:ter)?\b|\btante\b|\bfamili\w*|\bin\s+plaats\s+van\b|\bgewijzigd\s+van\b"
        r"|\bwas\b|\bwerd\b|\bbekend\w*"
        r"|\bdaar\s+(?:beoordeeld|geclassificeerd|ingedeeld|gescoord)\b|\belders\b"
        r"|\bextern\w*"
        r"|\bna\b(?=\s*$)"
    ),
    current_cues=(
        r"\bnu\b|\bthans\b|\bactueel\b|\bhuidig\w*|\bvandaag\b|\bdit\s+onderzoek\b"
        r"|\bvan\s+(?:bi-?rads|categorie)\s+\w+\s+naar\s*$"
    ),
    revision_cues=r"\b(?:gewijzigd|veranderd|aangepast|gecorrigeerd|bijgesteld)\s+(?:in|naar|tot)\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:in\s+(?:[^\W\d_]+\s+)?(?:19|20)\d\d|\(?(?:19|20)\d\d|vorig\s+jaar|destijds|was|werd)"
    ),
    hypothetical=(
        r"\bindien\b|\bals\b|\bmocht\b|\bzou\b|\bbij\s+eventuele\b|\beventueel\b"
        r"|\bbij\s+(?:bevestiging|toename|groei|progressie)\b"
    ),
    clause_breaks=r";|\bmaar\b|\bechter\b|\bbehalve\b|\bterwijl\b|\bdaarom\b|\bderhalve\b|\bzodoende\b",
    density_context=(
        r"densiteit|dichtheid|\bdens\.|\bdens\w*|klierweefsel|borstweefsel|parenchym\w*|compositie|samenstelling"
        r"|(?-i:\bD)(?=[ \t]*:[ \t]*[a-dA-D](?![^\W\d_]))"  # "D: b" in a compact note
        r"|(?:overwegend|voornamelijk|grotendeels)\s+(?:uit\s+)?vet\w*"  # a or b: context only
    ),
    density_words=(
        (
            r"(?:vrijwel|bijna)\s+(?:geheel|volledig)\s+(?:ver)?vet\w*",
            "a",
        ),
        (r"verspreid\w*\s+fibroglandulair\w*(?:\s+weefsel)?", "b"),
        (r"heterogeen\s+dens\w*", "c"),
        (r"extreem\s+dens\w*", "d"),
    ),
    mri_tissue=(
        r"hoeveelheid\s+fibroglandulai?r\w*\s+weefsel|achtergrond-?\s*(?:aankleuring|enhancement)"
        r"|parenchym\w*\s*aankleuring|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"kalk\w*|microkalk\w*|calcificati\w*|verkalking\w*",
    morphology_words=(
        (r"fijn[\s-]*lineair\w*(?:[\s-]+vertakt\w*)?|lineair[\s-]+vertakt\w*", "fine-linear"),
        (r"fijn[\s-]*pleomorf\w*|pleomorf\w*|polymorf\w*", "fine-pleomorphic"),
        (r"grof[\s-]*heterogeen\w*", "coarse-heterogeneous"),
        (r"amorf\w*", "amorphous"),
        (r"popcorn\w*|grof\w*", "coarse"),
        (r"puntvormig\w*|rond\w*", "round"),
        (r"vasculair\w*", "vascular"),
        (r"cutan\w*|huid\w*", "skin"),
    ),
    distribution_words=(
        (r"gegroepeerd\w*|groepje\w*|cluster\w*", "grouped"),
        (r"segmentaal\w*|segmentale", "segmental"),
        (r"regionaal\w*|regionale", "regional"),
        (r"diffuus\w*|diffuse|verspreid\w*", "diffuse"),
        (r"(?<!fijn)(?<!fijn-)(?<!fijn )lineair\w*(?![\s-]+vertakt)", "linear"),
    ),
    mass_context=r"\bmassa\w*|\bhaard\w*|\blaesie\w*|\bleasie\w*|\bnodul\w*|\bafwijking\w*",
    mass_shape_words=(
        (r"ovaal\w*|ovale", "oval"),
        (r"ronde?", "round"),
        (r"onregelmatig\w*|irregulair\w*", "irregular"),
    ),
    mass_margin_words=(
        (r"scherp\s+begrensd\w*|omschreven", "circumscribed"),
        (r"gemaskeerd\w*|overprojecti\w*", "obscured"),
        (r"microgelobd\w*", "microlobulated"),
        (r"onscherp\w*|vaag\s+begrensd\w*", "indistinct"),
        (r"gespiculeerd\w*|stervormig\w*", "spiculated"),
    ),
    recommendation_context=(
        r"advies|adviseren|geadviseerd|aanbevol\w*|aangewezen|\bcontrole\b|\bscreening\b"
        r"|bevolkingsonderzoek"
    ),
    recommendation_sections=r"advies|beleid|aanbeveling(?:en)?|vervolg",
    recommendation_words=(
        (
            r"controle\s+(?:\w+\s+){0,3}(?:over|na|binnen)\s+(?:6|zes)\s+maanden"
            r"|(?:6|zes)[\s-]*maande?n?[\s-]*controle",
            "6-month-follow-up",
        ),
        (
            r"(?:reguliere|jaarlijkse|routine)\s+(?:controle|screening)|terug\s+naar\s+"
            r"(?:het\s+)?bevolkingsonderzoek|bevolkingsonderzoek\s+(?:voortzetten|vervolgen)",
            "routine-screening",
        ),
        (
            r"(?:stereotactisch\w*|echogeleid\w*|mri-geleid\w*)?\s*(?:vacuüm)?(?:naald)?biopt\w*"
            r"|histologische\s+verificatie",
            "biopsy",
        ),
        (
            r"aanvullend\w*\s+(?:beeldvorming|opnamen|echografie)|vergrotingsopname\w*|spotopname\w*",
            "additional-imaging",
        ),
        (
            r"chirurgisch\w*\s+(?:consult|excisie)|behandeling|mdo|multidisciplinair\s+overleg",
            "treatment",
        ),
    ),
    performed_context=r"verricht|uitgevoerd|afgenomen|genomen",
    procedure_sections=r"procedure|techniek|ingreep",
    procedure_words=(
        (r"stereotactisch\w*\s+(?:\w+\s+)?biopt\w*", "stereotactic-biopsy"),
        (r"echogeleid\w*\s+(?:\w+\s+)?biopt\w*", "ultrasound-biopsy"),
        (r"mri[\s-]*geleid\w*\s+(?:\w+\s+)?biopt\w*", "mri-biopsy"),
        (
            r"draadlokalisatie|lokalisatie\s+met\s+(?:draad|seed)|lumpectomie|excisie",
            "surgical-excision",
        ),
        (r"vergrotingsopname\w*", "magnification-views"),
        (r"echografie|echo\b", "ultrasound"),
        (r"\bmri\b", "mri"),
    ),
    pathology_context=r"patholog\w*|histolog\w*|pa-?uitslag|uitslag\s+van\s+(?:het\s+)?biopt",
    pathology_sections=r"pathologie|pa-?uitslag|histologie|pathologische\s+uitslag",
    pathology_words=(
        (r"invasie?f?\w*\s+(?:ductaal\s+|lobulair\s+)?carcinoom|\bIDC\b|\bILC\b", "invasive"),
        (r"ductaal\s+carcinoom\s+in\s+situ|\bDCIS\b", "dcis"),
        (r"atypische\s+ductale\s+hyperplasie|atypie|papilloom|radiair\w*\s+litteken", "high-risk"),
        (r"fibroadenoom|fibrocysteuze\s+veranderingen|vetnecrose|benigne|goedaardig", "benign"),
    ),
    abbreviations=frozenset("re li dr mw dhr ca vs nr o.a bv evt".split()),
    breast_words=r"borst|mamma|zijde",
    side_letters_right=r"R|re",
    side_letters_left=r"L|li",
    side_articles=r"in\s+de|de|in|aan\s+de",
    value_links=r"is|van",
    range_words=r"tot|of|en",
    list_words=r"en|&",
    choice_words=r"of",
    one_side_words=r"eenzijdig\w*|unilateraal",
    removed_breast_words=r"(?<!partiële\s)(?:mastectom\w*|ablatio(?:\s+mammae)?)(?!\w)(?!\s+(?:partieel|partiële))",
    since_words=r"sinds|sedert|onveranderd|stabiel|vergele\w+|vs\.?",
    own_exam_words=(
        r"in\s+(?:ons|onze)\s+(?:ziekenhuis|centrum|praktijk|kliniek|afdeling|screeningsunit)|"
        r"uw\s+(?:[^\W\d_]+\s+)?(?:mammografie|mammogram|onderzoek|echografie|echo|MRI|foto'?s)|(?:het\s+)?(?:bevolkings)?onderzoek\s+van\s+uw\s+(?:patiënte|cliënte)"
        r"|(?:de\s+)?uitslag\s+van\s+(?:het|uw)\s+(?:[^\W\d_]+\s+)?(?:onderzoek|mammografie|bevolkingsonderzoek)"
    ),
    past_tense=r"was|waren|werd|werden",
    outside_words=r"extern\w*|revisie|second\s+opinion|elders|ander\s+(?:ziekenhuis|centrum)",
    referral_words=r"(?:graag\s+|hierbij\s+)?verwijs\s+ik|ik\s+verwijs\s+(?:u\s+)?(?:mevrouw|mw\.?|patiënte|bovengenoemde)",
    own_words=(
        r"onze\s+(?:beoordeling|mening|conclusie|interpretatie|classificatie|inschatting|herbeoordeling)|"
        r"naar\s+onze\s+(?:mening|beoordeling|inschatting)|(?:wij|we)\s+(?:classificeren|beoordelen|scoren|categoriseren)|"
        r"(?:conclusie|beoordeling|uitkomst)\s+(?:van\s+de\s+|na\s+)?(?:herbeoordeling|revisie|tweede\s+(?:lezing|mening|opinie))|"
        r"consensus\w*"
    ),
    exam_words=r"mx|mmg|mammo\w*|echo\w*|us|mri|tomo\w*|onderzoek",
    request_titles=r"(?:verwijzing\s+(?:naar|voor)|aanvraag\s+(?:onderzoek|mammografie)|aanvraagformulier)(?![ \t]*:)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:multidisciplinair\s+overleg|ontslagbrief)",
    pathology_titles=r"patholog(?:ie|y)(?=[ \t]+[-–|][ \t])|pathologie[\s-]?verslag|pathologisch\s+verslag|histologisch\s+verslag|afdeling\s+pathologie",
    category_labels=r"categorie|type|graad|klasse",
    generic_plurals=r"laesies|gevallen|patiënten|vrouwen",
    unit_words=r"uur|cm|mm",
    modality_words=r"mammografisch\w*|mammografie|echografisch\w*|echografie|echo|mri|tomosynthese",
    final_words=(
        r"(?:eind|totaal|gecombineerd\w*|overall)(?:\s*(?:oordeel|beoordeling|conclusie|categorie|bi-?rads))?"
        r"|samenvattend|concluderend|conclusie"
    ),
    overall_words=r"\btotaal\b|\bsamenvattend\b|\bgecombineerd\w*|\boverall\b",
    negated_after=r"niet|uitgesloten|onwaarschijnlijk|afwezig",
    condition_after=r"indien|als|zou|mocht|of\s+(?:hoger|meer)|en\s+hoger",
    not_assessment_before=r"risico\w*|long\w*|schildklier\w*|lever\w*|prostaat\w*",
    other_scales=r"synopti\w*|tabár|tabar",
    from_words=r"van",
    to_words=r"naar|tot",
    superseded_words=r"zijde\s+(?:is\s+)?verwisseld|verwisseld\w*\s+zijde|vervangen|vervallen|ongeldig|foutie\w*|onjuist\w*|ingetrokken|zijdecorrectie|verkeerde\s+zijde|correctie\s+van\s+(?:de\s+)?zijde|zijdeverwisseling",
    original_sections=r"oorspronkelijk\w*\s+verslag|origineel\s+verslag|eerste\s+verslag",
    addendum_sections=r"addendum|aanvulling|aanvullend\s+verslag|gecorrigeerd\s+verslag|correctie|erratum",
    legend_sections=r"legenda|uitleg|bi-?rads[\s-]+categorieën|categorieën|verklaring",
    acr_number_is_category=False,
    descriptor_other_nouns=r"cyste\w*|lymfeklier\w*|distorsie|asymmetrie\w*|clip\w*|prothese\w*",
    descriptor_absent_after=(
        r"niet\s+(?:meer\s+)?(?:zichtbaar|aantoonbaar|nodig|geïndiceerd|geadviseerd)|verdwenen"
    ),
    descriptor_condition_after=r"indien|als",
    after_event=r"na|sinds|status\s+na|na\s+afloop\s+van",
    type_words=r"type|densiteit",
    breast_context=r"borst\w*|mamma\w*|mammo\w*",
)
