"""French report wording (France, Belgium, Switzerland, Québec).

In French reports "ACR 3" is usually the assessment category ("classé ACR 3", the name the
BI-RADS categories go by in France); density is "densité de type 2" or "seins de type c".
"""

from __future__ import annotations

from mammolog.reports.lang import Language

LANGUAGE = Language(
    code="fr",
    name="Français",
    detect_words=frozenset(
        "le la les des du de et une un est sein seins droit droite gauche pas sans aucune "
        "aucun examen mammographie échographie conclusion densité calcifications classé "
        "classée bilatéral bilatérale anomalie suspecte bénigne dans avec sur surveillance "
        "contrôle résultat nous vous madame foyer macrobiopsie prévue opacité échographique stéréo kyste ganglion intramammaire".split()
    ),
    detect_letters="éèêëçœàâîôûù",
    right=(
        r"(?:sein\s+|côté\s+|à\s+)?droit(?:es|e|s)?(?!\w|\s+et\s+(?:[àa]\s+)?gauche)"
        r"|\bD\b(?=\s*:)|\bdte\b\.?|\bsein\s+(?-i:D)(?![\w'’])"
    ),
    left=(
        r"(?:sein\s+|côté\s+|à\s+)?gauche(?:s)?(?!\w|\s+et\s+(?:[àa]\s+)?droite)"
        r"|\bG\b(?=\s*:)|\bgche\b\.?|\bsein\s+(?-i:G)(?![\w'’])"
    ),
    # "ACR 2 à droite et à gauche": one value for both breasts
    both=r"(?:[àa]\s+)?droite\s+et\s+(?:[àa]\s+)?gauche"
    r"|(?:[àa]\s+)?gauche\s+et\s+(?:[àa]\s+)?droite"
    r"|bilat[ée]ral(?:e|es|ement)?|\bbilat\b\.?|(?:des\s+)?deux\s+c[ôo]t[ée]s|(?:les\s+|aux\s+)?deux\s+seins"
    r"|(?:pour\s+)?chaque\s+sein",
    history_sections=(
        r"cible|lésion\s+cible|"
        r"antécédents?|histoire(?:\s+clinique)?|indications?|motif(?:\s+de\s+l'examen)?"
        r"|renseignements\s+cliniques|comparaison|(?:examens?|mammographies?|échographies?)\s+(?:antérieur[es]*|précédent[es]*)"
        r"|contexte(?:\s+clinique)?|(?:compte\s+rendu|rapport)\s+(?:initial|original|externe)"
        r"|anamnèse"
    ),
    current_sections=(
        r"résultats?|conclusions?|description|technique|examen|mammographie|échographie|irm"
        r"|synthèse|avis|interprétation|recommandations?|classification(?:\s+\w+){0,3}"
        r"|bi-?rads|densité(?:\s+mammaire)?|compte\s+rendu|observations?"
    ),
    assessment_labels=(
        r"conclusion|synthèse|classification(?:\s+bi-?rads)?|classement|résultat|avis|catégorie"
        r"|bi-?rads|évaluation(?:\s+finale)?|au\s+total"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s+(?:de\s+l')?acr)?"
        r"(?:\s*[:\-]?\s*(?:catégorie|classe|classification))?"
        r"|\bcatégorie|\bclasse(?:ment)?|\bcat\."
    ),
    category_words=(
        (
            r"malignité\s+(?:histologiquement\s+)?(?:prouvée|connue)|cancer\s+(?:prouvé|connu)",
            "6",
        ),
        (r"(?:fortement|très)\s+évocat\w+\s+de\s+malignité|hautement\s+suspect\w*", "5"),
        (r"évaluation\s+incomplète|incomplet\w*|bilan\s+complémentaire\s+nécessaire", "0"),
        (r"(?:anomalie\s+|image\s+)?probablement\s+bénigne?s?", "3"),
        (r"anomalie\s+suspecte|suspect\w*", "4"),
        (r"anomalie\s+bénigne|bénin\w*", "2"),
        (r"négati(?:f|ve)s?", "1"),
    ),
    word_trailers=r"bilatéral\w*|mammographi\w*|examen|aspect|anomalie|image|lésion|seins?",
    negation=(
        r"\bpas\b|\bsans\b|\baucun\w*|\bni\b|\babsence\s+d[e']|\bne\b|\bn'|\bnon\b"
        r"|\bexclu\w*|\bnégati\w*\s+pour\b|\bélimin\w*"
    ),
    known_words=r"\bconnue?s?\b",
    history_cues=(
        r"\b(?:selon|d'après)\s+(?:la\s+)?demande\b|"
        r"\bà\s+l'époque\b|\bà\s+ce\s+moment-là\b|"
        r"\badressée?\s+pour\b|"
        r"\bsurveillance\s+(?:d'une?|de\s+la|du|des)\b|"
        r"\bpré-?biopsi\w*|\bavant\s+(?:la\s+)?(?:biopsie|macrobiopsie|microbiopsie)\b|\blors\s+du\s+bilan\b|"
        r"\b(?:était|étaient)\b(?=\s*$)|\bcontrôle\s+(?:[àa]\s+\w+\s+\w+\s+)?d[e'u]|\bsurveillance\s+d[e'u]|\bantérieur\w*|\bprécédent\w*|\bauparavant\b|\bantécédents?\b|\bcompar\w*"
        r"|\b(?:19|20)\d\d\b|\bil\s+y\s+a\b|\binitialement\b|\bancien\w*|\bmère\b|\bsœur\b"
        r"|\bsoeur\b|\btante\b|\bfamilia\w*|\bau\s+lieu\s+de\b|\bmodifi\w+\s+de\b|\bétait\b"
        r"|\bavait\b|\bdernier\s+examen\b|\bdéjà\b|\bconnu\w*"
        r"|\bà\s+l'extérieur\b|(?<!-)\bextérieur\w*"
    ),
    current_cues=(
        r"\bactuellement\b|\baujourd'hui\b|\bce\s+jour\b|\bdésormais\b|\bmaintenant\b"
        r"|\bactuel\w*|\bcet?\s+examen\b|\b(?:passant\s+)?de\s+(?:bi-?rads|acr)\s+\w+\s+à\s*$"
    ),
    revision_cues=r"\b(?:modifi|corrig|révis|rectifi|reclass)\w*\s+(?:en|à|comme)\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:en\s+(?:[^\W\d_]+\s+)?(?:19|20)\d\d|\(?(?:19|20)\d\d|l'an\s+dernier|auparavant|initialement"
        r"|précédemment|était|avait|lors\s+d[eu]"
        r"|par\s+(?:le|la|l')\s*(?:radiologue|centre|confrère|praticien)\s+(?:initial|extérieur"
        r"|précédent|d'origine)\w*)"
    ),
    hypothetical=(
        r"\bsi\b|\ben\s+cas\s+d[e']|\bau\s+cas\s+où\b|\bserait\b|\bpourrait\b"
        r"|\btout(?:e)?\s+(?:lésion|image|anomalie)\b|\blorsque\b"
    ),
    clause_breaks=r";|\bmais\b|\bcependant\b|\btoutefois\b|\bsauf\b|\balors\s+que\b|\bdonc\b|\bpar\s+conséquent\b|\bc'est\s+pourquoi\b",
    density_context=(
        r"densit\w*(?:\s+mammaire)?|\bdens1t[ée]\b|\bdenses?\b|\bdens\.|glandulaire|parenchyme|composition(?:\s+mammaire)?"
        r"|seins?\s+(?:de\s+)?type|\btype(?=\s*[1-4a-dA-D]\s+(?:de\s+l'|selon\s+l'|\(\s*)?acr)"
        r"|(?:seins?|densit\w*|glandul\w*|mammaire)[^.;\d]{0,40}?\btype(?=\s*(?:[1-4]|[a-dA-D])\b)"
    ),
    density_words=(
        (
            r"(?:quasi|presque)\s+(?:totalement|entièrement|exclusivement)\s+graisseu\w*"
            r"|involution\s+adipeuse\s+(?:complète|totale)"
            r"|seins?\s+(?:à\s+prédominance\s+)?graisseu\w*(?!\s+avec)",
            "a",
        ),
        (
            r"(?:densités?|opacités?)\s+fibro-?glandulaires?\s+éparses"
            r"|fibro-?glandulaires?\s+dispers\w*",
            "b",
        ),
        (
            r"hétérogène\w*\s+dense\w*|denses?\s+(?:et\s+)?hétérogène\w*"
            r"|denses?\s+de\s+(?:façon|manière)\s+hétérogène|hétérogènes?\s+et\s+denses?",
            "c",
        ),
        (r"extrêmement\s+dense\w*", "d"),
    ),
    mri_tissue=(
        r"quantité\s+de\s+tissu\s+fibro-?glandulaire|rehaussement\s+(?:\w+\s+){0,2}de\s+fond"
        r"|prise\s+de\s+contraste\s+(?:\w+\s+){0,2}de\s+fond|abondance\s+(?:du\s+)?tissu\s+fibro-?glandulaire|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"calcifications?|microcalcifications?|calcifi\w*",
    morphology_words=(
        (r"fines?\s+linéaires?(?:\s+ramifiées?)?|linéaires?\s+ramifiées?", "fine-linear"),
        (r"fines?\s+pléomorphes?|pléomorphes?|polymorphes?", "fine-pleomorphic"),
        (r"grossières?\s+hétérogènes?", "coarse-heterogeneous"),
        (r"amorphes?|poussiéreuses?", "amorphous"),
        (r"en\s+pop-?corn|grossières?", "coarse"),
        (r"punctiformes?|rondes?|arrondies?", "round"),
        (r"vasculaires?", "vascular"),
        (r"cutanées?", "skin"),
    ),
    distribution_words=(
        (r"groupées?|en\s+foyer|en\s+amas", "grouped"),
        (r"segmentaires?", "segmental"),
        (r"régionales?", "regional"),
        (r"diffuses?|éparses?", "diffuse"),
        (r"(?<!fines )(?<!fine )linéaires?(?!\s+ramifiées?)", "linear"),
    ),
    mass_context=r"\bmasses?\b|\bnodules?\b|\blésions?\b|\bopacités?\b",
    mass_shape_words=(
        (r"ovalaires?|ovales?", "oval"),
        (r"rondes?|arrondies?", "round"),
        (r"irrégulières?", "irregular"),
    ),
    mass_margin_words=(
        (r"circonscrit\w*|bien\s+limité\w*", "circumscribed"),
        (r"masqué\w*", "obscured"),
        (r"microlobulé\w*", "microlobulated"),
        (r"indistinct\w*|flou\w*", "indistinct"),
        (r"spiculé\w*|stellaire\w*", "spiculated"),
    ),
    recommendation_context=(
        r"recommand\w*|conseill\w*|préconis\w*|propos\w*|nécessaire|\bà\s+prévoir"
        r"|\bcontrôle\b|\bsurveillance\b|\bdépistage\b|\bà\s+réaliser"
    ),
    recommendation_sections=r"recommandations?|conduite\s+à\s+tenir|propositions?|suivi",
    recommendation_words=(
        (
            r"(?:contrôle|surveillance|mammographie)\s+(?:\w+\s+){0,3}(?:à|dans)\s+(?:6|six)\s+mois",
            "6-month-follow-up",
        ),
        (
            r"dépistage\s+(?:habituel|organisé|de\s+routine|annuel)|surveillance\s+(?:habituelle"
            r"|annuelle)|mammographie\s+(?:dans\s+(?:1|un|2|deux)\s+ans?|annuelle)",
            "routine-screening",
        ),
        (
            r"(?:macro|micro)?biopsie\w*(?:\s+(?:stéréotaxique|échoguidée|sous\s+\w+))?"
            r"|prélèvement\s+histologique",
            "biopsy",
        ),
        (
            r"complément\s+d'examen|clichés\s+complémentaires|bilan\s+complémentaire"
            r"|échographie\s+complémentaire|agrandissements?",
            "additional-imaging",
        ),
        (r"avis\s+chirurgical|prise\s+en\s+charge\s+(?:chirurgicale|oncologique)", "treatment"),
    ),
    performed_context=r"réalisée?s?|effectuée?s?|pratiquée?s?",
    procedure_sections=r"technique|procédure|geste",
    procedure_words=(
        (r"(?:macro|micro)?biopsie\s+(?:sous\s+)?stéréota\w+", "stereotactic-biopsy"),
        (r"(?:macro|micro)?biopsie\s+(?:échoguidée|sous\s+échographie)", "ultrasound-biopsy"),
        (r"biopsie\s+(?:sous|guidée\s+par)\s+irm", "mri-biopsy"),
        (r"repérage\s+(?:préopératoire|par\s+harpon)|tumorectomie", "surgical-excision"),
        (r"agrandissements?", "magnification-views"),
        (r"échographie(?:\s+mammaire)?", "ultrasound"),
        (r"irm(?:\s+mammaire)?", "mri"),
    ),
    pathology_context=(
        r"anatomopatholog\w*|histolog\w*|patholog\w*|résultats?\s+de\s+la\s+biopsie"
        r"|en\s+faveur\s+d|compatible"
    ),
    pathology_sections=(
        r"anatomopathologie|histologie|résultat\s+histologique|anatomie\s+pathologique"
    ),
    pathology_words=(
        (
            r"carcinome\s+(?:canalaire\s+|lobulaire\s+)?(?:infiltrant|invasif)|\bCCI\b|\bCLI\b",
            "invasive",
        ),
        (r"carcinome\s+canalaire\s+in\s+situ|\bCCIS\b", "dcis"),
        (
            r"hyperplasie\s+(?:canalaire|lobulaire)\s+atypique|atypie\w*|papillome"
            r"|cicatrice\s+radiaire|néoplasie\s+lobulaire",
            "high-risk",
        ),
        (
            r"fibroadénome|mastopathie\s+fibrokystique|cytostéatonécrose|tissu\s+mammaire\s+normal"
            r"|bénin\w*",
            "benign",
        ),
    ),
    abbreviations=frozenset("dr pr cf env etc n° p.ex mme m st".split()),
    breast_words=r"seins?|côté|mammaire",
    side_letters_right=r"D|dte|SD",
    side_letters_left=r"G|gche|SG",
    side_articles=r"au\s+niveau\s+(?:du|des)|du|au|à|dans\s+les?|des|aux|en",
    value_links=r"est|de|du",
    range_words=r"à|ou|et",
    list_words=r"et",
    choice_words=r"ou",
    one_side_words=r"unilatéral\w*",
    removed_breast_words=r"(?:mastectom\w*)(?!\w)(?!\s+(?:partielle|segmentaire))",
    since_words=r"depuis|inchangé\w*|stable|compar\w+|vs\.?|par\s+rapport",
    own_exam_words=(
        r"(?:dans|à)\s+notre\s+(?:centre|cabinet|service|établissement|unité)|au\s+sein\s+de\s+notre\s+(?:centre|service)|"
        r"votre\s+(?:[^\W\d_]+\s+)?(?:mammographie|examen|échographie|IRM|bilan|dépistage)"
        r"|(?:le\s+)?résultat\s+de\s+(?:la|votre)\s+(?:[^\W\d_]+\s+)?(?:mammographie|échographie|IRM)"
    ),
    past_tense=r"était|a\s+été(?:\s+[^\W\d_]+)?|avait\s+été(?:\s+[^\W\d_]+)?",
    outside_words=r"extérieur\w*|externe|second\s+avis|relecture|autre\s+(?:centre|cabinet|établissement)|d'origine|joint",
    referral_words=r"je\s+vous\s+adresse\s+(?:Madame|Mme|ma\s+patiente|votre\s+patiente|cette\s+patiente)|je\s+vous\s+remercie\s+de\s+(?:bien\s+vouloir\s+)?(?:recevoir|voir)\s+(?:Madame|Mme|ma\s+patiente|cette\s+patiente)",
    own_words=(
        r"notre\s+(?:avis|lecture|relecture|conclusion|classement|classification|interprétation|analyse|évaluation)|"
        r"selon\s+notre\s+(?:avis|lecture|relecture|analyse)|nous\s+(?:re)?class(?:ons|erions)|"
        r"à\s+la\s+relecture|(?:conclusion|classement|classification|résultat|avis)\s+(?:de\s+la\s+|en\s+|après\s+)?(?:relecture|(?:deuxième|seconde|2e|2ème|double)\s+lecture|second\s+avis)|"
        r"conclusion\s+du\s+second\s+avis"
    ),
    exam_words=r"mx|mmg|mammo\w*|écho\w*|echo\w*|irm|tomo\w*|examen",
    request_titles=r"(?:demande\s+d'examen|bon\s+de\s+demande|lettre\s+d'adressage)(?![ \t]*:)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:réunion\s+de\s+concertation\s+pluridisciplinaire|compte[\s-]rendu\s+d'hospitalisation|lettre\s+de\s+sortie)",
    pathology_titles=r"(?:compte[\s-]rendu\s+d')?anatomo[\s-]?(?:cyto[\s-]?)?patholog\w*|(?:compte[\s-]rendu\s+)?histopatholog\w*|laboratoire\s+d'anatomie\s+(?:et\s+de\s+cytologie\s+)?pathologiques?",
    category_labels=r"catégorie|type|classe|grade|stade",
    generic_plurals=r"lésions|cas|patientes|femmes|examens",
    unit_words=r"h|heures?|cm|mm",
    modality_words=r"mammographi\w*|échographi\w*|irm|tomosynthèse|en\s+mammographie",
    final_words=(
        r"(?:synthèse|classification|évaluation|classement)(?:\s+(?:finale?|globale?))?"
        r"|conclusion(?:\s+(?:finale?|globale?|de\s+synthèse))?|au\s+total|en\s+conclusion"
    ),
    overall_words=r"\bglobal\w*|\bau\s+total\b|\bsynthèse\b",
    negated_after=r"non|pas|exclu\w*|improbable|écarté\w*|absent\w*",
    condition_after=r"envisageable|si|serait|pourrait|en\s+cas|ou\s+(?:plus|supérieur\w*|au-delà)|et\s+plus",
    not_assessment_before=r"risque|pulmonaire|thyroïd\w*|hépatique|prostat\w*",
    other_scales=r"synopti\w*|tabár|tabar|wolfe",
    from_words=r"de|d'",
    to_words=r"à|en",
    superseded_words=r"par\s+erreur|erreur\s+de\s+(?:saisie|transcription)|remplacé\w*|annulé\w*|erroné\w*|caduc|caduque|invalidé\w*|rectificatif\s+de\s+(?:côté|latéralité)|erreur\s+de\s+(?:côté|latéralité)|correction\s+de\s+(?:la\s+)?latéralité",
    original_sections=(
        r"compte[\s-]rendu\s+(?:initial|d'origine|original)|rapport\s+initial"
        r"|conclusion\s+(?:initiale|d'origine)"
    ),
    addendum_sections=(
        r"addendum|additif|rectificatif|complément(?:\s+au\s+compte\s+rendu)?"
        r"|compte\s+rendu\s+(?:modifié|rectifié|complémentaire)"
    ),
    legend_sections=r"légende|rappel\w*(?:\s+de\s+la\s+classification)?|catégories|définitions",
    acr_number_is_category=True,
    descriptor_other_nouns=(
        r"kyste\w*|ganglion\w*|distorsion|asymétrie\w*|clip\w*|prothèse\w*|implant\w*"
    ),
    descriptor_absent_after=(
        r"non\s+(?:retrouvée?s?|visibles?|nécessaires?|indiquée?s?)|n'est\s+pas\s+"
        r"(?:nécessaire|indiquée?)|disparu\w*"
    ),
    descriptor_condition_after=r"si|en\s+cas",
    after_event=r"après|suite\s+à|depuis|post",
    type_words=r"type|densité",
    breast_context=r"seins?|mammo\w*|mammaire\w*",
)
