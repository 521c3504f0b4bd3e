"""What the demo's ideas and pilots say, by title: real problems and changes a council
might try, so the demo reads like a council's work and its likeness warnings pair
pilots that really are alike (load_demo)."""

IDEAS = {
    "Draft: reuse library space for job clubs": {
        "problem": "Job clubs meet in rooms we hire by the hour, while branch libraries "
        "are half empty on weekday mornings.",
        "proposal": "Run the weekly job clubs in three branch libraries on Tuesday and "
        "Thursday mornings.",
        "benefit": "Lower room hire costs, and more people using the libraries.",
        "who": "Jobseekers and library staff",
    },
    "Text reminders for bulky waste collections": {
        "problem": "About one bulky waste collection in eight fails because nothing is "
        "out on the day. Each wasted visit costs a crew about £40.",
        "proposal": "Send a text the evening before each booked collection, saying what "
        "to put out and where.",
        "benefit": "Fewer wasted crew visits and fewer repeat bookings.",
        "who": "Residents who book collections, and the waste crews",
    },
    "Shared duty desk for housing and benefits": {
        "problem": "Residents facing eviction go back and forth between the housing and "
        "benefits counters and tell their story three times.",
        "proposal": "Put a duty officer from each team at one shared desk two days a week.",
        "benefit": "Earlier help for people at risk of losing their home.",
        "who": "Residents at risk of homelessness",
    },
    "Pop-up council advice in GP surgeries": {
        "problem": "GPs see patients made ill by debt, damp homes or unclaimed benefits, "
        "and have nowhere to send them that day.",
        "proposal": "Hold a weekly council advice session in two GP surgeries.",
        "benefit": "Problems sorted before they become crises.",
        "who": "Patients and GP practice staff",
    },
    "Volunteer-run repair cafés": {
        "problem": "Small electricals and furniture that could be mended are thrown away "
        "at the tip.",
        "proposal": "Lend a community hall once a month to volunteers who mend things for free.",
        "benefit": "Less waste to landfill, and stronger local groups.",
        "who": "Residents and local volunteers",
    },
    "Plain-English council tax letters": {
        "problem": "Many calls to the contact centre in March are people asking what "
        "their council tax bill means.",
        "proposal": "Rewrite the annual bill and the reminder letters in plain English, "
        "and test them with residents first.",
        "benefit": "Fewer calls and fewer missed payments.",
        "who": "Council tax payers and contact centre staff",
    },
    "Shared procurement of LED streetlights": {
        "problem": "Each council buys LED lanterns on its own and pays more than it "
        "would together.",
        "proposal": "Buy LED lanterns through one joint contract with neighbouring councils.",
        "benefit": "Lower prices per lantern and lower energy bills.",
        "who": "Highways teams and residents",
    },
    "Open data on pothole repairs": {
        "problem": "Residents cannot see whether a pothole they reported is booked in, "
        "so they report it again.",
        "proposal": "Publish reported and repaired potholes as open data, updated daily, "
        "with a simple map.",
        "benefit": "Fewer repeat reports, and more trust in the repair programme.",
        "who": "Residents, councillors and highways staff",
    },
    "Chatbot for missed bin reports": {
        "problem": "Residents wait on the phone to report a missed bin.",
        "proposal": "Let residents report missed bins to a chatbot on the website.",
    },
    "Digital timesheets for carers": {
        "problem": "Home carers fill in paper timesheets that take office staff two days "
        "a month to type up.",
        "proposal": "Let carers record their visits on a phone app that sends the "
        "timesheet straight to payroll.",
        "benefit": "Carers paid on time, and two days a month back for the office.",
        "who": "Home carers and the care office",
    },
    "Reusable nappies trial": {
        "problem": "Disposable nappies make up about 3% of the household waste we collect.",
        "proposal": "Give 100 families a free starter kit of reusable nappies and ask "
        "them after three months how it went.",
        "benefit": "Less waste to collect and dispose of, and savings for families.",
        "who": "Families with babies",
    },
    "Wellbeing walks for staff": {
        "problem": "Sickness absence for stress is rising in our back-office teams.",
        "proposal": "Lunchtime walks twice a week, led by trained staff volunteers.",
        "benefit": "Fewer days lost to stress, and teams that know each other.",
        "who": "Back-office staff",
    },
    "Drop-in IT help for residents": {
        "problem": "Residents who cannot get online struggle to book services that are "
        "now online only.",
        "proposal": "A weekly drop-in session where digital champions help residents "
        "get online and book what they need.",
        "benefit": "Fewer people shut out of services, and fewer calls to book them.",
        "who": "Residents who are not online",
    },
    "Shared fleet booking": {
        "problem": "Pool cars sit unused in one depot while another team hires cars.",
        "proposal": "One online booking system for every pool vehicle, whichever "
        "department owns it.",
        "benefit": "Lower hire costs and fewer vehicles needed.",
        "who": "Staff who travel for work",
    },
    "Overdue: graffiti reporting app": {
        "problem": "Graffiti reports arrive by phone and email without a photo or an "
        "exact place, so crews search for it.",
        "proposal": "A reporting form with a photo and a map pin that goes straight to "
        "the cleansing crew.",
        "benefit": "Graffiti removed faster, with fewer wasted trips.",
        "who": "Residents and the street cleansing team",
    },
    "Night-time noise patrol pilot": {
        "problem": "Noise complaints made at night wait until the next working day, when "
        "the noise has stopped.",
        "proposal": "An officer on call on Friday and Saturday nights who visits noise "
        "complaints as they happen.",
        "benefit": "Noise witnessed and dealt with, and fewer repeat complaints.",
        "who": "Residents kept awake by noise",
    },
    "Green roof on the civic centre": {
        "problem": "The civic centre's flat roof overheats the top floor in summer and "
        "floods the car park in storms.",
        "proposal": "Plant a sedum green roof on one section and measure temperature and "
        "rainwater run-off.",
        "benefit": "A cooler building and less flooding.",
        "who": "Staff and visitors at the civic centre",
    },
    "Free swim for carers": {
        "problem": "Unpaid carers tell us they have no time or money for their own health.",
        "proposal": "Free off-peak swims at council pools for registered unpaid carers.",
        "benefit": "Carers who stay well enough to keep caring.",
        "who": "Unpaid carers",
    },
    "Council tax bills by email": {
        "problem": "Printing and posting a council tax bill costs about 70p, and late "
        "post brings calls.",
        "proposal": "Invite residents to switch to email bills when they next pay online.",
        "benefit": "Lower printing and postage costs, and bills that arrive on time.",
        "who": "Council tax payers",
    },
}

# What the pilots in every other state found (the lineage and benefits stories tell
# their own).
LESSONS = {
    "Night-time noise patrol pilot": {
        "learned": "Officers reached two thirds of calls while the noise was still going. "
        "Calls from a few streets came back every weekend.",
        "differently": "Start with the streets that call most, and agree a response time "
        "with the police first.",
    },
    "Green roof on the civic centre": {
        "learned": "The top floor was cooler, but a dry summer gave too few storms to "
        "measure the run-off.",
        "differently": "Measure for a full year, and fit the rain gauge before planting.",
    },
    "Free swim for carers": {
        "stop_reason": "Too few carers came to justify the pool time.",
        "learned": "Few carers came: most could not leave the person they care for at "
        "off-peak times.",
        "differently": "Offer sessions with replacement care, and ask carers when they can come.",
    },
}
