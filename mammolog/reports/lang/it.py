"""Italian report wording: "mammella destra", "dx/sn", "categoria BI-RADS"."""

from __future__ import annotations

from mammolog.reports.lang import Language

LANGUAGE = Language(
    code="it",
    name="Italiano",
    detect_words=frozenset(
        "il lo la gli le di del della e in con senza non si mammella mammelle destra sinistra "
        "esame reperti conclusioni densità calcificazioni nodulo controllo bilaterale "
        "ecografia mammografia sospetto negativo signora referto dx sx sn ore margini opacità ecoguidata agobiopsia".split()
    ),
    detect_letters="àèéìòù",
    right=r"(?:mammella\s+|lato\s+)?(?:destr[oaie]|dx\b)|\bdx\b|\bD\b(?=\s*:)",
    left=r"(?:mammella\s+|lato\s+)?(?:sinistr[oaie]|sn\b|sx\b)|\bsn\b|\bsx\b|\bS\b(?=\s*:)",
    both=(
        r"bilateral(?:e|i|mente)|(?:in\s+)?entramb[ei]\s+(?:le\s+)?mammelle|ambo\s+i\s+lati"
        r"|(?:su\s+|da\s+|in\s+)?entramb[ie]\s+i\s+(?:lati|seni)|ambedue\s+(?:le\s+mammelle|i\s+lati)"
        r"|\bbilat\b\.?|\bbil\.(?=\s|$)"
    ),
    history_sections=(
        r"target|lesione\s+bersaglio|"
        r"anamnesi|storia\s+clinica|indicazion[ei]|quesito(?:\s+clinico)?|motivo(?:\s+dell'esame)?"
        r"|notizie\s+cliniche|confronto|(?:esam[ei]|studi[oi]|mammografi[ae]|ecografi[ae])\s+precedent[ei]|precedent[ei]\s+(?:esam[ei]|studi[oi]|mammografi[ae]|ecografi[ae])|referto\s+(?:esterno|iniziale|preliminare|originale|esterno)"
    ),
    current_sections=(
        r"reperti|risultat[oi]|conclusion[ei]|impressione|diagnosi|tecnica|descrizione"
        r"|mammografia|ecografia|risonanza|referto|valutazione|giudizio|raccomandazion[ei]"
        r"|bi-?rads|densità|composizione|esito"
    ),
    assessment_labels=(
        r"conclusion[ei]|impressione|valutazione(?:\s+finale)?|giudizio|esito|categoria"
        r"|bi-?rads|diagnosi|classificazione"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:categoria|classe|classificazione))?"
        r"|\bcategoria(?:\s+bi-?rads)?|\bclasse|\bcat\."
    ),
    category_words=(
        (r"malignità\s+(?:accertata|dimostrata|nota)", "6"),
        (r"altamente\s+(?:sospett[oa]|suggestiv\w+\s+di\s+malignità)", "5"),
        (r"incomplet[oa]|necessari\w+\s+ulteriori\s+(?:accertamenti|approfondimenti)", "0"),
        (r"(?:repert[oi]\s+|lesion[ei]\s+)?probabilmente\s+benign[oaie]", "3"),
        (r"repert[oi]\s+sospett[oi]|sospett[oaie]", "4"),
        (r"repert[oi]\s+benign[oi]|benign[oaie]", "2"),
        (r"negativ[oa]", "1"),
    ),
    word_trailers=r"bilateral\w*|mammografic\w*|esame|reperto|quadro|lesione|mammell\w*",
    negation=(
        r"\bnon\b(?![\s-]+(?:massa|nodular\w*)\b)|\bsenza\b|\bnessun[oa]?\b|\bné\b|\bassenza\s+di\b|\bnegativ[oa]\s+per\b"
        r"|\bpriv[oaie]\s+d[ie]\b"
        r"|\bescluso\b|\besclusa\b"
    ),
    known_words=r"\bnot[aoie]\b",
    history_cues=(
        r"\b(?:secondo|da)\s+(?:la\s+)?richiesta\b|"
        r"\bpresso\s+(?:altr[ao]|un'altra|altre)\s+(?:struttura|centro|sede|istituto)\b|\brefertat[aei]\s+come\b|"
        r"\binviata?\s+per\b|\bgiunge\s+per\b|"
        r"\bsorveglianza\s+(?:di|del|della)\b|\bcontroll[oi]\s+a\s+\d+\s+mesi\b|"
        r"\bpre-?biopti\w*|\bprima\s+della\s+biopsia\b|\bpre-?procedurale\b|"
        r"\b(?:era|fu|erano)\b(?=\s*$)|\bcontrollo\s+(?:di|del|della)\b|\bfollow-?up\s+(?:di|del|della)\b|\bprecedent\w*|(?<!\bestensione\s)(?<!\bterzo\s)(?<!\bregione\s)(?<!\bporzione\s)(?<!\bparete\s)(?<!\bascellare\s)(?<!\bsegmento\s)(?<!\bmargine\s)(?<!\bbordo\s)(?<!\bsuperficie\s)(?<!\bfaccia\s)(?<!\bzona\s)(?<!\bnodular\s)(?<!\bpiano\s)(?<!\bprofondità\s)(?<!\btoracica\s)(?<!\btoracico\s)(?<!\bcamera\s)\banterior\w*|\bgià\b|\bin\s+passato\b|\bconfront\w*|\b(?:19|20)\d\d\b"
        r"|\bfa\b|\binizialmente\b|\bmadre\b|\bsorella\b|\bzia\b|\bfamiliar\w*|\binvece\s+di\b"
        r"|\bmodificat\w+\s+da\b|\bera\b|\baveva\b|\bnot[oa]\b|\bpregress\w*"
        r"|\brefertat[oaie]\s+(?:altrove\s+)?come\b|\baltrove\b"
        r"|\bestern[oaie]\b"
    ),
    current_cues=(
        r"\battual\w*|\boggi\b|\bora\b|\bil\s+presente\s+esame\b|\bda\s+(?:bi-?rads|categoria)"
        r"\s+\w+\s+a\s*$"
    ),
    revision_cues=r"\b(?:modificat|corrett|cambiat|riclassificat|aggiornat)\w\s+(?:in|a|come)\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:nel\s+(?:19|20)\d\d|(?:a|in)\s+[^\W\d_]+\s+(?:19|20)\d\d|\(?(?:19|20)\d\d|lo\s+scorso\s+anno|all'epoca|a\s+quel(?:l'|\s+)(?:epoca|tempo)"
        r"|precedentemente|era|fu)"
    ),
    hypothetical=r"(?<![-\w])se\b|\bin\s+caso\s+di\b|\bsarebbe\b|\bpotrebbe\b|\bqualsiasi\b|\bqualora\b|\bandrebbe\b",
    clause_breaks=r";|\bma\b|\btuttavia\b|\bperò\b|\btranne\b|\bmentre\b|\bpertanto\b|\bquindi\b|\bperciò\b|\bdunque\b",
    density_context=(
        r"densit(?:à|a'?)(?:\s+mammaria)?|\bdens[oaie]\b|\bdens\.|composizione(?:\s+mammaria)?"
        r"|parenchim\w*|ghiandolar\w*|tessuto\s+fibroghiandolare|struttura(?:\s+mammari[ao])?"
        r"|prevalentemente\s+adipos\w*"  # fits density a or b: context only, no value
    ),
    density_words=(
        (
            r"(?:quasi\s+)?(?:completamente|totalmente)\s+adipos\w*"
            r"|involuzione\s+adiposa\s+(?:completa|totale)",
            "a",
        ),
        (
            r"aree\s+sparse\s+di\s+(?:tessuto\s+)?fibroghiandolare|fibroghiandolar\w+\s+spars\w*"
            r"|spars[ea]\s+aree\s+fibroghiandolari",
            "b",
        ),
        (r"eterogeneamente\s+dens\w*|dens[oaie]\s+(?:ed?\s+)?eterogene[oaie]", "c"),
        (r"estremamente\s+dens\w*", "d"),
    ),
    mri_tissue=(
        r"quantità\s+di\s+tessuto\s+fibro-?ghiandolare|(?:enhancement|potenziamento|impregnazione)"
        r"\s+(?:\w+\s+)?di\s+fondo|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"calcificazion[ei]|microcalcificazion[ei]|calcific\w*",
    morphology_words=(
        (r"fini\s+lineari(?:\s+ramificate)?|lineari\s+ramificate", "fine-linear"),
        (r"fini\s+pleomorfe|pleomorfe|polimorfe", "fine-pleomorphic"),
        (r"grossolane\s+eterogenee", "coarse-heterogeneous"),
        (r"amorfe", "amorphous"),
        (r"a\s+pop-?corn|grossolane", "coarse"),
        (r"puntiformi|rotondeggianti|rotonde", "round"),
        (r"vascolari", "vascular"),
        (r"cutanee", "skin"),
    ),
    distribution_words=(
        (r"raggruppate|a\s+grappolo|in\s+cluster", "grouped"),
        (r"segmentari[ae]", "segmental"),
        (r"regionali", "regional"),
        (r"diffuse|sparse", "diffuse"),
        (r"(?<!fini )lineari(?!\s+ramificate)", "linear"),
    ),
    mass_context=r"\bmass[ae]\b|\bnodul[oi]\b|\blesion[ei]\b|\bformazion[ei]\b",
    mass_shape_words=(
        (r"ovalar[ei]|oval[ei]", "oval"),
        (r"rotondeggiant[ei]|rotond[oaie]", "round"),
        (r"irregolar[ei]", "irregular"),
    ),
    mass_margin_words=(
        (r"circoscritt[oaie]|ben\s+definit[oaie]", "circumscribed"),
        (r"oscurat[oaie]|mascherat[oaie]", "obscured"),
        (r"microlobulat[oaie]", "microlobulated"),
        (r"indistint[oaie]|mal\s+definit[oaie]", "indistinct"),
        (r"spiculat[oaie]|stellat[oaie]", "spiculated"),
    ),
    recommendation_context=(
        r"si\s+consiglia|consigli\w*|raccomand\w*|indicat[oa]|si\s+suggerisce|\bcontrollo\b"
        r"|follow-?up|screening"
    ),
    recommendation_sections=r"raccomandazion[ei]|indicazion[ei]\s+successive|follow-?up|piano",
    recommendation_words=(
        (
            r"controllo\s+(?:\w+\s+){0,3}(?:a|tra|fra)\s+(?:6|sei)\s+mesi|follow-?up\s+a\s+(?:6|sei)"
            r"\s+mesi",
            "6-month-follow-up",
        ),
        (
            r"controllo\s+(?:annuale|periodico|di\s+routine)|screening\s+(?:annuale|periodico)"
            r"|mammografia\s+annuale",
            "routine-screening",
        ),
        (
            r"(?:agobiopsia|biopsia)(?:\s+(?:stereotassica|ecoguidata|vacuum\w*))?|\bVABB\b",
            "biopsy",
        ),
        (
            r"proiezioni\s+aggiuntive|approfondimento\s+diagnostico|ingrandimenti"
            r"|ecografia\s+mirata",
            "additional-imaging",
        ),
        (r"valutazione\s+chirurgica|trattamento|discussione\s+multidisciplinare", "treatment"),
    ),
    performed_context=r"eseguit[oaie]|effettuat[oaie]|praticat[oaie]",
    procedure_sections=r"procedura|tecnica",
    procedure_words=(
        (r"(?:agobiopsia|biopsia|\bVABB\b)\s+(?:\w+\s+)?stereotassic\w*", "stereotactic-biopsy"),
        (r"(?:agobiopsia|biopsia)\s+(?:\w+\s+)?ecoguidat\w*", "ultrasound-biopsy"),
        (r"biopsia\s+(?:sotto\s+guida\s+)?rm", "mri-biopsy"),
        (r"repere\s+metallico|centratura\s+preoperatoria|quadrantectomia", "surgical-excision"),
        (r"ingrandimenti", "magnification-views"),
        (r"ecografia(?:\s+mammaria)?", "ultrasound"),
        (r"risonanza\s+magnetica(?:\s+mammaria)?", "mri"),
    ),
    pathology_context=r"istolog\w*|anatomia\s+patologica|patolog\w*|esito\s+della\s+biopsia",
    pathology_sections=r"istologia|esame\s+istologico|anatomia\s+patologica",
    pathology_words=(
        (r"carcinoma\s+(?:duttale\s+|lobulare\s+)?infiltrante|carcinoma\s+invasivo", "invasive"),
        (r"carcinoma\s+duttale\s+in\s+situ|\bDCIS\b", "dcis"),
        (
            r"iperplasia\s+duttale\s+atipica|atipia|papilloma|cicatrice\s+radiale|\bB3\b",
            "high-risk",
        ),
        (r"fibroadenoma|mastopatia\s+fibrocistica|necrosi\s+adiposa|\bB2\b|benign[oa]", "benign"),
    ),
    abbreviations=frozenset("dr dott sig sig.ra ca es ecc n".split()),
    breast_words=r"mammell[ae]|lato",
    side_letters_right=r"D|dx",
    side_letters_left=r"S|sn|sx",
    side_articles=r"nella|della|alla|la|in|a",
    value_links=r"è|di",
    range_words=r"a|o|e",
    list_words=r"e",
    choice_words=r"o|oppure",
    one_side_words=r"unilateral\w*",
    removed_breast_words=r"(?:mastectom\w*)(?!\w)(?!\s+(?:parziale|segmentaria))",
    since_words=r"dal|dall[a']|invariat\w+|stabil\w+|rispetto|confront\w+|vs\.?",
    own_exam_words=(
        r"presso\s+(?:il\s+)?nostr[oa]\s+(?:Centro|Servizio|struttura|ambulatorio|Istituto|Unità)|"
        r"(?:la\s+)?sua\s+(?:[^\W\d_]+\s+)?(?:mammografia|ecografia|indagine|risonanza)|(?:il\s+)?suo\s+(?:[^\W\d_]+\s+)?(?:esame|controllo|screening)"
        r"|(?:l')?esito\s+(?:della|dell'|del)\s*(?:[^\W\d_]+\s+)?(?:mammografia|ecografia|esame|indagine)"
    ),
    past_tense=r"era|fu|è\s+stat[oa](?:\s+[^\W\d_]+)?",
    outside_words=r"estern[oiae]|second\s+opinion|secondo\s+parere|altra\s+struttura|altro\s+centro|revisione\s+di\s+esam\w*",
    referral_words=r"invio\s+(?:alla\s+(?:Sua|Vostra)\s+(?:cortese\s+)?attenzione\s+)?la\s+(?:paziente|Sig\.ra|signora)|si\s+invia\s+la\s+paziente",
    own_words=(
        r"(?:valutazione|opinione|conclusione|lettura|classificazione|parere)\s+nostr[ao]|"
        r"(?:la\s+|il\s+)?nostr[ao]\s+(?:valutazione|opinione|lettura|conclusione|classificazione|parere|giudizio)|"
        r"a\s+nostro\s+(?:avviso|parere|giudizio)|parere\s+conclusivo|(?:ri)?classifichiamo|"
        r"(?:conclusione|valutazione|esito)\s+(?:della\s+)?(?:revisione|seconda\s+lettura|rilettura)"
    ),
    exam_words=r"mx|mmg|mammo\w*|eco\w*|rm|tomo\w*|esame",
    request_titles=r"(?:richiesta\s+di\s+(?:esame|consulenza|visita|prestazione)|impegnativa)(?![ \t]*:)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:gruppo\s+oncologico\s+multidisciplinare|riunione\s+multidisciplinare|lettera\s+di\s+dimissione)",
    pathology_titles=r"(?:u\.?o\.?c?\.?\s+)?anatomia\s+patologica|referto\s+(?:istologico|istopatologico|cito\w*)",
    category_labels=r"categoria|tipo|grado|classe",
    generic_plurals=r"lesioni|casi|pazienti|donne|esami",
    unit_words=r"ore|cm|mm",
    modality_words=r"mammografic\w*|mammografia|ecografic\w*|ecografia|rm|risonanza|tomosintesi",
    final_words=(
        r"(?:valutazione|categoria|classificazione|giudizio)(?:\s+(?:finale|complessiv[oa]|globale"
        r"|integrat[oa]|conclusiv[oa])){1,2}|conclusion[ei]|complessivamente|in\s+sintesi"
    ),
    overall_words=r"\bcomplessiv\w*|\bglobal\w*|\bin\s+sintesi\b",
    negated_after=r"non|esclus[oa]|improbabile|assent\w*",
    condition_after=r"ipotizzabile|se|sarebbe|potrebbe|in\s+caso|qualora|o\s+(?:superiore|superiori|più|oltre)|e\s+oltre",
    not_assessment_before=r"rischio|polmonar\w*|tiroide\w*|epatic\w*|prostat\w*",
    other_scales=r"synopti\w*|tabár|tabar",
    from_words=r"da",
    to_words=r"a",
    superseded_words=r"per\s+(?:mero\s+)?errore(?:\s+materiale)?|sostituit\w*|annullat\w*|errat\w*|superat\w*|invalidat\w*|correzione\s+(?:di|della)\s+lateralità|errore\s+di\s+(?:lato|lateralità)|lato\s+errato",
    original_sections=r"referto\s+(?:originale|iniziale)",
    addendum_sections=r"addendum|integrazione|nota\s+di\s+(?:correzione|rettifica)|referto\s+(?:integrativo|corretto|modificato)|rettifica|correzione|errata\s+corrige",
    legend_sections=r"legenda|categorie(?:\s+bi-?rads)?|definizioni",
    acr_number_is_category=False,
    descriptor_other_nouns=(
        r"cist[ie]\w*|linfonod\w*|distorsione|asimmetri\w*|clip|protesi|impiant\w*"
    ),
    descriptor_absent_after=(
        r"non\s+(?:più\s+)?(?:visibil[ei]|evidenziabil[ei]|necessari[oa]|indicat[oa])|scompars\w*"
    ),
    descriptor_condition_after=r"se|in\s+caso|qualora",
    after_event=r"dopo|a\s+seguito\s+di|in\s+esiti\s+di",
    type_words=r"tipo|pattern|densità",
    breast_context=r"mammell\w*|mammari\w*|mammo\w*|seno",
)
