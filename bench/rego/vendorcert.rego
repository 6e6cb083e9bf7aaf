# The SOC 2 and ISO/IEC core checks of vendorcert, ported to Rego for the benchmark
# (bench/run.sh runs it with `regorus eval`; it is not part of vendorcert).
#
# Input (written by bench/rego/to_input.py): the evidence files of a generated set as JSON,
#   {"as_of": "2026-11-23", "vendors": [{"key": "vendor-000001", "evidence": {...}}, ...]}
# where "evidence" is vendor.json as is, or vendor.toml read with Python's tomllib (dates as
# "YYYY-MM-DD" strings).
#
# Output: data.vendorcert.bench.results = {key: {rule id: [outcome, ...]}}, one outcome per
# subject in the order vendorcert reports them (one per current SOC 2 report or ISO certificate,
# one per vendor for SOC2-SCOPE), each "pass", "n/a" or "non-pass" (vendorcert's fail, warn and
# unverified). Semantics follow src/rules/soc2.rs, src/rules/iso.rs and src/scope.rs under the
# built-in policy each risk tier picks (low: baseline, medium: ai-vendor, high:
# eu-ai-act-high-risk). Deliberate differences are listed in bench/README.md.
package vendorcert.bench

import rego.v1

as_of := input.as_of

results[v.key] := checks(v.evidence) if some v in input.vendors

# The current (not superseded) reports and certificates are worked out once per vendor.
checks(ev) := {
	"SOC2-TYPE": soc2_type(ctx),
	"SOC2-AGE": per_report(ctx, "age"),
	"SOC2-OPINION": per_report(ctx, "opinion"),
	"SOC2-EXCEPTIONS": per_report(ctx, "exceptions"),
	"SOC2-SCOPE": soc2_scope(ctx),
	"SOC2-FULL-REPORT": per_report(ctx, "full"),
	"ISO-CURRENT": per_cert(ctx, "current"),
	"ISO-ACCREDITED": per_cert(ctx, "accredited"),
	"ISO-NUMBER": per_cert(ctx, "number"),
	"ISO-SCOPE": per_cert(ctx, "scope"),
	"ISO-SURVEILLANCE": per_cert(ctx, "surveillance"),
} if {
	certs := current_certs(ev)
	ctx := {
		"ev": ev,
		"reports": current_reports(ev),
		"certs": certs,
		"bases": [j | some j in certs; standard(ev.iso[j]).number == 27001],
	}
}

# ------------------------------------------------------------------------------ helpers

# A pass resting on a claim (trust page, questionnaire, ...) is not a pass: vendorcert reports
# it as unverified.
independent(src) if src in {"document", "registry"}

rests_on(src) := "pass" if independent(src)

else := "non-pass"

get(obj, key) := object.get(obj, key, null)

list(obj, key) := x if {
	x := get(obj, key)
	x != null
} else := []

# Dates as day numbers (days since 1970-01-01), from "YYYY-MM-DD".
day(s) := days_from_civil(num(substring(s, 0, 4)), num(substring(s, 5, 2)), num(substring(s, 8, 2)))

# to_number refuses leading zeros ("08"); months and days are never 00.
num(digits) := to_number(trim_left(digits, "0"))

civil_year(y, m) := y - 1 if m <= 2

civil_year(y, m) := y if m > 2

days_from_civil(y, m, d) := n if {
	y2 := civil_year(y, m)
	era := floor(y2 / 400)
	yoe := y2 - (era * 400)
	mp := (m + 9) % 12
	doy := (floor(((153 * mp) + 2) / 5) + d) - 1
	doe := (((yoe * 365) + floor(yoe / 4)) - floor(yoe / 100)) + doy
	n := ((era * 146097) + doe) - 719468
}

leap(y) if {
	y % 4 == 0
	y % 100 != 0
}

leap(y) if y % 400 == 0

days_in_month(y, m) := 31 if m in {1, 3, 5, 7, 8, 10, 12}

days_in_month(y, m) := 30 if m in {4, 6, 9, 11}

days_in_month(y, m) := 29 if {
	m == 2
	leap(y)
}

days_in_month(y, m) := 28 if {
	m == 2
	not leap(y)
}

# The day number of the same day `k` calendar months later, clamped to the month's last day
# (chrono's checked_add_months, as Date::plus_months).
plus_months(s, k) := n if {
	y := num(substring(s, 0, 4))
	m := num(substring(s, 5, 2))
	d := num(substring(s, 8, 2))
	total := ((y * 12) + (m - 1)) + k
	ny := floor(total / 12)
	nm := (total - (ny * 12)) + 1
	n := days_from_civil(ny, nm, min([d, days_in_month(ny, nm)]))
}

# Scope matching (src/scope.rs): lowercase, whitespace runs made one space, trimmed; a name
# matches as a whole phrase (no letter or digit just before or after it).
fold(s) := lower(trim_space(regex.replace(s, `\s+`, " ")))

regex_escape(s) := regex.replace(s, `([\\.+*?()|\[\]{}^$-])`, `\$1`)

has_phrase(text, needle) if {
	n := fold(needle)
	n != ""
	t := fold(text)
	contains(t, n) # cheap test first; the pattern then checks the phrase boundaries
	regex.match(sprintf(`(^|[^\p{Alphabetic}\p{N}])%s($|[^\p{Alphabetic}\p{N}])`, [regex_escape(n)]), t)
}

names(text, service) if has_phrase(text, service)

# Option ordering as in Rust: a date beats a missing one.
later_date(a, b) if {
	a != null
	b == null
}

later_date(a, b) if {
	a != null
	b != null
	a > b # ISO dates compare as strings
}

# ------------------------------------------------------------------------------ SOC 2

# A later report supersedes an earlier one only when it is independent evidence itself: a claim
# (a questionnaire answer, a screenshot) never supersedes an attested report.
soc2_superseded(ev, i) if {
	r := ev.soc2[i]
	some j, later in ev.soc2
	j != i
	independent(later.source)
	later_date(get(later, "period_end"), get(r, "period_end"))
	count(list(r, "services")) > 0
	every s in list(r, "services") {
		some l in list(later, "services")
		fold(l) == fold(s)
	}
}

current_reports(ev) := sort([i | some i, _ in list(ev, "soc2"); not soc2_superseded(ev, i)])

tier(ev) := ev.vendor.risk_tier

per_report(ctx, check) := ["n/a"] if count(ctx.reports) == 0

else := [soc2_check(check, ctx.ev, ctx.ev.soc2[i]) | some i in ctx.reports]

# SOC2-TYPE: the strict policies (high tier) require a report.
soc2_type(ctx) := ["non-pass"] if {
	count(ctx.reports) == 0
	tier(ctx.ev) == "high"
} else := per_report(ctx, "type")

soc2_check("type", ev, r) := rests_on(r.source) if r.type == 2

else := "non-pass"

soc2_check("age", ev, r) := "non-pass" if {
	get(r, "period_end") == null
} else := "non-pass" if {
	r.period_end > as_of
} else := "non-pass" if {
	plus_months(r.period_end, 12) < day(as_of)
} else := rests_on(r.source)

soc2_check("opinion", ev, r) := rests_on(r.source) if get(r, "opinion") == "unqualified"

else := "non-pass"

soc2_check("exceptions", ev, r) := "non-pass" if {
	get(r, "exceptions") == null # not recorded: unverified
} else := "non-pass" if {
	some e in r.exceptions
	e.material == true
} else := "non-pass" if {
	count(r.exceptions) > 0 # only non-material ones: warn
} else := rests_on(r.source)

soc2_check("full", ev, r) := "pass" if r.source == "document"

else := "non-pass"

soc2_texts(r) := array.concat(list(r, "services"), [t | t := get(r, "system_description"); t != null])

report_names(r, service) if {
	some t in soc2_texts(r)
	names(t, service)
}

# The first current report naming a service.
first_report(ctx, service) := min([i | some i in ctx.reports; report_names(ctx.ev.soc2[i], service)])

soc2_scope(ctx) := ["n/a"] if count(ctx.reports) == 0

else := ["non-pass"] if {
	some s in ctx.ev.vendor.services
	not first_report(ctx, s)
} else := ["non-pass"] if {
	some s in ctx.ev.vendor.services
	not independent(ctx.ev.soc2[first_report(ctx, s)].source)
} else := ["pass"]

# ------------------------------------------------------------------------------ ISO

# Standard::parse: optional ISO/IEC/EN/... prefixes, a number from 1000 to 99999, optional
# `:YYYY`. European adoptions map to the ISO edition.
standard(c) := s if {
	up := upper(c.standard)
	m := regex.find_all_string_submatch_n(`^([^0-9]*)([0-9]+)\s*(?::\s*([0-9]{4}))?\s*$`, up, 1)[0]
	words := [w | some w in regex.split(`[\s/]+`, trim_space(m[1])); w != ""]
	every w in words {
		w in {"ISO", "IEC", "EN", "DIN", "BS", "NF", "UNE"}
	}
	number := to_number(m[2])
	number >= 1000
	number <= 99999
	s := {"number": number, "edition": edition("EN" in words, number, m[3])}
}

edition(en, number, year) := null if {
	year == ""
} else := en_editions[key] if {
	en
	key := concat(":", [format_int(number, 10), year])
	en_editions[key]
} else := to_number(year)

en_editions := {"27001:2017": 2013, "27001:2023": 2022, "27701:2021": 2019}

cert_number(c) := trim_space(n) if {
	n := get(c, "certificate_number")
	n != null
}

cert_names(c, service) if names(object.get(c, "scope", ""), service)

# A later certificate replaces an earlier one: same number renewed, or a scope covering every
# service the earlier one covers.
replaces(ev, later, earlier) if {
	cert_number(later) == cert_number(earlier)
}

replaces(ev, later, earlier) if {
	every svc in ev.vendor.services {
		covers_no_less(later, earlier, svc)
	}
}

covers_no_less(later, earlier, svc) if not cert_names(earlier, svc)

covers_no_less(later, earlier, svc) if cert_names(later, svc)

# As for SOC 2 reports, a claim never supersedes a certificate.
iso_superseded(ev, i) if {
	c := ev.iso[i]
	s := standard(c)
	some j, later in ev.iso
	j != i
	independent(later.source)
	standard(later).number == s.number
	get(later, "expires") != null
	later_date(later.expires, get(c, "expires"))
	replaces(ev, later, c)
}

current_certs(ev) := sort([i |
	some i, c in list(ev, "iso")
	standard(c)
	not iso_superseded(ev, i)
])

per_cert(ctx, check) := ["n/a"] if count(ctx.certs) == 0

else := [iso_check(check, ctx, i) | some i in ctx.certs]

# ISO-CURRENT: issued <= as-of <= expires, validity at most 3 years + 7 days.
iso_check("current", ctx, i) := "non-pass" if {
	c := ctx.ev.iso[i]
	some k in ["issued", "expires"]
	get(c, k) == null
} else := "non-pass" if {
	ctx.ev.iso[i].expires < as_of
} else := "non-pass" if {
	ctx.ev.iso[i].issued > as_of
} else := "non-pass" if {
	c := ctx.ev.iso[i]
	day(c.expires) > plus_months(c.issued, 36) + 7
} else := rests_on(ctx.ev.iso[i].source)

# ISO-ACCREDITED: a certification body that is not a placeholder, and an accreditation body on
# the default list (IAF MLA signatories).
iso_check("accredited", ctx, i) := "non-pass" if {
	cb := get(ctx.ev.iso[i], "certification_body")
	not real_value(cb)
} else := "non-pass" if {
	ab := get(ctx.ev.iso[i], "accreditation_body")
	not recognised(ab)
} else := rests_on(ctx.ev.iso[i].source)

real_value(v) if {
	v != null
	not placeholder(v)
}

# ISO-NUMBER
iso_check("number", ctx, i) := "non-pass" if {
	not cert_number(ctx.ev.iso[i])
} else := "non-pass" if {
	placeholder(cert_number(ctx.ev.iso[i]))
} else := rests_on(ctx.ev.iso[i].source)

# ISO-SCOPE: every service named; exclusion wording makes it unverified (or a fail beside
# corporate-IT wording).
iso_check("scope", ctx, i) := "non-pass" if {
	scope := get(ctx.ev.iso[i], "scope")
	not non_blank(scope)
} else := "non-pass" if {
	some svc in ctx.ev.vendor.services
	not cert_names(ctx.ev.iso[i], svc)
} else := "non-pass" if {
	scope := fold(ctx.ev.iso[i].scope)
	some p in exclusions
	contains(scope, p)
	has_phrase(scope, p)
} else := rests_on(ctx.ev.iso[i].source)

non_blank(s) if {
	s != null
	trim_space(s) != ""
}

# ISO-SURVEILLANCE: an audit (between issue and the as-of date) within 12 months, or a
# certificate under 12 months old. An extension with no audits of its own is judged on those of
# the 27001 certificate it extends.
iso_check("surveillance", ctx, i) := "non-pass" if {
	get(ctx.ev.iso[i], "issued") == null
} else := verdict if {
	c := ctx.ev.iso[i]
	dates := [a.date | some a in audits(ctx, i); a.date <= as_of; a.date >= c.issued]
	verdict := surveillance_verdict(c, dates)
}

surveillance_verdict(c, dates) := rests_on(c.source) if {
	count(dates) > 0
	plus_months(max(dates), 12) >= day(as_of)
} else := "non-pass" if {
	count(dates) > 0
} else := rests_on(c.source) if {
	plus_months(c.issued, 12) >= day(as_of)
} else := "non-pass"

audits(ctx, i) := list(ctx.ev.iso[base(ctx, i)], "surveillance") if {
	count(list(ctx.ev.iso[i], "surveillance")) == 0
	base(ctx, i)
} else := list(ctx.ev.iso[i], "surveillance")

extension(s) if s.number in {27017, 27018}

extension(s) if {
	s.number == 27701
	s.edition != 2025
}

base(ctx, i) := j if {
	extension(standard(ctx.ev.iso[i]))
	e := get(ctx.ev.iso[i], "extends")
	e != null
	n := trim_space(e)
	js := [j | some j in ctx.bases; cert_number(ctx.ev.iso[j]) == n]
	j := js[0]
}

base(ctx, i) := ctx.bases[0] if {
	extension(standard(ctx.ev.iso[i]))
	get(ctx.ev.iso[i], "extends") == null
	count(ctx.bases) == 1
}

exclusions := [
	"excluded", "excludes", "excluding", "exclusion", "except", "with the exception of",
	"not in scope", "out of scope", "outside the scope", "outside of the scope", "not covered",
	"not included", "not part of", "does not cover", "do not cover", "outside scope",
	"carved out", "not within",
]


# ------------------------------------------------------------------------------ placeholders

# rules::is_placeholder: "TBD", "N/A", "pending", "0000", "XXXX-XXXX", ...
alnum(s) := lower(regex.replace(s, `[^\p{Alphabetic}\p{N}]`, ""))

placeholder(v) if count(alnum(v)) < 2

placeholder(v) if count({ch | some ch in split(alnum(v), "")}) == 1

placeholder(v) if alnum(v) in {
	"na", "nil", "null", "none", "self", "internal", "internalaudit", "auditor", "cpa",
	"cpafirm", "xxx",
}

placeholder(v) if {
	some w in regex.split(`[^\p{Alphabetic}\p{N}]+`, v)
	lower(w) in {"tbd", "tbc", "tba", "pending", "unknown", "placeholder"}
}

placeholder(v) if {
	some p in ["tobeconfirmed", "tobedetermined", "tobeadvised", "notapplicable", "notknown"]
	contains(alnum(v), p)
}

# ------------------------------------------------------------------------------ accreditation

# AccreditationBody::matches over the default list (src/policy/accreditation.rs): acronyms of
# three letters or fewer only as written; otherwise lowercase letters and digits, accents removed.
normalise(s) := alnum(strip_accents(s))

strip_accents(s) := strings.replace_n(
	{"Ü": "u", "ü": "u", "Ö": "o", "ö": "o", "Ä": "a", "ä": "a", "É": "e", "é": "e", "È": "e", "è": "e", "Ç": "c", "ç": "c"},
	s,
)

recognised(written) if {
	written != null
	normalise(written) in long_forms
}

recognised(written) if {
	written != null
	trim_space(written) in short_acronyms
}

# Acronyms of three letters or fewer match only as written ("N/A" is not NA).
short_acronyms := {b[0] | some b in accreditation_bodies; count(b[0]) <= 3}

# Every other form, normalised once: long acronyms, names, aliases, "name (ACRONYM)" and
# "ACRONYM (name)".
long_forms := {f |
	some b in accreditation_bodies
	some f in array.concat(
		[normalise(b[1]), concat("", [normalise(b[1]), normalise(b[0])]), concat("", [normalise(b[0]), normalise(b[1])])],
		array.concat([normalise(b[0]) | count(b[0]) > 3], [normalise(x) | some x in b[2]]),
	)
	f != ""
}

# [acronym, name, aliases]
accreditation_bodies := [
	["UKAS", "United Kingdom Accreditation Service", []],
	["ANAB", "ANSI National Accreditation Board", ["ANSI-ASQ National Accreditation Board", "ANSI"]],
	["DAkkS", "Deutsche Akkreditierungsstelle", ["Deutsche Akkreditierungsstelle GmbH"]],
	["COFRAC", "Comité français d'accréditation", ["Comite francais d'accreditation"]],
	["ACCREDIA", "Italian Accreditation Body", ["Ente Italiano di Accreditamento"]],
	["ENAC", "Entidad Nacional de Acreditación", ["Entidad Nacional de Acreditacion"]],
	["RvA", "Raad voor Accreditatie", ["Dutch Accreditation Council"]],
	["JAS-ANZ", "Joint Accreditation System of Australia and New Zealand", []],
	["NABCB", "National Accreditation Board for Certification Bodies", []],
	["CNAS", "China National Accreditation Service for Conformity Assessment", []],
	["AA", "Akkreditierung Austria", []],
	["BELAC", "Belgian Accreditation Body", []],
	["CAI", "Czech Accreditation Institute", []],
	["CGCRE", "Coordenação Geral de Acreditação", ["Cgcre/INMETRO"]],
	["DANAK", "Danish Accreditation", []],
	["EMA", "Entidad Mexicana de Acreditación", []],
	["ESYD", "Hellenic Accreditation System", []],
	["INAB", "Irish National Accreditation Board", []],
	["IPAC", "Instituto Português de Acreditação", []],
	["NA", "Norsk Akkreditering", []],
	["OAA", "Organismo Argentino de Acreditación", []],
	["SANAS", "South African National Accreditation System", []],
	["SAS", "Swiss Accreditation Service", []],
	["SNAS", "Slovak National Accreditation Service", []],
	["SWEDAC", "Swedish Board for Accreditation and Conformity Assessment", []],
	["TÜRKAK", "Turkish Accreditation Agency", []],
	["JAB", "Japan Accreditation Board", []],
	["TAF", "Taiwan Accreditation Foundation", []],
	["KAB", "Korea Accreditation Board", []],
	["SAC", "Singapore Accreditation Council", []],
	["BoA", "Bureau of Accreditation", []],
	["KAN", "Komite Akreditasi Nasional", []],
	["SLAB", "Sri Lanka Accreditation Board", []],
	["FINAS", "Finnish Accreditation Service", []],
	["PCA", "Polish Centre for Accreditation", []],
	["RENAR", "Romanian Accreditation Association", []],
	["EGAC", "Egyptian Accreditation Council", []],
	["SADCAS", "Southern African Development Community Accreditation Service", []],
	["GAC", "GCC Accreditation Center", []],
]
