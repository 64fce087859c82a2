"""The codes the engine stores in its integer columns, each declared once.

People (`Population`) and firms (`FirmTable`) keep categories as small integers so that
rules run as numpy comparisons; every rule names them by these constants, never by
their values. The order of each set is part of the model where a rule relies on it
(noted below); the names are what outputs and views show.
"""

from __future__ import annotations

# --- states of a person: every person is in exactly one -------------------------------
AI_FIRM, KR_OTHER, STUDENT_KR, STUDENT_ABROAD, ABROAD, SEEKING, EXITED = range(7)
STATE_NAMES = ("ai_firm", "kr_other", "student_kr", "student_abroad", "abroad", "seeking", "exited")
N_STATES = len(STATE_NAMES)

# --- locations (people, firms, universities): Korea first, so `loc <= KR_REGION` is "in Korea"
KR_CAPITAL, KR_REGION, US, CN, EU, OTHER = range(6)
LOC_NAMES = ("kr_capital", "kr_region", "us", "cn", "eu", "other")
N_LOCS = len(LOC_NAMES)
FOREIGN_LOCS = (US, CN, EU, OTHER)  # in the order of the destination shares dest_us, dest_cn, dest_eu, rest

# --- tiers: ordered CORE < SENIOR < APPLIED (salary-matching eligibility is `tier <= last`)
CORE, SENIOR, APPLIED = range(3)
TIER_NAMES = ("core", "senior", "applied")
N_TIERS = len(TIER_NAMES)
# the last tier of each named tier set (salary matching's and counter-offers' `tiers`): a set is "tier <= last"
LAST_TIER = {"core": CORE, "core+senior": SENIOR, "all": APPLIED}

# --- degrees ---------------------------------------------------------------------------
BACHELOR, MASTER, PHD = range(3)
DEGREE_NAMES = ("bachelor", "master", "phd")

# --- career stages (derived by `Population.stage`) ---------------------------------------
STAGE_STUDENT, STAGE_JUNIOR, STAGE_MID, STAGE_SENIOR, STAGE_EXITED = range(5)
STAGE_NAMES = ("student", "junior", "mid", "senior", "exited")

# --- firm kinds: Korean kinds first, so `kind <= STARTUP` is "a Korean firm" ------------------
CONGLOMERATE, PLATFORM, STARTUP, US_BIGTECH, FRONTIER_LAB, CN_FIRM, EU_LAB, OTHER_FOREIGN = range(8)
KIND_NAMES = ("conglomerate", "platform", "startup", "us_bigtech", "frontier_lab", "cn_firm", "eu_lab", "other_foreign")
KR_KINDS = (CONGLOMERATE, PLATFORM, STARTUP)

# --- recruiting channels of Korean firms (bit flags, ascending) --------------------------------
CH_DOMESTIC, CH_POACH, CH_DRIVE, CH_FOREIGN = 1, 2, 4, 8
CHANNELS = (CH_DOMESTIC, CH_POACH, CH_DRIVE, CH_FOREIGN)
CHANNEL_NAMES = ("domestic", "poach", "drive_abroad", "foreign_hire")

NONE = -1  # no employer / university / programme
