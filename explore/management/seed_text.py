"""Word lists for `manage.py seed_scale`: realistic council text, kept apart from the loader."""

# Words for titles and text, by theme slug: (what is changed, for whom).
VOCABULARY = {
    "adult-social-care": (
        ["timesheets", "care assessments", "hospital discharge plans", "care packages"],
        ["home carers", "older residents", "unpaid carers", "care home staff"],
    ),
    "children-and-families": (
        ["early help referrals", "school admissions", "family hubs", "short breaks"],
        ["care leavers", "foster carers", "young parents", "social workers"],
    ),
    "housing-and-homelessness": (
        ["repairs booking", "rent arrears triage", "housing applications", "damp checks"],
        ["tenants", "rough sleepers", "housing officers", "private landlords"],
    ),
    "environment-and-climate": (
        ["tree planting", "retrofit advice", "air quality alerts", "flood warnings"],
        ["schools", "homeowners", "parks teams", "allotment holders"],
    ),
    "waste-and-recycling": (
        [
            "bin collection alerts",
            "food waste caddies",
            "bulky waste booking",
            "fly-tipping reports",
        ],
        ["flats", "street cleaning crews", "residents", "collection crews"],
    ),
    "transport-and-highways": (
        ["pothole reports", "parking permits", "school streets", "bus stop information"],
        ["drivers", "cyclists", "highway inspectors", "blue badge holders"],
    ),
    "planning-and-regeneration": (
        ["planning advice", "building control visits", "local plan consultations", "site notices"],
        ["applicants", "planning officers", "town centres", "community groups"],
    ),
    "economic-growth": (
        ["business rates relief", "market stall licences", "apprenticeships", "shop front grants"],
        ["small businesses", "traders", "jobseekers", "start-ups"],
    ),
    "community-safety": (
        ["noise complaints", "antisocial behaviour cases", "licensing checks", "CCTV requests"],
        ["neighbourhood wardens", "licensees", "victims", "night-time venues"],
    ),
    "public-health": (
        ["stop smoking support", "health checks", "falls prevention", "weight management"],
        ["GP practices", "pharmacies", "people at risk", "school nurses"],
    ),
    "culture-leisure-and-libraries": (
        ["library cards", "leisure centre bookings", "museum loans", "summer reading"],
        ["libraries", "families", "volunteers", "young readers"],
    ),
    "digital-and-data": (
        ["council tax reminders", "online forms", "shared case records", "open data"],
        ["contact centre staff", "residents", "data analysts", "partners"],
    ),
    "customer-services": (
        ["call-back booking", "complaints handling", "webchat", "blue badge renewals"],
        ["callers", "customer advisers", "visitors", "residents"],
    ),
    "finance-and-procurement": (
        ["invoice approvals", "benefit checks", "supplier payments", "grant claims"],
        ["suppliers", "budget holders", "claimants", "finance teams"],
    ),
    "workforce-and-culture": (
        ["rota planning", "induction", "mileage claims", "flexible working requests"],
        ["new starters", "managers", "frontline staff", "agency workers"],
    ),
    "community-budgets-and-place-based-working": (
        ["participatory budgets", "ward grants", "community hubs", "asset transfers"],
        ["ward councillors", "community groups", "parish councils", "neighbourhoods"],
    ),
}
APPROACHES = [
    "Digital",
    "Automated",
    "Online",
    "Text message",
    "Self-service",
    "Paperless",
    "Shared",
    "Mobile",
    "Same-day",
    "Joined-up",
    "Volunteer-led",
    "Predictive",
    "Simpler",
    "Community",
    "Plain English",
]
PROBLEMS = [
    "Today {thing} take too long and {people} chase us by phone to find out what is happening.",
    "Staff re-key {thing} into three systems, and mistakes reach {people}.",
    "{people_cap} tell us the paper process for {thing} is confusing and slow.",
    "Demand for {thing} has grown every year while the team has stayed the same size.",
    "Half of the calls about {thing} are from {people} asking for an update.",
]
PROPOSALS = [
    "Try {approach} {thing} with one team for twelve weeks, then compare with the rest.",
    "Let {people} see and update {thing} themselves, with a named officer for exceptions.",
    "Replace the paper form for {thing} with a short online one and a text message receipt.",
    "Pool {thing} with a neighbouring council and share one small team.",
]
BENEFITS = [
    "Fewer calls, quicker answers for {people} and time back for the team.",
    "Lower cost per case and fewer complaints about {thing}.",
    "{people_cap} get a decision in days, not weeks.",
]
LEARNED = [
    "{people_cap} used {thing} when it was offered at the first contact, not later.",
    "The system worked; the handover between teams was the real delay.",
    "Take-up was low until we explained {thing} in plain English.",
    "We underestimated how much training {people} needed.",
    "Costs fell, but only after the second month.",
]
FIRST_NAMES = ["Aisha", "Ben", "Carys", "David", "Efa", "Fiona", "Gareth", "Hannah", "Iqbal", "Jo"]
LAST_NAMES = ["Ahmed", "Brown", "Campbell", "Davies", "Evans", "Patel", "Smith", "Wilson", "Jones"]
JOB_TITLES = ["Service manager", "Project officer", "Team leader", "Analyst", "Caseworker"]
