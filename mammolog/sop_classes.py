"""DICOM SOP Class UIDs that mammolog treats specially (plain constants, cheap to import)."""

from __future__ import annotations

BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"
ENHANCED_SR = "1.2.840.10008.5.1.4.1.1.88.22"
COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
MAMMOGRAPHY_CAD_SR = "1.2.840.10008.5.1.4.1.1.88.50"
ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"

#: Structured reports that may hold a breast imaging result (CAD output is marked as such).
REPORT_SR_CLASSES = frozenset({BASIC_TEXT_SR, ENHANCED_SR, COMPREHENSIVE_SR, MAMMOGRAPHY_CAD_SR})
