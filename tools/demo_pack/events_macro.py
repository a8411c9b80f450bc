"""Fictional events for the macro and political-risk desks (every person is invented)."""

from __future__ import annotations

from spec import E, Q, U

EVENTS: tuple[E, ...] = (
    E(
        id="uk-gdp-january",
        desk="macro",
        title="UK economy contracts 0.1% in January",
        at="07:00",
        dateline="LONDON",
        lead=(
            "Britain's economy shrank by 0.1% in January, official figures showed on "
            "Thursday, confounding forecasts of modest growth.",
            "UK gross domestic product fell 0.1% month on month in January, against "
            "economists' expectations of a 0.1% rise.",
        ),
        facts=(
            (
                "Manufacturing output fell 0.9%, while services were flat.",
                "A 0.9% drop in factory output offset flat activity in services.",
            ),
            (
                "Sterling slipped 0.3% to $1.2830 after the data.",
                "GBP/USD fell to 1.2830 from 1.2870.",
            ),
            (
                "Over the three months to January the economy grew 0.1%.",
                "In the three months to January output rose 0.1%.",
            ),
        ),
        quotes=(
            Q("Fiona Garside", "senior UK economist at Fenwick Harrow Securities",
              "The economy is flatlining, which strengthens the case for the Bank of "
              "England to keep cutting."),
            Q("Rupert Okafor", "chief economist at Pellmore Research",
              "One weak month is not a recession, but the trend is soft."),
        ),
        bullets=(
            "Weak growth raises pressure on the Treasury ahead of the spring statement.",
            "Gilt yields fell on bets of faster Bank of England easing.",
            "FTSE 250 domestic stocks underperformed.",
        ),
        background=(
            "The economy grew 0.4% in the fourth quarter.",
        ),
        headlines=(
            "UK economy unexpectedly shrinks 0.1% in January",
            "UK Jan GDP -0.1% m/m vs +0.1% Expected",
            "Sterling dips as UK GDP contracts",
            "Britain's stalling economy piles pressure on the Treasury",
        ),
        angles=(
            "Sterling fell on Thursday after data showed the British economy contracted by "
            "0.1% in January, dragged down by factories.",
            "A surprise 0.1% contraction in January has left Britain's economy barely "
            "growing, adding to pressure on the government ahead of the spring statement.",
        ),
        outlets=("meridian", "kestrel", "northgate", "harbor"),
    ),
    E(
        id="us-cpi-february",
        desk="macro",
        title="US consumer prices rise more than expected in February",
        at="12:30",
        dateline="WASHINGTON",
        lead=(
            "US consumer prices rose 0.4% in February, more than forecast, as shelter and "
            "car insurance costs climbed, Labor Department data showed on Thursday.",
            "The US consumer price index increased 0.4% last month, above the 0.3% "
            "economists expected.",
        ),
        facts=(
            (
                "Core CPI, which excludes food and energy, rose 0.4%, lifting the annual "
                "rate to 3.2%.",
                "Excluding food and energy, prices rose 0.4% on the month and 3.2% on the "
                "year.",
            ),
            (
                "The dollar index rose 0.4% and two-year Treasury yields jumped 9 basis "
                "points to 3.97%.",
                "Two-year yields climbed 9 basis points to 3.97% while the dollar gained.",
            ),
            (
                "Headline annual inflation was 3.0%.",
                "On a 12-month basis headline CPI rose 3.0%.",
            ),
        ),
        quotes=(
            Q("Nadia Ferreira", "US economist at Quillon Capital",
              "This is the third hot core print in a row; the Fed will not cut in March or "
              "April on this."),
            Q("Victor Amsel", "chief investment officer at Aldgate Pruett Asset Management",
              "Markets had been too eager to price cuts, and this report corrects that."),
        ),
        bullets=(
            "Fed funds futures now price the first cut in September.",
            "A firmer dollar weighs on gold and emerging-market currencies.",
            "US stock futures fell about 0.8% after the release.",
        ),
        background=(
            "The Fed's target is 2% inflation on the PCE measure.",
        ),
        headlines=(
            "US consumer prices rise 0.4% in February, beating forecasts",
            "US Feb CPI +0.4% m/m, Core +0.4%, Both Above Consensus",
            "Hot US inflation print sends dollar, yields higher",
            "Dollar jumps as US CPI tops forecasts",
            "Sticky US inflation pushes back rate-cut hopes",
        ),
        angles=(
            "Inflation in the United States ran hotter than forecast in February, with the "
            "consumer price index up 0.4% as housing and insurance costs kept climbing.",
            "A 0.4% jump in US consumer prices last month sent the dollar and Treasury yields "
            "sharply higher on Thursday as traders scaled back bets on Fed easing.",
            "American consumers paid more for rent, car insurance and used vehicles in "
            "February, pushing the monthly CPI gain to 0.4% and complicating the Fed's path "
            "to lower rates.",
        ),
        outlets=("meridian", "kestrel", "harbor", "northgate", "granite"),
        update=U(
            outlet="meridian",
            after=60,
            headline="UPDATE 1-US consumer prices rise 0.4% in February; core inflation "
            "firm",
            paras=(
                "Shelter costs rose 0.5%, accounting for more than half of the monthly "
                "increase, the report showed.",
                "Used car prices rose 1.1%, the largest gain since last summer.",
            ),
            note="Adds details on shelter and used cars",
        ),
    ),
    E(
        id="us-jobless-claims",
        desk="macro",
        title="US weekly jobless claims edge up",
        at="12:35",
        dateline="WASHINGTON",
        lead=(
            "The number of Americans filing new claims for unemployment benefits rose by "
            "6,000 to 231,000 last week, the Labor Department said on Thursday.",
            "Initial US jobless claims edged up to 231,000 in the week ended March 7.",
        ),
        facts=(
            (
                "Continuing claims fell to 1.87 million.",
                "The number of people still receiving benefits dropped to 1.87 million.",
            ),
        ),
        quotes=(
            Q("Carla Jennings", "labour economist at Stonebridge Macro Partners",
              "Layoffs remain low; the labour market is cooling through slower hiring "
              "rather than job cuts."),
        ),
        bullets=(
            "Claims remain low by historical standards.",
            "The data were overshadowed by the inflation report released at the same time.",
        ),
        background=(
            "Economists had forecast 228,000 claims.",
        ),
        headlines=(
            "US weekly jobless claims rise to 231,000",
            "US Initial Claims 231K vs 228K Expected",
        ),
        outlets=("meridian", "kestrel"),
        syndicated=("harbor",),
    ),
    E(
        id="china-credit",
        desk="macro",
        title="China's new yuan loans beat forecasts in February",
        at="09:15",
        dateline="BEIJING",
        lead=(
            "Chinese banks extended 1.2 trillion yuan in new loans in February, more than "
            "analysts had expected, central bank data showed on Thursday.",
            "New yuan lending in China reached 1.2 trillion yuan last month, beating "
            "forecasts of 980 billion yuan.",
        ),
        facts=(
            (
                "Total social financing, a broad measure of credit, rose 2.3 trillion yuan.",
                "Aggregate financing came in at 2.3 trillion yuan.",
            ),
            (
                "Outstanding M2 money supply grew 7.1% from a year earlier.",
                "Broad M2 money supply rose 7.1% year on year.",
            ),
        ),
        quotes=(
            Q("Zhou Mingyu", "China economist at Vantmoor Bank",
              "Government bond issuance is doing the heavy lifting; household demand for "
              "loans is still weak."),
        ),
        bullets=(
            "Firmer credit data support Chinese equities and the yuan.",
            "Weak household borrowing keeps pressure on the PBOC to ease.",
        ),
        background=(
            "Beijing has set a growth target of around 5% for this year.",
        ),
        headlines=(
            "China's February new loans beat forecasts at 1.2 trillion yuan",
            "China Feb New Loans CNY1.2trn vs CNY980bn Expected",
        ),
        outlets=("meridian", "kestrel"),
        syndicated=("northgate",),
    ),
    E(
        id="german-industrial-output",
        desk="macro",
        title="German industrial production rebounds in January",
        at="07:05",
        dateline="BERLIN",
        lead=(
            "German industrial output rose 1.2% in January, rebounding from a December "
            "slump, data from the statistics office showed on Thursday.",
            "Industrial production in Germany jumped 1.2% month on month in January.",
        ),
        facts=(
            (
                "Energy-intensive industries increased output by 2.1%.",
                "Output in energy-intensive sectors rose 2.1%.",
            ),
            (
                "Economists had forecast a rise of 0.6%.",
                "The figure was double the 0.6% consensus.",
            ),
        ),
        quotes=(
            Q("Katrin Holzer", "economist at Corran & Vale",
              "One swallow does not make a summer, but the worst of the industrial "
              "recession may be behind us."),
        ),
        bullets=(
            "Better German data support the euro and European cyclicals.",
            "Orders data next week will show if the rebound can last.",
        ),
        background=(
            "German output fell 2.4% in December.",
        ),
        headlines=(
            "German industrial output rebounds 1.2% in January",
            "German Jan Industrial Output +1.2% m/m vs +0.6% Expected",
        ),
        outlets=("meridian", "kestrel"),
    ),
    E(
        id="france-no-confidence",
        desk="political-risk",
        title="French government survives no-confidence vote",
        at="17:40",
        dateline="PARIS",
        lead=(
            "France's minority government survived a no-confidence vote in the National "
            "Assembly on Thursday, clearing the way for its spending bill to pass.",
            "A motion of no confidence against the French government fell short by 19 "
            "votes, allowing the administration to push through its spending plans.",
        ),
        facts=(
            (
                "The motion received 270 votes, short of the 289 needed.",
                "Only 270 lawmakers backed the motion; 289 were required to topple the "
                "government.",
            ),
            (
                "The spread between French and German 10-year yields narrowed 4 basis "
                "points to 74 basis points.",
                "The OAT-Bund spread tightened to 74 basis points.",
            ),
        ),
        quotes=(
            Q("Claire Desmarais", "a lawmaker from the Renouveau Centre group",
              "Tonight the country chose stability over chaos."),
            Q("Antoine Lefebvre", "head of European political risk at Stonebridge Macro "
              "Partners",
              "The government lives to fight another day, but every budget will be a "
              "cliffhanger."),
        ),
        bullets=(
            "The vote removes near-term risk of early elections.",
            "French bank shares gained after the result.",
            "Rating agencies are watching the deficit path closely.",
        ),
        background=(
            "France's deficit was about 5.4% of GDP last year.",
        ),
        headlines=(
            "French government survives no-confidence vote",
            "France's Government Survives No-Confidence Motion; OAT Spread Tightens",
            "Paris dodges collapse as censure motion fails",
        ),
        outlets=("meridian", "kestrel", "lantern"),
        syndicated=("harbor",),
    ),
    E(
        id="us-steel-probe",
        desk="political-risk",
        title="US opens trade probe into imported industrial machinery",
        at="16:05",
        dateline="WASHINGTON",
        sourcing="two officials familiar with the matter",
        lead=(
            "The US Commerce Department will open a national security investigation into "
            "imports of industrial machinery, a step that could lead to new tariffs.",
            "Washington is preparing a national security review of machinery imports that "
            "could end in tariffs on European and Asian suppliers.",
        ),
        facts=(
            (
                "The probe would cover machine tools, robots and heavy equipment, the "
                "officials said.",
                "Machine tools, industrial robots and heavy equipment would be in scope.",
            ),
            (
                "Shares in German and Japanese machinery makers fell after the report.",
                "European and Japanese capital goods stocks dropped on the news.",
            ),
        ),
        quotes=(
            Q("Gordon Haskell", "deputy assistant secretary at the Office of Industrial Resilience",
              "We will follow the facts wherever they lead."),
            Q("Miriam Okonjo", "trade policy analyst at Marlowe Strategic Advisory",
              "Machinery is a much bigger target than steel for Germany and Japan."),
        ),
        bullets=(
            "New tariffs would hit Germany, Japan and South Korea hardest.",
            "The euro and yen could come under pressure if the probe widens.",
            "Similar reviews have taken up to 270 days.",
        ),
        background=(
            "Section 232 investigations allow tariffs on national security grounds.",
        ),
        headlines=(
            "US to launch security probe into machinery imports - sources",
            "Machinery makers slide on US tariff probe report",
            "US Said To Plan Sec 232 Probe On Industrial Machinery",
            "Machinery probe widens the front in US trade policy",
        ),
        angles=(
            "Imports of industrial machinery into the United States are set to face a "
            "national security review that could end in new tariffs.",
            "The US administration is readying a Section 232 investigation into imported "
            "industrial machinery, opening a new front in its trade policy.",
        ),
        outlets=("meridian", "harbor", "kestrel", "lantern"),
        update=U(
            outlet="meridian",
            after=100,
            headline="UPDATE 1-US launches security probe into machinery imports",
            paras=(
                "The Commerce Department confirmed the investigation in a notice on "
                "Thursday evening and invited public comment for 21 days.",
                "The European Commission said it would defend its industry's interests.",
            ),
            note="Adds confirmation from the Commerce Department, EU reaction",
        ),
    ),
    E(
        id="dutch-coalition",
        desk="political-risk",
        title="Dutch coalition talks collapse",
        at="19:45",
        dateline="THE HAGUE",
        lead=(
            "Talks to form a new Dutch government collapsed on Thursday after the parties "
            "failed to agree on pension reform and housing policy.",
            "Negotiations on a Dutch coalition broke down over pensions and housing, "
            "raising the prospect of a minority government.",
        ),
        facts=(
            (
                "The talks had lasted 11 weeks.",
                "Parties had negotiated for 11 weeks before walking away.",
            ),
        ),
        quotes=(
            Q("Marieke Dijkstra", "the official mediator of the talks",
              "We came close, but trust between the parties has run out."),
        ),
        bullets=(
            "Market impact is limited: Dutch spreads to Germany are tight.",
            "Pension reform delays could affect long-dated euro swap demand.",
        ),
        background=(
            "Dutch pension funds are among the largest users of long-dated euro swaps.",
        ),
        headlines=(
            "Dutch coalition talks collapse over pensions and housing",
            "Dutch talks fail; pension reform timeline in doubt",
        ),
        outlets=("meridian", "lantern"),
    ),
    E(
        id="japan-supplementary-budget",
        desk="political-risk",
        title="Japan's ruling coalition agrees on supplementary budget",
        at="10:05",
        dateline="TOKYO",
        sourcing="people familiar with the negotiations",
        lead=(
            "Japan's ruling coalition agreed to compile a 9 trillion yen supplementary "
            "budget to ease the burden of rising prices on households.",
            "Coalition parties in Tokyo settled on a 9 trillion yen extra budget focused on "
            "energy subsidies and cash payments.",
        ),
        facts=(
            (
                "About a third of the package would be financed with new bond issuance.",
                "New JGB sales would fund roughly a third of the spending.",
            ),
        ),
        quotes=(
            Q("Yoshiro Tanabe", "policy chief of the Kizuna Party",
              "Households need help now, not in the next fiscal year."),
        ),
        bullets=(
            "Extra bond issuance adds to pressure on super-long JGB yields.",
            "Fiscal stimulus could add to inflation and support further BOJ hikes.",
        ),
        background=(
            "Japan's public debt exceeds 230% of GDP.",
        ),
        headlines=(
            "Japan's coalition agrees 9 trillion yen extra budget - sources",
            "Japan Coalition Agrees JPY9trn Extra Budget - Sources",
            "Tokyo's extra budget deepens fiscal worries",
        ),
        outlets=("meridian", "kestrel", "lantern"),
    ),
    E(
        id="eu-india-trade",
        desk="political-risk",
        title="EU and India close key chapter of trade talks",
        at="15:25",
        dateline="BRUSSELS",
        sourcing="three diplomats",
        lead=(
            "The European Union and India have agreed the tariff chapter of a long-delayed "
            "free trade agreement, clearing the biggest hurdle to a deal this year.",
            "Negotiators from Brussels and New Delhi settled tariff schedules for goods, "
            "the most contentious part of their trade talks.",
        ),
        facts=(
            (
                "India would phase out duties on most European machinery over ten years.",
                "Tariffs on European machinery would fall to zero over a decade.",
            ),
            (
                "Agriculture and dairy remain excluded, the diplomats said.",
                "Dairy and most farm goods stay outside the agreement.",
            ),
        ),
        quotes=(
            Q("Henrik Aalto", "a senior EU trade negotiator",
              "We are closer than at any time in the last fifteen years."),
        ),
        bullets=(
            "A deal would diversify EU supply chains away from China.",
            "Indian textile and pharmaceutical exporters stand to benefit.",
        ),
        background=(
            "EU-India trade talks were relaunched in 2022.",
        ),
        headlines=(
            "EU, India agree tariff chapter of trade deal - diplomats",
            "EU-India trade breakthrough on tariffs, sources say",
        ),
        outlets=("meridian", "lantern"),
    ),
)
