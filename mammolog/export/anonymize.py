"""De-identify DICOM objects for exported media (PS3.15 Annex E, Basic Profile).

Applies the Basic Application Level Confidentiality Profile: identifying attributes are
removed, emptied or replaced with dummies; private tags, curves, overlays and icon images are
removed; every instance UID is replaced consistently across one export with a UID under
``2.25.`` derived from a per-export secret; dates and times are emptied unless the Retain
Longitudinal Temporal Information (Full Dates) option is chosen. Structured report content is
kept but cleaned (Clean Structured Content option): person names are replaced, and the known
identifiers (name components, patient IDs, birth dates) are scrubbed from every text value.

Encapsulated documents (PDF, CDA) cannot be cleaned safely (text may sit in compressed
streams or in scanned images), so callers must drop them when anonymizing:
:func:`can_anonymize` says which objects those are.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.sequence import Sequence as DicomSequence
from pydicom.valuerep import PersonName

from mammolog.export.dicomdir_writer import IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME
from mammolog.export.visible_text import (
    VisibleTextError,
    html_visible_text,
    pdf_visible_text,
    scrub_html,
)

ANONYMOUS_NAME = "Anonymous"
_TEXT_VRS = {"LO", "SH", "ST", "LT", "UT", "UC", "PN", "CS", "AE", "UR"}
_DATE_VRS = {"DA", "DT", "TM"}
# Dummy values (action D) where a date is Type 1: SR content and SR Content Date/Time.
_DUMMY_DATES = {"DA": "19000101", "TM": "000000", "DT": "19000101000000"}

# Attributes the Basic Profile removes (action X, or X/Z/D where removal is allowed).
_REMOVE = frozenset(
    """
    AcquisitionComments AcquisitionDeviceProcessingDescription
    AcquisitionProtocolDescription ActualHumanPerformersSequence AdditionalPatientHistory
    AdmissionID AdmittingDiagnosesCodeSequence AdmittingDiagnosesDescription Allergies
    Arbitrary AssignedLocation AuthorObserverSequence BranchOfService CassetteID
    ConsultingPhysicianName ConsultingPhysicianIdentificationSequence
    ContentCreatorIdentificationCodeSequence ContributionDescription CountryOfResidence
    CurrentPatientLocation CustodialOrganizationSequence DataSetTrailingPadding
    DerivationDescription DetectorID DeviceSerialNumber DeviceDescription
    DigitalSignaturesSequence DischargeDiagnosisDescription DistributionAddress DistributionName
    EthnicGroup FrameComments GantryID GeneratorID
    HumanPerformerName HumanPerformerOrganization IconImageSequence IdentifyingComments
    ImageComments ImagePresentationComments ImagingServiceRequestComments InstitutionAddress
    InstitutionCodeSequence InstitutionName InstitutionalDepartmentName
    InstitutionalDepartmentTypeCodeSequence IssuerOfAdmissionID IssuerOfPatientID
    IssuerOfPatientIDQualifiersSequence LastMenstrualDate MACParametersSequence MedicalAlerts
    MedicalRecordLocator MilitaryRank ModifiedAttributesSequence ModifyingDeviceID
    NameOfPhysiciansReadingStudy NamesOfIntendedRecipientsOfResults Occupation OperatorsName
    OperatorIdentificationSequence OrderCallbackPhoneNumber OrderEnteredBy
    OrderEntererLocation OriginalAttributesSequence OtherPatientIDs OtherPatientIDsSequence
    OtherPatientNames ParticipantSequence PatientAddress PatientAge PatientBirthName
    PatientBirthTime PatientComments PatientInstitutionResidence PatientInsurancePlanCodeSequence
    PatientMotherBirthName PatientPrimaryLanguageCodeSequence
    PatientPrimaryLanguageModifierCodeSequence PatientReligiousPreference PatientSize
    PatientState PatientTelephoneNumbers PatientTransportArrangements PatientWeight
    PerformedLocation PerformedProcedureStepDescription PerformedProcedureStepID
    PerformedStationAETitle PerformedStationGeographicLocationCodeSequence PerformedStationName
    PerformedStationNameCodeSequence PerformingPhysicianIdentificationSequence
    PerformingPhysicianName PersonAddress PersonTelephoneNumbers PersonTelecomInformation
    PhysicianApprovingInterpretation PhysiciansOfRecord PhysiciansOfRecordIdentificationSequence
    PhysiciansReadingStudyIdentificationSequence PlateID
    PregnancyStatus ProtocolName ReasonForStudy ReasonForTheImagingServiceRequest
    ReasonForTheRequestedProcedure ReferencedPatientAliasSequence ReferencedPatientSequence
    ReferringPhysicianAddress ReferringPhysicianIdentificationSequence
    ReferringPhysicianTelephoneNumbers RegionOfResidence RequestAttributesSequence
    RequestedContrastAgent RequestedProcedureComments
    RequestedProcedureLocation RequestingPhysician RequestingService
    ResponsibleOrganization ResponsiblePerson ResponsiblePersonRole ResultsComments
    ResultsDistributionListSequence ResultsIDIssuer ReviewerName ScheduledHumanPerformersSequence
    ScheduledPatientInstitutionResidence ScheduledPerformingPhysicianIdentificationSequence
    ScheduledPerformingPhysicianName ScheduledProcedureStepDescription ScheduledProcedureStepID
    ScheduledProcedureStepLocation ScheduledStationAETitle ScheduledStationName
    ScheduledStudyLocation ScheduledStudyLocationAETitle SeriesDescription ServiceEpisodeDescription
    ServiceEpisodeID SmokingStatus SourceApplicationEntityTitle SpecialNeeds StationName
    StudyComments StudyDescription StudyIDIssuer TextComments TextString TimezoneOffsetFromUTC
    TopicAuthor TopicKeywords TopicSubject TopicTitle VerifyingOrganization VisitComments
    EncryptedAttributesSequence PatientBirthDateInAlternativeCalendar
    PatientDeathDateInAlternativeCalendar PatientAlternativeCalendar PatientSexNeutered
    """.split()
)

# Type 2 attributes that are kept but emptied (action Z).
_EMPTY = frozenset(
    """
    PatientBirthDate PatientSex ReferringPhysicianName StudyID ContrastBolusAgent
    AccessionNumber PlacerOrderNumberImagingServiceRequest
    FillerOrderNumberImagingServiceRequest RequestedProcedureID RequestedProcedureDescription
    ContentCreatorName
    VerifyingObserverName VerifyingObserverIdentificationCodeSequence
    PersonIdentificationCodeSequence
    """.split()
)

# UIDs that name a class, syntax or scheme rather than one object: never replaced.
_KEEP_UID_KEYWORDS = frozenset(
    """
    SOPClassUID ReferencedSOPClassUID MediaStorageSOPClassUID TransferSyntaxUID
    ImplementationClassUID CodingSchemeUID ContextGroupExtensionCreatorUID
    MappingResourceUID ReferencedSOPClassUIDInFile ReferencedTransferSyntaxUIDInFile
    RelatedGeneralSOPClassUID OriginalSpecializedSOPClassUID PrivateInformationCreatorUID
    ContextUID CodingSchemeRegistry
    """.split()
)

BASIC_PROFILE_CODE = ("113100", "Basic Application Confidentiality Profile")
RETAIN_DATES_CODE = ("113106", "Retain Longitudinal Temporal Information Full Dates Option")
CLEAN_STRUCTURED_CONTENT_CODE = ("113104", "Clean Structured Content Option")


class AnonymizeError(Exception):
    """An object cannot be de-identified (the message says why)."""


@dataclass(frozen=True)
class Identifiers:
    """Known identifying strings gathered from the originals, for scrubbing and checking."""

    name_components: tuple[str, ...]
    patient_ids: tuple[str, ...]
    birth_dates: tuple[str, ...]

    def tokens(self) -> tuple[str, ...]:
        """Every string that must not survive, longest first."""
        found = {*self.name_components, *self.patient_ids, *self.birth_dates}
        return tuple(sorted((t for t in found if _worth_scrubbing(t)), key=len, reverse=True))


def _worth_scrubbing(token: str) -> bool:
    return len(token) >= 2 or any(ord(ch) > 127 for ch in token)


def _wide(token: str) -> bool:
    """True if `token` holds East Asian wide characters (CJK, kana, Hangul): scripts that are
    written without spaces between words, so a name must be matched wherever it occurs."""
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in token)


def _token_regex(token: str) -> str:
    body = re.escape(token)
    if _wide(token):
        return body
    if token.isdigit():
        # a numeric ID or date: whole numbers, even when glued to letters ("MRN4711")
        return rf"(?<!\d){body}(?!\d)"
    return rf"(?<!\w){body}(?!\w)"


def identifier_pattern(tokens: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern that finds `tokens` as whole words (None if no tokens).

    Word boundaries are Unicode-aware: a token matches only where it is not part of a longer
    word (letters, digits or ``_`` on either side). Numeric tokens match whole numbers;
    tokens in scripts written without spaces (Chinese, Japanese, Korean) match anywhere.
    """
    ordered = sorted({t for t in tokens if t}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(_token_regex(t) for t in ordered), re.IGNORECASE)


def name_components(name: object) -> list[str]:
    """Split a PN value into its components across all three groups (alphabetic, ideographic,
    phonetic); '^' and '=' separate them."""
    text = str(name) if name is not None else ""
    parts = re.split(r"[\^=]", text)
    return [part.strip() for part in parts if part.strip()]


def collect_identifiers(headers: Iterable[Dataset]) -> Identifiers:
    """Gather names, patient IDs and birth dates from the original headers."""
    names: set[str] = set()
    ids: set[str] = set()
    births: set[str] = set()
    for header in headers:
        for keyword in ("PatientName", "OtherPatientNames", "PatientBirthName"):
            value = header.get(keyword)
            values = value if isinstance(value, MultiValue | list) else [value]
            for item in values:
                names.update(name_components(item))
        for keyword in ("PatientID", "OtherPatientIDs"):
            value = header.get(keyword)
            values = value if isinstance(value, MultiValue | list) else [value]
            ids.update(str(item).strip() for item in values if item and str(item).strip())
        for item in header.get("OtherPatientIDsSequence", []):
            if str(item.get("PatientID", "")).strip():
                ids.add(str(item.PatientID).strip())
        birth = str(header.get("PatientBirthDate", "") or "").strip()
        if birth and birth.strip("0"):
            births.add(birth)
    return Identifiers(tuple(sorted(names)), tuple(sorted(ids)), tuple(sorted(births)))


def can_anonymize(header: Dataset) -> bool:
    """False for objects whose content cannot be cleaned safely (encapsulated documents)."""
    sop_class = str(header.get("SOPClassUID", ""))
    return not sop_class.startswith("1.2.840.10008.5.1.4.1.1.104.") and (
        "EncapsulatedDocument" not in header
    )


def _code_item(value: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = "DCM"
    item.CodeMeaning = meaning
    return item


class Anonymizer:
    """De-identifies datasets for one export; UID and patient ID mappings stay consistent."""

    def __init__(
        self,
        identifiers: Identifiers,
        *,
        retain_dates: bool = False,
        uid_secret: bytes | None = None,
    ) -> None:
        """Prepare for one export; `uid_secret` fixes the UID mapping (random if None)."""
        self.identifiers = identifiers
        self.retain_dates = retain_dates
        self._secret = uid_secret if uid_secret is not None else secrets.token_bytes(32)
        self._uids: dict[str, str] = {}
        self._patient_ids: dict[str, str] = {}
        tokens = identifiers.tokens()
        # anywhere (substring): for new UIDs, which must not spell an ID or date at all
        self._anywhere = (
            re.compile("|".join(re.escape(t) for t in tokens), re.IGNORECASE) if tokens else None
        )
        # whole words: for text people read, so that "Li" never touches "Clinical"
        self._pattern = identifier_pattern(tokens)

    def new_uid(self, uid: str) -> str:
        """The replacement for `uid`: the same for the same input throughout this export."""
        uid = uid.strip().rstrip("\x00")
        mapped = self._uids.get(uid)
        counter = 0
        while mapped is None:
            seed = self._secret + uid.encode("ascii", "replace") + counter.to_bytes(4, "big")
            candidate = f"2.25.{int.from_bytes(hashlib.sha256(seed).digest()[:16], 'big')}"
            # A new UID must not spell out a numeric patient ID or birth date by chance
            # (given up after many tries for very short numeric IDs, which match anything).
            clean = self._anywhere is None or not self._anywhere.search(candidate)
            if clean or counter >= 1000:
                mapped = self._uids[uid] = candidate
            counter += 1
        return mapped

    def pseudonym(self, patient_id: str) -> str:
        """A stable dummy Patient ID per original Patient ID (ANON0001, ANON0002, ...)."""
        key = patient_id.strip()
        if key not in self._patient_ids:
            self._patient_ids[key] = f"ANON{len(self._patient_ids) + 1:04d}"
        return self._patient_ids[key]

    def scrub_text(self, text: str) -> str:
        """Replace every known identifier in free text with asterisks.

        Identifiers are matched as whole words, ignoring case (see :func:`identifier_pattern`):
        ``Li`` is scrubbed in "Li, Na" but "Clinical" is left alone.
        """
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda match: "*" * min(len(match.group(0)), 8), text)

    def names_found(self, text: str) -> list[str]:
        """The known identifiers that occur in `text` as whole words (empty if none)."""
        if self._pattern is None or not text:
            return []
        return sorted({match.group(0) for match in self._pattern.finditer(text)})

    def anonymize(self, ds: Dataset) -> bool:
        """De-identify `ds` in place (file meta included). Return True if SR content was
        cleaned (the Clean Structured Content option applies)."""
        if not can_anonymize(ds):
            raise AnonymizeError("encapsulated documents cannot be de-identified safely")
        original_id = str(ds.get("PatientID", "") or "")
        ds.remove_private_tags()
        self._clean(ds, dummy_dates=False)
        if "ContentSequence" in ds and not self.retain_dates:
            ds.ContentDate = _DUMMY_DATES["DA"]
            ds.ContentTime = _DUMMY_DATES["TM"]
        ds.PatientName = ANONYMOUS_NAME
        ds.PatientID = self.pseudonym(original_id)
        ds.PatientIdentityRemoved = "YES"
        ds.LongitudinalTemporalInformationModified = (
            "UNMODIFIED" if self.retain_dates else "REMOVED"
        )
        cleaned_sr = "ContentSequence" in ds
        # Patient-level attributes: the same codes on every object of the export, since the
        # structured-content cleaning is applied wherever content exists.
        codes = [BASIC_PROFILE_CODE, CLEAN_STRUCTURED_CONTENT_CODE]
        if self.retain_dates:
            codes.append(RETAIN_DATES_CODE)
        ds.DeidentificationMethod = "PS3.15 E.1 Basic Profile" + (
            ", dates retained" if self.retain_dates else ""
        )
        ds.DeidentificationMethodCodeSequence = DicomSequence(
            [_code_item(value, meaning) for value, meaning in codes]
        )
        meta = getattr(ds, "file_meta", None)
        if meta is not None:
            if "MediaStorageSOPInstanceUID" in meta:
                meta.MediaStorageSOPInstanceUID = self.new_uid(str(meta.MediaStorageSOPInstanceUID))
            for keyword in ("SourceApplicationEntityTitle", "SendingApplicationEntityTitle"):
                if keyword in meta:
                    delattr(meta, keyword)
            if "SOPInstanceUID" in ds:
                meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            # the file is re-encoded here, so it names the implementation that wrote it
            meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
            meta.ImplementationVersionName = IMPLEMENTATION_VERSION_NAME
        return cleaned_sr

    def _clean(self, ds: Dataset, *, dummy_dates: bool) -> None:
        for element in list(ds):
            tag = element.tag
            group = tag.group
            unknown = not element.keyword and tag.element != 0  # e.g. even-group vendor tags
            if tag.is_private or unknown or 0x5000 <= group <= 0x501E or 0x6000 <= group <= 0x601E:
                del ds[tag]
                continue
            keyword = element.keyword
            if keyword in _REMOVE:
                del ds[tag]
            elif keyword in _EMPTY or element.VR == "PN":
                element.value = ANONYMOUS_NAME if keyword == "PersonName" else None
                if element.VR == "SQ":
                    element.value = DicomSequence([])
            elif element.VR == "SQ":
                in_content = dummy_dates or keyword == "ContentSequence"
                for item in element.value:
                    self._clean(item, dummy_dates=in_content)
            elif element.VR == "UI":
                self._replace_uid(element)
            elif element.VR in _DATE_VRS:
                birth_dates = self.identifiers.birth_dates
                if not self.retain_dates or str(element.value or "")[:8] in birth_dates:
                    element.value = _DUMMY_DATES[element.VR] if dummy_dates else None
            elif element.VR in _TEXT_VRS:
                self._scrub_element(element)

    def _replace_uid(self, element: DataElement) -> None:
        if element.keyword in _KEEP_UID_KEYWORDS or element.value in (None, ""):
            return

        def convert(uid: object) -> str:
            text = str(uid)
            return text if text.startswith("1.2.840.10008.") else self.new_uid(text)

        if isinstance(element.value, MultiValue | list):
            element.value = [convert(uid) for uid in element.value]
        else:
            element.value = convert(element.value)

    def _scrub_element(self, element: DataElement) -> None:
        value = element.value
        if value is None or self._pattern is None:
            return
        if isinstance(value, MultiValue | list):
            element.value = [self._scrub_scalar(item) for item in value]
        else:
            element.value = self._scrub_scalar(value)

    def _scrub_scalar(self, value: object) -> object:
        if isinstance(value, str | PersonName):
            text = str(value)
            cleaned = self.scrub_text(text)
            return cleaned if cleaned != text else value
        return value


def guard_summaries(
    summary_pdf: Path | None, summary_html: str | None, anonymizer: Anonymizer | None
) -> tuple[Path | None, str | None, list[str]]:
    """Return the summaries safe to put on the media, with warnings for those left out.

    Without anonymizing everything passes. When anonymizing, the text and shown attribute
    values of the HTML summary have known identifiers scrubbed (markup and CSS are never
    touched); a PDF (which cannot be edited safely) is left out if the text pypdf extracts
    from it, or its metadata, still holds one. Identifiers count as whole words only.
    """
    if anonymizer is None:
        return summary_pdf, summary_html, []
    warnings: list[str] = []
    if summary_html is not None:
        summary_html = scrub_html(summary_html, anonymizer.scrub_text)
        if anonymizer.names_found(html_visible_text(summary_html)):
            warnings.append("summary web page left out: it still names the patient")
            summary_html = None
    if summary_pdf is not None:
        try:
            text = pdf_visible_text(summary_pdf)
        except VisibleTextError as exc:
            raise AnonymizeError(str(exc)) from exc
        if anonymizer.names_found(text):
            warnings.append("summary PDF left out: it still names the patient")
            summary_pdf = None
    return summary_pdf, summary_html, warnings
