"""English report wording (US and UK), including the MQSA final-assessment words and old terms."""

from __future__ import annotations

from mammolog.reports.lang import Language

_BIOPSY_GUIDES = r"(?:stereotactic(?:ally)?|ultrasound|sonograph\w*|us|mri|mr|tomosynthesis|dbt)"

LANGUAGE = Language(
    code="en",
    name="English",
    detect_words=frozenset(
        "the and of no is are with right left breast breasts findings impression there "
        "mammogram compared recommend recommended for in without masses calcifications "
        "density dense suspicious benign negative".split()
    ),
    # Side words. "R:"/"L:" only count as sides when a colon follows; "R breast" always does.
    right=r"right(?:[\s-]+(?:breast|side))?|\brt\b\.?|\bR\b(?=\s*:)|\bR\s+breast\b",
    left=r"left(?:[\s-]+(?:breast|side))?|\blt\b\.?|\bL\b(?=\s*:)|\bL\s+breast\b",
    both=r"bilateral(?:ly)?|both\s+(?:(?:of\s+)?(?:your|her|the)\s+)?(?:breasts|sides)|\bbilat\b\.?|(?:for\s+)?each\s+breast",
    # Section labels whose content describes the past (never the current result).
    history_sections=(
        r"target(?:\s+lesion)?|outside|external|background|"
        r"(?:clinical\s+)?(?:history|indication|indications|information|data)|reason(?:\s+for\s+"
        r"(?:exam|examination|study|referral|visit))?|comparisons?|prior\s+(?:studies|exams?|examinations?)"
        r"|previous\s+(?:studies|exams?|examinations?|results?)|relevant\s+history|prior\s+results?"
        r"|(?:prior|previous|earlier|last)\s+(?:mammograms?|mammography|ultrasounds?|imaging|mri)"
        r"|(?:original|preliminary|initial|outside|prior)\s+(?:report|impression|read|reading|conclusion"
        r"|assessment|result|interpretation|opinion|findings)(?:\s+(?:summary|excerpt|extract|text))?"
        r"|referral|referred\s+for|request(?:\s+from(?:\s+\w+)?)?|clinical\s+details|clinical\s+question"
    ),
    current_sections=(
        r"findings?|impressions?|assessment|conclusions?|recommendations?|technique|procedure"
        r"|exam(?:ination)?|opinion|summary|pathology|histology|breast\s+composition"
        r"|density|bi-?rads|addendum|(?:final|overall)\s+assessment|report|mammography|mammogram"
        r"|ultrasound|diagnosis"
    ),
    assessment_labels=(
        r"(?:final\s+|overall\s+|bi-?rads\s+)?(?:assessment|impression|conclusion|result|opinion"
        r"|summary)(?:\s+category)?|overall|bi-?rads(?:\s+category)?|category"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:final\s+)?(?:assessment\s+)?"
        r"(?:category|cat\.?|score|classification|assessment))?"
        r"|(?:final\s+|overall\s+)?assessment\s+category|(?:final|overall)\s+assessment"
        r"|\bcategory|\bcat\."
    ),
    # MQSA final-assessment words (21 CFR 900.12(c)(1)(iv)) and the 4A-4C wording.
    # An empty slug marks a phrase that is ambiguous: it blocks a shorter match and yields nothing.
    # Slugs joined by "|" mark a phrase that can mean any of them: alone it yields nothing, and a
    # number beside it must be one of them (or their parent 4), so the number decides.
    # "moderate suspicion" is 4B in the 5th edition but 4C in the 4th: ambiguous on its own.
    category_words=(
        (r"known\s+biopsy[\s-]+proven\s+malignancy", "6"),
        (r"highly\s+suggestive\s+of\s+malignancy", "5"),
        (
            r"incomplete(?:\s*[:\-–]\s*|\s+)(?:needs?|requires?)\s+additional\s+imaging"
            r"(?:\s+evaluation)?(?:\s+and/or\s+prior\s+mammograms(?:\s+for\s+comparison)?)?",
            "0",
        ),
        (r"needs?\s+additional\s+imaging\s+evaluation", "0"),
        (r"incomplete", "0"),
        (r"probably\s+benign", "3"),
        (r"suspicious\s*[:\-–,(]?\s*moderate\s+suspicion(?:\s+for\s+malignancy)?", "4B|4C"),
        (r"moderate\s+suspicion(?:\s+for\s+malignancy)?", "4B|4C"),
        (r"(?:suspicious\s*[:\-–,(]?\s*)?low\s+suspicion(?:\s+for\s+malignancy)?", "4A"),
        (r"(?:suspicious\s*[:\-–,(]?\s*)?intermediate\s+suspicion(?:\s+for\s+malignancy)?", "4B"),
        (r"(?:suspicious\s*[:\-–,(]?\s*)?high\s+suspicion(?:\s+for\s+malignancy)?", "4C"),
        (r"suspicious(?:\s+abnormality)?", "4"),
        (r"benign", "2"),
        (r"negative", "1"),
    ),
    word_trailers=(
        r"bilateral|screening|diagnostic|mammographic|mammogram|mammography|study|exam"
        r"|examination|findings?|abnormality|appearance|result"
    ),
    negation=(
        r"\bno\b|\bnot\b|\bwithout\b|\bnegative\s+for\b|\babsence\s+of\b|\bfree\s+of\b"
        r"|\bnor\b|\bneither\b|\brule[sd]?\s+out\b|\bexclude[sd]?\b|\bnothing\s+to\s+suggest\b"
    ),
    known_words=r"\bknown\b",
    history_cues=(
        r"\b(?:per|according\s+to)\s+(?:the\s+)?(?:request|requisition|referral)\b|"
        r"\bat\s+(?:that|the)\s+time\b|\btheir\s+(?:report|reading|read|assessment|radiologist)\b|"
        r"\breferred\s+(?:for|with|because\s+of)\b|"
        r"\bpre-?(?:biopsy|procedur\w*|procedural)\b|"
        r"\b(?:was|were)\b(?=\s*$)|\bprior\b|\bprevious(?:ly)?\b|\bformerly\b|\bearlier\b|\blast\s+(?:year|exam|study)\b"
        r"|\bhistory\s+of\b|\bcompared?\s+(?:with|to)\b|\bcomparison\b|\bhad\s+been\b"
        r"|\bin\s+(?:19|20)\d\d\b|\b(?:19|20)\d\d\b|\bago\b|\boriginally\b|\binitially\b"
        r"|\bfollow[\s-]?up\s+(?:of|for)\b|\bknown\b"
        r"|\b(?:changed|upgraded|downgraded|revised|amended|corrected)\s+from\b|\binstead\s+of\b"
        r"|\bfrom\b(?=\s*$)"
        r"|\bwas\s+(?:recalled|assessed|classified|rated|read|called\s+back|given)\b|\bhad\b"
        r"|\byou\s+(?:will\s+)?(?:recall|remember)\b"
        r"|\b(?:mother|sister|aunt|daughter|grandmother|family)\b"
        r"|\b(?:outside|external)\s+(?:report|exam|study|read(?:ing)?|facility|institution|images|films"
        r"|mammogram|radiologist)\b|\belsewhere\b"
    ),
    current_cues=(
        r"\bnow\b|\bcurrently\b|\btoday\b|\bcurrent\b|\bthis\s+(?:exam|study|examination)\b"
        r"|\bfrom\s+(?:bi-?rads|category)\s+\w+\s+to\s*$"
    ),
    revision_cues=r"\b(?:changed|upgraded|downgraded|revised|amended|corrected|modified|updated)\s+to\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:was|were|had|in\s+(?:[^\W\d_]+\s+)?(?:19|20)\d\d|on\s+\d|at\s+that\s+time|previously"
        r"|on\s+(?:the\s+)?(?:screening|prior|previous|outside|last|earlier)\w*"
        r"|last\s+year|\(?(?:19|20)\d\d|[^,;.]{0,30}\blast\s+(?:year|month|week)\b"
        r"|[^,;.]{0,30}\bago\b)"
    ),
    hypothetical=(
        r"\bif\b|\bwould\b(?!\s+(?:classify|rate|assess|categori[sz]e|grade|score))|\bshould\s+(?:it|they|this)\b|\bin\s+case\b|\bunless\b|\bany\b"
        r"|\bupon\b|\bwhen\b|\botherwise\b"
    ),
    clause_breaks=r";|\bbut\b|\bhowever\b|\bexcept\b|\balthough\b|\bwhereas\b|\btherefore\b|\bhence\b|\bthus\b|\bconsequently\b",
    density_context=(
        r"densit(?:y|ies)|\bdense\b|\bdens\.|composition|parenchym\w*|fibroglandular|breast\s+tissue"
        r"|(?-i:\bD)(?=[ \t]*:[ \t]*[a-dA-D](?![^\W\d_]))"  # "D: b" in a compact note
        r"|tissue\s+type"
        # "predominantly fatty" fits density a or b: context for a letter after it, no value
        r"|(?:predominantly|mostly)\s+fatty"
    ),
    density_words=(
        (r"partial(?:ly)?\s+fatty(?:[\s-]+replaced)?", ""),  # partly fat-replaced: no one letter
        (
            r"almost\s+entirely\s+fat(?:ty)?|entirely\s+fatty"
            r"|fatty\s+replaced|(?<=composition:[ \t])fatty(?![ \t]+(?:and|with)\b|[ \t]*,)",
            "a",
        ),
        (r"scattered\s+(?:areas\s+of\s+)?fibroglandular(?:\s+(?:density|densities|tissue))?", "b"),
        (r"heterogeneous(?:ly)?\s+dense", "c"),
        (r"extremely\s+dense", "d"),
    ),
    mri_tissue=(
        r"amount\s+of\s+fibroglandular\s+tissue|fibroglandular\s+tissue\s+(?:amount|content)"
        r"|background\s+(?:parenchymal\s+)?enhancement|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"calcifications?|\bcalcs?\b|microcalcifications?|calcified|calcium",
    morphology_words=(
        (
            r"fine[\s-]+linear(?:[\s-]+(?:or[\s-]+fine[\s-]+linear[\s-]+)?branching)?"
            r"|linear[\s-]+branching|casting",
            "fine-linear",
        ),
        (r"fine[\s-]+pleomorphic|pleomorphic", "fine-pleomorphic"),
        (r"coarse[\s-]+heterogeneous", "coarse-heterogeneous"),
        (r"amorphous", "amorphous"),
        (r"popcorn(?:[\s-]+like)?|coarse", "coarse"),
        (r"(?:large[\s-]+)?rod[\s-]+like|secretory", "large-rod-like"),
        (r"punctate|round", "round"),
        (r"rim|egg[\s-]?shell|lucent[\s-]+cent(?:er|re)d", "rim"),
        (r"dystrophic", "dystrophic"),
        (r"milk[\s-]+of[\s-]+calcium", "milk-of-calcium"),
        (r"vascular|arterial", "vascular"),
        (r"skin|dermal", "skin"),
        (r"suture", "suture"),
    ),
    distribution_words=(
        (r"grouped|clustered|clusters?\s+of|groups?\s+of", "grouped"),
        (r"segmental", "segmental"),
        (r"regional", "regional"),
        (r"diffuse(?:ly)?|scattered", "diffuse"),
        (r"(?<!fine )(?<!fine-)linear(?![\s-]+branching)", "linear"),
    ),
    mass_context=r"\bmass(?:es)?\b|\bnodules?\b|\blesions?\b",
    mass_shape_words=((r"oval", "oval"), (r"round", "round"), (r"irregular", "irregular")),
    mass_margin_words=(
        (r"circumscribed|well[\s-]+defined", "circumscribed"),
        (r"obscured", "obscured"),
        (r"microlobulated", "microlobulated"),
        (r"indistinct|ill[\s-]+defined", "indistinct"),
        (r"spiculated", "spiculated"),
    ),
    recommendation_context=(
        r"recommend\w*|suggest\w*|advis\w*|\bshould\b|is\s+indicated|\bplease\b|\breturn\b"
        r"|\brecall\b|\bcontinue\b|\bnext\s+(?:screening|mammogra\w+)"
    ),
    recommendation_sections=r"recommendations?|plan|management|follow[\s-]?up",
    recommendation_words=(
        (
            r"(?:(?:diagnostic\s+)?mammogra\w+|ultrasound|imaging)\s+(?:[\w-]+\s+){0,4}in\s+"
            r"(?:6|six)\s+months|"
            r"(?:6|six)[\s-]*months?\s+(?:diagnostic\s+|follow[\s-]?up\s+)?(?:follow[\s-]?up"
            r"|mammogra\w+|imaging)|short[\s-]+(?:term|interval)\s+(?:imaging\s+)?follow[\s-]?up"
            r"(?:\s+(?:diagnostic\s+)?(?:mammogra\w+|imaging)(?:\s+and\s+(?:breast\s+)?ultrasound)?)?"
            r"|follow[\s-]?up\s+(?:[\w-]+\s+){0,6}in\s+(?:6|six)\s+months",
            "6-month-follow-up",
        ),
        (
            r"(?:routine|annual|yearly)\s+(?:screening|mammogra\w+|follow[\s-]?up)|return\s+to\s+"
            r"(?:routine|annual)\s+screening|screening\s+mammogra\w+\s+in\s+(?:1|one|12|2|two|24)"
            r"\s+(?:years?|months?)|mammogra\w+\s+every\s+(?:year|12\s+months|two\s+years)",
            "routine-screening",
        ),
        (
            r"(?:stereotactic|ultrasound[\s-]+guided|us[\s-]+guided|mri[\s-]+guided|core(?:\s+needle)?"
            r"|vacuum[\s-]+assisted)\s+(?:core\s+)?biopsy|tissue\s+(?:sampling|diagnosis)|biopsy",
            "biopsy",
        ),
        (
            r"additional\s+(?:imaging|views|evaluation)|diagnostic\s+(?:mammogra\w+|work[\s-]?up"
            r"|evaluation)|spot\s+compression|magnification\s+views|targeted\s+ultrasound|recall",
            "additional-imaging",
        ),
        (
            r"surgical\s+(?:consultation|excision|referral)|oncolog\w+\s+(?:referral|consultation)"
            r"|treatment",
            "treatment",
        ),
    ),
    performed_context=(
        r"performed|obtained|was\s+done|underwent|were\s+taken|acquired|carried\s+out|placed"
    ),
    procedure_sections=r"procedure|exam(?:ination)?|technique|study",
    procedure_words=(
        (
            r"stereotactic(?:ally)?[\s-]+(?:guided\s+)?(?:vacuum[\s-]+assisted\s+)?(?:core\s+)?"
            r"(?:needle\s+)?biopsy",
            "stereotactic-biopsy",
        ),
        (
            r"(?:ultrasound|us|sonograph\w*)[\s-]+guided\s+(?:core\s+)?(?:needle\s+)?biopsy",
            "ultrasound-biopsy",
        ),
        (r"(?:tomosynthesis|dbt)[\s-]+guided\s+(?:\w+\s+){0,2}biopsy", "tomosynthesis-biopsy"),
        (r"(?:mri|mr)[\s-]+guided\s+(?:\w+\s+){0,2}biopsy", "mri-biopsy"),
        (
            r"(?:wire|seed|needle)[\s-]+locali[sz]ation|excisional\s+biopsy|lumpectomy"
            r"|surgical\s+excision",
            "surgical-excision",
        ),
        (r"magnification\s+views|spot\s+magnification", "magnification-views"),
        (r"diagnostic\s+mammogra\w+", "diagnostic-mammogram"),
        (r"(?:targeted\s+|breast\s+)?(?:ultrasound|sonography)", "ultrasound"),
        (r"breast\s+mri|\bmri\b", "mri"),
    ),
    pathology_context=(
        r"patholog\w*|histolog\w*|histopatholog\w*|biopsy\s+results?|results?\s+of\s+(?:the\s+)?"
        r"biopsy|revealed|showed|consistent\s+with|diagnosis|concordant|core\s+samples?"
    ),
    pathology_sections=r"pathology|histology|pathology\s+results?|biopsy\s+results?",
    pathology_words=(
        (
            r"(?:invasive|infiltrating)\s+(?:ductal\s+|lobular\s+|mammary\s+)?carcinoma|\bIDC\b"
            r"|\bILC\b",
            "invasive",
        ),
        (r"ductal\s+carcinoma\s+in\s+situ|\bDCIS\b", "dcis"),
        (
            r"atypical\s+(?:ductal|lobular)\s+hyperplasia|\bADH\b|\bALH\b|lobular\s+carcinoma\s+in\s+"
            r"situ|\bLCIS\b|flat\s+epithelial\s+atypia|radial\s+scar|(?:intraductal\s+)?papilloma"
            r"|atypia",
            "high-risk",
        ),
        (
            r"fibroadenoma|fibrocystic\s+changes?|benign\s+breast\s+(?:tissue|parenchyma)|fat\s+"
            r"necrosis|sclerosing\s+adenosis|columnar\s+cell\s+changes?|stromal\s+fibrosis"
            r"|\bbenign\b",
            "benign",
        ),
    ),
    abbreviations=frozenset(
        "dr ca approx vs cf nr no e.g i.e mr mrs ms st fig ant post rt lt".split()
    ),
    breast_words=r"breasts?|side",
    side_letters_right=r"R|Rt",
    side_letters_left=r"L|Lt",
    side_articles=r"in\s+the|of\s+the|for\s+the|on\s+the|the|in|for",
    value_links=r"is|are|of",
    range_words=r"to|or|and",
    list_words=r"and|&",
    choice_words=r"or",
    one_side_words=r"unilateral",
    removed_breast_words=r"(?<!partial\s)(?<!segmental\s)(?:mastectom\w*)(?!\w)(?!\s+(?:partial|segmental))",
    since_words=r"since|unchanged|stable|compared|versus|vs\.?",
    own_exam_words=(
        r"(?:at|in)\s+our\s+(?:centre|center|clinic|practice|department|unit|facility|office)|"
        r"your\s+(?:patient'?s\s+)?(?:(?:recent|screening|diagnostic|breast|routine)\s+)*(?:mammograms?|mammography|exam(?:ination)?|ultrasound|mri|scan|images|imaging|tests?|results?)"
        r"|(?:the\s+)?results?\s+of\s+(?:the|this|your)\s+(?:[^\W\d_]+\s+)?(?:mammogram|mammography|exam(?:ination)?|ultrasound|mri)"
    ),
    past_tense=r"(?:was|were|had)(?:\s+[a-z]+)?",
    outside_words=r"outside|external|elsewhere|second[\s-]+opinion|other\s+(?:centre|center|facility|hospital|institution)",
    referral_words=r"I\s+would\s+be\s+(?:most\s+)?grateful\s+if\s+you\s+could\s+(?:see|review|assess)|I\s+am\s+referring|I'm\s+referring|(?:many\s+)?thanks?\s+(?:you\s+)?for\s+seeing\s+(?:her|this|my)|please\s+see\s+this\s+(?:patient|lady|woman)",
    own_words=(
        r"our\s+(?:own\s+)?(?:assessment|opinion|review|re-?read(?:ing)?|reading|impression|conclusion|interpretation|categori[sz]ation|classification|view)|"
        r"in\s+our\s+(?:opinion|view|assessment)|we\s+(?:would\s+)?(?:re-?)?(?:classify|categori[sz]e|assess|rate|grade|downgrade|upgrade)|"
        r"(?:on|after|at)\s+(?:our\s+)?(?:review|re-?read(?:ing)?)|(?:review|re-?read|second[\s-]+(?:opinion|reading|read))\s+(?:assessment|conclusion|result|opinion|category|impression)|"
        r"own(?=[ \t]*:)|(?:final\s+)?arbitration(?:\s+(?:result|outcome|decision|assessment))?|"
        r"consensus(?:\s+(?:result|assessment|reading|decision))?"
    ),
    exam_words=r"mx|mmg|mg|mammo\w*|us|usg|ultrasound|sono\w*|mri|dbt|tomo\w*|exam\w*|study",
    request_titles=r"(?:request\s+form|referral(?:\s+(?:to|letter|form|for))?|requisition|imaging\s+request)(?![ \t]*:)(?!.*\breport\b)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:(?:multidisciplinary|mdt|mdm|tumou?r)\s+(?:board|meeting|conference|team\s+meeting)|breast\s+mdt\b|discharge\s+(?:summary|letter))",
    pathology_titles=r"pathology(?=[ \t]+[-–|][ \t])|(?:surgical\s+|histo)?pathology\s+(?:report|department|laboratory)|histopathology(?:\s+report)?|department\s+of\s+(?:histo)?pathology",
    category_labels=r"category|type|grade|class",
    generic_plurals=r"lesions|cases|patients|women|studies|exams|findings\s+are",
    unit_words=r"o'?clock|cm|mm",
    modality_words=(
        r"mammographic|mammography|mammogram|sonographic|ultrasound|\bus|mri|tomosynthesis"
        r"|dbt|mr"
    ),
    final_words=r"(?:combined|overall|final|integrated)(?:\s+(?:assessment|bi-?rads))?",
    overall_words=r"\boverall\b|\bsummary\b|\bcombined\b|\bfinal\b",
    negated_after=r"not|excluded|ruled\s+out|unlikely|absent",
    condition_after=r"conceivable|would|could|might|if|unless|or\s+(?:higher|above|greater|worse|more)|and\s+(?:higher|above)",
    not_assessment_before=r"risk|lifetime|insurance|billing|lung|thyroid|liver|prostate",
    # RANZCR/BreastScreen synoptic 1-5 wording ("1 - no significant abnormality", "3 -
    # indeterminate / equivocal") marks an Australian synoptic report, not BI-RADS.
    other_scales=(
        r"synoptic(?:\s+(?:score|grade|category))?|screening\s+score|rcr\s+score"
        r"|no\s+significant\s+abnormality|indeterminate\s*/\s*equivocal"
    ),
    from_words=r"from",
    to_words=r"to",
    superseded_words=r"superseded|replaced|void|voided|withdrawn|in\s+error|erroneous|retracted|laterality\s+(?:error|correction|corrected)|wrong\s+(?:side|breast)|corrected\s+laterality",
    original_sections=(
        r"original\s+(?:report|impression|findings|dictation)|initial\s+report|preliminary\s+report"
        r"|initial\s+(?:impression|conclusion|assessment)"
    ),
    addendum_sections=(
        r"addendum(?:\s+\d+)?|amendment|amended\s+report|revised\s+report|corrected\s+report"
        r"|report\s+correction|correction|erratum"
    ),
    legend_sections=(
        r"key|legend|bi-?rads\s+(?:categories|key|legend)|explanation(?:\s+of\s+\w+)?"
        r"|categories|assessment\s+categories|definitions"
    ),
    acr_number_is_category=False,
    descriptor_other_nouns=(
        r"asymmetr\w*|distortion|\bcysts?\b|lymph|\bnodes?\b|densit(?:y|ies)|\bclips?\b"
        r"|marker|implant"
    ),
    descriptor_absent_after=(
        r"not\s+(?:be\s+)?(?:necessary|needed|required|indicated|recommended|advised"
        r"|seen|identified|visible|present|demonstrated)|(?:is|are|were|was)\s+absent|resolved"
    ),
    descriptor_condition_after=r"if|unless",
    after_event=r"following|after|post|s/p|status\s+post|since",
    type_words=r"type|density",
    breast_context=r"breasts?|mammo\w*|mammary",
)
