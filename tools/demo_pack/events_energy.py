"""Fictional events for the energy and commodities desks (every person is invented)."""

from __future__ import annotations

from spec import E, Q, U

EVENTS: tuple[E, ...] = (
    E(
        id="opec-pause",
        desk="energy",
        title="OPEC+ delegates discuss pausing output increases",
        at="09:05",
        dateline="LONDON",
        sourcing="three OPEC+ delegates",
        lead=(
            "OPEC+ members are discussing a pause in their planned oil output increases "
            "from May as inventories build and prices slide.",
            "Several OPEC+ producers want to halt the group's monthly supply increases from "
            "May, with Brent crude near its lowest level this year.",
        ),
        facts=(
            (
                "Brent crude futures rose 1.9% to $68.40 a barrel after the report.",
                "Brent jumped $1.28 to $68.40 on the headlines, while WTI gained 2% to "
                "$64.90.",
            ),
            (
                "No decision has been made and the group's eight core members will meet "
                "online on April 2.",
                "The discussions are continuing ahead of an online meeting of eight key "
                "members on April 2.",
            ),
            (
                "The group has been adding 137,000 barrels per day each month since "
                "October.",
                "Monthly increments of 137,000 bpd have been in place since the autumn.",
            ),
        ),
        quotes=(
            Q("Sofia Marchetti", "head of oil research at Quillon Capital",
              "A pause would acknowledge that the market cannot absorb more barrels while "
              "stocks are rising."),
            Q("Idris Farouk", "oil analyst at Pellmore Research",
              "The cohesion of the group is being tested by members who want market "
              "share."),
        ),
        bullets=(
            "A pause would tighten the second-quarter oil balance.",
            "Oil-linked currencies such as NOK and CAD firmed on the report.",
            "The Brent curve moved back into backwardation in the front months.",
        ),
        background=(
            "OPEC+ began unwinding voluntary cuts in 2025.",
        ),
        headlines=(
            "Exclusive: OPEC+ discusses pausing oil output hikes from May - delegates",
            "Oil jumps on report OPEC+ weighs output pause",
            "OPEC+ Said To Weigh May Pause In Output Hikes",
            "OPEC+ eyes a pause as inventories swell",
            "OPEC+ pause talk exposes rifts over market share",
        ),
        angles=(
            "Oil producers in the OPEC+ alliance are weighing whether to stop adding barrels "
            "to the market from May, a shift that would reverse months of steady supply "
            "increases.",
            "The OPEC+ group is considering freezing its schedule of output increases for May "
            "and beyond in response to swelling stockpiles.",
            "Talk of halting OPEC+ supply increases from May is exposing divisions between "
            "producers that want higher prices and those that want a bigger share of the "
            "market.",
        ),
        outlets=("meridian", "harbor", "kestrel", "baltic", "lantern"),
        update=U(
            outlet="meridian",
            after=150,
            headline="UPDATE 2-OPEC+ discusses pausing oil output hikes from May - delegates",
            paras=(
                "A fourth delegate said on Thursday afternoon that Saudi Arabia supported a "
                "pause but that some members still favoured a smaller increase.",
                "Brent later pared gains to trade at $68.05.",
            ),
            note="Adds fourth delegate, updates prices",
        ),
    ),
    E(
        id="us-crude-stocks",
        desk="energy",
        title="US crude inventories fall more than expected",
        at="14:35",
        dateline="NEW YORK",
        lead=(
            "US crude oil inventories fell by 4.1 million barrels last week, government data "
            "showed on Thursday, against analyst expectations of a 1.2 million barrel draw.",
            "Commercial US crude stocks dropped 4.1 million barrels, more than three times "
            "the decline analysts had forecast.",
        ),
        facts=(
            (
                "Gasoline stocks fell 2.3 million barrels and distillates fell 1.1 million "
                "barrels.",
                "Product inventories also declined, with gasoline down 2.3 million barrels.",
            ),
            (
                "Refinery utilisation rose to 88.6% of capacity.",
                "Refiners ran at 88.6% of capacity, up from 86.9%.",
            ),
            (
                "Stocks at the Cushing, Oklahoma, delivery hub fell to 22 million barrels.",
                "Cushing inventories dropped to 22 million barrels.",
            ),
        ),
        quotes=(
            Q("Brent Kowalczyk", "energy analyst at Redfern Atlas Investors",
              "A draw this size in March points to stronger refinery demand coming out of "
              "maintenance."),
        ),
        bullets=(
            "Lower Cushing stocks support the WTI front spread.",
            "Gasoline cracks widened ahead of the driving season.",
        ),
        background=(
            "The weekly data were delayed by a day this week.",
        ),
        headlines=(
            "US crude stocks fall 4.1 million barrels, more than expected",
            "Oil extends gains after bigger-than-expected US crude draw",
            "US Crude Draw 4.1M bbl vs 1.2M Expected",
        ),
        outlets=("meridian", "baltic", "kestrel"),
        syndicated=("granite",),
    ),
    E(
        id="norway-gas-outage",
        desk="energy",
        title="Unplanned outage at Norwegian gas plant lifts European prices",
        at="07:30",
        dateline="OSLO",
        lead=(
            "European gas prices jumped 6% on Thursday after an unplanned outage at the "
            "Solvik gas processing plant in Norway cut export flows.",
            "A compressor fault at Norway's Solvik processing plant reduced gas exports to "
            "Europe, sending Dutch TTF prices up 6%.",
        ),
        facts=(
            (
                "The Dutch front-month TTF contract rose to 41.80 euros per megawatt hour.",
                "TTF front-month gas traded at 41.80 euros per MWh.",
            ),
            (
                "The outage cut capacity by 28 million cubic metres per day and is expected "
                "to last until Saturday.",
                "About 28 million cubic metres a day of capacity is offline, with a restart "
                "expected on Saturday.",
            ),
        ),
        quotes=(
            Q("Ingrid Solheim", "spokesperson for Nordkapp Gas Transport",
              "Our teams are working to restore full capacity as quickly as safely "
              "possible."),
            Q("Mathis Vogel", "gas analyst at Corran & Vale",
              "With storage at 31%, the market has little cushion against supply hiccups."),
        ),
        bullets=(
            "European storage refill needs this summer are larger than last year.",
            "Higher gas prices lift power prices in Germany and the UK.",
        ),
        background=(
            "Norway is Europe's largest supplier of pipeline gas.",
        ),
        headlines=(
            "European gas prices jump 6% on Norway plant outage",
            "TTF Surges As Solvik Outage Cuts Norwegian Flows",
            "Norway outage jolts Europe's gas market",
        ),
        outlets=("meridian", "baltic", "kestrel"),
        update=U(
            outlet="baltic",
            after=180,
            headline="Solvik restart brought forward; TTF gains trimmed",
            paras=(
                "The operator said in an afternoon update that partial flows would resume "
                "late on Friday, earlier than first indicated.",
                "TTF pared its gains to trade 3.5% higher at 40.80 euros per MWh.",
            ),
            note="Updated with operator statement",
        ),
    ),
    E(
        id="french-refinery-strike",
        desk="energy",
        title="Strike halts shipments from two French refineries",
        at="08:15",
        dateline="PARIS",
        lead=(
            "Workers at two French refineries began a 48-hour strike on Thursday over pay, "
            "halting fuel shipments from both sites.",
            "A pay strike stopped product deliveries from two refineries in France on "
            "Thursday, a union official said.",
        ),
        facts=(
            (
                "The two plants have a combined capacity of about 400,000 barrels per day.",
                "Together the refineries can process roughly 400,000 bpd of crude.",
            ),
            (
                "European diesel margins rose by $2 a barrel.",
                "Diesel cracks in Northwest Europe widened by about $2.",
            ),
        ),
        quotes=(
            Q("Gilles Paradou", "union delegate at one of the refineries",
              "Management has ignored our demands for three months; we had no other "
              "option."),
        ),
        bullets=(
            "Strikes raise French fuel imports and support European diesel prices.",
            "A longer stoppage could tighten supplies ahead of spring planting.",
        ),
        background=(
            "French refinery strikes caused fuel shortages in 2022.",
        ),
        headlines=(
            "Strike halts fuel shipments from two French refineries",
            "French refinery strike lifts diesel margins",
        ),
        outlets=("meridian", "baltic"),
    ),
    E(
        id="australia-lng-strike",
        desk="energy",
        title="Workers at Australian LNG plant vote to strike",
        at="06:15",
        dateline="PERTH",
        lead=(
            "Workers at the Coral Reach liquefied natural gas plant in Western Australia "
            "voted on Thursday to take industrial action from next week.",
            "Staff at Australia's Coral Reach LNG facility backed strike action in a ballot, "
            "threatening cargoes to Asia.",
        ),
        facts=(
            (
                "The plant can produce about 9 million tonnes of LNG a year.",
                "Coral Reach has capacity of roughly 9 million tonnes per annum.",
            ),
            (
                "Asian spot LNG prices rose 4% to $13.10 per million British thermal units.",
                "The JKM benchmark climbed 4% to $13.10/mmBtu.",
            ),
        ),
        quotes=(
            Q("Darren Whitlock", "organiser at the Offshore Energy Workers' Union",
              "Our members are ready to escalate if the company keeps stalling."),
        ),
        bullets=(
            "Strike risk supports Asian LNG prices and European TTF by extension.",
            "Previous disputes in the sector were settled before cargoes were lost.",
        ),
        background=(
            "Australia is one of the world's largest LNG exporters.",
        ),
        headlines=(
            "Australian LNG workers vote to strike at Coral Reach plant",
            "Asian LNG jumps as Coral Reach strike vote passes",
        ),
        outlets=("meridian", "baltic"),
    ),
    E(
        id="chile-copper-mine",
        desk="commodities",
        title="Copper rallies after Chilean mine halts output",
        at="12:05",
        dateline="SANTIAGO",
        lead=(
            "Copper prices rose to a six-week high on Thursday after the Cerro Alba mine in "
            "northern Chile suspended operations following a landslide at its open pit.",
            "A landslide at Chile's Cerro Alba copper mine forced a halt to production, "
            "pushing London copper to its highest in six weeks.",
        ),
        facts=(
            (
                "Three-month copper on the London Metal Exchange rose 2.4% to $10,180 a "
                "tonne.",
                "LME three-month copper gained 2.4% to $10,180 per tonne.",
            ),
            (
                "The mine produced about 310,000 tonnes of copper last year.",
                "Cerro Alba accounts for roughly 310,000 tonnes of annual output.",
            ),
            (
                "No workers were injured, the operator said.",
                "The company said there were no injuries.",
            ),
        ),
        quotes=(
            Q("Camila Errazuriz", "chief executive of Minera Alba",
              "Safety comes first; we will restart only when the pit walls are secure."),
            Q("Owen Prescott", "metals strategist at Vantmoor Bank",
              "The market was already tight on concentrate, so losing this supply matters."),
        ),
        bullets=(
            "Supply disruption adds to a tight concentrate market.",
            "The Chilean peso rose 0.6% against the dollar on the copper rally.",
            "Mining shares in London gained.",
        ),
        background=(
            "Chile is the world's largest copper producer.",
        ),
        headlines=(
            "Copper hits six-week high as Chile's Cerro Alba halts output",
            "Landslide shuts Cerro Alba copper mine",
            "Copper jumps on Chilean supply shock",
            "Copper Rallies 2.4% On Cerro Alba Halt",
        ),
        angles=(
            "A landslide that halted production at the Cerro Alba mine sent copper to $10,180 "
            "a tonne on Thursday, its highest in six weeks.",
            "The copper market lost one of its larger sources of supply on Thursday when "
            "Chile's Cerro Alba mine stopped work after a slope failure.",
        ),
        outlets=("meridian", "baltic", "harbor", "kestrel"),
        syndicated=("granite",),
        update=U(
            outlet="harbor",
            after=210,
            headline="Copper hits six-week high as Chile's Cerro Alba halts output; restart "
            "weeks away",
            paras=(
                "Minera Alba said late on Thursday that geotechnical checks could take "
                "three to four weeks, longer than first thought.",
                "Copper extended gains to $10,240 a tonne in late trading.",
            ),
            note="Adds company estimate of restart time",
        ),
    ),
    E(
        id="gold-record",
        desk="commodities",
        title="Gold climbs to a record as real yields fall",
        at="15:40",
        dateline="LONDON",
        lead=(
            "Gold rose to a record high of $4,612 an ounce on Thursday as falling real "
            "yields and central bank buying supported demand.",
            "Spot gold hit an all-time peak at $4,612 per ounce, lifted by lower inflation-"
            "adjusted Treasury yields.",
        ),
        facts=(
            (
                "Silver rose 1.2% to $58.30 an ounce.",
                "Silver gained 1.2%, trading at $58.30.",
            ),
            (
                "Holdings in gold-backed exchange-traded funds rose for a ninth week.",
                "ETF holdings of bullion increased for the ninth week in a row.",
            ),
        ),
        quotes=(
            Q("Henrietta Vale", "precious metals analyst at Aldgate Pruett Asset Management",
              "Central bank demand has become a floor under the market."),
        ),
        bullets=(
            "Record gold prices reflect hedging demand against policy uncertainty.",
            "Gold miners outperformed the broader equity market.",
        ),
        background=(
            "Central banks have bought more than 1,000 tonnes of gold a year since 2022.",
        ),
        headlines=(
            "Gold hits record $4,612 as real yields fall",
            "Gold Sets Record High At $4,612/oz",
        ),
        outlets=("meridian", "kestrel"),
        syndicated=("harbor", "baltic"),
    ),
    E(
        id="argentina-wheat-tax",
        desk="commodities",
        title="Argentina cuts wheat and corn export taxes",
        at="16:20",
        dateline="BUENOS AIRES",
        lead=(
            "Argentina will cut export taxes on wheat and corn to 7% from 9.5%, the "
            "agriculture secretariat said on Thursday.",
            "Buenos Aires lowered export duties on wheat and corn, a move expected to "
            "increase grain shipments.",
        ),
        facts=(
            (
                "Chicago wheat futures fell 1.1% to $5.42 a bushel.",
                "CBOT wheat slipped 1.1% to $5.42 per bushel.",
            ),
        ),
        quotes=(
            Q("Martin Echeverry", "under-secretary for agricultural markets",
              "Lower duties will bring more grain to market and more dollars into the "
              "country."),
        ),
        bullets=(
            "Cheaper Argentine grain competes with Black Sea supplies.",
            "Farmer selling could add to central bank reserve purchases.",
        ),
        background=(
            "Argentina is one of the largest exporters of corn and wheat.",
        ),
        headlines=(
            "Argentina cuts wheat and corn export taxes to 7%",
            "Wheat slips as Argentina trims export duties",
        ),
        outlets=("meridian", "baltic"),
    ),
    E(
        id="cocoa-arrivals",
        desk="commodities",
        title="Cocoa falls as Ivory Coast arrivals rise",
        at="13:10",
        dateline="ABIDJAN",
        lead=(
            "Cocoa futures fell 3% on Thursday after exporters estimated that arrivals at "
            "Ivory Coast's ports rose sharply over the past week.",
            "New York cocoa slid 3% as Ivorian port arrivals picked up, easing supply "
            "worries.",
        ),
        facts=(
            (
                "Exporters estimated arrivals of 58,000 tonnes in the week to Sunday, up "
                "from 41,000 a year earlier.",
                "Weekly arrivals were put at 58,000 tonnes against 41,000 in the same week "
                "last year.",
            ),
        ),
        quotes=(
            Q("Kouassi Ange", "cocoa trader at Lagune Export House",
              "The mid-crop is starting well and beans are of good quality."),
        ),
        bullets=(
            "Better arrivals ease fears of a third consecutive supply deficit.",
            "Chocolate makers' margins could improve later in the year.",
        ),
        background=(
            "Ivory Coast produces about 40% of the world's cocoa.",
        ),
        headlines=(
            "Cocoa falls 3% as Ivory Coast arrivals rise",
        ),
        outlets=("baltic",),
    ),
    E(
        id="iron-ore-steel",
        desk="commodities",
        title="Iron ore slides on China steel output curbs",
        at="06:50",
        dateline="SINGAPORE",
        lead=(
            "Iron ore futures fell to a three-week low on Thursday after steel mills in "
            "northern China were told to cut output to curb pollution.",
            "Benchmark iron ore dropped as Chinese authorities ordered steel production cuts "
            "in Hebei province.",
        ),
        facts=(
            (
                "Iron ore on the Singapore Exchange fell 2.8% to $98.40 a tonne.",
                "SGX iron ore lost 2.8% to $98.40.",
            ),
            (
                "Dalian iron ore futures fell 3.1%.",
                "In Dalian, the most-traded contract was down 3.1%.",
            ),
        ),
        quotes=(
            Q("Liang Wei", "commodities analyst at Pellmore Research in Shanghai",
              "Output curbs hit demand for ore directly, and port stocks are already high."),
        ),
        bullets=(
            "Lower iron ore prices weigh on the Australian dollar and miners.",
            "Steel prices in China rose on expected lower supply.",
        ),
        background=(
            "China buys about 70% of seaborne iron ore.",
        ),
        headlines=(
            "Iron ore slides to three-week low on China steel curbs",
            "Iron ore drops as Hebei mills ordered to cut output",
        ),
        outlets=("meridian", "northgate"),
    ),
)
