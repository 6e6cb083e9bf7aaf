# Writes the truth files (NAME.truth.toml): what a careful analyst records from each document.
# Kept beside generate.py; the truth files are committed and read by tests/draft.rs.
import os
HERE = os.path.dirname(os.path.abspath(__file__))

def truth(doc, kind, fields):
    name = doc.rsplit(".", 1)[0] + ".truth.toml"
    lines = ["# What a careful analyst records from " + doc + " (tests/draft.rs measures drafts against it).",
             f'document = "{doc}"', f'kind = "{kind}"', "", "[fields]"]
    for k, v in fields:
        v = v.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'"{k}" = "{v}"')
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

truth("iso-27001-northgate.pdf", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27001:2022"),
    ("iso.certificate_number", "IS 771234"),
    ("iso.certified_entity", "Quillfeather AI Ltd"),
    ("iso.certification_body", "Northgate Certification Ltd"),
    ("iso.accreditation_body", "UKAS"),
    ("iso.issued", "2025-03-14"),
    ("iso.expires", "2028-03-13"),
    ("iso.scope", "The design, development and operation of the Quillfeather Inference API and the Quillfeather Assistant, including production AI infrastructure and model artifacts."),
    ("iso.source", "document"),
    ("iso.soa.version", "3.2"),
])
truth("iso-27001-amd-meridian.txt", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27001:2022/Amd 1:2024"),
    ("iso.certificate_number", "MA-ISMS-2024-0815"),
    ("iso.certified_entity", "Halcyon Models GmbH"),
    ("iso.certification_body", "Meridian Assurance GmbH"),
    ("iso.issued", "2024-07-24"),
    ("iso.expires", "2027-07-23"),
    ("iso.scope", "Hosting and operation of the Halcyon Model Hub and its training pipelines in the Frankfurt and Munich data centres."),
    ("iso.source", "document"),
])
truth("iso-42001-larkspur.pdf", "iso_certificate", [
    ("iso.standard", "ISO/IEC 42001:2023"),
    ("iso.certificate_number", "AIMS-42-00917"),
    ("iso.certified_entity", "Larkspur Data Inc."),
    ("iso.certification_body", "Certis Registrar Inc."),
    ("iso.accreditation_body", "DAkkS"),
    ("iso.issued", "2025-03-12"),
    ("iso.expires", "2028-03-11"),
    ("iso.scope", "Development, training and operation of the Larkspur Forecast AI system, including model training pipelines, model artifacts and inference logging, at the Denver site."),
    ("iso.source", "document"),
    ("iso.surveillance[0].date", "2026-03-02"),
    ("iso.soa.version", "v2.1"),
])
truth("iso-27701-quillfeather.txt", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27701:2019"),
    ("iso.certificate_number", "PII 771235"),
    ("iso.certified_entity", "Quillfeather AI Ltd"),
    ("iso.certification_body", "Northgate Certification Ltd"),
    ("iso.accreditation_body", "UKAS"),
    ("iso.issued", "2025-03-01"),
    ("iso.expires", "2028-02-29"),
    ("iso.scope", "The privacy information management system, as a processor, for the Quillfeather Inference API and the Quillfeather Assistant."),
    ("iso.extends", "IS 771234"),
    ("iso.source", "document"),
])
truth("iso-27001-2013-brightwater.txt", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27001:2013"),
    ("iso.certificate_number", "CR-27K-4471"),
    ("iso.certified_entity", "Brightwater Systems S.A."),
    ("iso.certification_body", "Certis Registrar Inc."),
    ("iso.accreditation_body", "ANAB"),
    ("iso.issued", "2023-03-12"),
    ("iso.expires", "2026-03-11"),
    ("iso.scope", "Corporate IT and the Brightwater payments gateway operated from the Lisbon headquarters."),
    ("iso.source", "document"),
])
# The analyst resolves the number and the dates with the register; from the text alone:
truth("iso-27017-ambiguous.txt", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27017:2015"),
    ("iso.certified_entity", "Corvid Analytics Ltd"),
    ("iso.scope", "Cloud services for the Corvid Reporting Suite."),
    ("iso.source", "document"),
])
truth("iso-22301-tessellate.txt", "iso_certificate", [
    ("iso.standard", "ISO 22301:2019"),
    ("iso.certificate_number", "BCMS-0042-FR"),
    ("iso.certified_entity", "Tessellate Hub SAS"),
    ("iso.certification_body", "Albion Quality Services Ltd"),
    ("iso.accreditation_body", "COFRAC"),
    ("iso.issued", "2025-10-25"),
    ("iso.expires", "2028-10-24"),
    ("iso.scope", "Business continuity management for the Tessellate Hub integration platform."),
    ("iso.source", "document"),
])
truth("iso-27018-orchid.pdf", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27018:2019"),
    ("iso.certificate_number", "OS-27018-3310"),
    ("iso.certified_entity", "Orchid Search Ltd"),
    ("iso.certification_body", "Northgate Certification Ltd"),
    ("iso.issued", "2025-06-02"),
    ("iso.expires", "2028-06-01"),
    ("iso.scope", "Protection of PII processed by the Orchid Search Cloud Index service."),
    ("iso.source", "document"),
])
truth("soc2-type2-unqualified.pdf", "soc2_report", [
    ("soc2.type", "2"),
    ("soc2.auditor", "Ledger & Stone LLP"),
    ("soc2.period_start", "2025-07-01"),
    ("soc2.period_end", "2026-06-30"),
    ("soc2.report_date", "2026-08-14"),
    ("soc2.opinion", "unqualified"),
    ("soc2.categories", "security, availability, confidentiality"),
    ("soc2.services", "Quillfeather Inference API, Quillfeather Assistant"),
    ("soc2.exceptions[0].control", "CC6.2"),
    ("soc2.exceptions[0].text", "2 of 25 sampled leavers kept VPN access for more than 24 hours."),
    ("soc2.exceptions[0].material", "false"),
    ("soc2.cuecs[0].control", "User entities are responsible for rotating API keys issued to them."),
    ("soc2.cuecs[1].control", "User entities are responsible for reviewing the access of their own users and removing it when no longer needed."),
    ("soc2.subservice[0].name", "Nimbus Cloud Services"),
    ("soc2.subservice[0].method", "carve_out"),
    ("soc2.subservice[1].name", "Quillfeather Support Ltd"),
    ("soc2.subservice[1].method", "inclusive"),
    ("soc2.source", "document"),
])
truth("soc2-type2-qualified.pdf", "soc2_report", [
    ("soc2.type", "2"),
    ("soc2.auditor", "Harrow Whitcombe LLP"),
    ("soc2.period_start", "2025-01-01"),
    ("soc2.period_end", "2025-12-31"),
    ("soc2.report_date", "2026-02-20"),
    ("soc2.opinion", "qualified"),
    ("soc2.categories", "security, processing_integrity"),
    ("soc2.services", "Larkspur Forecast API"),
    ("soc2.exceptions[0].control", "CC6.2"),
    ("soc2.exceptions[0].text", "access was not removed within the required 24 hours for 9 of 40"),
    ("soc2.exceptions[0].material", "true"),
    ("soc2.cuecs[0].control", "User entities are responsible for configuring single sign-on for their users."),
    ("soc2.subservice[0].name", "Stratus Hosting Inc."),
    ("soc2.subservice[0].method", "carve_out"),
    ("soc2.source", "document"),
])
truth("soc2-type2-adverse.txt", "soc2_report", [
    ("soc2.type", "2"),
    ("soc2.auditor", "Pell & Marsh CPAs"),
    ("soc2.period_start", "2025-04-01"),
    ("soc2.period_end", "2026-03-31"),
    ("soc2.report_date", "2026-05-15"),
    ("soc2.opinion", "adverse"),
    ("soc2.categories", "security"),
    ("soc2.services", "Corvid Reporting Suite"),
    ("soc2.exceptions[0].control", "CC6.1"),
    ("soc2.exceptions[0].text", "MFA was not enforced for administrators"),
    ("soc2.exceptions[0].material", "false"),
    ("soc2.exceptions[1].control", "CC7.3"),
    ("soc2.exceptions[1].text", "3 of 10 incidents were not triaged"),
    ("soc2.exceptions[1].material", "false"),
    ("soc2.cuecs[0].control", "User entities are responsible for classifying the data they upload."),
    ("soc2.subservice", "[]"),
    ("soc2.source", "document"),
])
truth("soc2-type1-disclaimer.txt", "soc2_report", [
    ("soc2.type", "1"),
    ("soc2.auditor", "Okafor Brandt, P.C."),
    ("soc2.period_end", "2026-03-31"),
    ("soc2.report_date", "2026-06-02"),
    ("soc2.opinion", "disclaimer"),
    ("soc2.categories", "security, confidentiality, privacy"),
    ("soc2.services", "Brightwater Payments Gateway"),
    ("soc2.cuecs[0].control", "User entities are responsible for reconciling settlement files daily."),
    ("soc2.subservice[0].name", "Nimbus Cloud Services"),
    ("soc2.subservice[0].method", "carve_out"),
    ("soc2.source", "document"),
])
truth("soc2-type1-unqualified.pdf", "soc2_report", [
    ("soc2.type", "1"),
    ("soc2.auditor", "Ledger & Stone LLP"),
    ("soc2.period_end", "2025-09-30"),
    ("soc2.report_date", "2025-10-28"),
    ("soc2.opinion", "unqualified"),
    ("soc2.categories", "security, availability"),
    ("soc2.services", "Orchid Search Cloud Index"),
    ("soc2.cuecs[0].control", "User entities are responsible for protecting the credentials of their users."),
    ("soc2.subservice", "[]"),
    ("soc2.source", "document"),
])
truth("soc3-halcyon.txt", "soc3_report", [
    ("soc2.type", "2"),
    ("soc2.auditor", "Harrow Whitcombe LLP"),
    ("soc2.period_start", "2024-10-01"),
    ("soc2.period_end", "2025-09-30"),
    ("soc2.report_date", "2025-11-03"),
    ("soc2.opinion", "unqualified"),
    ("soc2.categories", "security, availability"),
    ("soc2.services", "Halcyon Model Hub"),
    ("soc2.source", "summary"),
])
truth("bridge-letter-quillfeather.pdf", "bridge_letter", [
    ("soc2.bridge_letter.through", "2026-10-31"),
    ("soc2.bridge_letter.signed_by", "Dana Reyes, Chief Information Security Officer"),
    ("soc2.bridge_letter.date", "2026-11-05"),
])
truth("star-certification.txt", "star", [
    ("star.program", "star"),
    ("star.level", "2"),
    ("star.assessment", "certification"),
    ("star.date", "2025-04-02"),
    ("star.certificate", "IS 771234"),
    ("star.caiq_version", "CCM v4.0.12"),
    ("star.source", "document"),
])
truth("flyer-quillfeather.pdf", "claim", [
    ("soc2.type", "2"),
    ("soc2.source", "marketing"),
    ("iso.standard", "ISO 27001"),
    ("iso.source", "marketing"),
])

truth("iso-27001-cobalt.pdf", "iso_certificate", [
    ("iso.standard", "ISO/IEC 27001:2022"),
    ("iso.certificate_number", "10000482-IS-2024"),
    ("iso.certified_entity", "Fenwick Data Services Ltd."),
    ("iso.certification_body", "Cobalt Business Assurance Ltd"),
    ("iso.issued", "2024-08-17"),
    ("iso.expires", "2027-08-16"),
    ("iso.scope", "Provision of managed cloud hosting and backup services, in accordance with the Statement of Applicability, version 7, dated 2 May 2024."),
    ("iso.soa.version", "7"),
    ("iso.source", "document"),
])
truth("soc2-type2-aurora.txt", "soc2_report", [
    ("soc2.type", "2"),
    ("soc2.auditor", "Whitfield Carrow LLP"),
    ("soc2.period_start", "2025-10-01"),
    ("soc2.period_end", "2026-03-31"),
    ("soc2.report_date", "2026-05-08"),
    ("soc2.opinion", "unqualified"),
    ("soc2.categories", "security"),
    ("soc2.services", "Aurora Ledger platform"),
    ("soc2.exceptions", "[]"),
    ("soc2.cuecs[0].control", "User entities are responsible for managing their users' access rights."),
    ("soc2.cuecs[1].control", "User entities are responsible for reporting suspected incidents to Aurora."),
    ("soc2.subservice[0].name", "Skyline Compute Inc."),
    ("soc2.subservice[0].method", "carve_out"),
    ("soc2.source", "document"),
])
