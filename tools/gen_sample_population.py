#!/usr/bin/env python3
"""Write the sample member population of `make demo`.

A small synthetic Medi-Cal plan (about 3,000 members of all ages, 12 PCP
offices and a few other providers) in the data directory format of DATA.md,
made so that every measure of measures/2022/cbi/ has a denominator at most
PCPs and a rate between roughly 30% and 90%: screenings, well visits,
fluoride varnish, lead tests, depression screens, some exclusions (hospice,
mastectomy, hysterectomy, depression), enrollment gaps short and long, a few
cancelled events and members without a PCP.

Python 3 standard library only; the output depends only on --seed, so two
runs write byte-identical files.

    python3 tools/gen_sample_population.py [--out DIR] [--members N] [--seed S]
"""

import argparse
import csv
import datetime as dt
import os
import random

MP_YEAR = 2022
MP_START = dt.date(MP_YEAR, 1, 1)
MP_END = dt.date(MP_YEAR, 12, 31)

# PCP offices: 4 pediatric practices, 6 family practices, 2 internal medicine.
PEDIATRIC = ["PCP01", "PCP02", "PCP03", "PCP04"]
FAMILY = ["PCP05", "PCP06", "PCP07", "PCP08", "PCP09", "PCP10"]
INTERNAL = ["PCP11", "PCP12"]
PCPS = PEDIATRIC + FAMILY + INTERNAL

PROVIDERS = [
    # provider_id, kind, name, county, attributes
    ("PCP01", "pcp", "Seaside Pediatrics", "Monterey", "pcmh_recognized=2021-03-01"),
    ("PCP02", "pcp", "Valley Children's Clinic", "Merced", ""),
    ("PCP03", "pcp", "Harbor Kids Medical Group", "Santa Cruz", "pcmh_recognized=2022-05-01"),
    ("PCP04", "pcp", "Salinas Pediatric Associates", "Monterey", ""),
    ("PCP05", "pcp", "Watsonville Family Health", "Santa Cruz", "bh_distinction=2022-09-01"),
    ("PCP06", "pcp", "Merced Family Practice", "Merced", ""),
    ("PCP07", "pcp", "Castroville Community Clinic", "Monterey", "pcmh_recognized=2020-11-15"),
    ("PCP08", "pcp", "Los Banos Family Medicine", "Merced", ""),
    ("PCP09", "pcp", "Capitola Family Care", "Santa Cruz", ""),
    ("PCP10", "pcp", "King City Health Center", "Monterey", ""),
    ("PCP11", "pcp", "Central Coast Internal Medicine", "Monterey", ""),
    ("PCP12", "pcp", "Atwater Adult Medicine", "Merced", ""),
    ("OBG01", "specialist", "Coastal Women's Health (OB/GYN)", "Monterey", ""),
    ("OBG02", "specialist", "Merced OB/GYN Associates", "Merced", ""),
    ("RAD01", "other", "Bayview Imaging Center", "Monterey", ""),
    ("LAB01", "lab", "Central Valley Reference Lab", "Merced", ""),
    ("HOS01", "hospital", "Community Hospital of the Coast", "Monterey", ""),
    ("HSP01", "other", "Pacific Hospice", "Santa Cruz", ""),
    ("DEN01", "other", "Smile Dental Group", "Monterey", ""),
    ("RX001", "pharmacy", "Main Street Pharmacy", "Monterey", ""),
]

COUNTIES = ["Monterey", "Santa Cruz", "Merced"]
RACES = ["white", "black", "asian", "native", "pacific", "other", "unknown"]
RACE_WEIGHTS = [40, 5, 10, 2, 1, 30, 12]
LANGUAGES = ["English", "Spanish", "Hmong", "Other"]
LANGUAGE_WEIGHTS = [50, 42, 4, 4]

# Background (non-qualifying) visit codes.
SICK_DX = ["J06.9", "I10", "E11.9", "M54.50", "J45.909", "R51.9", "N39.0", "K21.9", "L30.9"]
OFFICE_EM = ["99212", "99213", "99214"]


def iso(d):
    return d.isoformat() if d else ""


def add_months(d, n):
    """d plus n months, the day kept and clamped to the month's end."""
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    for day in (d.day, 30, 29, 28):
        try:
            return dt.date(y, m, day)
        except ValueError:
            continue
    raise ValueError(d)


def birthday(d, n):
    return add_months(d, 12 * n)


def age_at(birth, d):
    years = d.year - birth.year
    if (d.month, d.day) < (birth.month, birth.day):
        years -= 1
    return years


class Gen:
    def __init__(self, seed, n_members):
        self.rnd = random.Random(seed)
        self.n = n_members
        self.members = []
        self.enrollment = []
        self.visits = []
        self.observations = []
        self.conditions = []
        self.immunizations = []
        self.supplemental = []
        self.pharmacy = []

    # --- helpers ---------------------------------------------------------------
    def chance(self, p):
        return self.rnd.random() < p

    def date_between(self, lo, hi):
        if hi < lo:
            return lo
        return lo + dt.timedelta(days=self.rnd.randint(0, (hi - lo).days))

    def status(self, p_cancel=0.02):
        """Most events are completed (empty status); a few are cancelled or
        entered in error, which no measure counts."""
        r = self.rnd.random()
        if r < p_cancel:
            return "cancelled"
        if r < p_cancel * 1.3:
            return "entered-in-error"
        if r < 0.10:
            return "completed"
        return ""

    def visit(self, mid, date, codes, setting="outpatient", provider="", end=None, status=None):
        if status is None:
            status = self.status()
        self.visits.append((mid, iso(date), iso(end), setting, provider, " ".join(codes), status))

    def birth_date_for(self, band):
        lo_age, hi_age = band
        # born so that the age on Dec 31 of the MP is in [lo_age, hi_age]
        lo = dt.date(MP_YEAR - hi_age - 1, 1, 1) + dt.timedelta(days=1)
        hi = dt.date(MP_YEAR - lo_age, 12, 31)
        if hi > MP_END - dt.timedelta(days=60):
            hi = MP_END - dt.timedelta(days=60)
        return self.date_between(lo, hi)

    # --- members and enrollment ----------------------------------------------------
    def make_members(self):
        # age bands (age on Dec 31 of the MP) and their weights
        bands = [((0, 2), 22), ((3, 5), 8), ((6, 11), 10), ((12, 17), 9), ((18, 21), 5),
                 ((22, 29), 7), ((30, 49), 14), ((50, 64), 17), ((65, 74), 8), ((75, 92), 5)]
        band_list = [b for b, _ in bands]
        weights = [w for _, w in bands]
        for i in range(1, self.n + 1):
            mid = "M%05d" % i
            band = self.rnd.choices(band_list, weights)[0]
            birth = self.birth_date_for(band)
            age = age_at(birth, MP_END)
            sex = "F" if self.chance(0.52 if age >= 18 else 0.49) else "M"
            if self.chance(0.004):
                sex = "U"
            death = None
            if age >= 60 and self.chance(0.02):
                death = self.date_between(dt.date(MP_YEAR, 2, 1), dt.date(MP_YEAR, 11, 30))
            m = {
                "id": mid, "birth": birth, "sex": sex, "age": age, "death": death,
                "race": self.rnd.choices(RACES, RACE_WEIGHTS)[0],
                "ethnicity": "hispanic" if self.chance(0.55) else "not-hispanic",
                "language": self.rnd.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0],
                "county": self.rnd.choice(COUNTIES),
            }
            m["pcp"] = self.pick_pcp(age)
            m["adherence"] = self.rnd.betavariate(4, 2)  # how engaged the family is
            self.members.append(m)
            self.make_enrollment(m)

    def pick_pcp(self, age):
        if self.chance(0.03):
            return ""  # no linked PCP: reported under UNLINKED
        if age < 3:
            return self.rnd.choice(PEDIATRIC) if self.chance(0.88) else self.rnd.choice(FAMILY)
        if age < 18:
            return self.rnd.choice(PEDIATRIC) if self.chance(0.72) else self.rnd.choice(FAMILY)
        if age < 26:
            return self.rnd.choice(FAMILY)
        return self.rnd.choice(FAMILY) if self.chance(0.72) else self.rnd.choice(INTERNAL)

    def make_enrollment(self, m):
        mid, birth, pcp = m["id"], m["birth"], m["pcp"]
        r = self.rnd.random()
        if birth >= dt.date(2016, 1, 1):
            # children: most enrolled from birth, some a few weeks later
            start = birth if self.chance(0.85) else birth + dt.timedelta(days=self.rnd.randint(20, 120))
        elif r < 0.07:
            # new members during the measurement year
            start = self.date_between(dt.date(MP_YEAR, 2, 1), dt.date(MP_YEAR, 10, 1))
        else:
            start = self.date_between(dt.date(2012, 1, 1), dt.date(2021, 9, 30))
            start = max(start, birth)
        if m["death"] and m["death"] < start:
            start = max(birth, m["death"] - dt.timedelta(days=400))
        end = m["death"]
        if end is None and self.chance(0.04):
            # disenrolled before the end of the MP
            end = self.date_between(max(start, dt.date(MP_YEAR, 2, 1)), dt.date(MP_YEAR, 11, 30))
        spans = [[start, end]]
        # enrollment gaps in the two years before the end of the MP
        g = self.rnd.random()
        gap_from = max(start + dt.timedelta(days=60), dt.date(MP_YEAR - 1, 1, 1))
        gap_to = (end or MP_END) - dt.timedelta(days=120)
        if gap_from < gap_to and g < 0.14:
            if g < 0.07:
                length = self.rnd.randint(10, 45)  # allowed
            else:
                length = self.rnd.randint(46, 120)  # too long
            gap_start = self.date_between(gap_from, gap_to)
            spans = [[start, gap_start - dt.timedelta(days=1)],
                     [gap_start + dt.timedelta(days=length), end]]
        rows = []
        for i, (s, e) in enumerate(spans):
            rows.append([s, e, pcp])
        # a few members change PCP during the MP: split the last span
        last = rows[-1]
        if pcp and self.chance(0.04) and last[0] < dt.date(MP_YEAR, 3, 1) and \
                (last[1] is None or last[1] > dt.date(MP_YEAR, 11, 1)):
            new_pcp = self.pick_pcp(m["age"]) or pcp
            split = self.date_between(dt.date(MP_YEAR, 3, 1), dt.date(MP_YEAR, 10, 31))
            rows[-1] = [last[0], split - dt.timedelta(days=1), pcp]
            rows.append([split, last[1], new_pcp])
            m["pcp"] = new_pcp
        for s, e, p in rows:
            assert e is None or s <= e, (mid, s, e)
            self.enrollment.append((mid, iso(s), iso(e), p, "MEDI-CAL", "CCAH"))
        m["spans"] = [(s, e) for s, e, _ in rows]

    def enrolled(self, m, d):
        return any(s <= d and (e is None or d <= e) for s, e in m["spans"])

    def provider_for(self, m, pcp_share=0.9):
        if m["pcp"] and self.chance(pcp_share):
            return m["pcp"]
        return self.rnd.choice(PCPS)

    # --- care ------------------------------------------------------------------------
    def make_care(self):
        for m in self.members:
            self.background(m)
            age, birth = m["age"], m["birth"]
            if age <= 2:
                self.infant_care(m)
            if 0 <= age <= 6:
                self.fluoride(m)
            if 3 <= age <= 21:
                self.well_care(m)
            if 18 <= age <= 64:
                self.depression(m)
            if m["sex"] == "F" and 21 <= age <= 64:
                self.cervical(m)
            if m["sex"] == "F" and 50 <= age <= 74:
                self.breast(m)
            if age >= 66:
                self.frailty(m)
            if age >= 55 and self.chance(0.012):
                self.hospice(m)

    def background(self, m):
        """Sick visits, ED visits, a few stays: context that no numerator uses."""
        n = self.rnd.choice([0, 0, 1, 1, 1, 2, 2, 3])
        for _ in range(n):
            d = self.date_between(dt.date(MP_YEAR - 1, 1, 1), MP_END)
            if d < m["birth"]:
                continue
            r = self.rnd.random()
            dx = self.rnd.choice(SICK_DX)
            if r < 0.82:
                self.visit(m["id"], d, ["CPT:" + self.rnd.choice(OFFICE_EM), "ICD10CM:" + dx],
                           "outpatient" if self.chance(0.85) else "telehealth", self.provider_for(m))
            elif r < 0.95:
                self.visit(m["id"], d, ["CPT:99284", "ICD10CM:" + dx], "ed", "HOS01")
            elif m["age"] >= 18:
                self.visit(m["id"], d, ["CPT:99223", "ICD10CM:" + dx], "inpatient", "HOS01",
                           end=d + dt.timedelta(days=self.rnd.randint(1, 6)))
        if m["age"] >= 40 and self.chance(0.18):
            self.conditions.append((m["id"], iso(self.date_between(dt.date(2010, 1, 1), dt.date(MP_YEAR, 6, 1))),
                                    "", "ICD10CM:I10", m["pcp"]))
        if m["age"] >= 6 and self.chance(0.06):
            self.immunizations.append((m["id"], iso(self.date_between(dt.date(MP_YEAR, 9, 1), MP_END)),
                                       "CVX:150" if m["age"] >= 3 else "CVX:140", self.provider_for(m),
                                       "registry" if self.chance(0.6) else "claim", ""))

    def infant_care(self, m):
        """Well-child visits on the AAP schedule, immunizations, lead tests."""
        birth, mid, adh = m["birth"], m["id"], m["adherence"]
        schedule = [(0, 5), (1, 0), (2, 0), (4, 0), (6, 0), (9, 0), (12, 0), (15, 0), (18, 0), (24, 0)]
        visit_prob = min(0.97, 0.55 + 0.45 * adh)
        for months, days in schedule:
            d = add_months(birth, months) + dt.timedelta(days=days + self.rnd.randint(-4, 10))
            if d > MP_END or d < birth:
                continue
            if not self.chance(visit_prob):
                continue
            age_days = (d - birth).days
            cpt = "99381" if months == 0 and self.chance(0.5) else ("99391" if age_days < 365 else "99392")
            dx = "Z00.110" if age_days <= 8 else ("Z00.111" if age_days <= 28 else
                                                 ("Z00.121" if self.chance(0.3) else "Z00.129"))
            provider = m["pcp"] if m["pcp"] and self.chance(0.93) else self.rnd.choice(PEDIATRIC + ["OBG01"])
            self.visit(mid, d, ["CPT:" + cpt, "ICD10CM:" + dx], "outpatient", provider)
            if months in (2, 4, 6):
                self.immunizations.append((mid, iso(d), "CVX:20", provider,
                                           "registry" if self.chance(0.8) else "claim", ""))
            if months == 12:
                self.immunizations.append((mid, iso(d), "CVX:03", provider, "registry", ""))
        # lead test at about 12 and 24 months
        lead_prob = 0.25 + 0.6 * adh
        for months in (12, 24):
            if not self.chance(lead_prob * (0.8 if months == 12 else 0.55)):
                continue
            d = add_months(birth, months) + dt.timedelta(days=self.rnd.randint(-20, 25))
            if d > MP_END:
                continue
            if self.chance(0.7):
                self.visit(mid, d, ["CPT:83655", "ICD10CM:Z13.88"], "outpatient",
                           "LAB01" if self.chance(0.6) else (m["pcp"] or "LAB01"))
            else:
                code = "LOINC:10368-9" if self.chance(0.6) else "LOINC:77307-7"
                self.observations.append((mid, iso(d), code, "%.1f" % self.rnd.uniform(0.5, 6.0),
                                          "ug/dL", "LAB01", "final"))

    def fluoride(self, m):
        birth, mid = m["birth"], m["id"]
        six_months = add_months(birth, 6)
        lo = max(MP_START, six_months)
        hi = min(MP_END, birthday(birth, 6) - dt.timedelta(days=1))
        if lo > hi:
            return
        p = 0.15 + 0.6 * m["adherence"]
        if self.chance(p):
            n = 1 if self.chance(0.6) else 2
            for _ in range(n):
                d = self.date_between(lo, hi)
                provider = m["pcp"] or self.rnd.choice(PEDIATRIC)
                code = "CPT:99188" if self.chance(0.75) else "CDT:D1206"
                self.visit(mid, d, [code], "outpatient", provider)
        elif self.chance(0.25):
            # at the dentist: D1206 by a provider that is not a PCP office
            self.visit(mid, self.date_between(lo, hi), ["CDT:D1206", "CDT:D0120"], "outpatient", "DEN01")

    def well_care(self, m):
        mid, age = m["id"], m["age"]
        p = (0.72 if age <= 11 else 0.55 if age <= 17 else 0.38) * (0.6 + 0.5 * m["adherence"])
        if self.chance(p):
            d = self.date_between(MP_START, MP_END)
            if age <= 4:
                cpt = "99392"
            elif age <= 11:
                cpt = "99393"
            elif age <= 17:
                cpt = "99394"
            else:
                cpt = "99395"
            if self.chance(0.15):
                cpt = {"99392": "99382", "99393": "99383", "99394": "99384", "99395": "99385"}[cpt]
            dx = ("Z00.121" if self.chance(0.4) else "Z00.129") if age < 18 else \
                 ("Z00.00" if self.chance(0.6) else "Z00.01")
            provider = self.provider_for(m)
            if m["sex"] == "F" and age >= 18 and self.chance(0.3):
                provider = self.rnd.choice(["OBG01", "OBG02"])
            self.visit(mid, d, ["CPT:" + cpt, "ICD10CM:" + dx], "outpatient", provider)
        elif self.chance(0.08):
            # a sports physical / school exam coded only with Z02.x
            self.visit(mid, self.date_between(MP_START, MP_END), ["CPT:99213", "ICD10CM:Z02.5"],
                       "outpatient", self.provider_for(m))
        elif self.chance(0.1):
            # well visit the year before: does not count
            self.visit(mid, self.date_between(dt.date(MP_YEAR - 1, 1, 1), dt.date(MP_YEAR - 1, 12, 31)),
                       ["CPT:99393", "ICD10CM:Z00.129"], "outpatient", self.provider_for(m))

    def depression(self, m):
        mid = m["id"]
        if self.chance(0.07):
            code = self.rnd.choice(["F33.1", "F32.9", "F32.A", "F34.1", "F33.0"])
            onset = self.date_between(dt.date(2015, 1, 1), dt.date(MP_YEAR, 9, 1))
            abated = "" if self.chance(0.8) else iso(self.date_between(onset, dt.date(MP_YEAR - 1, 6, 30)))
            if abated and abated <= iso(onset):
                abated = ""
            self.conditions.append((mid, iso(onset), abated, "ICD10CM:" + code, m["pcp"]))
        elif self.chance(0.015):
            d = self.date_between(MP_START, MP_END)
            self.visit(mid, d, ["CPT:90834", "ICD10CM:F31.81"], "outpatient", self.provider_for(m))
        # the qualifying office visits of the year and the screens on them
        if not self.chance(0.82):
            return
        n = self.rnd.choice([1, 1, 2, 2, 3])
        screened = self.chance(0.25 + 0.55 * m["adherence"])
        for i in range(n):
            d = self.date_between(MP_START, MP_END)
            if m["death"] and d > m["death"]:
                continue
            codes = ["CPT:" + self.rnd.choice(["99213", "99214", "99203", "99395", "99396"]),
                     "ICD10CM:" + self.rnd.choice(SICK_DX + ["Z00.00"])]
            provider = self.provider_for(m)
            if screened and i == 0:
                if self.chance(0.5):
                    codes.append("HCPCS:" + ("G8510" if self.chance(0.85) else "G8431"))
                    self.visit(mid, d, codes, "outpatient", provider)
                else:
                    self.visit(mid, d, codes, "outpatient", provider)
                    # the G-code on its own claim line, same date
                    self.visit(mid, d, ["HCPCS:" + ("G8510" if self.chance(0.85) else "G8431")],
                               "outpatient", provider)
            else:
                self.visit(mid, d, codes, "outpatient", provider)

    def cervical(self, m):
        mid, birth, age = m["id"], m["birth"], m["age"]
        if self.chance(0.04):
            # hysterectomy with no residual cervix, long ago, or the Z code
            if self.chance(0.5):
                d = self.date_between(dt.date(2005, 1, 1), dt.date(MP_YEAR - 1, 12, 31))
                self.visit(mid, d, ["CPT:58150", "ICD10CM:D25.9"], "inpatient", "HOS01",
                           end=d + dt.timedelta(days=2))
            else:
                d = self.date_between(MP_START, MP_END)
                self.visit(mid, d, ["CPT:99213", "ICD10CM:N95.1", "ICD10CM:Z90.710"], "outpatient",
                           self.provider_for(m))
            return
        p = 0.30 + 0.5 * m["adherence"]
        if self.chance(p):
            lo = max(dt.date(MP_YEAR - 2, 1, 1), birthday(birth, 21))
            if lo <= MP_END:
                d = self.date_between(lo, MP_END)
                provider = self.rnd.choice(["OBG01", "OBG02"]) if self.chance(0.35) else self.provider_for(m)
                r = self.rnd.random()
                if r < 0.6:
                    self.visit(mid, d, ["CPT:88175", "HCPCS:Q0091"], "outpatient", provider)
                elif r < 0.8:
                    self.visit(mid, d, ["HCPCS:Q0091", "ICD10CM:Z01.419"], "outpatient", provider)
                else:
                    self.observations.append((mid, iso(d), "LOINC:10524-7", "NILM", "", "LAB01", "final"))
                if age >= 30 and self.chance(0.4):
                    self.visit(mid, d, ["CPT:87624"], "outpatient", "LAB01")
        elif age >= 33 and self.chance(0.25):
            # hrHPV alone, 3-4 years ago, at 30+
            d = self.date_between(dt.date(MP_YEAR - 4, 1, 1), dt.date(MP_YEAR - 3, 12, 31))
            if d >= birthday(birth, 30):
                self.visit(mid, d, ["CPT:87624"], "outpatient", "LAB01")
        elif self.chance(0.2):
            # an old Pap only: outside the 3-year window
            self.visit(mid, self.date_between(dt.date(MP_YEAR - 5, 1, 1), dt.date(MP_YEAR - 3, 12, 31)),
                       ["CPT:88175"], "outpatient", self.provider_for(m))

    def breast(self, m):
        mid = m["id"]
        if self.chance(0.025):
            if self.chance(0.5):
                self.supplemental.append((mid, iso(self.date_between(MP_START, MP_END)), "ICD10CM:Z90.13",
                                          m["pcp"], ""))
            else:
                self.visit(mid, self.date_between(MP_START, MP_END),
                           ["CPT:99214", "ICD10CM:I10", "ICD10CM:Z90.13"], "outpatient", self.provider_for(m))
            return
        p = 0.30 + 0.55 * m["adherence"]
        if self.chance(p):
            d = self.date_between(dt.date(MP_YEAR - 2, 10, 1), MP_END)
            code = self.rnd.choice(["77067", "77067", "77067", "77063", "77066"])
            self.visit(mid, d, ["CPT:" + code, "ICD10CM:Z12.31"], "outpatient", "RAD01")
        elif self.chance(0.2):
            # the last mammogram was before October 1 two years prior
            d = self.date_between(dt.date(MP_YEAR - 3, 1, 1), dt.date(MP_YEAR - 2, 9, 30))
            self.visit(mid, d, ["CPT:77067", "ICD10CM:Z12.31"], "outpatient", "RAD01")

    def frailty(self, m):
        mid = m["id"]
        if not self.chance(0.12):
            return
        self.visit(mid, self.date_between(MP_START, MP_END), ["CPT:99213", "ICD10CM:R54"], "outpatient",
                   self.provider_for(m))
        r = self.rnd.random()
        if r < 0.4:
            for _ in range(2):
                self.visit(mid, self.date_between(dt.date(MP_YEAR - 1, 1, 1), MP_END),
                           ["CPT:99214", "ICD10CM:I50.22"], "outpatient", self.provider_for(m))
        elif r < 0.6:
            d = self.date_between(dt.date(MP_YEAR - 1, 1, 1), MP_END)
            self.visit(mid, d, ["CPT:99223", "ICD10CM:J96.10"], "inpatient", "HOS01", end=d + dt.timedelta(days=4))
        elif r < 0.8:
            self.pharmacy.append((mid, iso(self.date_between(dt.date(MP_YEAR - 1, 1, 1), MP_END)), "30",
                                  "997223", "RX001"))

    def hospice(self, m):
        d = self.date_between(MP_START, MP_END)
        if self.chance(0.5):
            self.visit(m["id"], d, ["HCPCS:Q5003", "ICD10CM:C25.0"], "hospice", "HSP01",
                       end=d + dt.timedelta(days=self.rnd.randint(5, 40)), status="")
        else:
            self.visit(m["id"], d, ["UBREV:0651", "ICD10CM:I50.9"], "home", "HSP01", status="")

    # --- output ----------------------------------------------------------------------
    def write(self, out):
        os.makedirs(out, exist_ok=True)

        def dump(name, header, rows):
            with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(header)
                w.writerows(rows)

        dump("members.csv", ["member_id", "birth_date", "sex", "race", "ethnicity", "language", "county",
                             "death_date"],
             [(m["id"], iso(m["birth"]), m["sex"], m["race"], m["ethnicity"], m["language"], m["county"],
               iso(m["death"])) for m in self.members])
        dump("enrollment.csv", ["member_id", "start_date", "end_date", "pcp_id", "product", "plan"],
             self.enrollment)
        dump("providers.csv", ["provider_id", "kind", "name", "county", "attributes"], PROVIDERS)
        self.visits.sort(key=lambda v: (v[0], v[1]))
        dump("visits.csv", ["member_id", "date", "end_date", "setting", "provider_id", "codes", "status"],
             self.visits)
        self.observations.sort(key=lambda v: (v[0], v[1]))
        dump("observations.csv", ["member_id", "date", "code", "value", "unit", "provider_id", "status"],
             self.observations)
        self.conditions.sort(key=lambda v: (v[0], v[1]))
        dump("conditions.csv", ["member_id", "onset_date", "abatement_date", "codes", "provider_id"],
             self.conditions)
        self.immunizations.sort(key=lambda v: (v[0], v[1]))
        dump("immunizations.csv", ["member_id", "date", "code", "provider_id", "source", "status"],
             self.immunizations)
        self.supplemental.sort(key=lambda v: (v[0], v[1]))
        dump("supplemental.csv", ["member_id", "date", "codes", "provider_id", "value"], self.supplemental)
        self.pharmacy.sort(key=lambda v: (v[0], v[1]))
        dump("pharmacy.csv", ["member_id", "fill_date", "days_supply", "rxnorm", "pharmacy_id"], self.pharmacy)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.join(os.path.dirname(here), "measures", "2022", "sample-data")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=default_out, help="data directory to write (default: %(default)s)")
    ap.add_argument("--members", type=int, default=3000, help="number of members (default: 3000)")
    ap.add_argument("--seed", type=int, default=20220101, help="random seed (default: 20220101)")
    args = ap.parse_args()
    g = Gen(args.seed, args.members)
    g.make_members()
    g.make_care()
    g.write(args.out)
    total = sum(os.path.getsize(os.path.join(args.out, f)) for f in os.listdir(args.out))
    print("wrote %d members, %d enrollment spans, %d visits, %d observations, %d conditions, "
          "%d immunizations, %d supplemental, %d pharmacy fills to %s (%.0f KB)" % (
              len(g.members), len(g.enrollment), len(g.visits), len(g.observations), len(g.conditions),
              len(g.immunizations), len(g.supplemental), len(g.pharmacy), args.out, total / 1024))


if __name__ == "__main__":
    main()
