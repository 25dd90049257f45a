"""Portuguese report wording (Portugal and Brazil): "mama direita", "categoria BI-RADS"."""

from __future__ import annotations

from mammolog.reports.lang import Language

LANGUAGE = Language(
    code="pt",
    name="Português",
    detect_words=frozenset(
        "o a os as de do da dos das e em com sem não se que mama mamas direita esquerda "
        "achados exame conclusão impressão densidade calcificações nódulo ecografia "
        "ultrassonografia mamografia categoria controle controlo bilateral suspeito "
        "senhora são mamária densidade composição grosseiras ano".split()
    ),
    detect_letters="ãõçáâêôéíóúà",
    right=r"(?:mama\s+|lado\s+)?direit[oa]s?|\bMD\b|\bD\b(?=\s*:)|\bdta\b\.?|\bmama\s+dir\b\.?|\bdir\.(?=\s*\))",
    left=r"(?:mama\s+|lado\s+)?esquerd[oa]s?|\bME\b|\bE\b(?=\s*:)|\besq\b\.?",
    both=r"bilateral(?:es|mente)?|ambas\s+(?:as\s+)?mamas|ambos\s+os\s+lados|\bbilat\b\.?",
    history_sections=(
        r"lesão[\s-]alvo|alvo|"
        r"antecedentes?(?:\s+\w+)?|história(?:\s+clínica)?|histórico(?:\s+clínico)?"
        r"|indicaç(?:ão|ões)(?:\s+clínica)?"
        r"|motivo(?:\s+do\s+exame)?|dados\s+clínicos|compara(?:ção|ções)|(?:exames?|estudos?|mamografias?|ecografias?|ultrassonografias?)\s+(?:prévi[oa]s?"
        r"|anterior(?:es)?)|(?:relatório|laudo)\s+(?:inicial|preliminar|original|externo|de\s+origem)"
        r"|anamnese"
    ),
    current_sections=(
        r"achados|resultados?|conclus(?:ão|ões)|impress(?:ão|ões)(?:\s+diagnóstica)?|diagnóstico|técnica|descrição"
        r"|mamografia|ecografia|ultrassonografia|ressonância|relatório|laudo|avaliação"
        r"|recomenda(?:ção|ções)|bi-?rads|densidade(?:\s+mamária)?|composição(?:\s+mamária)?"
        r"|análise|opinião"
    ),
    assessment_labels=(
        r"conclus(?:ão|ões)|impress(?:ão|ões)(?:\s+diagnóstica)?|avaliação(?:\s+final)?"
        r"|resultado|categoria|bi-?rads|diagnóstico|classificação|opinião"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:categoria|classificação))?"
        r"|\bcategoria(?:\s+bi-?rads)?|\bcat\."
    ),
    category_words=(
        (r"malignidade\s+(?:comprovada|conhecida|confirmada)(?:\s+por\s+biópsia)?", "6"),
        (r"altamente\s+(?:suspeit\w+|sugestiv\w+\s+de\s+malignidade)", "5"),
        (r"incomplet[oa]|necessita\s+(?:de\s+)?avaliação\s+adicional", "0"),
        (r"(?:achados?\s+|les(?:ão|ões)\s+)?provavelmente\s+benign[oa]s?", "3"),
        (r"achados?\s+suspeit[oa]s?|suspeit[oa]s?", "4"),
        (r"achados?\s+benign[oa]s?|benign[oa]s?", "2"),
        (r"negativ[oa]", "1"),
    ),
    word_trailers=r"bilateral\w*|mamográfic\w*|exame|achados?|aspecto|lesão|mamas?",
    negation=(
        r"\bnão\b(?![\s-]+(?:nodular|massa)\b)|\bsem\b|\bnenhum\w*|\bnem\b|\bausência\s+de\b|\blivre\s+de\b"
        r"|\bnegativ[oa]\s+para\b|\bexclu[íi]\w*|\bdescart\w*"
    ),
    known_words=r"\bconhecid[oa]s?\b",
    history_cues=(
        r"(?<=\s)ext\.(?=[ \t(]|$)|"
        r"\b(?:segundo|conforme)\s+(?:o\s+)?pedido\b|"
        r"\bna\s+(?:altura|época)\b|\bnaquela\s+(?:altura|ocasião)\b|"
        r"\bencaminhada?\s+(?:por|para|devido)\b|"
        r"\bvigilância\s+(?:de|do|da)\b|"
        r"\bpré-?biópsia\b|\bpré-?procedimento\b|\bantes\s+da\s+biópsia\b|"
        r"\b(?:era|foi|eram|foram)\b(?=\s*$)|\b(?:seguimento|controle|controlo)\s+(?:de|do|da)\b|\bprévi[oa]s?\b|\bpreviamente\b|(?<!\bextensão\s)(?<!\bterço\s)(?<!\bregião\s)(?<!\bporção\s)(?<!\bparede\s)(?<!\baxilar\s)(?<!\bsegmento\s)(?<!\bmargem\s)(?<!\bborda\s)(?<!\bsuperfície\s)(?<!\bface\s)(?<!\bzona\s)(?<!\bnodular\s)(?<!\bplano\s)(?<!\bprofundidade\s)(?<!\btorácica\s)(?<!\btorácico\s)(?<!\brealce\s)(?<!\bcâmara\s)\banterior\w*|\bantes\b|\bantecedentes?\b"
        r"|\bcompar\w*|\b(?:19|20)\d\d\b|\bhá\s+\w+|\binicialmente\b|\bmãe\b|\birmã\b"
        r"|\btia\b|\bfamiliar\w*|\bem\s+vez\s+de\b|\balterad\w+\s+de\b|\bera\b|\btinha\b"
        r"|\bfoi\s+(?:classificad|avaliad|categorizad)\w*|\bconhecid[oa]\b"
        r"|\blaudad[oa]s?\s+(?:lá\s+)?como\b|\bem\s+outr[oa]\s+(?:serviço|centro|clínica)\b"
        r"|\brefere\b"  # "a paciente refere mamografia recente com ...": second-hand
        r"|\bextern[oa]s?\b"
    ),
    current_cues=(
        r"\batual\w*|\bactual\w*|\bhoje\b|\bagora\b|\bneste\s+exame\b|\bno\s+presente\b"
        r"|\bde\s+(?:bi-?rads|categoria)\s+\w+\s+para\s*$"
    ),
    revision_cues=r"\b(?:alterad|modificad|corrigid|reclassificad)\w*\s+(?:para|como)\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:em\s+(?:[^\W\d_]+\s+de\s+)?(?:19|20)\d\d|\(?(?:19|20)\d\d|no\s+ano\s+passado|no\s+último\s+ano|previamente"
        r"|era|foi|tinha)"
    ),
    hypothetical=(
        r"(?<![-\w])se\b|\bem\s+caso\s+de\b|\bseria\b|\bpoderia\b|\bdeveria\b|\bqualquer\b"
        r"|\bquando\b|\bcaso\s+(?:haja|ocorra|seja|apresente|se|a|o|as|os|não|persista)\b"
        r"|\bdeverá\s+ser\b|\bserá\s+(?:re)?(?:classificad|categorizad)\w*"
    ),
    clause_breaks=r";|\bmas\b|\bporém\b|\bcontudo\b|\bexceto\b|\bembora\b|\benquanto\b|\bportanto\b|\bpor\s+isso\b",
    density_context=(
        r"densidade\w*(?:\s+mamária)?|\bdens[oa]s\b|\bdens\.|padr[ãa]o(?:\s+mam[áa]rio)?"
        r"|composi[çc][ãa]o(?:\s+mam[áa]ria)?"
        r"|parênquima|tecido\s+fibroglandular"
        # "predominantemente adiposas" fits density a or b: context for a letter, no value
        r"|predominantemente\s+(?:adipos\w*|gorduros\w*)|predom[íi]nio\s+(?:de\s+tecido\s+)?adiposo"
    ),
    density_words=(
        (r"parcialmente\s+lipossubstitu[íi]d\w*", ""),  # partly fat-replaced: no one letter
        (
            r"(?:quase\s+)?(?:totalmente|inteiramente)\s+(?:adipos\w*"
            r"|gorduros\w*)|lipossubstitu[íi]d\w*",
            "a",
        ),
        (
            r"(?:áreas\s+)?esparsas\s+de\s+(?:densidade\s+|tecido\s+)?fibroglandular"
            r"|esparsas\s+áreas\s+de\s+(?:densidade\s+|tecido\s+)?fibroglandular"
            r"|densidades\s+fibroglandulares\s+esparsas|fibroglandular\w*\s+espars[oa]s?"
            r"|(?:áreas\s+)?dispersas\s+de\s+(?:densidade\s+|tecido\s+)?fibroglandular"
            r"|densidades\s+fibroglandulares\s+dispersas|fibroglandular\w*\s+dispers[oa]s?",
            "b",
        ),
        (
            r"heterogeneamente\s+dens\w*|dens[ao]s\s+e\s+heterog[êée]ne[ao]s"
            r"|mamas?\s+(?:com|de)\s+densidade\s+heterog[êée]nea(?=,?\s+(?:o\s+que\s+)?pode(?:ndo)?\s+(?:obscurecer|ocultar|mascarar))"
            r"|densidade\s+mam[áa]ria\s+heterog[êée]nea|mamas\s+densas\s+de\s+forma\s+heterog[êée]nea",
            "c",
        ),
        (r"extremamente\s+dens\w*", "d"),
    ),
    mri_tissue=(
        r"quantidade\s+de\s+tecido\s+fibroglandular|realce\s+(?:\w+\s+)?de\s+fundo"
        r"|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"calcificaç(?:ão|ões)|microcalcificaç(?:ão|ões)|calcificad\w*",
    morphology_words=(
        (r"finas?\s+lineares?(?:\s+ramificadas?)?|lineares?\s+ramificadas?", "fine-linear"),
        (r"finas?\s+pleomórficas?|pleomórficas?", "fine-pleomorphic"),
        (r"grosseiras?\s+heterogéneas?|grosseiras?\s+heterogêneas?", "coarse-heterogeneous"),
        (r"amorfas?", "amorphous"),
        (r"em\s+pipoca|grosseiras?", "coarse"),
        (r"puntiformes?|punctiformes?|redondas?", "round"),
        (r"vasculares?", "vascular"),
        (r"cutâneas?", "skin"),
    ),
    distribution_words=(
        (r"agrupadas?|em\s+grupo", "grouped"),
        (r"segmentares?", "segmental"),
        (r"regionais", "regional"),
        (r"difusas?|dispersas?", "diffuse"),
        (r"(?<!finas )(?<!fina )lineares?(?!\s+ramificadas?)", "linear"),
    ),
    mass_context=r"\bmassas?\b|\bnódulos?\b|\bles(?:ão|ões)\b",
    mass_shape_words=(
        (r"ova(?:l|is)|ovalad[oa]s?", "oval"),
        (r"redond[oa]s?", "round"),
        (r"irregular(?:es)?", "irregular"),
    ),
    mass_margin_words=(
        (r"circunscrit[oa]s?|bem\s+definid[oa]s?", "circumscribed"),
        (r"obscurecid[oa]s?", "obscured"),
        (r"microlobulad[oa]s?", "microlobulated"),
        (r"indistint[oa]s?|mal\s+definid[oa]s?", "indistinct"),
        (r"espiculad[oa]s?", "spiculated"),
    ),
    recommendation_context=(
        r"recomend\w*|aconselh\w*|suger\w*|indicad[oa]|deve\w*|\bcontrole\b|\bcontrolo\b"
        r"|seguimento|rastreio|rastreamento"
    ),
    recommendation_sections=r"recomenda(?:ção|ções)|conduta|seguimento|plano",
    recommendation_words=(
        (
            r"(?:controle|controlo|seguimento|mamografia)\s+(?:\w+\s+){0,3}(?:em|aos|dentro\s+de)"
            r"\s+(?:6|seis)\s+meses",
            "6-month-follow-up",
        ),
        (
            r"(?:controle|controlo|rastreio|rastreamento)\s+(?:anual|habitual|de\s+rotina)"
            r"|mamografia\s+anual",
            "routine-screening",
        ),
        (
            r"biópsia(?:\s+(?:percutânea|guiada|estereotáxica|por\s+agulha\s+grossa)\w*)?|\bcore\b",
            "biopsy",
        ),
        (
            r"incidências\s+adicionais|complementação\s+(?:com|por)\s+\w+|ampliação"
            r"|ecografia\s+complementar|ultrassonografia\s+complementar",
            "additional-imaging",
        ),
        (r"avaliação\s+(?:cirúrgica|oncológica)|tratamento", "treatment"),
    ),
    performed_context=r"realizad[oa]s?|efetuad[oa]s?|efectuad[oa]s?",
    procedure_sections=r"procedimento|técnica",
    procedure_words=(
        (
            r"biópsia\s+(?:\w+\s+)?estereotáxica|biópsia\s+guiada\s+por\s+estereotaxia",
            "stereotactic-biopsy",
        ),
        (
            r"biópsia\s+(?:\w+\s+){0,3}guiada\s+por\s+(?:ecografia|ultrassom|ultrassonografia)",
            "ultrasound-biopsy",
        ),
        (r"biópsia\s+guiada\s+por\s+ressonância", "mri-biopsy"),
        (r"marcação\s+pré-?operatória|agulhamento|tumorectomia|setorectomia", "surgical-excision"),
        (r"ampliação", "magnification-views"),
        (r"ecografia(?:\s+mamária)?|ultrassonografia(?:\s+mamária)?", "ultrasound"),
        (r"ressonância\s+magnética(?:\s+mamária)?", "mri"),
    ),
    pathology_context=r"anatomopatológic\w*|histolog\w*|patolog\w*|resultado\s+da\s+biópsia",
    pathology_sections=r"anatomia\s+patológica|histologia|resultado\s+histológico|patologia",
    pathology_words=(
        (r"carcinoma\s+(?:ductal\s+|lobular\s+)?(?:infiltrante|invasivo)", "invasive"),
        (r"carcinoma\s+ductal\s+in\s+situ|\bCDIS\b", "dcis"),
        (r"hiperplasia\s+ductal\s+atípica|atipia|papiloma|cicatriz\s+radial", "high-risk"),
        (r"fibroadenoma|alterações\s+fibroquísticas|necrose\s+gordurosa|benign[oa]", "benign"),
    ),
    abbreviations=frozenset("dr dra sr sra ex ext aprox etc n rev".split()),
    breast_words=r"mamas?|lado",
    side_letters_right=r"D|MD|dir",
    side_letters_left=r"E|ME|esq",
    side_articles=r"na|da|a|à|ao|em|nas|no",
    value_links=r"é|de|do|da",
    range_words=r"a|ou|e",
    list_words=r"e",
    choice_words=r"ou",
    one_side_words=r"unilateral\w*",
    removed_breast_words=r"(?:mastectom\w*)(?!\w)(?!\s+(?:parcial|segmentar))",
    since_words=r"desde|inalterad\w+|sem\s+alterações|estável|compar\w+|vs\.?",
    own_exam_words=(
        r"(?:em|n)[oa]\s+nosso\s+(?:centro|serviço|hospital)|(?:em|n)a\s+nossa\s+(?:clínica|unidade)|"
        r"(?:a\s+)?sua\s+(?:[^\W\d_]+\s+)?(?:mamografia|ecografia|ultrassonografia|ressonância)|(?:o\s+)?seu\s+(?:[^\W\d_]+\s+)?exame|o\s+exame"
        r"|(?:o\s+)?resultado\s+da\s+(?:sua\s+)?(?:[^\W\d_]+\s+)?(?:mamografia|ecografia|ultrassonografia)"
    ),
    past_tense=r"era|foi(?:\s+[^\W\d_]+)?",
    outside_words=r"extern[oa]s?|segunda\s+opinião|outra\s+(?:instituição|clínica|unidade)|outro\s+(?:serviço|centro|hospital)",
    referral_words=r"encaminho\s+(?:a|o)\s+(?:utente|doente|paciente|Sra\.?)|venho\s+por\s+este\s+meio\s+encaminhar",
    own_words=(
        r"rev\.(?=[ \t]*:)|revisão(?=[ \t]*:)|(?:na\s+|em\s+)?nossa\s+(?:avaliação|opinião|leitura|revisão|conclusão|classificação|interpretação|impressão)|"
        r"(?:re)?classificamos|(?:conclusão|avaliação|resultado)\s+(?:da\s+)?(?:revisão|segunda\s+(?:opinião|leitura)|releitura)"
    ),
    exam_words=r"mx|mmg|mamo\w*|usg|us|eco\w*|rm|tomo\w*|exame",
    request_titles=r"(?:carta\s+de\s+(?:encaminhamento|referenciação)|pedido\s+(?:de\s+exame|médico)|requisição\s+de\s+exame|guia\s+de\s+encaminhamento|encaminhamento\s+(?:para|ao|à))(?![ \t]*:)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:reuni[ãa]o\s+de\s+decis[ãa]o\s+terap[êe]utica|reunião\s+multidisciplinar|consulta\s+de\s+grupo\s+multidisciplinar|nota\s+de\s+alta)",
    pathology_titles=r"laudo\s+(?:anatomopatológico|histopatológico|de\s+anatomia\s+patológica)|(?:serviço\s+de\s+)?anatomia\s+patológica",
    category_labels=r"categoria|tipo|grau|classe",
    generic_plurals=r"lesões|casos|pacientes|mulheres|exames",
    unit_words=r"h|horas?|cm|mm",
    modality_words=(
        r"mamográfic\w*|mamografia|ecográfic\w*|ecografia|ultrassonográfic\w*|ultrassonografia"
        r"|ressonância|tomossíntese"
    ),
    final_words=(
        r"(?:avaliação|categoria|classificação|impressão)(?:\s+(?:final|global|combinada|conjunta)){1,2}"
        r"|conclusão(?:\s+final)?|em\s+conjunto"
    ),
    overall_words=r"\bglobal(?:mente)?\b|\bem\s+conjunto\b|\bcombinad[oa]\b",
    negated_after=r"não|excluíd\w*|improvável|ausente\w*",
    condition_after=r"(?<!-)se|seria|poderia|em\s+caso|ou\s+(?:superior\w*|maior\w*|mais)",
    not_assessment_before=r"risco|pulmonar|tireoid\w*|tiroide\w*|hepátic\w*|próstat\w*",
    other_scales=r"synopti\w*|tabár|tabar",
    from_words=r"de",
    to_words=r"para",
    superseded_words=r"por\s+(?:erro|lapso)|substituíd\w*|anulad\w*|errad\w*|errône\w*|invalidad\w*|correção\s+de\s+lateralidade|erro\s+de\s+lateralidade|lado\s+errado",
    original_sections=r"(?:laudo|relatório)\s+(?:original|inicial)",
    addendum_sections=r"adenda|adendo|addendum|relatório\s+(?:corrigido|complementar)|laudo\s+(?:corrigido|retificado)|aditamento|retificação|errata",
    legend_sections=r"legenda|categorias(?:\s+bi-?rads)?|definições",
    acr_number_is_category=False,
    descriptor_other_nouns=(
        r"quisto\w*|cisto\w*|linfonod\w*|gânglio\w*|distorção|assimetria\w*|clip\w*|prótese\w*"
    ),
    descriptor_absent_after=(
        r"não\s+(?:se\s+)?(?:observa\w*|visualiza\w*|identifica\w*|necessári[oa]|indicad[oa])"
        r"|desaparec\w*"
    ),
    descriptor_condition_after=r"(?<!-)se|em\s+caso",
    after_event=r"após|depois\s+de|pós|desde",
    type_words=r"tipo|padrão|densidade",
    breast_context=r"mamas?|mamári\w*|mamo\w*",
)
