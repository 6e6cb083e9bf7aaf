#!/usr/bin/env python3
"""Writes the draft corpus: fictional certificates, reports and letters, as text files and as
real PDFs (written by hand: Helvetica, WinAnsiEncoding, Flate-compressed page contents), plus an
image-only PDF and the damaged PDFs the CLI tests use.

Standard library only. The outputs are committed; the tests never run this script.
Run it from anywhere: python3 tests/data/draft/generate.py
"""

import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# A document is a list of pages; a page is a list of lines; a line is a string, in which `||`
# separates columns (laid out at fixed positions in a PDF, padded with spaces in text).


def text_file(name, pages, width=44):
    out = []
    for page in pages:
        lines = []
        for line in page:
            cols = line.split("||")
            if len(cols) > 1:
                line = "".join(c.ljust(max(width, len(c) + 2)) for c in cols[:-1]) + cols[-1]
            lines.append(line.rstrip())
        out.append("\n".join(lines))
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n\f".join(out) + "\n")


def pdf_string(s):
    b = s.encode("cp1252")
    b = b.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + b + b")"


def page_content(lines, style):
    """Content stream of one page: each line its own text object at its baseline; columns at
    fixed x positions. `style` picks the operators, so that both `Td` and `Tm` are exercised."""
    ops = []
    y = 760
    for line in lines:
        if line.strip() == "":
            y -= 10
            continue
        cols = line.split("||")
        xs = [60, 300, 450][: len(cols)]
        if style == "tm":
            ops.append(b"BT /F1 10 Tf")
            for x, col in zip(xs, cols):
                if col.strip():
                    ops.append(b"1 0 0 1 %d %d Tm %s Tj" % (x, y, pdf_string(col)))
            ops.append(b"ET")
        else:
            for x, col in zip(xs, cols):
                if col.strip():
                    ops.append(b"BT /F1 10 Tf %d %d Td %s Tj ET" % (x, y, pdf_string(col)))
        y -= 13
        if y < 40:
            raise SystemExit("page too long")
    return b"\n".join(ops)


def write_pdf(path, page_streams, extra_objects=None, page_resources=None, trailer_extra=b""):
    """A PDF whose pages have the given (uncompressed) content streams."""
    objects = []  # bytes of each object body, numbered from 1

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 0  # placeholder, fixed below
    objects.append(None)  # Pages
    pages_id = len(objects)
    kids = []
    for i, stream in enumerate(page_streams):
        data = zlib.compress(stream)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        resources = (page_resources[i] if page_resources else None) or (b"<< /Font << /F1 %d 0 R >> >>" % font)
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>" % (pages_id, resources, content)))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    for body in extra_objects or []:
        add(body)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, trailer_extra, xref)
    with open(path, "wb") as f:
        f.write(out)


def pdf_file(name, pages, style="td"):
    write_pdf(os.path.join(HERE, name), [page_content(p, style) for p in pages])


def with_running(pages, header, footer):
    """Adds a running header and a `Page n of N` footer to every page."""
    n = len(pages)
    return [[header, ""] + p + ["", footer.format(i + 1, n)] for i, p in enumerate(pages)]


# --------------------------------------------------------------------------------------------
# ISO/IEC certificates

ISO_BSI = [[
    "Northgate Certification Ltd",
    "",
    "CERTIFICATE OF REGISTRATION",
    "",
    "This is to certify that",
    "Quillfeather AI Ltd",
    "4 Harbour Row, Bristol BS1 4QA, United Kingdom",
    "",
    "operates an Information Security Management System which complies with the requirements of",
    "ISO/IEC 27001:2022",
    "",
    "for the following scope:",
    "The design, development and operation of the Quillfeather Inference API and the",
    "Quillfeather Assistant, including production AI infrastructure and model artifacts.",
    "",
    "Statement of Applicability: version 3.2 dated 10 Feb 2025",
    "",
    "Certificate No.: IS 771234",
    "Original registration date: 14 Mar 2019",
    "Date of issue: 14 Mar 2025",
    "Expiry date: 13 Mar 2028",
    "",
    "Signed for and on behalf of Northgate Certification Ltd",
    "Accredited by UKAS, accreditation number 0123",
]]

# Labels above values, two columns; an amendment; European dates; the accreditation mark is a
# logo only; a printed surveillance schedule.
ISO_AMD = [[
    "MERIDIAN ASSURANCE GMBH",
    "Certificate",
    "",
    "The certification body of Meridian Assurance GmbH hereby certifies that the organisation",
    "",
    "Halcyon Models GmbH",
    "Lindenstrasse 12, 10969 Berlin, Germany",
    "",
    "has established and applies an information security management system in conformity with",
    "ISO/IEC 27001:2022/Amd 1:2024",
    "",
    "Scope of certification:",
    "Hosting and operation of the Halcyon Model Hub and its training pipelines",
    "in the Frankfurt and Munich data centres.",
    "",
    "Certificate registration no.||Valid from",
    "MA-ISMS-2024-0815||24.07.2024",
    "",
    "Valid until||Initial certification",
    "23.07.2027||24.07.2021",
    "",
    "Surveillance audits due by: 23.07.2025 and 23.07.2026",
    "",
    "Certification body: Meridian Assurance GmbH",
]]

# Two pages; an AI management system; ordinal dates; DAkkS named; surveillance completed;
# the SoA referenced with its version.
ISO_42001 = [[
    "Certificate",
    "",
    "We hereby certify that",
    "Larkspur Data Inc.",
    "",
    "has implemented an AI management system that meets the requirements of",
    "ISO/IEC 42001:2023",
    "",
    "Scope: Development, training and operation of the Larkspur Forecast AI system, including",
    "model training pipelines, model artifacts and inference logging, at the Denver site.",
    "",
    "Certificate number: AIMS-42-00917",
    "Issue date: 12th March 2025",
    "Expiry date: 11th March 2028",
    "",
    "Page 1 of 2",
], [
    "Annex to certificate AIMS-42-00917",
    "",
    "Statement of Applicability reference: SoA v2.1, 3rd February 2025",
    "First surveillance audit completed on 2nd March 2026",
    "",
    "Certification body: Certis Registrar Inc.",
    "This certificate is issued under accreditation by DAkkS (Deutsche Akkreditierungsstelle).",
    "",
    "Page 2 of 2",
]]

ISO_27701 = [[
    "CERTIFICATE OF REGISTRATION",
    "",
    "This is to certify that the privacy information management system of",
    "Quillfeather AI Ltd",
    "",
    "has been assessed and found to conform to ISO/IEC 27701:2019",
    "as an extension to ISO/IEC 27001:2022 certificate no. IS 771234",
    "",
    "Scope: The privacy information management system, as a processor, for the Quillfeather",
    "Inference API and the Quillfeather Assistant.",
    "",
    "Certificate No.: PII 771235",
    "Issue date: 2025-03-01",
    "Expiry date: 2028-02-29",
    "",
    "Issued by: Northgate Certification Ltd",
    "Accreditation body: United Kingdom Accreditation Service",
]]

# The 2013 edition, US dates in sentences, ANAB.
ISO_2013 = [[
    "Certis Registrar Inc.",
    "certifies that the information security management system of",
    "",
    "Brightwater Systems S.A.",
    "",
    "is registered to the standard ISO/IEC 27001:2013",
    "",
    "Scope of registration: Corporate IT and the Brightwater payments gateway operated",
    "from the Lisbon headquarters.",
    "",
    "Registration number: CR-27K-4471",
    "This certificate was issued on March 12, 2023 and is valid until March 11, 2026.",
    "Originally issued on March 12, 2017.",
    "",
    "ANAB accredited certification body",
]]

# Ambiguous slash dates, two different certificate numbers, a label without its value.
ISO_AMBIG = [[
    "Albion Quality Services Ltd",
    "Certificate of Approval",
    "",
    "This certifies that",
    "Corvid Analytics Ltd",
    "",
    "complies with ISO/IEC 27017:2015",
    "",
    "Scope: Cloud services for the Corvid Reporting Suite.",
    "",
    "Certificate No.: CA-17-5521",
    "Issue date: 05/01/2026",
    "Expiry date:",
    "",
    "The expiry date is stated on the register.",
    "",
    "Reference: Certificate No.: CA-17-5512 (transferred)",
]]

# ISO 22301 by number, a table layout with pipes, COFRAC, dates like 25-Oct-2025.
ISO_22301 = [[
    "Certificate of Conformity",
    "",
    "Organisation | Tessellate Hub SAS",
    "Standard | ISO 22301:2019",
    "Certificate number | BCMS-0042-FR",
    "Date of issue | 25-Oct-2025",
    "Expiry date | 24-Oct-2028",
    "Certification body | Albion Quality Services Ltd",
    "",
    "Scope | Business continuity management for the Tessellate Hub integration platform.",
    "",
    "Accredited by COFRAC, accreditation no. 4-0001",
]]

# ISO/IEC 27018 in a PDF written with Tm operators; 27001:2022 + A1:2024 form; no accreditation
# in the text.
ISO_27018 = [[
    "Certificate",
    "",
    "This is to certify that",
    "Orchid Search Ltd",
    "",
    "has implemented controls for the protection of PII in public clouds that meet",
    "the requirements of ISO/IEC 27018:2019 together with ISO/IEC 27001:2022 + A1:2024",
    "",
    "Scope: Protection of PII processed by the Orchid Search Cloud Index service.",
    "",
    "Certificate No:||OS-27018-3310",
    "Issue date:||2 June 2025",
    "Expiry date:||1 June 2028",
    "",
    "For and on behalf of",
    "Northgate Certification Ltd",
]]

# Written after the recognisers, to see how they do on a layout they were not tuned to: three
# labels in a row with their values below, a validity range, the body under "For the issuing
# office", the SoA named inside the scope.
ISO_COBALT = [[
    "CERTIFICATE",
    "",
    "Certificate no.:||Initial certification date:||Valid:",
    "10000482-IS-2024||17 August 2021||17 August 2024 - 16 August 2027",
    "",
    "This is to certify that the management system of",
    "Fenwick Data Services Ltd.",
    "Unit 4, Canal Street, Manchester, M1 3HE, United Kingdom",
    "",
    "has been found to conform to the Information Security Management System standard:",
    "ISO/IEC 27001:2022",
    "",
    "This certificate is valid for the following scope:",
    "Provision of managed cloud hosting and backup services, in accordance with the",
    "Statement of Applicability, version 7, dated 2 May 2024.",
    "",
    "Place and date:||For the issuing office:",
    "London, 17 August 2024||Cobalt Business Assurance Ltd",
]]

# --------------------------------------------------------------------------------------------
# SOC 2 reports

def soc2_report(company, system, auditor, city, report_date, period_line, opinion, type_label,
                exceptions, subservice, cuecs, categories, services, type1=False):
    title = [
        f"{company}",
        f"SOC 2 {type_label} Report",
        "",
        f"Report on {company}'s Description of Its {system}",
        f"and on the Suitability of the Design{'' if type1 else ' and Operating Effectiveness'} of Its Controls",
        f"Relevant to {categories}",
        period_line,
        "",
        f"Prepared by {auditor}",
    ]
    sec1 = ["Section 1", "Independent Service Auditor's Report", ""] + opinion + ["", auditor, city, report_date]
    sec3 = ["Section 3", "Description of the System", "", "Services in scope:"] + [f"• {s}" for s in services] + [""]
    if subservice:
        sec3 += ["Subservice Organizations", "", "Subservice organization||Services provided||Method"]
        sec3 += [f"{n}||{what}||{m}" for n, what, m in subservice] + [""]
    else:
        sec3 += [f"{company} does not use any subservice organizations.", ""]
    sec3 += ["Complementary User Entity Controls", "",
             "The controls below should be implemented by user entities:"]
    for c in cuecs:
        first, *more = c.split("\n")
        sec3 += [f"• {first}"] + [f"  {m}" for m in more]
    sec3 += [""]
    pages = [title, sec1, sec3]
    if not type1:
        rows = ["Section 4", "Tests of Controls and Results", "",
                "The tests performed and their results, including exceptions noted, are listed below.", ""]
        for control, test, result in exceptions:
            rows += [f"{control}  {test}", f"Result: {result}", ""]
        pages.append(rows)
    return pages


SOC_UNQ_OPINION = [
    "Opinion",
    "",
    "In our opinion, in all material respects, the description presents the system that was",
    "designed and implemented throughout the period July 1, 2025 to June 30, 2026, and the",
    "controls stated in the description operated effectively throughout that period.",
]
SOC_UNQ = soc2_report(
    "Quillfeather AI Ltd", "Quillfeather Inference Platform System", "Ledger & Stone LLP",
    "Boston, Massachusetts", "August 14, 2026",
    "For the period July 1, 2025 to June 30, 2026",
    SOC_UNQ_OPINION, "Type 2",
    [("CC6.1", "Inspected logical access configuration.", "No exceptions noted."),
     ("CC6.2", "Inspected access removal for a sample of 25 leavers.",
      "Exception noted: 2 of 25 sampled leavers kept VPN access for more than 24 hours."),
     ("CC7.2", "Inspected monitoring alerts.", "No exceptions noted.")],
    [("Nimbus Cloud Services", "Infrastructure hosting", "Carve-out method"),
     ("Quillfeather Support Ltd", "Customer support", "Inclusive method")],
    ["User entities are responsible for rotating API keys issued to them.",
     "User entities are responsible for reviewing the access of their own users\nand removing it when no longer needed."],
    "the Trust Services Criteria relevant to security, availability and confidentiality",
    ["Quillfeather Inference API", "Quillfeather Assistant"],
)
SOC_UNQ = with_running(SOC_UNQ, "Quillfeather AI Ltd | SOC 2 Type 2 | Confidential", "Page {} of {}")

SOC_QUAL_OPINION = [
    "Basis for Qualified Opinion",
    "",
    "Controls over the removal of access for terminated employees (CC6.2) did not operate",
    "effectively throughout the period.",
    "",
    "Qualified Opinion",
    "",
    "In our opinion, except for the matter described in the Basis for Qualified Opinion",
    "paragraph, in all material respects, the controls stated in the description operated",
    "effectively throughout the period 1 January 2025 to 31 December 2025.",
]
SOC_QUAL = soc2_report(
    "Larkspur Data Inc.", "Larkspur Forecast Platform", "Harrow Whitcombe LLP",
    "Denver, Colorado", "February 20, 2026",
    "For the period 1 January 2025 to 31 December 2025",
    SOC_QUAL_OPINION, "Type II",
    [("CC6.2", "Inspected access removal for 40 terminated employees.",
      "Exceptions noted: access was not removed within the required 24 hours for 9 of 40"),
     ("CC8.1", "Inspected change tickets.", "No exceptions noted.")],
    [("Stratus Hosting Inc.", "Data centre hosting", "Carve-out")],
    ["User entities are responsible for configuring single sign-on for their users."],
    "the trust services criteria relevant to security and processing integrity",
    ["Larkspur Forecast API"],
)
SOC_QUAL = with_running(SOC_QUAL, "Larkspur Data Inc. - SOC 2 Type II Report", "Page {} of {} - Confidential")

SOC_ADV_OPINION = [
    "Adverse Opinion",
    "",
    "In our opinion, because of the significance of the matters described in the Basis for",
    "Adverse Opinion paragraph, the controls stated in the description were not suitably designed",
    "and did not operate effectively throughout the period from 2025-04-01 to 2026-03-31.",
]
SOC_ADV = soc2_report(
    "Corvid Analytics Ltd", "Corvid Reporting Suite System", "Pell & Marsh CPAs",
    "Austin, Texas", "2026-05-15",
    "For the period from 2025-04-01 to 2026-03-31",
    SOC_ADV_OPINION, "Type 2",
    [("CC6.1", "Inspected MFA enforcement.", "Exception noted: MFA was not enforced for administrators"),
     ("CC7.3", "Inspected incident tickets.", "Exception noted: 3 of 10 incidents were not triaged"),
     ("A1.2", "Inspected backups.", "No exceptions noted.")],
    [],
    ["User entities are responsible for classifying the data they upload."],
    "the trust services criteria relevant to security",
    ["Corvid Reporting Suite"],
)

SOC_DISC_OPINION = [
    "Disclaimer of Opinion",
    "",
    "Because management did not provide the system description in time, we were unable to obtain",
    "sufficient appropriate evidence. Accordingly, we do not express an opinion on the",
    "description or on the suitability of the design of controls as of 31 March 2026.",
]
SOC_DISC = soc2_report(
    "Brightwater Systems S.A.", "Brightwater Payments System", "Okafor Brandt, P.C.",
    "Chicago, Illinois", "June 2, 2026",
    "As of 31 March 2026",
    SOC_DISC_OPINION, "Type 1",
    [], [("Nimbus Cloud Services", "Hosting", "Carve-out")],
    ["User entities are responsible for reconciling settlement files daily."],
    "the trust services criteria relevant to security, confidentiality and privacy",
    ["Brightwater Payments Gateway"], type1=True,
)

SOC_T1_OPINION = [
    "Opinion",
    "",
    "In our opinion, in all material respects, the description presents the system as designed",
    "and implemented as of September 30, 2025, and the controls were suitably designed.",
]
SOC_T1 = soc2_report(
    "Orchid Search Ltd", "Orchid Search Cloud Index System", "Ledger & Stone LLP",
    "New York, New York", "October 28, 2025",
    "As of September 30, 2025",
    SOC_T1_OPINION, "Type 1",
    [], [],
    ["User entities are responsible for protecting the credentials of their users."],
    "the trust services criteria relevant to security and availability",
    ["Orchid Search Cloud Index"], type1=True,
)
SOC_T1 = with_running(SOC_T1, "Orchid Search Ltd  SOC 2 Type 1", "Page {} of {}")

# Also written after the recognisers: other wording throughout, CUECs in a table with their
# criteria, the subservice organisation only in prose, every test without exceptions.
SOC_AURORA = [[
    "SOC 2® Type II Report",
    "Aurora Ledger Systems, Inc.",
    "Independent Service Auditor's Report on Controls Relevant to Security",
    "for the period from October 1, 2025 through March 31, 2026",
], [
    "Section I: Independent Service Auditor's Report",
    "",
    "To the Board of Directors of Aurora Ledger Systems, Inc.:",
    "",
    "Opinion",
    "In our opinion, in all material respects, the description fairly presents the Aurora Ledger",
    "platform that was designed and implemented throughout the period October 1, 2025 to",
    "March 31, 2026, and the controls operated effectively throughout that period.",
    "",
    "Whitfield Carrow LLP",
    "Seattle, Washington",
    "May 8, 2026",
], [
    "Section III: Description of the System",
    "",
    "Aurora uses Skyline Compute Inc. for data centre hosting. The description excludes the",
    "controls of Skyline Compute Inc. (carve-out method).",
    "",
    "Complementary User Entity Controls",
    "",
    "Criteria||Complementary user entity control",
    "CC6.1||User entities are responsible for managing their users' access rights.",
    "CC7.2||User entities are responsible for reporting suspected incidents to Aurora.",
], [
    "Section IV: Tests of Controls",
    "",
    "CC6.1||Inspected user access reviews.||No exceptions noted.",
    "CC7.2||Inspected incident tickets.||No exceptions noted.",
]]

SOC3 = [[
    "Halcyon Models GmbH",
    "SOC 3 Report",
    "",
    "Report on the Halcyon Model Hub relevant to security and availability",
    "For the period 1 October 2024 to 30 September 2025",
    "",
    "Independent Service Auditor's Report",
    "",
    "We have examined management's assertion that the controls within the Halcyon Model Hub",
    "were effective throughout the period 1 October 2024 to 30 September 2025, based on the",
    "trust services criteria relevant to security and availability (applicable criteria).",
    "",
    "Opinion",
    "In our opinion, management's assertion is fairly stated, in all material respects.",
    "",
    "Harrow Whitcombe LLP",
    "London, United Kingdom",
    "November 3, 2025",
]]

BRIDGE = [[
    "Quillfeather AI Ltd",
    "4 Harbour Row, Bristol BS1 4QA",
    "",
    "November 5, 2026",
    "",
    "Bridge Letter",
    "",
    "To our customers:",
    "",
    "Our most recent SOC 2 Type 2 report, issued by Ledger & Stone LLP, covered the period",
    "July 1, 2025 through June 30, 2026. For the period subsequent to the report, from",
    "July 1, 2026 through October 31, 2026, we confirm that there have been no material changes",
    "to our system of internal control.",
    "",
    "Sincerely,",
    "",
    "Dana Reyes",
    "Chief Information Security Officer",
]]

STAR = [[
    "Cloud Security Alliance",
    "CSA STAR Certification",
    "",
    "This is to certify that",
    "Quillfeather AI Ltd",
    "",
    "has been awarded the STAR Certification (STAR Level 2), assessed against the Cloud Controls",
    "Matrix CCM v4.0.12, as an extension to its ISO/IEC 27001:2022 certificate no. IS 771234.",
    "",
    "Date of issue: 2 April 2025",
    "Expiry date: 13 March 2028",
    "",
    "For and on behalf of Northgate Certification Ltd",
]]

FLYER = [[
    "Why teams trust Quillfeather",
    "",
    "Security is in our DNA. Quillfeather is SOC 2 Type II compliant and ISO 27001 certified,",
    "so your data is always safe with us.",
    "",
    "Visit our trust center to learn more. Book a demo today!",
]]


def truth(name, kind, fields):
    lines = [f'kind = "{kind}"', "", "[fields]"]
    for k, v in fields:
        v = v.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{k}" = "{v}"')
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("# What a careful analyst records from the document (see tests/draft.rs).\n")
        f.write("\n".join(lines) + "\n")


def main():
    pdf_file("iso-27001-northgate.pdf", ISO_BSI)
    text_file("iso-27001-amd-meridian.txt", ISO_AMD)
    pdf_file("iso-42001-larkspur.pdf", ISO_42001, style="tm")
    text_file("iso-27701-quillfeather.txt", ISO_27701)
    text_file("iso-27001-2013-brightwater.txt", ISO_2013)
    text_file("iso-27017-ambiguous.txt", ISO_AMBIG)
    text_file("iso-22301-tessellate.txt", ISO_22301)
    pdf_file("iso-27018-orchid.pdf", ISO_27018, style="tm")
    pdf_file("soc2-type2-unqualified.pdf", SOC_UNQ)
    pdf_file("soc2-type2-qualified.pdf", SOC_QUAL, style="tm")
    text_file("soc2-type2-adverse.txt", SOC_ADV)
    text_file("soc2-type1-disclaimer.txt", SOC_DISC)
    pdf_file("soc2-type1-unqualified.pdf", SOC_T1)
    text_file("soc3-halcyon.txt", SOC3)
    pdf_file("bridge-letter-quillfeather.pdf", BRIDGE)
    text_file("star-certification.txt", STAR)
    pdf_file("flyer-quillfeather.pdf", FLYER)
    pdf_file("iso-27001-cobalt.pdf", ISO_COBALT)
    text_file("soc2-type2-aurora.txt", SOC_AURORA, width=12)

    # An image-only PDF: a scan, no text layer.
    image = zlib.compress(bytes(range(256)) * 16)
    write_pdf(
        os.path.join(HERE, "scan-image-only.pdf"),
        [b"q 400 0 0 300 100 400 cm /Im1 Do Q"],
        extra_objects=[b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length %d /Filter /FlateDecode >>\nstream\n" % len(image) + image + b"\nendstream"],
        page_resources=[b"<< /XObject << /Im1 6 0 R >> >>"],
    )
    bad = os.path.join(HERE, "bad")
    os.makedirs(bad, exist_ok=True)
    # Encrypted: a trailer naming a standard security handler (the password is not given).
    write_pdf(
        os.path.join(bad, "encrypted.pdf"),
        [page_content(["Secret certificate"], "td")],
        extra_objects=[b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a> /U <28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a> >>"],
        trailer_extra=b"/Encrypt 6 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] ",
    )
    # Corrupt: a PDF header and nothing a reader can use.
    with open(os.path.join(bad, "corrupt.pdf"), "wb") as f:
        f.write(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n%% truncated here\n")
    # Hostile: a page whose content inflates to 80 MiB (over the 64 MiB stream limit).
    bomb = zlib.compress(b"\0" * (80 * 1024 * 1024), 9)
    write_pdf(os.path.join(bad, "bomb.pdf"), [b""])
    with open(os.path.join(bad, "bomb.pdf"), "rb") as f:
        data = f.read()
    empty = zlib.compress(b"")
    data = data.replace(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(empty) + empty, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb)
    # The cross-reference offsets moved: leave the table for the reader to rebuild.
    with open(os.path.join(bad, "bomb.pdf"), "wb") as f:
        f.write(data)
    # Hostile: a page tree whose kids point back at themselves, and a 32 MiB zero stream.
    bomb = zlib.compress(b"\0" * (32 * 1024 * 1024), 9)
    with open(os.path.join(bad, "loop.pdf"), "wb") as f:
        body = bytearray(b"%PDF-1.4\n")
        offs = []
        objs = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb + b"\nendstream",
        ]
        for n, o in enumerate(objs, start=1):
            offs.append(len(body))
            body += b"%d 0 obj\n" % n + o + b"\nendobj\n"
        x = len(body)
        body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
        for o in offs:
            body += b"%010d 00000 n \n" % o
        body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
        f.write(body)


def big_report(path, pages=100):
    """A SOC 2 Type 2 report of `pages` pages (the timing case of bench/draft.sh): the report of
    soc2-type2-unqualified.pdf with its tests of controls run on for page after page."""
    body = [p[2:-2] for p in SOC_UNQ]  # without the running header and footer
    rows = []
    n = 0
    while len(body) + len(rows) // 40 < pages:
        n += 1
        rows += [f"CC{1 + n % 9}.{1 + n % 5}  Inspected a sample of {n % 40 + 5} changes for approval.",
                 "Result: No exceptions noted.", ""]
    for i in range(0, len(rows), 42):
        body.append(rows[i:i + 42])
    body = with_running(body[:pages], "Quillfeather AI Ltd | SOC 2 Type 2 | Confidential", "Page {} of {}")
    write_pdf(path, [page_content(p, "td") for p in body])


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--big":
        big_report(sys.argv[2])
    else:
        main()
