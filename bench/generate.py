#!/usr/bin/env python3
"""Write N synthetic vendor folders for the vendorcert benchmark.

Usage: python3 bench/generate.py OUT_DIR --count 10000 [--seed 1] [--as-of 2026-11-23]

Each vendor is a folder `OUT_DIR/vendor-NNNNNN/` holding `vendor.toml` or `vendor.json` (about
half each) in the shapes of `fixtures/portfolio/*/vendor.*` and `docs/evidence-format.md`
(schema 1), plus, for about a third of the vendors, small stand-in documents cited with their
real sha256. The mix of passing and failing evidence is drawn from a seeded RNG, so the same
`--seed` and `--count` always give the same files. Every name is fictional ("Vendor 00042 Ltd").

Dates are placed relative to `--as-of` (the date the benchmark evaluates at), so a set keeps
its pass/fail mix when evaluated at that date. Python 3 standard library only.
"""

import argparse
import calendar
import datetime as dt
import hashlib
import json
import os
import random
import sys

AS_OF_DEFAULT = "2026-11-23"

PRODUCTS = [
    "Inference API", "Chat Assistant", "Embeddings API", "Search Console", "Data Pipeline",
    "Analytics Workspace", "Document Vault", "Voice Gateway", "Vision API", "Fine-Tuning Studio",
    "Agent Runtime", "Identity Hub", "Payments Gateway", "Ticketing Suite", "Model Garden",
]
SUFFIXES = ["Ltd", "Inc.", "GmbH", "SAS", "LLC", "B.V.", "Pty Ltd", "AB"]
AUDITORS = [
    "Harbor & Vance LLP", "Ledger & Stone LLP", "Calder Whitmore CPAs", "Brightwater Assurance LLP",
    "Ostrander Kell & Co. LLP", "Quayside Audit Partners LLP",
]
CERT_BODIES = [
    "Meridian Certification Ltd", "Harrowgate Certification Ltd", "Cerfvolant Certification SAS",
    "Nordlicht Zertifizierung GmbH", "Pinecrest Registrars Inc.", "Tidewater Assessment Ltd",
]
# Recognised by vendorcert's default list (acronym, full name or alias) ...
GOOD_ACCREDITATION = [
    "UKAS", "ANAB", "DAkkS", "COFRAC", "JAS-ANZ", "ENAC", "RvA", "SWEDAC", "INAB",
    "United Kingdom Accreditation Service", "ANSI National Accreditation Board",
    "Deutsche Akkreditierungsstelle GmbH", "ukas",
]
# ... and not: unknown bodies, a short acronym in the wrong case, placeholders.
BAD_ACCREDITATION = [
    "Global Certification Accreditation Forum", "International Accreditation Registry", "IAS",
    "N/A", "na", "Universal Quality Accreditation Board",
]
PLACEHOLDER_NUMBERS = ["N/A", "TBD", "pending", "unknown", "0000", "XXXX-XXXX", ""]
OWNERS = ["IT Identity team", "Platform Engineering", "Security Operations", "Privacy Office",
          "Customer Support Operations", "ML Platform team"]
REVIEWERS = ["A. Analyst (Vendor Risk)", "B. Reviewer (Third-party Risk)", "C. Checker (GRC)"]
SCOPE_TAILS = [
    "together with the production infrastructure, identity, logging and change-management "
    "processes that support them",
    "including production AI infrastructure, training pipelines, model artifacts and inference "
    "logging",
    "operated from the London and Toronto offices and the company's cloud regions",
]
CORPORATE_SCOPES = [
    "The information security management system for the corporate headquarters and corporate IT "
    "of the organisation.",
    "Internal IT operations supporting the head office, including end-user computing and e-mail.",
]
AI_RISKS = ["training_data_exposure", "prompt_injection", "model_inversion",
            "inference_data_leakage", "model_supply_chain", "output_manipulation", "bias",
            "harmful_output"]
SCENARIOS = ["prompt_injection", "indirect_prompt_injection", "jailbreak", "data_exfiltration"]


# ------------------------------------------------------------------------------ dates

def parse_date(text):
    return dt.date.fromisoformat(text)


def plus_months(d, months):
    """Same day `months` later (negative: earlier), clamped to the month's last day."""
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    m += 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_end(d):
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def days(n):
    return dt.timedelta(days=n)


# ------------------------------------------------------------------------------ writers

class Inline(dict):
    """A table written inline in TOML (`{ key = value }`)."""


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(type(v))


def is_table(v):
    return isinstance(v, dict) and not isinstance(v, Inline)


def is_table_array(v):
    return isinstance(v, list) and v and all(is_table(x) for x in v)


def toml_table(path, table, out):
    """Scalars and inline values first, then sub-tables and arrays of tables in their order."""
    for k, v in table.items():
        if not is_table(v) and not is_table_array(v):
            out.append(f"{k} = {toml_value(v)}")
    for k, v in table.items():
        sub = f"{path}.{k}" if path else k
        if is_table(v):
            out.append("")
            out.append(f"[{sub}]")
            toml_table(sub, v, out)
        elif is_table_array(v):
            for item in v:
                out.append("")
                out.append(f"[[{sub}]]")
                toml_table(sub, item, out)


def to_toml(doc, header):
    out = [f"# {line}" for line in header]
    toml_table("", doc, out)
    return "\n".join(out) + "\n"


def to_json(doc):
    def conv(v):
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, dict):
            return {k: conv(x) for k, x in v.items()}
        if isinstance(v, list):
            return [conv(x) for x in v]
        return v
    return json.dumps(conv(doc), indent=2, ensure_ascii=False) + "\n"


# ------------------------------------------------------------------------------ one vendor

class Gen:
    def __init__(self, rng, as_of, index, folder):
        self.r = rng
        self.as_of = as_of
        self.i = index
        self.folder = folder
        self.files = {}  # relative path -> bytes
        # A third of the vendors are "clean": no fault injected. The others draw each fault
        # independently, so most of them fail on one or two rules.
        self.clean = rng.random() < 0.35
        self.fault_rate = 0.0 if self.clean else 0.12
        self.cite_documents = rng.random() < 0.35
        self.tier = None

    def strict_clean(self):
        return self.clean and self.tier == "high"

    def fault(self, weight=1.0):
        return self.r.random() < self.fault_rate * weight

    def pick(self, seq):
        return self.r.choice(seq)

    def document(self, name, text):
        """A cited stand-in document: written to the folder with its real sha256 (rarely a
        stale hash, which vendorcert reports as a GEN-DOCUMENT finding, not an input error)."""
        data = (text + "\n").encode()
        path = f"documents/{name}"
        self.files[path] = data
        digest = hashlib.sha256(data).hexdigest()
        if self.fault(0.3):
            digest = hashlib.sha256(data + b"old").hexdigest()
        return Inline(path=path, sha256=digest)

    def source(self, independent=("document",), claims=("trust_page", "summary", "questionnaire",
                                                        "vendor_statement", "screenshot")):
        if self.fault(0.6):
            return self.pick(claims)
        return self.pick(independent)

    # -------------------------------------------------------------------------- vendor

    def vendor(self):
        r = self.r
        brand = f"Vendor {self.i:05d}"
        self.brand = brand
        self.name = f"{brand} {self.pick(SUFFIXES)}"
        n = r.choices([1, 2, 3], weights=[5, 4, 1])[0]
        self.services = [f"{brand} {p}" for p in r.sample(PRODUCTS, n)]
        # Every 50th vendor is also a hosting platform; about one vendor in ten runs on the
        # platform of its block (GEN-LAYERS looks the platform up in the same run). A separate
        # RNG keeps the rest of the vendor as it was.
        platform = (self.i - 1) // 50 * 50 + 1
        if self.i == platform:
            self.services.append(f"{brand} Cloud Hosting")
        hosted = self.i != platform and random.Random(f"hosting:{self.i}").random() < 0.1
        self.ai = r.random() < 0.5
        self.tier = r.choices(["low", "medium", "high"], weights=[4, 4, 2])[0]
        if self.tier == "high" and self.clean:
            # The high tier runs under a strict policy where warnings fail: a clean high-risk
            # vendor files every document it read.
            self.cite_documents = True
        classes = ["confidential"]
        if r.random() < 0.5:
            classes.insert(0, "personal_data")
        if r.random() < 0.08:
            classes.append("payment_data")
        if r.random() < 0.05:
            classes.append("phi")
        self.classes = classes
        v = {
            "id": f"vendor-{self.i:06d}",
            "name": self.name,
            "services": self.services,
            "ai_vendor": self.ai,
            "risk_tier": self.tier,
            "data_classes": classes,
        }
        if hosted:
            v["hosted_on"] = [{"vendor": f"vendor-{platform:06d}",
                               "service": f"Vendor {platform:05d} Cloud Hosting"}]
        self.contexts = []
        if "personal_data" in classes and r.random() < 0.5:
            self.contexts = ["eu_personal_data"]
            v["contexts"] = self.contexts
        review = self.as_of - days(r.randint(1, 80))
        if self.fault(0.5):
            review = self.as_of - days(r.randint(100, 400))
        v["last_review"] = review
        v["reviewer"] = self.pick(REVIEWERS)
        return v

    # -------------------------------------------------------------------------- SOC 2

    def scope_text(self, services, lead):
        """A system description or scope naming `services` (sometimes spread over lines, with
        odd case: vendorcert folds case and whitespace)."""
        names = list(services)
        if self.r.random() < 0.2:
            names = [n.upper() if self.r.random() < 0.5 else n.lower() for n in names]
        if self.r.random() < 0.2:
            names = [n.replace(" ", "\n  ", 1) for n in names]
        if len(names) == 1:
            listed = f"the {names[0]}"
        else:
            listed = ", ".join(f"the {n}" for n in names[:-1]) + f" and the {names[-1]}"
        tail = SCOPE_TAILS[1] if self.ai else self.pick(SCOPE_TAILS)
        return f"{lead} {listed}, {tail}."

    def soc2_report(self, period_end, services_in_scope, current=True):
        r = self.r
        rep = {}
        rep["type"] = 2
        if current and self.fault(0.4):
            rep["type"] = 1
        rep["auditor"] = self.pick(AUDITORS)
        if rep["type"] == 2 and period_end is not None:
            months = 12 if r.random() < 0.7 else 6
            if current and self.fault(0.3):
                months = 2
            rep["period_start"] = plus_months(period_end + days(1), -months)
        if period_end is not None:
            rep["period_end"] = period_end
            rep["report_date"] = period_end + days(r.randint(20, 60))
            if rep["report_date"] > self.as_of:
                del rep["report_date"]
        opinion = "unqualified"
        if current and self.fault(0.5):
            opinion = self.pick(["qualified", "adverse", "disclaimer", None])
        if opinion:
            rep["opinion"] = opinion
        cats = ["security", "availability"]
        if self.ai or r.random() < 0.6:
            cats.append("confidentiality")
        if "personal_data" in self.classes and (r.random() < 0.8 or self.strict_clean()):
            cats.append("privacy")
        if current and self.fault(0.3):
            cats.remove("security")
        rep["categories"] = cats
        rep["services"] = list(services_in_scope)
        rep["system_description"] = self.scope_text(
            services_in_scope, f"{self.name} provides")
        rep["source"] = self.source(independent=("document",)) if current else "document"
        if rep["source"] == "document" and self.cite_documents:
            rep["document"] = self.document(
                f"soc2-{period_end or 'undated'}.pdf",
                f"Stand-in for the SOC 2 Type {rep['type']} report of {self.name}")
        # Exceptions: none, non-material ones, a material one, or not recorded.
        roll = r.random()
        if current and self.fault(0.6):
            if r.random() < 0.5:
                rep["exceptions"] = [
                    {"control": "CC7.2", "text": "security alerts for 3 of 25 sampled days were "
                     "not reviewed", "material": True}]
            # else: not recorded (unverified)
        elif roll < 0.6 or self.strict_clean():
            rep["exceptions"] = []
        else:
            rep["exceptions"] = [
                {"control": "CC6.2", "text": f"{r.randint(1, 4)} of 40 sampled leavers kept access "
                 "for more than a day after termination", "material": False}]
        if r.random() < 0.3:
            rep["cuecs"] = []
        else:
            rep["cuecs"] = [
                {"control": "User entities are responsible for provisioning and de-provisioning "
                 "their own users", "owner": self.pick(OWNERS)},
                {"control": "User entities are responsible for protecting their API keys",
                 "owner": self.pick(OWNERS)},
            ]
            if current and self.fault(0.3):
                del rep["cuecs"][1]["owner"]
        rep["subservice"] = [] if r.random() < 0.5 else [
            {"name": f"{self.brand} Support Services", "method": "inclusive"}]
        if period_end is not None and plus_months(period_end, 3) < self.as_of:
            through = self.as_of - days(r.randint(0, 25))
            if not self.fault(0.5):
                rep["bridge_letter"] = {
                    "through": through,
                    "signed_by": "Chief Financial Officer",
                    "date": through,
                }
        return rep

    def soc2(self):
        r = self.r
        has = r.random() < (0.85 if self.tier == "high" else 0.7)
        if self.fault(0.3):
            has = not has
        if not has:
            return []
        # Period end: the last day of a month, 0 to 11 months before the as-of date; a fault
        # makes it stale (12 to 20 months), missing, or in the future.
        months_ago = r.randint(1, 11)
        period_end = month_end(plus_months(self.as_of, -months_ago))
        if self.fault(0.8):
            roll = r.random()
            if roll < 0.7:
                period_end = month_end(plus_months(self.as_of, -r.randint(12, 20)))
            elif roll < 0.85:
                period_end = None
            else:
                period_end = month_end(self.as_of)
        in_scope = list(self.services)
        if len(in_scope) > 1 and self.fault(0.8):
            in_scope.pop(r.randrange(len(in_scope)))
        elif self.fault(0.3):
            # A near miss: the name inside a longer word ("... APIs"), which does not count.
            in_scope[0] = in_scope[0] + "s"
        reports = [self.soc2_report(period_end, in_scope)]
        if period_end is not None and r.random() < 0.12:
            # Last year's report, superseded by the current one (same services, earlier end).
            old = self.soc2_report(plus_months(period_end, -12), in_scope, current=False)
            old["opinion"] = "qualified"
            reports.insert(0, old)
        return reports

    # -------------------------------------------------------------------------- ISO

    def iso_cert(self, standard, number, issued, extends=None, base_audits=None):
        r = self.r
        c = {"standard": standard}
        if self.fault(0.3):
            bad = self.pick(PLACEHOLDER_NUMBERS + [None])
            if bad is not None:
                c["certificate_number"] = bad
        else:
            c["certificate_number"] = number
        if not self.fault(0.15):
            c["certification_body"] = self.cert_body
        ab = self.accreditation
        if self.fault(0.3):
            ab = self.pick(BAD_ACCREDITATION + [None])
        if ab is not None:
            c["accreditation_body"] = ab
        expires = plus_months(issued, 36) - days(1)
        if self.fault(0.3):
            expires = self.pick([plus_months(issued, 60), plus_months(issued, 36) + days(10),
                                 plus_months(issued, 36) + days(5), None])
        if self.fault(0.1):
            c.pop("certification_body", None)
            issued_out = None
        else:
            issued_out = issued
        if issued_out is not None:
            c["issued"] = issued_out
        if expires is not None:
            c["expires"] = expires
        in_scope = list(self.services)
        if self.fault(0.5):
            roll = r.random()
            if roll < 0.4 and len(in_scope) > 1:
                in_scope.pop()
                scope = self.scope_text(in_scope, "The management system supporting")
            elif roll < 0.7:
                scope = self.pick(CORPORATE_SCOPES)
            elif roll < 0.85:
                scope = None
            else:
                scope = self.scope_text([s + "s" for s in in_scope],
                                        "The management system supporting")
        else:
            scope = self.scope_text(in_scope, "The management system supporting")
        if scope is not None:
            c["scope"] = scope
        if extends:
            c["extends"] = extends
        # Surveillance: yearly after issue; an extension often has none of its own (judged on
        # the 27001 audits it extends). A fault drops the latest audit.
        audits = []
        if base_audits is not None and r.random() < 0.5:
            audits = []
        else:
            k = 1
            while True:
                d = plus_months(issued, 12 * k) - days(r.randint(0, 45))
                if d > self.as_of:
                    break
                audits.append(d)
                k += 1
            if audits and self.fault(0.6):
                audits.pop()
            # An audit of the previous cycle used to be listed here 5% of the time; vendorcert now
            # refuses an audit dated before the certificate's issue (an input error). The draw is
            # kept so that every later choice, and so the rest of the set, stays the same.
            r.random()
        if audits or r.random() < 0.5:
            c["surveillance"] = [
                ({"date": d, "findings": "no nonconformities"} if r.random() < 0.5
                 else Inline(date=d)) for d in audits]
        if standard.startswith("ISO/IEC 27001") or standard.startswith("ISO/IEC 42001"):
            if not self.fault(0.2):
                c["soa"] = Inline(reviewed=True, version=f"{r.randint(1, 6)}.{r.randint(0, 9)}",
                                  date=self.as_of - days(r.randint(10, 200)))
        if not self.fault(0.2):
            status = "active" if not self.fault(0.3) else self.pick(
                ["suspended", "withdrawn", "not_found"])
            vdate = self.as_of - days(r.randint(1, 60))
            if issued_out is not None and vdate < issued_out:
                vdate = issued_out
            c["verification"] = Inline(method=self.pick(["registry", "issuer"]), date=vdate,
                                       status=status, reference="GRC ticket VR-%04d" % self.i)
        c["source"] = self.source(independent=("document", "registry"))
        if c["source"] == "document" and self.cite_documents:
            c["document"] = self.document(
                f"{standard.split()[-1].replace(':', '-').replace('/', '-')}-certificate.pdf",
                f"Stand-in for certificate {number} ({standard}) of {self.name}")
        return c, audits

    def iso(self):
        r = self.r
        self.cert_body = self.pick(CERT_BODIES)
        self.accreditation = self.pick(GOOD_ACCREDITATION)
        certs = []
        self.standards = []
        want_27001 = r.random() < (0.95 if self.tier == "high" else 0.7)
        if self.fault(0.3):
            want_27001 = not want_27001
        prefix = "".join(w[0] for w in self.cert_body.split()[:2]).upper()
        if want_27001:
            edition = "2022" if not self.fault(0.3) else "2013"
            issued = self.as_of - days(r.randint(5, 1000))
            if self.fault(0.3):
                issued = self.as_of - days(r.randint(1100, 1400))  # expired by now
            if self.fault(0.05):
                issued = self.as_of + days(r.randint(1, 30))  # issued in the future
            if edition == "2022" and issued < dt.date(2022, 10, 25):
                issued = dt.date(2022, 11, 1) + days(r.randint(0, 60))
            number = f"{prefix}-IS-{self.i:06d}"
            if r.random() < 0.06:
                # The previous certificate, superseded by the renewal (same number).
                prev_issued = plus_months(issued, -36)
                old, _ = self.iso_cert("ISO/IEC 27001:2013", number, prev_issued)
                old.pop("surveillance", None)
                certs.append(old)
            c, audits = self.iso_cert(f"ISO/IEC 27001:{edition}", number, issued)
            certs.append(c)
            self.standards.append(c["standard"])
            base_number = c.get("certificate_number")
            wants_ext = self.tier == "high" or r.random() < 0.15
            if wants_ext:
                exts = ["ISO/IEC 27017:2015", "ISO/IEC 27018:2019", "ISO/IEC 27701:2019"]
                if not self.clean:
                    exts = [e for e in exts if r.random() < 0.7]
                for j, std in enumerate(exts):
                    ec, _ = self.iso_cert(std, f"{prefix}-EX{j}-{self.i:06d}", issued,
                                          extends=base_number if r.random() < 0.7 else None,
                                          base_audits=audits)
                    certs.append(ec)
                    self.standards.append(std)
        if self.ai and (self.tier != "low" and (self.clean or r.random() < 0.4)):
            issued = self.as_of - days(r.randint(5, 700))
            c, _ = self.iso_cert("ISO/IEC 42001:2023", f"{prefix}-AI-{self.i:06d}", issued)
            certs.append(c)
            self.standards.append(c["standard"])
        return certs

    # -------------------------------------------------------------------------- the rest

    def star(self):
        r = self.r
        if r.random() > 0.2:
            return []
        if self.fault(1.0) or r.random() < 0.3:
            return [{"program": "star", "level": 1, "assessment": "self_assessment",
                     "registry_url": f"https://cloudsecurityalliance.org/star/registry/"
                                     f"vendor-{self.i:06d}",
                     "caiq_version": "CCM v4.0.12",
                     "date": self.as_of - days(r.randint(30, 300)), "source": "registry"}]
        return [{"program": "star", "level": 2, "assessment": "attestation",
                 "registry_url": f"https://cloudsecurityalliance.org/star/registry/"
                                 f"vendor-{self.i:06d}",
                 "date": self.as_of - days(r.randint(30, 300)), "source": "registry"}]

    def ai_section(self):
        r = self.r
        ok = not self.fault(2.0)
        ai = {
            "source": "document" if ok else "questionnaire",
            "training_on_customer_data": "no" if ok else self.pick(["opt_out", "unknown", "yes"]),
            "training_terms": "MSA clause 9.3 (customer content is not used for training)",
            "retention_days": 0 if ok else 90,
            "zero_data_retention": ok,
        }
        ai["risk_register"] = {"risks": AI_RISKS if ok else AI_RISKS[:5],
                               "date": self.as_of - days(r.randint(10, 200)), "source": "document"}
        ai["adversarial_testing"] = {
            "date": self.as_of - days(r.randint(10, 300)), "scenarios": SCENARIOS,
            "tester": "Greyfen Red Team Ltd", "independent": True,
            "remediation_retested": ok or r.random() < 0.5, "source": "document"}
        if self.cite_documents:
            ai["adversarial_testing"]["document"] = self.document(
                "red-team.pdf", f"Stand-in for the red-team report of {self.name}")
        ai["model_security"] = {"artifact_protection": True, "supply_chain": ok,
                                "notes": "weights encrypted at rest; models pinned by hash",
                                "source": "document"}
        ai["output_monitoring"] = {"in_place": True, "description": "classifier on outputs",
                                   "source": "document"}
        ai["bias"] = {"date": self.as_of - days(r.randint(10, 300)),
                      "characteristics": ["sex", "age"],
                      "metrics": ["demographic parity difference <= 0.05"],
                      "thresholds_defined": True, "mitigations": True, "monitoring_plan": ok,
                      "source": "document"}
        ai["incident_response"] = {
            "plan": True, "severity_classes": True, "escalation": True,
            "last_tabletop": self.as_of - days(r.randint(10, 300)), "rollback": True,
            "kill_switch": True, "regulatory_notification": True, "post_incident_review": True,
            "source": "document"}
        ai["rmf"] = {"functions": ["govern", "map", "measure", "manage"],
                     "executive_attestation": True, "version": "NIST AI RMF 1.0",
                     "last_review": self.as_of - days(r.randint(10, 300)), "source": "document"}
        ai["inference_logs"] = {"retention_days": 0, "access_controlled": True,
                                "customer_can_disable": True, "source": "document"}
        if not ok and r.random() < 0.5:
            del ai["bias"]
        if not any(s.startswith("ISO/IEC 42001") for s in self.standards):
            ai["iso42001_readiness"] = {
                "status": self.pick(["planned", "in_progress", "audit_scheduled"]),
                "public_timeline": f"https://trust.vendor-{self.i:06d}.example/iso-42001",
                "target_date": self.as_of + days(r.randint(60, 400)), "source": "trust_page"}
        return ai

    def contract(self, has_soc2):
        names = list(self.standards)
        if has_soc2:
            names.insert(0, "SOC 2 Type 2")
        if names and self.fault(0.5):
            names.pop()
        c = {"names_certifications": names, "lapse_notice_days": 30,
             "termination_on_lapse": True, "zdr_in_order_form": True, "zdr_retention_days": 0,
             "subprocessor_notice_days": 30, "subprocessor_objection": True,
             "source": "document"}
        if self.cite_documents:
            c["document"] = self.document("msa-dpa.pdf", f"Stand-in for the MSA and DPA of "
                                          f"{self.name}")
        return c

    def sectors(self):
        out = []
        need = []
        if "eu_personal_data" in self.contexts:
            need.append(("GDPR", "Art. 28 DPA with standard contractual clauses"))
        if "payment_data" in self.classes:
            need.append(("PCI DSS", "attestation of compliance, service provider level 1"))
        if "phi" in self.classes:
            need.append(("HIPAA", "business associate agreement"))
        for fw, ev in need:
            if self.fault(0.5):
                continue
            s = {"framework": fw, "evidence": ev,
                 "date": self.as_of - days(self.r.randint(30, 300)),
                 "expires": self.as_of + days(self.r.randint(200, 700)), "source": "document"}
            if self.cite_documents:
                s["document"] = self.document(f"{fw.lower().replace(' ', '-')}.pdf",
                                              f"Stand-in for the {fw} evidence of {self.name}")
            out.append(s)
        return out

    def incidents(self):
        r = self.r
        inc = {"reviewed_on": self.as_of - days(r.randint(1, 60)), "source": "vendor_statement",
               "disclosed": []}
        if self.fault(0.3):
            inc["reviewed_on"] = self.as_of - days(r.randint(120, 300))
        if r.random() < 0.3:
            item = {"date": self.as_of - days(r.randint(30, 600)),
                    "summary": "credential-stuffing attack on the customer console"}
            if not self.fault(0.5):
                item["handling"] = ("contained within 4 hours; affected customers notified "
                                    "within 72 hours; MFA made mandatory")
            inc["disclosed"].append(item)
        return inc

    def build(self):
        doc = {"schema": 1}
        doc["vendor"] = self.vendor()
        soc2 = self.soc2()
        if soc2:
            doc["soc2"] = soc2
        iso = self.iso()
        if iso:
            doc["iso"] = iso
        star = self.star()
        if star:
            doc["star"] = star
        if self.ai:
            doc["ai"] = self.ai_section()
        if self.r.random() < 0.9 or self.clean:
            doc["contract"] = self.contract(bool(soc2))
        sectors = self.sectors()
        if sectors:
            doc["sector"] = sectors
        if not self.fault(0.2):
            doc["incidents"] = self.incidents()
        return doc


def write_vendor(out_dir, index, rng, as_of, seed):
    folder = os.path.join(out_dir, f"vendor-{index:06d}")
    g = Gen(rng, as_of, index, folder)
    doc = g.build()
    os.makedirs(folder, exist_ok=True)
    use_json = rng.random() < 0.5
    if use_json:
        text = to_json(doc)
        name = "vendor.json"
    else:
        text = to_toml(doc, [
            f"{g.name}: synthetic vendor {index} for the vendorcert benchmark "
            f"(bench/generate.py, seed {seed}).",
            "Fictional: every name, number and date is generated.",
        ])
        name = "vendor.toml"
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write(text)
    for rel, data in g.files.items():
        p = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data)
    return use_json


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", help="folder to write vendor-NNNNNN/ folders into")
    ap.add_argument("--count", type=int, default=1000, help="number of vendors (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    ap.add_argument("--as-of", default=AS_OF_DEFAULT,
                    help=f"date the set is evaluated at (default {AS_OF_DEFAULT})")
    args = ap.parse_args(argv)
    if args.count < 0:
        ap.error("--count must be 0 or more")
    as_of = parse_date(args.as_of)
    os.makedirs(args.out_dir, exist_ok=True)
    json_count = 0
    for i in range(1, args.count + 1):
        # One RNG per vendor, derived from the seed and the index: vendor N is the same
        # whatever --count is.
        rng = random.Random(f"{args.seed}:{i}")
        json_count += write_vendor(args.out_dir, i, rng, as_of, args.seed)
    print(f"wrote {args.count} vendors to {args.out_dir} "
          f"({args.count - json_count} TOML, {json_count} JSON; seed {args.seed}, "
          f"as of {as_of})", file=sys.stderr)


if __name__ == "__main__":
    main()
