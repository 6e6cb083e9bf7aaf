#!/usr/bin/env python3
"""Writes the held-out draft corpus: fictional certificates, reports, a letter and a web page,
laid out as certification bodies, CPA firms and trust portals lay them out, written apart from
the recognisers to measure them (tests/draft.rs, `heldout_accuracy`). Every company, body and
firm named here is invented.

Each document's truth (what a careful analyst records from it) is written by hand below, next
to the document, never by running the drafter.

Standard library only; the PDF writer is a copy of the one in ../generate.py (Helvetica,
WinAnsiEncoding, Flate-compressed page contents), with centred lines, a bold face, rules and
table grids added. Outputs are committed. Run: python3 tests/data/draft/heldout/generate.py
"""

import os
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

# ------------------------------------------------------------------------------------ writers
# A document is a list of pages; a page is a list of lines. In a line, `||` separates columns.
# Prefixes (PDF only): `^` centred title (14 pt bold), `*` bold, `~` a horizontal rule,
# `#` a table row drawn in a grid. Text files are written as given (pages joined by form feeds).


def text_file(name, pages, width=40):
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


def width(s, font, size):
    """A rough Helvetica width: enough to keep columns from overlapping."""
    w = sum(0.28 if c in "il.,:;'|!" else 0.72 if c.isupper() or c in "mw" else 0.52 for c in s)
    return w * size * (1.05 if font == b"F2" else 1.0)


def page_content(lines, xs):
    ops = []
    y = 750
    for line in lines:
        if line == "":
            y -= 10
            continue
        if line.startswith("@"):
            xs = tuple(int(x) for x in line[1:].split(","))
            continue
        if line == "~":
            ops.append(b"0.5 w 60 %d m 552 %d l S" % (y + 8, y + 8))
            y -= 6
            continue
        font, size, grid = b"F1", 10, False
        if line.startswith("^"):
            line, font, size = line[1:], b"F2", 14
            x = max(60, int(306 - len(line) * size * 0.27))
            ops.append(b"BT /%s %d Tf 1 0 0 1 %d %d Tm %s Tj ET" % (font, size, x, y, pdf_string(line)))
            y -= 20
            continue
        if line.startswith("*"):
            line, font = line[1:], b"F2"
        if line.startswith("#"):
            line, grid = line[1:], True
        cols = line.split("||")
        for i, (x, col) in enumerate(zip(xs[: len(cols)], cols)):
            if col.strip():
                ops.append(b"BT /%s %d Tf %d %d Td %s Tj ET" % (font, size, x, y, pdf_string(col)))
                end = xs[i + 1] if i + 1 < len(cols) else 560
                if x + width(col, font, size) > end - 4:
                    raise SystemExit("too wide: " + col)
        if grid:
            ops.append(b"0.3 w %d %d %d 14 re S" % (xs[0] - 4, y - 4, 556 - xs[0]))
            for x in xs[1: len(cols)]:
                ops.append(b"%d %d m %d %d l S" % (x - 4, y - 4, x - 4, y + 10))
        y -= 14
        if y < 30:
            raise SystemExit("page too long: " + line)
    return b"\n".join(ops)


def write_pdf(path, page_streams):
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    f1 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    f2 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    objects.append(None)
    pages_id = len(objects)
    kids = []
    for stream in page_streams:
        data = zlib.compress(stream)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        resources = b"<< /Font << /F1 %d 0 R /F2 %d 0 R >> >>" % (f1, f2)
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources %s /Contents %d 0 R >>" % (pages_id, resources, content)))
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(out)


def pdf_file(name, pages, xs=(60, 230, 420)):
    write_pdf(os.path.join(HERE, name), [page_content(p, xs) for p in pages])


def running(pages, header, footer):
    n = len(pages)
    return [[header, ""] + p + ["", footer.format(i + 1, n)] for i, p in enumerate(pages)]


def truth(name, kind, fields):
    lines = [
        f"# What a careful analyst records from {name} (tests/draft.rs measures drafts against it).",
        f'document = "{name}"',
        f'kind = "{kind}"',
        "",
        "[fields]",
    ]
    for k, v in fields:
        v = v.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{k}" = "{v}"')
    stem = name.rsplit(".", 1)[0]
    with open(os.path.join(HERE, stem + ".truth.toml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


# ------------------------------------------------------------------- ISO/IEC certificates

def iso_grid_vantor():
    # A certificate laid out as a ruled table of label | value; the scope wraps inside its cell;
    # "1 March 2025" dates; an initial-certification date beside the current one.
    name = "iso-27001-grid-vantor.pdf"
    page = [
        "^ARKENFELD CERTIFICATION SERVICES LTD",
        "",
        "^Certificate of Conformity",
        "Information Security Management System",
        "",
        "#Certificate number||AKF-ISMS-20931",
        "#Organisation||Vantor Ledgerworks Ltd",
        "#Address||14 Copperline Street, Leeds LS1 4AB, United Kingdom",
        "#Standard||ISO/IEC 27001:2022",
        "#Scope of certification||The design, development, hosting and support of the Vantor",
        "#||cloud accounting platform and its public APIs, in accordance",
        "#||with the Statement of Applicability version 2.4.",
        "#Date of initial certification||1 March 2019",
        "#Date of this certificate||1 March 2025",
        "#Expiry date||28 February 2028",
        "#Accreditation||UKAS Management Systems 9981",
        "",
        "",
        "For and on behalf of Arkenfeld Certification Services Ltd",
        "",
        "R. Okonjo, Head of Certification",
        "",
        "~",
        "This certificate remains the property of Arkenfeld Certification Services Ltd",
        "and shall be returned on request. Validity may be confirmed at",
        "https://verify.arkenfeld.example/AKF-ISMS-20931",
    ]
    pdf_file(name, [page], xs=(64, 220))
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 27001:2022"),
        ("iso.certificate_number", "AKF-ISMS-20931"),
        ("iso.certified_entity", "Vantor Ledgerworks Ltd"),
        ("iso.certification_body", "Arkenfeld Certification Services Ltd"),
        ("iso.accreditation_body", "UKAS"),
        ("iso.issued", "2025-03-01"),
        ("iso.expires", "2028-02-28"),
        ("iso.scope", "The design, development, hosting and support of the Vantor cloud accounting "
                      "platform and its public APIs, in accordance with the Statement of "
                      "Applicability version 2.4."),
        ("iso.soa.version", "2.4"),
        ("iso.source", "document"),
    ])


def iso_appendix_pellucid():
    # Two pages: the scope is only in Appendix 1 on page 2 ("described in Appendix 1"); US dates
    # with ordinals ("March 1st, 2025"); expiry on 29 February; a running footer with the number.
    name = "iso-27001-appendix-pellucid.pdf"
    p1 = [
        "^Brennock Vale Assurance Ltd",
        "",
        "^CERTIFICATE",
        "",
        "This is to certify that the Information Security Management System of",
        "",
        "*Pellucid Health Analytics, Inc.",
        "1200 Harbor Loop, Suite 400, Portland, OR 97201, USA",
        "",
        "has been assessed and found to conform to the requirements of",
        "",
        "*ISO/IEC 27001:2022",
        "",
        "for the scope of activities described in Appendix 1 to this certificate.",
        "",
        "Certificate Number:||BVA-31877",
        "Issue Date:||March 1st, 2025",
        "Expiration Date:||February 29th, 2028",
        "",
        "ANAB accredited management systems certification body, accreditation MSCB-0412.",
        "",
        "",
        "Signed on behalf of Brennock Vale Assurance Ltd",
        "Marguerite Ansel, President",
    ]
    p2 = [
        "*Appendix 1 to Certificate BVA-31877",
        "",
        "*Scope of Certification",
        "",
        "The information security management system supporting the Pellucid clinical analytics",
        "platform, including data ingestion, de-identification, model hosting and customer support,",
        "operated from the Portland, Oregon and Columbus, Ohio offices.",
        "",
        "Statement of Applicability: version 5, dated January 14th, 2025",
        "",
        "Locations",
        "1200 Harbor Loop, Suite 400, Portland, OR 97201, USA (head office)",
        "88 Scioto Row, Columbus, OH 43215, USA",
    ]
    pages = [p + ["", "", "Certificate No. BVA-31877  -  Page %d of 2" % (i + 1)] for i, p in enumerate([p1, p2])]
    pdf_file(name, pages, xs=(60, 200))
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 27001:2022"),
        ("iso.certificate_number", "BVA-31877"),
        ("iso.certified_entity", "Pellucid Health Analytics, Inc."),
        ("iso.certification_body", "Brennock Vale Assurance Ltd"),
        ("iso.accreditation_body", "ANAB"),
        ("iso.issued", "2025-03-01"),
        ("iso.expires", "2028-02-29"),
        ("iso.scope", "The information security management system supporting the Pellucid clinical "
                      "analytics platform, including data ingestion, de-identification, model "
                      "hosting and customer support, operated from the Portland, Oregon and "
                      "Columbus, Ohio offices."),
        ("iso.soa.version", "5"),
        ("iso.source", "document"),
    ])


def iso_multisite_halvard():
    # OCR text of a three-page multi-site certificate: the scope is hyphenated at a line end and
    # runs over the page break (past a running header); "01-Mar-2025" dates with extra spaces;
    # an annex listing sites; an accreditation body the analyst reads as DANAK.
    name = "iso-27001-multisite-halvard.txt"
    p1 = [
        "   NORDLYS KVALITET CERTIFICERING A/S",
        "",
        "            C E R T I F I C A T E",
        "",
        "Certificate  No.   NKC-ISMS-7741-M",
        "",
        "This is to certify that",
        "",
        "     Halvard Shipping Systems ApS",
        "     Head office: Kajgade 9, 8000 Aarhus C, Denmark",
        "     and the sites listed in the Annex",
        "",
        "operates an Information Security Management System which complies with",
        "the requirements of",
        "",
        "     ISO/IEC 27001:2022",
        "",
        "Scope:",
        "Development, operation and support of vessel-tracking and port-logistics soft-",
        "ware services delivered as SaaS to shipping lines, terminal operators and port",
    ]
    p2 = [
        "NKC-ISMS-7741-M                                        Page 2 of 3",
        "",
        "authorities, from the head office and the sites listed in the Annex.",
        "",
        "Issue date :    01-Mar-2025",
        "Valid  until :  28-Feb-2028",
        "",
        "Accredited by DANAK  (reg. no. 6021)",
        "",
        "Aarhus, 01-Mar-2025",
        "Nordlys Kvalitet Certificering A/S",
        "Signe Vestergaard, Certification Manager",
    ]
    p3 = [
        "NKC-ISMS-7741-M                                        Page 3 of 3",
        "",
        "Annex  -  Sites covered by certificate NKC-ISMS-7741-M",
        "",
        "Site||Address||Activities",
        "Head office||Kajgade 9, 8000 Aarhus C, Denmark||Management, development",
        "Gdansk delivery centre||ul. Portowa 12, 80-001 Gdansk, Poland||Development, support",
        "Rotterdam operations||Havenweg 40, 3011 Rotterdam, Netherlands||Operations, support",
    ]
    text_file(name, [p1, p2, p3], width=28)
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 27001:2022"),
        ("iso.certificate_number", "NKC-ISMS-7741-M"),
        ("iso.certified_entity", "Halvard Shipping Systems ApS"),
        ("iso.certification_body", "Nordlys Kvalitet Certificering A/S"),
        ("iso.accreditation_body", "DANAK"),
        ("iso.issued", "2025-03-01"),
        ("iso.expires", "2028-02-28"),
        ("iso.scope", "Development, operation and support of vessel-tracking and port-logistics "
                      "software services delivered as SaaS to shipping lines, terminal operators "
                      "and port authorities, from the head office and the sites listed in the Annex."),
        ("iso.source", "document"),
    ])


def iso_recert_obsidian():
    # A 2022 recertification after a transition from 2013: both editions are printed; an initial
    # certification date, a transition date and the current issue; "2025/03/01" dates;
    # ISO/IEC 17021-1 and 27006 named as what the body works to.
    name = "iso-27001-recert-obsidian.pdf"
    page = [
        "^QUARRYSTONE REGISTRAR INC.",
        "",
        "^Certificate of Registration",
        "",
        "This certifies that the management system of",
        "",
        "*Obsidian Relay Networks Pte. Ltd.",
        "30 Kallang Quay, #07-11, Singapore 339213",
        "",
        "is registered to the standard",
        "",
        "*ISO/IEC 27001:2022",
        "Information security, cybersecurity and privacy protection",
        "",
        "Scope of registration:",
        "Operation of the Obsidian Relay managed network and secure messaging services for",
        "enterprise customers in the Asia-Pacific region.",
        "",
        "Registration No.:||QRI-0917-22",
        "Initial certification:||2016/05/12",
        "Transition:||2024/06/20, from ISO/IEC 27001:2013 to ISO/IEC 27001:2022",
        "Recertification audit:||2025/01/27 to 2025/01/31",
        "Current issue:||2025/03/01",
        "Expiry:||2028/02/29",
        "",
        "Audited in accordance with ISO/IEC 17021-1:2015 and ISO/IEC 27006:2015.",
        "Accreditation: JAS-ANZ, accreditation no. Z4450211AS",
        "",
        "",
        "Elliot Marchetti, Registrar",
        "Quarrystone Registrar Inc., 4100 Lakeshore Drive, Toronto, ON M5J 2N1, Canada",
    ]
    pdf_file(name, [page], xs=(60, 210))
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 27001:2022"),
        ("iso.certificate_number", "QRI-0917-22"),
        ("iso.certified_entity", "Obsidian Relay Networks Pte. Ltd."),
        ("iso.certification_body", "Quarrystone Registrar Inc."),
        ("iso.accreditation_body", "JAS-ANZ"),
        ("iso.issued", "2025-03-01"),
        ("iso.expires", "2028-02-29"),
        ("iso.scope", "Operation of the Obsidian Relay managed network and secure messaging services "
                      "for enterprise customers in the Asia-Pacific region."),
        ("iso.source", "document"),
    ])


def iso_42001_tamsin():
    # Copied from a trust portal: "Label: value" lines, a "valid from ... to ..." range, a scope
    # naming an AI system, one surveillance audit completed and one only planned; no
    # accreditation body in the text.
    name = "iso-42001-tamsin.txt"
    page = [
        "Trust Center  >  Certifications  >  ISO/IEC 42001",
        "",
        "Certificate details",
        "",
        "Certified organization: Tamsin Robotics Ltd",
        "Standard: ISO/IEC 42001:2023 (Artificial intelligence - Management system)",
        "Certificate ID: LUM-AIMS-00318",
        "Certification body: Lumenreach Assurance Ltd",
        "Validity: valid from 3 June 2025 to 2 June 2028",
        "",
        "Scope:",
        "The AI management system for the development, provision and monitoring of the Tamsin",
        "Vision AI system for warehouse robot navigation, including model training, evaluation,",
        "deployment and post-market monitoring, as a provider of AI systems.",
        "",
        "Audit history",
        "Stage 2 certification audit  -  completed 12 May 2025",
        "Surveillance audit 1  -  completed 21 May 2026, no nonconformities",
        "Surveillance audit 2  -  planned for May 2027",
        "",
        "Download certificate (PDF)     Request the Statement of Applicability",
    ]
    text_file(name, [page])
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 42001:2023"),
        ("iso.certificate_number", "LUM-AIMS-00318"),
        ("iso.certified_entity", "Tamsin Robotics Ltd"),
        ("iso.certification_body", "Lumenreach Assurance Ltd"),
        ("iso.issued", "2025-06-03"),
        ("iso.expires", "2028-06-02"),
        ("iso.scope", "The AI management system for the development, provision and monitoring of the "
                      "Tamsin Vision AI system for warehouse robot navigation, including model "
                      "training, evaluation, deployment and post-market monitoring, as a provider "
                      "of AI systems."),
        ("iso.surveillance[0].date", "2026-05-21"),
        ("iso.source", "document"),
    ])


def iso_27017_quorra():
    # An extension certificate: 27017 certified, naming the 27001 certificate it extends (two
    # certificate numbers of the same shape); dotted day-first dates.
    name = "iso-27017-extension-quorra.pdf"
    page = [
        "^Ostrander Certification Bureau B.V.",
        "",
        "^CERTIFICATE",
        "",
        "Certificate number: OCB-27017-1142",
        "",
        "Ostrander Certification Bureau B.V. certifies that",
        "",
        "*Quorra Cloudworks B.V.",
        "Keizersgracht 221, 1016 DV Amsterdam, the Netherlands",
        "",
        "has implemented the information security controls for cloud services of",
        "",
        "*ISO/IEC 27017:2015",
        "",
        "as an extension to its information security management system certified to",
        "ISO/IEC 27001:2022 under certificate number OCB-27001-0988. This certificate is valid",
        "only together with certificate OCB-27001-0988.",
        "",
        "Scope:",
        "Provision of infrastructure-as-a-service and managed Kubernetes services by Quorra",
        "Cloudworks B.V. as a cloud service provider.",
        "",
        "Issued:||15.04.2025",
        "Valid until:||14.04.2028",
        "",
        "Accredited by the Raad voor Accreditatie (RvA), registration C 512.",
        "",
        "Amsterdam, 15.04.2025",
        "Pieter Hoekstra, Managing Director",
    ]
    pdf_file(name, [page], xs=(60, 160))
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 27017:2015"),
        ("iso.certificate_number", "OCB-27017-1142"),
        ("iso.certified_entity", "Quorra Cloudworks B.V."),
        ("iso.certification_body", "Ostrander Certification Bureau B.V."),
        ("iso.accreditation_body", "RvA"),
        ("iso.issued", "2025-04-15"),
        ("iso.expires", "2028-04-14"),
        ("iso.scope", "Provision of infrastructure-as-a-service and managed Kubernetes services by "
                      "Quorra Cloudworks B.V. as a cloud service provider."),
        ("iso.extends", "OCB-27001-0988"),
        ("iso.source", "document"),
    ])


def iso_bilingual_alpenglas():
    # German/English: every label given in both languages, "DE / EN: value"; the scope printed in
    # German then in English (the analyst records the English one); dotted dates in a range.
    name = "iso-27001-bilingual-alpenglas.pdf"
    page = [
        "^ZERTIFIKAT  /  CERTIFICATE",
        "",
        "Zertifikat Nr. / Certificate No.:||EQZ-ISMS-4471",
        "",
        "Die Zertifizierungsstelle der Edelquarz Zertifizierung GmbH bescheinigt, dass",
        "The certification body of Edelquarz Zertifizierung GmbH certifies that",
        "",
        "*Alpenglas Datenwerk GmbH",
        "Bergstrasse 17, 6020 Innsbruck, Österreich / Austria",
        "",
        "ein Informationssicherheits-Managementsystem eingeführt hat und anwendet nach /",
        "has established and applies an information security management system according to",
        "",
        "*ISO/IEC 27001:2022",
        "",
        "Geltungsbereich:",
        "Entwicklung und Betrieb der Alpenglas Dokumentenarchiv-Plattform.",
        "Scope:",
        "Development and operation of the Alpenglas document archive platform.",
        "",
        "Gültig vom / Valid from:||01.03.2025",
        "Gültig bis / Valid until:||28.02.2028",
        "",
        "Akkreditiert durch die DAkkS / Accredited by DAkkS, D-ZM-19204-01-00",
        "",
        "Innsbruck, 01.03.2025",
        "Edelquarz Zertifizierung GmbH, Leiter der Zertifizierungsstelle / Head of Certification",
    ]
    pdf_file(name, [page], xs=(60, 250))
    truth(name, "iso_certificate", [
        ("iso.standard", "ISO/IEC 27001:2022"),
        ("iso.certificate_number", "EQZ-ISMS-4471"),
        ("iso.certified_entity", "Alpenglas Datenwerk GmbH"),
        ("iso.certification_body", "Edelquarz Zertifizierung GmbH"),
        ("iso.accreditation_body", "DAkkS"),
        ("iso.issued", "2025-03-01"),
        ("iso.expires", "2028-02-28"),
        ("iso.scope", "Development and operation of the Alpenglas document archive platform."),
        ("iso.source", "document"),
    ])


# ----------------------------------------------------------------------------- SOC reports

def soc2_fernhollow():
    # A 7-page SOC 2 Type II PDF with AICPA section headings, a table of contents naming them, a
    # qualified opinion naming CC6.3, tests in a Control / Test / Result table whose cells wrap,
    # an inclusive subservice organisation in a table, CUECs in a table, a running header.
    name = "soc2-type2-fernhollow.pdf"
    cover = [
        "",
        "^Fernhollow Payroll Systems, Inc.",
        "",
        "^SOC 2® Type II Report",
        "",
        "Report on Fernhollow Payroll Systems, Inc.'s Description of Its Payroll Processing",
        "System and on the Suitability of the Design and Operating Effectiveness of Its",
        "Controls Relevant to Security, Availability, and Confidentiality",
        "",
        "For the Period April 1, 2024 to March 31, 2025",
        "",
        "",
        "Prepared by Tillbrook Marsh LLP, Certified Public Accountants",
        "",
        "CONFIDENTIAL: this report is intended solely for the information and use of",
        "Fernhollow, user entities of the system and their auditors.",
    ]
    toc = [
        "*Table of Contents",
        "",
        "Section I     Independent Service Auditor's Report . . . . . . . . . . . . . . . . . . . . 3",
        "Section II    Management's Assertion . . . . . . . . . . . . . . . . . . . . . . . . . . . . 4",
        "Section III   System Description . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 5",
        "Section IV   Trust Services Criteria, Related Controls and Tests of Controls . . . 6",
    ]
    s1a = [
        "*Section I: Independent Service Auditor's Report",
        "",
        "To the Management of Fernhollow Payroll Systems, Inc.:",
        "",
        "*Scope",
        "We have examined Fernhollow Payroll Systems, Inc.'s (Fernhollow) accompanying description",
        "of its payroll processing system in Section III throughout the period April 1, 2024 to",
        "March 31, 2025 (description) and the suitability of the design and operating effectiveness",
        "of controls stated in the description to provide reasonable assurance that Fernhollow's",
        "service commitments and system requirements were achieved based on the trust services",
        "criteria relevant to security, availability, and confidentiality (applicable trust services",
        "criteria) set forth in TSP section 100, 2017 Trust Services Criteria for Security,",
        "Availability, Processing Integrity, Confidentiality, and Privacy (AICPA, Trust Services",
        "Criteria).",
        "",
        "Fernhollow uses Kettlewick Data Centres Ltd, a subservice organization, to provide",
        "colocation and physical security services. The description includes those elements of",
        "the controls of Kettlewick Data Centres Ltd relevant to the applicable criteria; that is,",
        "the inclusive method has been used.",
        "",
        "*Basis for Qualified Opinion",
        "Our tests of operating effectiveness found that logical access of terminated employees",
        "was not removed timely, as described in Section IV for control CC6.3. As a result,",
        "controls were not operating effectively to achieve criterion CC6.3 throughout the period",
        "April 1, 2024 to March 31, 2025.",
    ]
    s1b = [
        "*Qualified Opinion",
        "In our opinion, except for the matter described in the preceding paragraph, in all",
        "material respects, the description presents the payroll processing system that was",
        "designed and implemented throughout the period April 1, 2024 to March 31, 2025, and the",
        "controls stated in the description were suitably designed and operated effectively to",
        "provide reasonable assurance that Fernhollow's service commitments and system",
        "requirements were achieved based on the applicable trust services criteria.",
        "",
        "",
        "Tillbrook Marsh LLP",
        "Columbus, Ohio",
        "June 6th, 2025",
        "",
        "",
        "*Section II: Management's Assertion",
        "",
        "We have prepared the accompanying description of Fernhollow's payroll processing system",
        "throughout the period April 1, 2024 to March 31, 2025. We confirm, to the best of our",
        "knowledge and belief, that the description presents the system fairly and that the",
        "controls were suitably designed and operated effectively, except for the matter",
        "concerning CC6.3 described in the service auditor's report.",
        "",
        "Fernhollow Payroll Systems, Inc. Management",
    ]
    s3 = [
        "*Section III: System Description",
        "",
        "*Services in scope",
        "- Fernhollow Payroll Engine",
        "- Fernhollow Employee Self-Service Portal",
        "",
        "*Subservice Organizations",
        "#Subservice organization||Services provided||Method",
        "#Kettlewick Data Centres Ltd||Colocation, physical security||Inclusive",
        "",
        "*Complementary User Entity Controls",
        "The controls below are expected to be implemented by user entities.",
        "@60,90,480",
        "#No.||Complementary user entity control||Criteria",
        "#1||User entities are responsible for approving payroll changes||CC6.1",
        "#||before each pay run.||",
        "#2||User entities are responsible for notifying Fernhollow of||CC6.2",
        "#||terminated administrators within one business day.||",
        "#3||User entities are responsible for securing the files they||C1.1",
        "#||export from the portal.||",
    ]
    s4a = [
        "*Section IV: Trust Services Criteria, Related Controls and Tests of Controls",
        "",
        "@60,215,395",
        "#Control||Test performed||Result",
        "#CC6.1  MFA is enforced||Inspected the identity||No exceptions noted.",
        "#for remote access.||provider settings for MFA.||",
        "#CC6.3  Access of||For a sample of 25||Exception noted: access for",
        "#terminated employees is||terminations, compared||4 of 25 terminated",
        "#removed within one||termination dates with||employees was removed",
        "#business day.||deactivation dates.||between 5 and 12 business",
        "#||||days after termination.",
        "#||||Management's response: an",
        "#||||automated feed was",
        "#||||introduced in February 2025.",
    ]
    s4b = [
        "@60,215,395",
        "#Control||Test performed||Result",
        "#CC7.2  Security alerts||For a sample of 40 alerts,||Exception noted: 2 of 40",
        "#are reviewed within 24||inspected the ticket for||sampled security alerts",
        "#hours.||evidence of review.||were not reviewed within",
        "#||||the 24-hour target.",
        "#A1.2  Backups are||Inspected replication job||No exceptions noted.",
        "#replicated to a second||logs for a sample of 25||",
        "#site daily.||days.||",
        "#C1.1  Confidential data||Inspected the classification||No exceptions noted.",
        "#is classified on receipt.||policy and 25 uploads.||",
    ]
    pages = running([cover, toc, s1a, s1b, s3, s4a, s4b],
                    "Fernhollow Payroll Systems, Inc. | SOC 2 Type II | Confidential",
                    "Page {} of {}")
    pdf_file(name, pages, xs=(60, 230, 420))
    truth(name, "soc2_report", [
        ("soc2.type", "2"),
        ("soc2.auditor", "Tillbrook Marsh LLP"),
        ("soc2.period_start", "2024-04-01"),
        ("soc2.period_end", "2025-03-31"),
        ("soc2.report_date", "2025-06-06"),
        ("soc2.opinion", "qualified"),
        ("soc2.categories", "security, availability, confidentiality"),
        ("soc2.services", "Fernhollow Payroll Engine, Fernhollow Employee Self-Service Portal"),
        ("soc2.exceptions[0].control", "CC6.3"),
        ("soc2.exceptions[0].text", "access for 4 of 25 terminated employees was removed between 5 and 12 business days after termination."),
        ("soc2.exceptions[0].material", "true"),
        ("soc2.exceptions[1].control", "CC7.2"),
        ("soc2.exceptions[1].text", "2 of 40 sampled security alerts were not reviewed within the 24-hour target."),
        ("soc2.exceptions[1].material", "false"),
        ("soc2.cuecs[0].control", "User entities are responsible for approving payroll changes before each pay run."),
        ("soc2.cuecs[1].control", "User entities are responsible for notifying Fernhollow of terminated administrators within one business day."),
        ("soc2.cuecs[2].control", "User entities are responsible for securing the files they export from the portal."),
        ("soc2.subservice[0].name", "Kettlewick Data Centres Ltd"),
        ("soc2.subservice[0].method", "inclusive"),
        ("soc2.source", "document"),
    ])


def soc2_marisol():
    # OCR text of a 5-page SOC 2 Type 2 report: AICPA section headings (one broken by OCR), a
    # running header, an unqualified opinion, all tests "No exceptions noted", a carve-out
    # subservice organisation in a table, CUECs in a table, an auditor ending "CPAs, P.C.".
    name = "soc2-type2-marisol.txt"
    hdr = "Marisol Freight Analytics, LLC   |   SOC 2 Type 2 Report   |   Confidential"
    p1 = [
        hdr,
        "",
        "",
        "         MARISOL FREIGHT ANALYTICS, LLC",
        "",
        "         SOC 2  Type 2 Report",
        "",
        "         Report on Controls at a Service Organization Relevant to",
        "         Security and Availability",
        "",
        "         For the period July 1, 2024 through June 30, 2025",
        "",
        "         Penwarden Hale CPAs, P.C.",
    ]
    p2 = [
        hdr,
        "",
        "SECTION I    INDEPENDENT SERVICE AUDITOR'S REPORT",
        "",
        "To Marisol Freight Analytics, LLC",
        "",
        "Scope",
        "We have examined Marisol Freight Analytics, LLC's (\"Marisol\") description of its",
        "RouteIQ system for the period July 1, 2024 through June 30, 2025 and the suitability",
        "of the design and operating  effectiveness of controls stated in the description",
        "to provide reasonable assurance that Marisol's service commitments and system",
        "requirements were achieved based on the trust services criteria relevant to security",
        "and availability (applicable trust services criteria) set forth in TSP section 100.",
        "",
        "Marisol uses Cirrowave Hosting LLC to host its production environment. The",
        "description excludes the controls of Cirrowave Hosting LLC (carve-out method).",
        "",
        "Opinion",
        "In our opinion, in all material respects, the description presents the RouteIQ system",
        "that was designed and implemented for the period July 1, 2024 through June 30, 2025,",
        "and the controls stated in the description were suitably designed and operated",
        "effectively to provide reasonable assurance that Marisol's service commitments and",
        "system requirements were achieved based on the applicable trust services criteria.",
        "",
        "Penwarden Hale CPAs, P.C.",
        "Tampa, Florida",
        "August 22, 2025",
    ]
    p3 = [
        hdr,
        "",
        "SECTION II    MANAGEMENT'S ASSERTION",
        "",
        "We have prepared the description of the RouteIQ system for the period July 1, 2024",
        "through June 30, 2025, based on the description criteria in DC section 200. We",
        "confirm that the controls were suitably designed and operated effectively.",
        "",
        "Lucia Ferrante, Chief Executive Officer, Marisol Freight Analytics, LLC",
        "",
        "",
        "SECT ION III    SYSTEM DESCRIPTION",
        "",
        "Services in scope",
        "  *  Marisol RouteIQ",
        "",
        "Subservice Organizations",
        "Subservice organization||Service||Method",
        "Cirrowave Hosting LLC||Infrastructure hosting||Carve-out",
    ]
    p4 = [
        hdr,
        "",
        "Complementary User Entity Controls",
        "",
        "Control||Complementary user entity control",
        "CUEC-1||User entities are responsible for maintaining the",
        "||accuracy of the shipment data they submit.",
        "CUEC-2||User entities are responsible for reviewing their users'",
        "||access to RouteIQ quarterly.",
    ]
    p5 = [
        hdr,
        "",
        "SECTION IV    TRUST SERVICES CRITERIA, RELATED CONTROLS AND TESTS OF CONTROLS",
        "",
        "Control||Test||Result",
        "CC6.1 Unique user IDs||Inspected user listing||No exceptions noted.",
        "CC6.2 Access approval||Sampled 25 new users||No exceptions noted.",
        "CC7.3 Incident response||Inspected 3 incidents||No  exceptions noted.",
        "A1.2  Backups||Inspected backup logs||No exceptions noted.",
        "",
        "                                                     Page 5",
    ]
    text_file(name, [p1, p2, p3, p4, p5], width=26)
    truth(name, "soc2_report", [
        ("soc2.type", "2"),
        ("soc2.auditor", "Penwarden Hale CPAs, P.C."),
        ("soc2.period_start", "2024-07-01"),
        ("soc2.period_end", "2025-06-30"),
        ("soc2.report_date", "2025-08-22"),
        ("soc2.opinion", "unqualified"),
        ("soc2.categories", "security, availability"),
        ("soc2.services", "Marisol RouteIQ"),
        ("soc2.exceptions", "[]"),
        ("soc2.cuecs[0].control", "User entities are responsible for maintaining the accuracy of the shipment data they submit."),
        ("soc2.cuecs[1].control", "User entities are responsible for reviewing their users' access to RouteIQ quarterly."),
        ("soc2.subservice[0].name", "Cirrowave Hosting LLC"),
        ("soc2.subservice[0].method", "carve_out"),
        ("soc2.source", "document"),
    ])


def soc2_type1_kestrel():
    # A 4-page SOC 2 Type 1 PDF: "as of March 1st, 2025", an auditor ending "& Co.", no
    # subservice organisations, CUECs in a table, the report date labelled on the cover.
    name = "soc2-type1-kestrel.pdf"
    cover = [
        "^Kestrel Identity Labs Ltd",
        "",
        "^SOC 2 Type 1 Report",
        "",
        "Report on the Kestrel Passkey Platform and on the Suitability of the Design of",
        "Controls Relevant to Security and Privacy",
        "",
        "As of March 1st, 2025",
        "",
        "Issued by Oakhurst Pell & Co.",
        "Report date: April 10th, 2025",
    ]
    s1 = [
        "*SECTION I - INDEPENDENT SERVICE AUDITOR'S REPORT",
        "",
        "To the Board of Directors of Kestrel Identity Labs Ltd",
        "",
        "We have examined the description of the Kestrel Passkey Platform as of March 1st, 2025",
        "and the suitability of the design of controls stated in the description to provide",
        "reasonable assurance that Kestrel's service commitments and system requirements would",
        "be achieved based on the trust services criteria relevant to security and privacy.",
        "",
        "Kestrel does not use any subservice organizations.",
        "",
        "*Opinion",
        "In our opinion, in all material respects, the description presents the Kestrel Passkey",
        "Platform as designed and implemented as of March 1st, 2025, and the controls stated in",
        "the description were suitably designed to provide reasonable assurance that Kestrel's",
        "service commitments and system requirements would be achieved.",
        "",
        "Oakhurst Pell & Co.",
        "Edinburgh, Scotland",
        "April 10th, 2025",
    ]
    s2 = [
        "*SECTION II - MANAGEMENT'S ASSERTION",
        "",
        "We have prepared the description of the Kestrel Passkey Platform as of March 1st, 2025.",
        "",
        "*SECTION III - SYSTEM DESCRIPTION",
        "",
        "*Services in scope",
        "1. Kestrel Passkey API",
        "2. Kestrel Admin Console",
        "",
        "*Complementary User Entity Controls",
        "#Ref||Control",
        "#CUEC 1||User entities are responsible for enrolling only authorised",
        "#||administrators in the Admin Console.",
        "#CUEC 2||User entities are responsible for obtaining end-user consent",
        "#||where required by privacy law.",
    ]
    s4 = [
        "*SECTION IV - TRUST SERVICES CRITERIA AND RELATED CONTROLS",
        "",
        "#Criterion||Control",
        "#CC6.1||Passkeys are bound to a device attested at enrolment.",
        "#P4.1||Personal information is collected only for stated purposes.",
    ]
    pages = running([cover, s1, s2, s4], "Kestrel Identity Labs Ltd - SOC 2 Type 1",
                    "{} / {}")
    pdf_file(name, pages, xs=(60, 140))
    truth(name, "soc2_report", [
        ("soc2.type", "1"),
        ("soc2.auditor", "Oakhurst Pell & Co."),
        ("soc2.period_end", "2025-03-01"),
        ("soc2.report_date", "2025-04-10"),
        ("soc2.opinion", "unqualified"),
        ("soc2.categories", "security, privacy"),
        ("soc2.services", "Kestrel Passkey API, Kestrel Admin Console"),
        ("soc2.cuecs[0].control", "User entities are responsible for enrolling only authorised administrators in the Admin Console."),
        ("soc2.cuecs[1].control", "User entities are responsible for obtaining end-user consent where required by privacy law."),
        ("soc2.subservice", "[]"),
        ("soc2.source", "document"),
    ])


def soc3_bramblecourt():
    # A SOC 3 report copied as text: "through" period, processing integrity among the
    # categories, report date under the signature with an ordinal.
    name = "soc3-bramblecourt.txt"
    p1 = [
        "Bramblecourt Insurance Technology Inc.",
        "",
        "SOC 3® Report",
        "System and Organization Controls Report relevant to Security, Availability, and",
        "Processing Integrity",
        "",
        "For the period October 1, 2024 through September 30, 2025",
    ]
    p2 = [
        "Independent Service Auditor's Report",
        "",
        "To the Management of Bramblecourt Insurance Technology Inc.",
        "",
        "We have examined Bramblecourt's assertion that the controls within the Bramblecourt",
        "Claims Exchange system were effective throughout the period October 1, 2024 through",
        "September 30, 2025, to provide reasonable assurance that its service commitments and",
        "system requirements were achieved based on the trust services criteria relevant to",
        "security, availability, and processing integrity.",
        "",
        "Opinion",
        "In our opinion, management's assertion that the controls were effective throughout the",
        "period is fairly stated, in all material respects.",
        "",
        "Greywater Lund LLP",
        "Hartford, Connecticut",
        "November 14th, 2025",
    ]
    p3 = [
        "Attachment A - Bramblecourt's description of the boundaries of its system",
        "",
        "Services in scope:",
        "- Bramblecourt Claims Exchange",
    ]
    text_file(name, [p1, p2, p3])
    truth(name, "soc3_report", [
        ("soc2.type", "2"),
        ("soc2.auditor", "Greywater Lund LLP"),
        ("soc2.period_start", "2024-10-01"),
        ("soc2.period_end", "2025-09-30"),
        ("soc2.report_date", "2025-11-14"),
        ("soc2.opinion", "unqualified"),
        ("soc2.categories", "security, availability, processing_integrity"),
        ("soc2.services", "Bramblecourt Claims Exchange"),
        ("soc2.source", "summary"),
    ])


def bridge_fernhollow():
    # A bridge letter as text: the letter date at the top with an ordinal, the report period in
    # one sentence and the bridge period "through June 30th, 2025" in the next, "Respectfully,".
    name = "bridge-letter-fernhollow.txt"
    page = [
        "Fernhollow Payroll Systems, Inc.",
        "600 Lantern Avenue, Columbus, OH 43004",
        "",
        "July 2nd, 2025",
        "",
        "To our customers and their auditors",
        "",
        "Re: Bridge Letter for the SOC 2 Type II report",
        "",
        "Fernhollow's most recent SOC 2 Type II report, issued by Tillbrook Marsh LLP on June 6,",
        "2025, covered the period April 1, 2024 to March 31, 2025. For the period since the end",
        "of that report, April 1, 2025 through June 30th, 2025, we confirm that there have been",
        "no material changes to our payroll processing system or to the controls described in",
        "the report, other than the automated termination feed described in it. Our next report",
        "will cover April 1, 2025 to March 31, 2026.",
        "",
        "Respectfully,",
        "",
        "Imogen Halloway",
        "Vice President, Security & Compliance",
    ]
    text_file(name, [page])
    truth(name, "bridge_letter", [
        ("soc2.bridge_letter.through", "2025-06-30"),
        ("soc2.bridge_letter.signed_by", "Imogen Halloway, Vice President, Security & Compliance"),
        ("soc2.bridge_letter.date", "2025-07-02"),
    ])


def star_quorra():
    # A STAR Level 2 certificate: the 27001 certificate named in a sentence, a maturity rating,
    # a CCM version in parentheses, dotted dates, a registry link.
    name = "star-level2-quorra.pdf"
    page = [
        "^CSA STAR Certification",
        "",
        "^Level 2",
        "",
        "Ostrander Certification Bureau B.V. certifies that",
        "",
        "*Quorra Cloudworks B.V.",
        "",
        "has been assessed against the Cloud Security Alliance Cloud Controls Matrix",
        "(CCM v4.0.12), in conjunction with its ISO/IEC 27001:2022 certificate OCB-27001-0988,",
        "for the provision of infrastructure-as-a-service and managed Kubernetes services.",
        "",
        "Overall maturity rating:||Silver",
        "Date of certification:||20.05.2025",
        "Valid until:||19.05.2028",
        "Certificate number:||OCB-STAR-0211",
        "",
        "Registry entry: https://cloudsecurityalliance.org/star/registry/quorra-cloudworks",
        "",
        "",
        "Pieter Hoekstra, Managing Director, Ostrander Certification Bureau B.V.",
    ]
    pdf_file(name, [page], xs=(60, 220))
    truth(name, "star", [
        ("star.program", "star"),
        ("star.level", "2"),
        ("star.assessment", "certification"),
        ("star.date", "2025-05-20"),
        ("star.certificate", "OCB-27001-0988"),
        ("star.caiq_version", "CCM v4.0.12"),
        ("star.registry_url", "https://cloudsecurityalliance.org/star/registry/quorra-cloudworks"),
        ("star.source", "document"),
    ])


def web_nimbleworth():
    # A marketing page as copied from a browser: "SOC 2 Type II compliant", "ISO/IEC 27001
    # certified"; ISO 27701 and the NIST CSF only named as frameworks aligned with.
    name = "web-trust-nimbleworth.txt"
    page = [
        "Nimbleworth | Security & Trust",
        "Product   Pricing   Customers   Trust   Log in",
        "",
        "Security you can build on",
        "",
        "Nimbleworth is SOC 2 Type II compliant and ISO/IEC 27001 certified, so your team can",
        "onboard us without months of security review.",
        "",
        "SOC 2 Type II",
        "Our annual SOC 2 Type II audit is performed by an independent CPA firm. Request the",
        "report under NDA from your account manager.",
        "",
        "ISO/IEC 27001",
        "Our information security management system is certified to ISO/IEC 27001.",
        "",
        "Privacy",
        "Our privacy program is aligned with ISO 27701 and we follow the NIST CSF.",
        "",
        "(c) 2025 Nimbleworth Inc.   Privacy   Terms   Status",
    ]
    text_file(name, [page])
    truth(name, "claim", [
        ("soc2.type", "2"),
        ("soc2.source", "marketing"),
        ("iso.standard", "ISO/IEC 27001"),
        ("iso.source", "marketing"),
    ])


def main():
    iso_grid_vantor()
    iso_appendix_pellucid()
    iso_multisite_halvard()
    iso_recert_obsidian()
    iso_42001_tamsin()
    iso_27017_quorra()
    iso_bilingual_alpenglas()
    soc2_fernhollow()
    soc2_marisol()
    soc2_type1_kestrel()
    soc3_bramblecourt()
    bridge_fernhollow()
    star_quorra()
    web_nimbleworth()


if __name__ == "__main__":
    main()
