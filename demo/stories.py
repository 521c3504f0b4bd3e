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

# Each demo pilot's experiment card, by title: its case, its limits and its team. The
# summary is the idea's proposal (load_demo). budget_cap is in whole pounds.
CARDS = {
    "Chatbot for missed bin reports": {
        "hypothesis": "We believe that a chatbot on the website will let residents report a "
        "missed bin without waiting on the phone. We will know we are right when a quarter "
        "of missed bin reports come through the chatbot and calls about missed bins fall "
        "by a fifth.",
        "success_measure": "Missed bin reports made through the chatbot, and calls about "
        "missed bins each week, from the contact centre's phone system.",
        "baseline": "About 420 calls a week about missed bins. Callers wait 8 minutes on average.",
        "amplify_signals": "Residents finish their report in the chat without asking for a "
        "person, and calls fall week on week.",
        "stop_criteria": "More than half of chats end with a request to phone us, or "
        "complaints about the chatbot rise two weeks running.",
        "max_exposure": "The missed bin page of the website only. Everyone can still phone us.",
        "rollback_plan": "Take the chatbot off the missed bin page. The phone line and the "
        "email address stay open throughout.",
        "team": "Digital team and the waste contract team",
        "budget_cap": 6000,
    },
    "Missed bin web form with callback": {
        "hypothesis": "We believe that a short web form, with a call back at a time the "
        "resident chooses, will save residents waiting on the phone to report a missed bin. "
        "We will know we are right when calls about missed bins in the pilot wards fall by "
        "a fifth compared with similar wards.",
        "success_measure": "Calls a week about missed bins from the 2 pilot wards and from 2 "
        "similar wards without the form, from the contact centre's phone system.",
        "baseline": "About 150 calls a week about missed bins from the pilot wards, and about "
        "the same from the comparison wards.",
        "amplify_signals": "Residents choose the form over the phone, and we call them back in "
        "the slot they chose.",
        "stop_criteria": "More than 1 in 10 callbacks missed in any week.",
        "max_exposure": "Two wards, about 16,000 households. The phone line stays open to "
        "everyone.",
        "rollback_plan": "Take the form off the website. Residents phone us as before.",
        "team": "Customer services and environmental services",
        "budget_cap": 3000,
    },
    "Digital timesheets for carers": {
        "hypothesis": "We believe that carers recording their visits on a phone app will give "
        "the care office back the two days a month it spends typing up timesheets. We will "
        "know we are right when the office types up no timesheets for the carers in the "
        "pilot and every one of them is paid on time.",
        "success_measure": "Hours the care office spends typing up timesheets each month, from "
        "its time log, and carers paid late, from payroll.",
        "baseline": "Two office staff spend about two days a month typing up 300 paper "
        "timesheets. Last quarter, 11 carers were paid late.",
        "amplify_signals": "Carers in the pilot ask to keep the app, and other carers ask to "
        "join.",
        "stop_criteria": "Any carer underpaid because of the app, or visit records that do not "
        "match the care plans.",
        "max_exposure": "20 home carers in one team, for two pay months.",
        "rollback_plan": "Carers go back to paper timesheets for the next pay run. The office "
        "keeps paper forms ready throughout.",
        "team": "Home care team and payroll",
        "budget_cap": 2500,
    },
    "Reusable nappies trial": {
        "hypothesis": "We believe that a free starter kit will help families switch to "
        "reusable nappies. We will know we are right when at least half of the 100 families "
        "still use them most days after three months.",
        "success_measure": "Families still using reusable nappies most days, from a short "
        "survey at six weeks and at three months.",
        "baseline": "Fewer than 1 in 20 families we asked use reusable nappies. Disposable "
        "nappies are about 3% of the household waste we collect.",
        "amplify_signals": "Families say they would buy more, and health visitors ask for kits "
        "for other families.",
        "stop_criteria": "Fewer than 30 families still using the nappies at six weeks, or any "
        "safety concern about the kits.",
        "max_exposure": "100 families with babies under six months, who sign up at two family "
        "hubs.",
        "rollback_plan": "Families keep the kits and can stop at any time. Their bin "
        "collections do not change.",
        "team": "Waste strategy team, with the family hubs",
        "budget_cap": 7000,
    },
    "Wellbeing walks for staff": {
        "hypothesis": "We believe that lunchtime walks led by colleagues will help back-office "
        "staff manage stress. We will know we are right when most walkers say they feel less "
        "stressed after eight weeks and days lost to stress in their teams stop rising.",
        "success_measure": "Days lost to stress in the back-office teams each month, from HR "
        "records, and walkers' own stress scores, from a short survey before and after.",
        "baseline": "The back-office teams lost 140 days to stress last quarter, up from 95 a "
        "year before.",
        "amplify_signals": "Walkers come back week after week, and other teams ask for walks "
        "of their own.",
        "stop_criteria": "Fewer than 6 people on most walks for three weeks running.",
        "max_exposure": "Staff at the main office: two walks a week of up to 15 people, led by "
        "4 trained volunteers.",
        "rollback_plan": "Stop the walks and tell staff by email. Nothing else changes.",
        "team": "HR wellbeing team and staff volunteers",
        "budget_cap": 600,
    },
    "Drop-in IT help for residents": {
        "hypothesis": "We believe that a weekly drop-in with digital champions will help "
        "residents who are not online book council services. We will know we are right when "
        "half the people who come book what they need at the session, and calls asking us "
        "to book for them fall.",
        "success_measure": "People who come and what they book, from the champions' log, and "
        "calls asking us to book a service, from the contact centre.",
        "baseline": "About 600 calls a month from residents asking us to book a service they "
        "could not book online.",
        "amplify_signals": "People come back to help a friend, or book by themselves next time.",
        "stop_criteria": "Fewer than 5 people a week for four weeks running.",
        "max_exposure": "One library, one morning a week, up to 20 residents a session.",
        "rollback_plan": "Stop the sessions, and put up a notice with our phone number and "
        "other help nearby.",
        "team": "Libraries and customer services",
        "budget_cap": 1500,
    },
    "Shared fleet booking": {
        "hypothesis": "We believe that one booking system for every pool vehicle will cut what "
        "we spend on hire cars. We will know we are right when the pilot teams spend a third "
        "less on hire cars and no visit is missed for want of a vehicle.",
        "success_measure": "What the pilot teams spend on hire cars, from hire invoices, and "
        "how often each pool vehicle is booked.",
        "baseline": "The three teams spent £4,100 on hire cars last quarter. Pool cars are "
        "booked on about 2 working days in 5.",
        "amplify_signals": "Teams book each other's vehicles without being asked, and hire "
        "spending keeps falling.",
        "stop_criteria": "A home visit or inspection missed because no vehicle was free.",
        "max_exposure": "12 pool vehicles at two depots, and staff in three teams.",
        "rollback_plan": "Each team goes back to its own booking diary. Car hire stays open to "
        "everyone throughout.",
        "team": "Fleet services, with highways, parking and social care",
        "budget_cap": 1200,
    },
    "Overdue: graffiti reporting app": {
        "hypothesis": "We believe that reports with a photo and a map pin will help crews find "
        "graffiti first time. We will know we are right when graffiti reported this way is "
        "removed within 2 working days and crews no longer search for it.",
        "success_measure": "Working days from report to removal, and crew visits that find "
        "nothing, from the crews' job sheets.",
        "baseline": "Graffiti takes 6 working days on average to remove. About 1 crew visit in "
        "4 cannot find it first time.",
        "amplify_signals": "Most reports in the pilot area come through the form, and crews "
        "ask for it everywhere.",
        "stop_criteria": "Offensive graffiti left for more than 24 hours because a report went "
        "astray.",
        "max_exposure": "Two town centres, and the one street cleansing crew that covers them.",
        "rollback_plan": "Take the form off the website. Reports go back to the phone line and "
        "email, which stay open throughout.",
        "team": "Street cleansing and the digital team",
        "budget_cap": 3500,
    },
    "Night-time noise patrol pilot": {
        "hypothesis": "We believe that an officer on call on Friday and Saturday nights will "
        "witness noise while it is happening, so that we can act on it. We will know we are "
        "right when officers reach 3 in 4 calls while the noise is still going and repeat "
        "complaints fall.",
        "success_measure": "Night-time calls reached while the noise was still going, from the "
        "officers' logs, and repeat complaints about the same address.",
        "baseline": "About 35 noise complaints on a typical weekend, mostly between 10pm and "
        "3am. Officers witness fewer than 1 in 10, because they visit the next working day.",
        "amplify_signals": "Officers witness enough noise to serve warning notices, and "
        "residents who called say it helped.",
        "stop_criteria": "An officer put at risk on a visit, or more calls than one officer can "
        "reach for three weekends running.",
        "max_exposure": "One officer on call from 10pm to 3am on Friday and Saturday nights.",
        "rollback_plan": "Stop the night rota. Night complaints go back to visits on the next "
        "working day.",
        "team": "Environmental health noise team",
        "budget_cap": 6000,
    },
    "Green roof on the civic centre": {
        "hypothesis": "We believe that a sedum roof will keep the top floor cooler and hold "
        "back storm water. We will know we are right when offices under it stay at least 2°C "
        "cooler on hot afternoons and it holds back half the rain from a heavy storm.",
        "success_measure": "Office temperatures under the green roof and under the bare roof, "
        "from sensors, and run-off from a rain gauge on each roof section.",
        "baseline": "Top-floor offices reached 30°C on hot afternoons last summer. The car park "
        "flooded 4 times last year.",
        "amplify_signals": "Staff on the top floor notice the difference, and the roof holds "
        "back rain in the first storms.",
        "stop_criteria": "A leak into the top floor, or a structural engineer's concern about "
        "the weight on the roof.",
        "max_exposure": "One 60 m² section of the flat roof, above the top-floor east wing.",
        "rollback_plan": "Lift the sedum mats off. The roof membrane under them is left as it "
        "was.",
        "team": "Facilities management and the sustainability team",
        "budget_cap": 6000,
    },
    "Free swim for carers": {
        "hypothesis": "We believe that free off-peak swims will help unpaid carers look after "
        "their own health. We will know we are right when 150 carers have swum in eight "
        "weeks and most of them come back.",
        "success_measure": "Registered carers who swim, and how often, from the leisure "
        "centres' booking system.",
        "baseline": "1,900 unpaid carers are on the carers' register. In our last survey, 3 in "
        "5 said they had no time to exercise.",
        "amplify_signals": "Carers come back each month and tell us it helps them keep going.",
        "stop_criteria": "Fewer than 40 carers have swum after four weeks.",
        "max_exposure": "Off-peak swims, weekdays 10am to 3pm, at two leisure centres, for up "
        "to 400 registered carers.",
        "rollback_plan": "Stop issuing free swim passes. Carers can still buy the usual "
        "concession swim.",
        "team": "Public health and leisure, with the carers' centre",
        "budget_cap": 3000,
    },
    "Council tax bills by email": {
        "hypothesis": "We believe that inviting residents to switch to email bills will cut "
        "what we spend printing and posting bills. We will know we are right when a quarter "
        "of households in the ward switch within eight weeks, against few in a similar ward.",
        "success_measure": "Households that switch to email bills in the pilot ward and in a "
        "comparison ward, from the council tax system.",
        "baseline": "Fewer than 1 in 20 households get their bill by email. Each paper bill "
        "costs about 70p to print and post.",
        "amplify_signals": "Households switch without calling us, and email bills arrive "
        "without bouncing.",
        "stop_criteria": "Any email bill that does not arrive and is not followed by a paper "
        "bill, or complaints from more than 20 households.",
        "max_exposure": "One ward, about 7,200 households. Anyone can ask for a paper bill again.",
        "rollback_plan": "Send paper bills again to anyone who asks, or to the whole ward if "
        "email bills fail.",
        "team": "Revenues and the digital team",
        "budget_cap": 3000,
    },
}

# What each closed pilot expected, measured and learned, by title, and what it cost (£).
LESSONS = {
    "Chatbot for missed bin reports": {
        "stop_reason": "Most residents asked the chatbot for a person to call them.",
        "expected_result": "A quarter of missed bin reports made through the chatbot, and "
        "calls about missed bins down by a fifth.",
        "measured_result": "In five weeks, 640 chats began. 7 in 10 ended with a request for a "
        "call back, and only 1 missed bin report in 8 came through the chat. Calls stayed at "
        "about 410 a week.",
        "learned": "Residents with a missed bin wanted a person, not a bot. Most chats ended "
        "with a request to phone us.",
        "differently": "Offer a simple web form with a callback instead of a chatbot.",
        "actual_cost": 4200,
    },
    "Missed bin web form with callback": {
        "expected_result": "Calls about missed bins in the pilot wards down by a fifth, "
        "compared with the comparison wards.",
        "measured_result": "Calls about missed bins in the pilot wards fell from about 150 to "
        "100 a week, a third fewer. In the comparison wards they stayed at about 150. 9 in 10 "
        "callbacks were made in the slot the resident chose.",
        "learned": "A short form with a callback cut calls about missed bins by a third.",
        "differently": "Start with the callback times residents asked for.",
        "actual_cost": 1800,
    },
    "Night-time noise patrol pilot": {
        "expected_result": "Officers reach 3 in 4 night-time calls while the noise is still "
        "going, and repeat complaints fall by a quarter.",
        "measured_result": "Officers reached 2 in 3 of 310 calls while the noise was still "
        "going, and served 14 warning notices. Repeat complaints did not fall: 6 streets made "
        "a third of all calls.",
        "learned": "Officers reached two thirds of calls while the noise was still going. "
        "Calls from a few streets came back every weekend.",
        "differently": "Start with the streets that call most, and agree a response time "
        "with the police first.",
        "actual_cost": 4300,
    },
    "Green roof on the civic centre": {
        "expected_result": "Offices under the green roof at least 2°C cooler on hot "
        "afternoons, and half the rain from a heavy storm held back.",
        "measured_result": "On the 6 days above 28°C, offices under the green roof peaked 2.5°C "
        "cooler. The rain gauge went in three weeks after planting, and only one heavy storm "
        "came after that.",
        "learned": "The top floor was cooler, but a dry summer gave too few storms to "
        "measure the run-off.",
        "differently": "Measure for a full year, and fit the rain gauge before planting.",
        "actual_cost": 5200,
    },
    "Free swim for carers": {
        "stop_reason": "Too few carers came to justify the pool time.",
        "expected_result": "150 carers swim in eight weeks, and most come back.",
        "measured_result": "We invited 400 carers. In four weeks, 23 swam and 6 came back more "
        "than once.",
        "learned": "Few carers came: most could not leave the person they care for at "
        "off-peak times.",
        "differently": "Offer sessions with replacement care, and ask carers when they can come.",
        "actual_cost": 450,
    },
    "Council tax bills by email": {
        "expected_result": "A quarter of households in the ward switch to email bills in eight "
        "weeks, against few in the comparison ward.",
        "measured_result": "About 2,900 of the ward's 7,200 households switched, 4 in 10. Most "
        "switched the week the letter came. In the comparison ward, 1 in 20 switched.",
        "learned": "Four in ten households in the ward switched to email bills when "
        "the letter offered it on its first line.",
        "differently": "Ask on the annual bill itself, not in a separate letter.",
        "actual_cost": 2500,
    },
}


# What staff wrote to each other: (council, role, words), oldest first.
CONVERSATIONS = {
    # A public idea, on the innovation shelf: Brent can read it and say what it learned.
    "repair cafés": [
        (
            "brent",
            "staff",
            "We run two repair cafés in our libraries with volunteers. The hard part was "
            "insurance for electrical repairs: happy to share how we set it up.",
        ),
        (
            "barnet",
            "manager",
            "Thank you, that is useful. We will ask you about the insurance when the repair "
            "budget is agreed and we take this off the shelf.",
        ),
    ],
    "chatbot outcome": [
        (
            "brent",
            "staff",
            "Thank you for writing this up so openly. It saved us trying a chatbot: we ran "
            "a web form with a call back instead, and calls fell by a third.",
        ),
        (
            "barnet",
            "staff",
            "Glad it helped. Ask us anything about the chats we saw: the questions residents "
            "asked were the most useful part.",
        ),
    ],
    "chatbot question": [
        (
            "brent",
            "staff",
            "How did you choose when to offer a call back? We want residents to pick a time "
            "that suits them.",
        ),
        (
            "barnet",
            "staff",
            "We offered it after two unanswered questions. Next time we would offer it "
            "straight away, with a choice of morning or afternoon.",
        ),
    ],
}
