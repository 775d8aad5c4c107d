"""Pasted clinical notes (i2b2 2014 style): a note is about one specific patient, so the post is warned and its
patient-side PHI (names, dates, ages, record numbers, places, hospitals, phone numbers) is covered by findings.
Doctors' names are not patient-side: they may be flagged but are not required here.

The notes are written for this test (fictional people, i2b2-style shifted years); none is copied from an
evaluation corpus. Every note is checked on the full server path and on the rules alone, which is what the
extension's offline mode runs.
"""

from __future__ import annotations

import pytest
from phiguard.detection.rule_only import analyze_with_rules, rule_candidates

WARNED = {"medium", "high"}

NOTES = [
    ("Record date: 2069-04-07\n\nCARDIOLOGY\n\nSOUTHERN COMMUNITY HOSPITAL\n\nReason for visit: Follow-up for CAD\n\n"
     "Interval History: Mr. Bruce is a 63 year old man with a history of CAD, s/p CABG 3/80, who returns for follow up. "
     "He lives in Framingham with his wife.\n\nPMH: HTN, hyperlipidemia, DM2\nMeds: ASA 81, atorvastatin 40\n\n"
     "Assessment/Plan: stable angina. Will see again in 3 months.\n\nWilliam Zuniga, M.D.",
     ["2069-04-07", "SOUTHERN COMMUNITY HOSPITAL", "Mr. Bruce", "63 year old", "3/80", "Framingham"]),
    ("Record date: 2093-01-13\n\nNAME:    Ziegler, Diana\nMRN:    5443817\n\n"
     "HPI: 58 yo F with COPD and anxiety, seen 2/03 in pulmonary clinic. Daughter's phone (617) 555-0143.\n"
     "PMH: COPD, GERD\nAssessment/Plan: continue inhalers.",
     ["2093-01-13", "Ziegler, Diana", "5443817", "58 yo", "2/03", "(617) 555-0143"]),
    ("DOE,JANE  123-45-67\nRecord date: 2071-11-02\n"
     "Patient is a 91 year old woman admitted from Oak Lodge Nursing Home with a UTI.\nPMH: dementia, AF.",
     ["DOE,JANE", "123-45-67", "2071-11-02", "91 year old", "Oak Lodge Nursing Home"]),
    ("Patient: Smith, John\nDOB: 12/03/1948\nNHS number: 401 023 2137\nUnit No: 12-345-67\nPMH: T2DM, CKD 3\n"
     "Meds: metformin\nSeen in clinic today with his daughter. Lives alone in Whitby.",
     ["Smith, John", "12/03/1948", "401 023 2137", "12-345-67", "Whitby"]),
    ("HPI: 72M with CHF presented to ED on 3/16 with SOB. Hx MI 2/03, CABG 3/80. Lives in Dorchester.\n"
     "PMH: AF, CKD\nA/P: diurese, repeat echo.",
     ["72M", "3/16", "2/03", "3/80", "Dorchester"]),
    ("Just pasting this from the notes, can anyone help interpret?\nRecord date: 2088-09-30\n"
     "PMH: type 1 diabetes, depression\nMeds: insulin glargine, sertraline\nA/P: HbA1c 9.1, refer to psych.",
     ["2088-09-30"]),
    ("Record date: 2075-06-18\nPatient Name: Maria Gonzalez\nMRN: 889-12-345\nAddress: 42 Elm Street, Lowell\n"
     "Phone: (978) 555-0182\nCC: knee pain\nHPI: 45 year old woman with RA, seen 5/92 for first flare.\n"
     "Assessment/Plan: start methotrexate.",
     ["2075-06-18", "Maria Gonzalez", "889-12-345", "42 Elm Street, Lowell", "(978) 555-0182", "45 year old", "5/92"]),
    ("Handover - Ward 7B, Royal Gwent\nBed 12: Mrs Patel, 94, #NOF post-op day 2, DNACPR in place. "
     "Daughter to call back on 07700 900461.\nPMH: AF, dementia.\nPlan: mobilise with physio.",
     ["Ward 7B", "Royal Gwent", "Bed 12", "Mrs Patel", "94", "07700 900461"]),
    ("Record date: 2082-02-11\n\nPSYCHIATRY CONSULT\n\nID: Mr. O'Connor is a 34 yo man, works as a firefighter in "
     "Quincy, admitted after an overdose on 2/09.\nPPH: depression, one prior attempt in 3/80.\n"
     "Social: lives with partner; no children.\nAssessment/Plan: 1:1 observation.",
     ["2082-02-11", "Mr. O'Connor", "34 yo", "firefighter", "Quincy", "2/09", "3/80"]),
    ("Discharge Date: 4/22/2077\nAdmission Date: 4/15/2077\nPatient: Nguyen, Thanh\nAttending: Dr. Susan Reyes\n"
     "Hospital course: 81 year old man from Brockton admitted to Brigham and Women's Hospital with pneumonia, "
     "treated with IV antibiotics.\nFollow-up: Dr. Reyes at 617-555-0110 on 5/02.",
     ["4/22/2077", "4/15/2077", "Nguyen, Thanh", "81 year old", "Brockton", "Brigham and Women's Hospital",
      "617-555-0110", "5/02"]),
    ("SMITH,ROBERT 004-55-21\nRecord date: 2090-12-01\nPMH: HTN,DM,CAD\nMeds: lisinopril\n"
     "Assessment/Plan: BP 150/90, titrate.",
     ["SMITH,ROBERT", "004-55-21", "2090-12-01"]),
    ("Record date: 2079-08-11\n\nBRUCE, WALTER\n\nCARDIOLOGY CLINIC NOTE\n"
     "Pt is a 77 y/o man with AF and prior CVA in 5/92, seen at Boston Medical Center. Lives in Quincy with his son.",
     ["2079-08-11", "BRUCE, WALTER", "77 y/o", "5/92", "Boston Medical Center", "Quincy"]),
    ("Okafor, Grace  MRN 7731102\nHPI: 29 yo G2P1 at 32 weeks with pre-eclampsia, admitted 6/14/2080.\n"
     "Husband's cell 857-555-0166.",
     ["Okafor, Grace", "7731102", "29 yo", "6/14/2080", "857-555-0166"]),
    ("Record date: 2067-10-22\n\nInternal Medicine Clinic\nPatient: Kelly Tran\nAge: 52\nChief complaint: fatigue\n"
     "HPI: Ms. Tran is a 52-year-old woman with hypothyroidism diagnosed in 2061. She reports weight gain since 08/2067.\n"
     "Plan: TSH today. Call her at 781-555-0123 with results.",
     ["2067-10-22", "Kelly Tran", "52", "Ms. Tran", "52-year-old", "2061", "08/2067", "781-555-0123"]),
    ("Date of Service: 11/02/2083\nRe: Patricia Wells (DOB 05/06/2031)\nDear Dr. Hammond,\nI saw Mrs. Wells, a 52 yo "
     "retired nurse, in the Neurology clinic at Faulkner Hospital today for her MS.",
     ["11/02/2083", "Patricia Wells", "05/06/2031", "Mrs. Wells", "52 yo", "Faulkner Hospital"]),
    ("Record date: 2072-05-05\nS: \"I can't sleep.\" 38M construction worker, injured back 4/72 at site in Chelsea.\n"
     "O: BP 128/82. Lumbar tenderness.\nA/P: lumbar strain. PT referral, f/u 2 wks.",
     ["2072-05-05", "38M", "4/72", "Chelsea"]),
    ("Record date: 2091-02-17\nHPI: Mr. Alvarez is 68 years of age, admitted in April 2091 with chest pain.\n"
     "PMH: CABG 2086, TIA 2089, gout.\nSocial: retired bus driver, lives in Malden.",
     ["2091-02-17", "Mr. Alvarez", "68 years of age", "April 2091", "2086", "2089", "Malden"]),
    ("Record date: 2085-11-20\nHPI: 55 yo woman with lupus, last seen on 4/3 by rheumatology, admitted 11/18 "
     "with a flare. Lives in Somerville, works as a librarian.",
     ["2085-11-20", "55 yo", "4/3", "11/18", "Somerville"]),
    ("Record date: 2084-06-02\nCARDIOLOGY CLINIC, SOUTHERN COMMUNITY HOSPITAL\nBP 130/80, doing well on lisinopril. "
     "Daughter drove him in from Everett. RTC 3 months.",
     ["2084-06-02", "SOUTHERN COMMUNITY HOSPITAL", "Everett"]),
    # Fragments of notes pasted into a post: SOAP, a nursing note, a discharge summary, a case note.
    ("Pasting my SOAP note for feedback: S: Pt (Marcus, 31yo, warehouse worker) reports 6/10 pain L knee. "
     "O: ROM 0-110. A: improving. P: cont. HEP.",
     ["Marcus", "31yo"]),
    ("Night shift note: \"Resident in Rm 14 (Doris) found wandering the corridor at 0300, looking for the bus.\"",
     ["Rm 14", "Doris"]),
    ("Draft d/c summary: \"Kayla M, DOB 03/09/1995, admitted 12/02 w/ pyelonephritis.\" Too wordy?",
     ["Kayla M", "03/09/1995", "12/02"]),
    ("Case note: Client R.T. (DOB 02/02/2010) disclosed bullying at school. Mum informed.",
     ["R.T.", "02/02/2010"]),
]

# Posts that talk about notes without pasting one: no patient, no warning.
SAFE = [
    "Top tips for students: keep the HPI short, list the PMH and Meds, and end with a clear Assessment/Plan.",
    "PT,OT and SLT all joined the MDT today. Great teamwork!",
    "Template: Record date: [date]\nHPI: [age] yo with [condition]\nAssessment/Plan: [plan]",
    "Pain 7/10 before the session, 3/10 after. Love seeing that kind of change in our group stats.",
    "Reminder: mandatory training on 2/03 for all ward staff, details from the practice educator.",
    "Visit date: 5/6/2024 for the CQC inspection of our dementia unit. Wish us luck!",
    "Name: Jane Smith\nRole: Occupational Therapist\nTeam: Community Rehab, Leeds",
    "HTN,DM,CKD are the big three in our renal clinic.",
    "Training tip: in your SOAP note, S: is what the pt reports (e.g. 6/10 pain), O: is what you measure.",
    "Mental Capacity Act 2005 training for all staff working with dementia on 3/12.",
    "Our ICU 2019 audit showed delirium in 30% of ventilated patients.",
    "PT,OT and SLT joint training on dysphagia on 4/25 at Oakwood Hospital, Wigan.",
    "The patient (Autism Awareness) week stall raised £300!",
    "Huge thanks to Dr. Priya Nair, MD and Prof Tom Ealing for the falls-prevention teaching today.",
    "Seen by J. Okafor RN at the vaccination clinic? She's our new practice nurse, say hello!",
    "Grand round on Friday. Presenting: Dr. Rivera and Sam Cole, MD on sepsis bundles. cc: Jane Holt. All welcome.",
]

# The clinicians around a patient, and where they work, narrow down who the patient is (i2b2 counts them as PHI).
CLINICIAN_NOTES = [
    ("Clinic letter 09/04\nPatient: Mrs Edith Langley  DOB 03/05/1941  NHS 401 023 2137\n"
     "GP: Dr R. Oyelaran, Fernhill Family Health, Bude EX23 8LG\nSeen by K. Brandt RN and Physio today.\n"
     "Pt's nephew Callum Langley (NOK) present. Care coordinator (Jo Whitlow) informed 14/03.\n"
     "Electronically signed by Marta Ilves, MD  cc: Dr. Oyelaran",
     ["Dr R. Oyelaran", "Fernhill Family Health", "Bude", "K. Brandt", "Jo Whitlow", "14/03", "Marta Ilves",
      "Dr. Oyelaran"]),
    ("ED NOTE - Harlow Creek Medical Center\nPt: Lucas \"Luke\" Farrow, 41, HVAC technician at Northline Air\n"
     "Dictated By: ABERNATHY, CLAIRE   Attending: Dr. Wendell P. Osei\nWard: Juniper, bed 6",
     ["Harlow Creek Medical Center", "Lucas \"Luke\" Farrow", "HVAC technician", "Northline Air", "ABERNATHY, CLAIRE",
      "Dr. Wendell P. Osei", "Juniper"]),
]


def _covered(text, findings, flag):
    start = text.index(flag)
    end = start + len(flag)
    return any(f.start < end and f.end > start for f in findings)


@pytest.mark.parametrize("note,flags", NOTES, ids=[f"note{i}" for i in range(len(NOTES))])
def test_pasted_note_is_warned_and_its_patient_phi_covered(analyzer, note, flags):
    result = analyzer.analyze(note)
    assert result.risk in WARNED
    assert [f for f in flags if not _covered(note, result.findings, f)] == []


@pytest.mark.parametrize("note,flags", NOTES, ids=[f"note{i}" for i in range(len(NOTES))])
def test_pasted_note_rules_alone_as_the_extension_offline(rule_set, note, flags):
    result = analyze_with_rules(note, rule_set)
    assert result.risk in WARNED
    assert [f for f in flags if not _covered(note, result.findings, f)] == []


@pytest.mark.parametrize("note,flags", CLINICIAN_NOTES, ids=[f"clinicians{i}" for i in range(len(CLINICIAN_NOTES))])
def test_clinicians_and_services_in_a_note_are_covered_by_both_engines_paths(analyzer, rule_set, note, flags):
    for result in (analyzer.analyze(note), analyze_with_rules(note, rule_set)):
        assert result.risk in WARNED
        assert [f for f in flags if not _covered(note, result.findings, f)] == []


@pytest.mark.parametrize("text", SAFE, ids=[t[:30] for t in SAFE])
def test_talk_about_notes_is_not_warned(analyzer, text):
    assert analyzer.analyze(text).risk not in WARNED


@pytest.mark.parametrize("text,span,entity", [
    ("Record date: 2069-04-07", "2069-04-07", "DATE"),
    ("Patient: Smith, John", "Smith, John", "PERSON"),
    ("DOE,JANE", "DOE,JANE", "PERSON"),
    ("MRN: 123-45-678", "123-45-678", "MEDICAL_RECORD_NUMBER"),
    ("Unit No: 12-345-67", "12-345-67", "MEDICAL_RECORD_NUMBER"),
])
def test_each_note_pattern_is_found(rule_set, text, span, entity):
    found = {(text[c.start:c.end], c.entity) for c in rule_candidates(text, rule_set)}
    assert (span, entity) in found


@pytest.mark.parametrize("text,span", [
    ("Record date: 2069-04-07\nHPI: 67 yo man with CHF, seen 2/03.", "2/03"),
    ("Record date: 2069-04-07\nPMH: MI 3/80, on aspirin.", "3/80"),
])
def test_short_dates_in_a_note_are_found(analyzer, text, span):
    assert span in [text[f.start:f.end] for f in analyzer.analyze(text).findings]
