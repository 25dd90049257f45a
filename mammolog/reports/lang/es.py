"""Spanish report wording (Spain and Latin America): "mama derecha", "categoría BI-RADS"."""

from __future__ import annotations

from mammolog.reports.lang import Language

LANGUAGE = Language(
    code="es",
    name="Español",
    detect_words=frozenset(
        "el la los las de del y en con sin se que mama mamas derecha izquierda hallazgos "
        "estudio conclusión impresión densidad calcificaciones nódulo no hay se observa "
        "observan categoría control bilateral recomendación ecografía mamografía sospechoso "
        "usted señora mamaria densidad composición".split()
    ),
    detect_letters="ñáíóúé¿¡",
    right=r"(?:mama\s+|lado\s+)?derech[oa]s?|\bMD\b|\bD\b(?=\s*:)|\bdcha\b\.?",
    left=r"(?:mama\s+|lado\s+)?izquierd[oa]s?|\bMI\b|\bI\b(?=\s*:)|\bizq(?:da)?\b\.?",
    both=r"bilateral(?:es|mente)?|ambas\s+mamas|ambos\s+lados|\bbilat\b\.?",
    history_sections=(
        r"lesión\s+diana|diana|"
        r"antecedentes?(?:\s+\w+)?|historia(?:\s+clínica)?|indicaci(?:ón|ones)|motivo(?:\s+de"
        r"\s+(?:consulta|estudio|exploración))?|datos\s+clínicos|comparaci(?:ón|ones)"
        r"|(?:estudios?|mamograf[íi]as?|ecograf[íi]as?|ex[áa]men(?:es)?)\s+(?:previ[oa]s?|anterior(?:es)?)|informe\s+(?:inicial|preliminar|original|externo)|anamnesis"
    ),
    current_sections=(
        r"hallazgos|resultados?|conclusi(?:ón|ones)|impresi(?:ón|ones)(?:\s+diagnóstica)?|diagnóstico|técnica"
        r"|descripción|mamografía|ecografía|resonancia|informe|valoración|evaluación"
        r"|recomendaci(?:ón|ones)|bi-?rads|densidad(?:\s+mamaria)?|composición(?:\s+mamaria)?"
    ),
    assessment_labels=(
        r"conclusi(?:ón|ones)|impresi(?:ón|ones)(?:\s+diagnóstica)?|valoración(?:\s+final)?"
        r"|evaluación(?:\s+final)?|resultado|categoría|bi-?rads|diagnóstico"
    ),
    category_anchor=(
        r"(?:bi-?\s?rads|birads)(?:\s*®|\s*\(r\)|™)?(?:\s*[:\-]?\s*(?:categoría|clasificación))?"
        r"|\bcategoría(?:\s+bi-?rads)?|\bcat\."
    ),
    category_words=(
        (r"malignidad\s+(?:conocida|comprobada|confirmada)(?:\s+por\s+biopsia)?", "6"),
        (r"altamente\s+sugestiv\w+\s+de\s+malignidad|altamente\s+sospechos\w+", "5"),
        (r"incomplet[oa]|(?:requiere|necesita)\s+(?:evaluación|estudios?)\s+adicional\w*", "0"),
        (r"(?:hallazgos?\s+|lesi(?:ón|ones)\s+)?probablemente\s+benign[oa]s?", "3"),
        (r"hallazgos?\s+sospechos[oa]s?|sospechos[oa]s?", "4"),
        (r"hallazgos?\s+benign[oa]s?|benign[oa]s?", "2"),
        (r"negativ[oa]", "1"),
    ),
    word_trailers=r"bilateral\w*|mamográfic\w*|estudio|hallazgos?|aspecto|lesión|mamas?",
    negation=(
        r"\bno\b(?![\s-]+(?:masa|nodular)\b)|\bsin\b|\bningún\b|\bninguna?\b|\bni\b|\bausencia\s+de\b|\blibre\s+de\b"
        r"|\bnegativ[oa]\s+para\b|\bdescart\w*"
    ),
    known_words=r"\bconocid[oa]s?\b",
    history_cues=(
        r"\bsegún\s+(?:la\s+)?(?:solicitud|petición|volante)\b|"
        r"\ben\s+(?:ese|aquel)\s+(?:momento|entonces)\b|\ben\s+aquel\s+entonces\b|"
        r"\b(?:remitida?|derivada?)\s+(?:por|para)\b|"
        r"\bvigilancia\s+(?:de|del)\b|"
        r"\bpre-?biopsi\w*|\bprevi[ao]\s+a\s+la\s+biopsia\b|\bpre-?procedimiento\b|"
        r"\b(?:era|fue|eran|fueron)\b(?=\s*$)|\bcontrol\s+(?:evolutivo\s+)?de\b|\bseguimiento\s+de\b|\bprevi[oa]s?\b|\bpreviamente\b|(?<!\bextensión\s)(?<!\btercio\s)(?<!\bregión\s)(?<!\bporción\s)(?<!\bpared\s)(?<!\baxilar\s)(?<!\bsegmento\s)(?<!\bmargen\s)(?<!\bborde\s)(?<!\bsuperficie\s)(?<!\bcara\s)(?<!\bzona\s)(?<!\bnodular\s)(?<!\bplano\s)(?<!\bprofundidad\s)(?<!\btorácica\s)(?<!\btorácico\s)(?<!\brealce\s)(?<!\bcámara\s)\banterior\w*|\bantes\b|\bantecedentes?\b"
        r"|\bcompar\w*|\b(?:19|20)\d\d\b|\bhace\s+\w+|\binicialmente\b|\bmadre\b|\bhermana\b"
        r"|\btía\b|\bfamiliar\w*|\ben\s+lugar\s+de\b|\bmodific\w*\s+de\b|\bcambi\w*\s+de\b|\bera\b|\bhabía\b"
        r"|\bfue\s+(?:clasificad|valorad|categorizad)\w*|\bconocid[oa]\b"
        r"|\ben\s+otro\s+centro\b|\binformad[oa]s?\s+(?:allí\s+)?como\b"
        r"|\bextern[oa]s?\b"
    ),
    current_cues=(
        r"\bactual\w*|\bhoy\b|\bahora\b|\beste\s+estudio\b|\ben\s+el\s+presente\b"
        r"|\bde\s+(?:bi-?rads|categoría)\s+\w+\s+a\s*$"
    ),
    revision_cues=r"\b(?:modific|cambi|corrig|reclasific)\w*\s+(?:(?:la|el)\s+(?:categoría|clasificación)\s+)?(?:a|en|como)\s*$",
    past_after=(
        r"^\s*(?:\)|,)?\s*(?:en\s+(?:[^\W\d_]+\s+de\s+)?(?:19|20)\d\d|\(?(?:19|20)\d\d|el\s+año\s+pasado|previamente"
        r"|era|fue|había)"
    ),
    hypothetical=(
        r"\bsi\b|\ben\s+caso\s+de\b|\b\w+(?:aría|ería|iría|dría)\b|\bcualquier\b|\bcuando\b"
    ),
    clause_breaks=r";|\bpero\b|\bsin\s+embargo\b|\bexcepto\b|\baunque\b|\bmientras\b|\bpor\s+(?:lo\s+)?tanto\b|\bpor\s+ello\b|\bpor\s+eso\b",
    density_context=(
        r"densidad\w*(?:\s+mamaria)?|\bdens[oa]s\b|\bdens\.|patr[óo]n(?:\s+mamario)?"
        r"|composici[óo]n(?:\s+mamaria)?|par[ée]nquima|tejido\s+fibroglandular"
        # "predominio graso" fits density a or b: context for a letter after it, no value
        r"|predominantemente\s+(?:grasa\w*|adipos\w*)|predominio\s+(?:de\s+tejido\s+)?(?:graso|adiposo)"
    ),
    density_words=(
        (
            r"(?:casi\s+)?(?:totalmente|completamente)\s+(?:grasa\w*|adipos\w*)"
            r"|mamas?\s+grasas",
            "a",
        ),
        (
            r"(?:áreas\s+)?dispersas\s+de\s+(?:densidad\s+|tejido\s+)?fibroglandular"
            r"|fibroglandular\w*\s+dispers\w*",
            "b",
        ),
        (
            r"heterog[ée]neamente\s+dens\w*|dens[ao]s?\s+(?:y\s+)?heterog[ée]ne[ao]s?"
            r"|mamas?\s+(?:con|de)\s+densidad\s+heterog[ée]nea|densidad\s+mamaria\s+heterog[ée]nea",
            "c",
        ),
        (r"extremadamente\s+dens\w*", "d"),
    ),
    mri_tissue=(
        r"cantidad\s+de\s+tejido\s+fibroglandular|realce\s+(?:\w+\s+)?de\s+fondo"
        r"|\bFGT\b|\bBPE\b"
    ),
    calcification_context=r"calcificaciones?|microcalcificaciones?|calcificad\w*",
    morphology_words=(
        (r"finas?\s+lineales?(?:\s+ramificadas?)?|lineales?\s+ramificadas?", "fine-linear"),
        (r"finas?\s+pleomórficas?|pleomórficas?", "fine-pleomorphic"),
        (r"groseras?\s+heterogéneas?", "coarse-heterogeneous"),
        (r"amorfas?", "amorphous"),
        (r"en\s+palomita\s+de\s+maíz|groseras?", "coarse"),
        (r"puntiformes?|redondeadas?|redondas?", "round"),
        (r"vasculares?", "vascular"),
        (r"cutáneas?", "skin"),
    ),
    distribution_words=(
        (r"agrupadas?|en\s+grupo|en\s+racimo", "grouped"),
        (r"segmentarias?", "segmental"),
        (r"regionales?", "regional"),
        (r"difusas?|dispersas?", "diffuse"),
        (r"(?<!finas )(?<!fina )lineales?(?!\s+ramificadas?)", "linear"),
    ),
    mass_context=r"\bmasas?\b|\bnódulos?\b|\blesi(?:ón|ones)\b",
    mass_shape_words=(
        (r"ovalad[oa]s?|ovales?", "oval"),
        (r"redondead[oa]s?|redond[oa]s?", "round"),
        (r"irregulares?", "irregular"),
    ),
    mass_margin_words=(
        (r"circunscrit[oa]s?|bien\s+definid[oa]s?", "circumscribed"),
        (r"oscurecid[oa]s?", "obscured"),
        (r"microlobulad[oa]s?", "microlobulated"),
        (r"indistint[oa]s?|mal\s+definid[oa]s?", "indistinct"),
        (r"espiculad[oa]s?", "spiculated"),
    ),
    recommendation_context=(
        r"recom(?:ie|e)nd\w*|aconsej\w*|sugier\w*|se\s+indica|debe\w*|\bcontrol\b|seguimiento"
        r"|cribado|próxim[oa]\s+(?:control|mamografía)"
    ),
    recommendation_sections=r"recomendaci(?:ón|ones)|plan|seguimiento|conducta",
    recommendation_words=(
        (
            r"(?:control|seguimiento|mamografía)\s+(?:\w+\s+){0,3}(?:en|a\s+los)\s+(?:6|seis)"
            r"\s+meses",
            "6-month-follow-up",
        ),
        (
            r"control\s+(?:anual|rutinario|habitual)|cribado\s+(?:anual|habitual|rutinario)"
            r"|mamografía\s+(?:anual|de\s+cribado)",
            "routine-screening",
        ),
        (
            r"biopsia(?:\s+con\s+aguja\s+gruesa|\s+(?:guiada|estereotáctica|asistida)\w*)?"
            r"|\bBAG\b|\bBAV\b",
            "biopsy",
        ),
        (
            r"proyecciones\s+adicionales|estudio\s+complementario|ecografía\s+complementaria"
            r"|magnificación",
            "additional-imaging",
        ),
        (r"valoración\s+quirúrgica|tratamiento|comité\s+de\s+tumores", "treatment"),
    ),
    performed_context=r"realizad[oa]s?|efectuad[oa]s?|practicad[oa]s?|se\s+realiz\w+",
    procedure_sections=r"procedimiento|técnica",
    procedure_words=(
        (
            r"biopsia\s+(?:\w+\s+)?estereot[aá]ctica|biopsia\s+guiada\s+por\s+estereotaxia",
            "stereotactic-biopsy",
        ),
        (
            r"biopsia\s+(?:\w+\s+){0,3}guiada\s+por\s+ecografía|\bBAG\b\s+ecoguiada",
            "ultrasound-biopsy",
        ),
        (r"biopsia\s+guiada\s+por\s+resonancia", "mri-biopsy"),
        (r"marcaje\s+(?:con\s+arpón|prequirúrgico)|tumorectomía", "surgical-excision"),
        (r"magnificación", "magnification-views"),
        (r"ecografía(?:\s+mamaria)?", "ultrasound"),
        (r"resonancia\s+magnética(?:\s+mamaria)?", "mri"),
    ),
    pathology_context=(
        r"anatom[ií]a\s+patológica|histolog\w*|patolog\w*|resultado\s+de\s+la\s+biopsia"
        r"|compatible\s+con|diagnóstico"
    ),
    pathology_sections=r"anatomía\s+patológica|histología|resultado\s+histológico|patología",
    pathology_words=(
        (r"carcinoma\s+(?:ductal\s+|lobulillar\s+)?(?:infiltrante|invasivo)", "invasive"),
        (r"carcinoma\s+ductal\s+in\s+situ|\bCDIS\b", "dcis"),
        (
            r"hiperplasia\s+(?:ductal|lobulillar)\s+atípica|atipia\w*|papiloma"
            r"|cicatriz\s+radial",
            "high-risk",
        ),
        (r"fibroadenoma|cambios\s+fibroquísticos|necrosis\s+grasa|benign[oa]", "benign"),
    ),
    abbreviations=frozenset("dr dra sr sra ej aprox núm etc".split()),
    breast_words=r"mamas?|lado",
    side_letters_right=r"D|MD|dcha|dx",
    side_letters_left=r"I|MI|izq|izda|sx",
    side_articles=r"en\s+la|de\s+la|la|en|de",
    value_links=r"es|de",
    range_words=r"a|o|y",
    list_words=r"y",
    choice_words=r"o|u",
    one_side_words=r"unilateral\w*",
    removed_breast_words=r"(?:mastectom\w*)(?!\w)(?!\s+(?:parcial|segmentaria))",
    since_words=r"desde|sin\s+cambios|estable|compar\w+|vs\.?",
    own_exam_words=(
        r"en\s+nuestro\s+(?:centro|servicio|hospital)|en\s+nuestra\s+(?:unidad|clínica|consulta)|"
        r"su\s+(?:[^\W\d_]+\s+)?(?:mamografía|mamografia|estudio|exploración|ecografía|prueba|resonancia)"
        r"|(?:el\s+)?resultado\s+de\s+(?:la|su)\s+(?:[^\W\d_]+\s+)?(?:mamografía|mamografia|ecografía|resonancia)"
    ),
    past_tense=r"era|fue(?:\s+[^\W\d_]+)?",
    outside_words=r"extern[oa]s?|segunda\s+opinión|otro\s+(?:centro|hospital)|de\s+origen|revisión\s+de\s+(?:estudio|imágenes|mamografía)",
    referral_words=r"le\s+remito\s+a\s+(?:la\s+)?(?:paciente|Sra\.?|señora|doña)|remito\s+a\s+la\s+paciente|derivo\s+a\s+la\s+paciente",
    own_words=(
        r"en\s+nuestra\s+(?:opinión|opinion|valoración|revisión|lectura)|"
        r"nuestra\s+(?:valoración|evaluación|opinión|opinion|conclusión|lectura|clasificación|categorización|impresión)|"
        r"(?:re)?clasificamos|(?:conclusión|valoración|resultado)\s+(?:de\s+la\s+)?(?:revisión|segunda\s+(?:opinión|lectura)|relectura)"
    ),
    exam_words=r"mx|mmg|mamo\w*|masto\w*|eco\w*|us|rm|tomo\w*|estudio|examen",
    request_titles=r"(?:solicitud\s+de\s+(?:estudio|examen|mamografía|interconsulta)|hoja\s+de\s+derivación|derivación\s+a)(?![ \t]*:)"
    r"|(?:(?-i:[A-ZÀ-ÞА-ЯЁ])[\w-]*[ \t]+(?:[–-][ \t]+)?){0,3}(?:comité\s+(?:multidisciplinar\w*|de\s+tumores)|informe\s+de\s+alta)",
    pathology_titles=r"(?:servicio\s+de\s+)?anatomía\s+patológica|informe\s+(?:histopatológico|anatomopatológico|de\s+anatomía\s+patológica)",
    category_labels=r"categoría|tipo|grado|clase",
    generic_plurals=r"lesiones|casos|pacientes|mujeres|estudios",
    unit_words=r"h|horas?|cm|mm",
    modality_words=r"mamográfic\w*|mamografía|ecográfic\w*|ecografía|resonancia|tomosíntesis",
    final_words=(
        r"(?:valoración|evaluación|categoría|clasificación|impresión)(?:\s+(?:final|global|conjunta|definitiva)){1,2}"
        r"|conclusión|en\s+conjunto|global(?:mente)?"
    ),
    overall_words=r"\bglobal(?:mente)?\b|\ben\s+conjunto\b|\bconjunta\b",
    negated_after=r"no|descartad\w*|improbable|ausente\w*",
    condition_after=r"si|sería|podría|en\s+caso|o\s+(?:superior\w*|mayor\w*|más)|y\s+superior\w*",
    not_assessment_before=r"riesgo|pulmonar|tiroide\w*|hepátic\w*|próstat\w*",
    other_scales=r"synopti\w*|tabár|tabar",
    from_words=r"de",
    to_words=r"a",
    superseded_words=r"por\s+error(?:\s+de\s+transcripción)?|error\s+de\s+transcripción|sustituid\w*|reemplazad\w*|anulad\w*|erróne\w*|invalidad\w*|corrección\s+de\s+(?:la\s+)?lateralidad|error\s+de\s+lateralidad",
    original_sections=r"informe\s+(?:original|inicial)",
    addendum_sections=r"adenda|adendum|addendum|anexo|informe\s+(?:corregido|modificado|complementario)|corrección|fe\s+de\s+erratas",
    legend_sections=r"leyenda|categorías\s+bi-?rads|definiciones|clave",
    acr_number_is_category=False,
    descriptor_other_nouns=(
        r"quiste\w*|ganglio\w*|adenopatía\w*|distorsión|asimetría\w*|clip\w*|prótesis|implante\w*"
    ),
    descriptor_absent_after=(
        r"no\s+(?:se\s+)?(?:observa\w*|visualiza\w*|identifica\w*|necesari[oa]|indicad[oa])"
        r"|han\s+desaparecido"
    ),
    descriptor_condition_after=r"si|en\s+caso",
    after_event=r"tras|después\s+de|posterior\s+a|desde",
    type_words=r"tipo|patrón|densidad",
    breast_context=r"mamas?|mamari\w*|mamo\w*",
)
