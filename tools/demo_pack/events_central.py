"""Fictional events for the central-banks and rates desks (every person is invented)."""

from __future__ import annotations

from spec import E, Q, U

EVENTS: tuple[E, ...] = (
    E(
        id="boj-hike",
        desk="central-banks",
        title="Bank of Japan raises its policy rate to 0.75%",
        at="06:05",
        dateline="TOKYO",
        lead=(
            "The Bank of Japan raised its short-term policy rate by 25 basis points to 0.75% "
            "on Thursday, its first move since the autumn, and said further increases would "
            "depend on spring wage talks.",
            "Japan's central bank lifted borrowing costs to 0.75% from 0.5%, ending a "
            "five-month pause and tying the next step to the outcome of this year's wage "
            "negotiations.",
        ),
        facts=(
            (
                "The decision was taken by a 7-2 vote, with two board members arguing that "
                "the bank should wait for more evidence on consumer spending.",
                "Two of the nine board members dissented, preferring to hold rates until "
                "household consumption data firm up.",
            ),
            (
                "The yen strengthened 0.7% to 146.80 per dollar within minutes of the "
                "announcement.",
                "USD/JPY dropped from 147.85 to 146.80 after the statement hit screens.",
            ),
            (
                "The bank kept its plan to slow purchases of Japanese government bonds "
                "unchanged.",
                "There was no change to the schedule for tapering JGB buying.",
            ),
        ),
        quotes=(
            Q("Haruto Minase", "member of the Bank of Japan policy board",
              "Real interest rates remain deeply negative, so even after today's step "
              "financial conditions stay accommodative."),
            Q("Emiko Sayle", "chief Japan economist at Fenwick Harrow Securities",
              "The board has signalled a gradual path rather than a series of quick "
              "moves, and the market should not price another hike before July."),
        ),
        bullets=(
            "Swap markets now price about a 40% chance of a further hike by July.",
            "A firmer yen eases pressure on import prices and on the finance ministry to "
            "intervene.",
            "Japanese bank shares tend to gain on higher rates as lending margins widen.",
        ),
        background=(
            "The bank ended eight years of negative interest rates in 2024 and has since "
            "raised rates in small steps.",
        ),
        headlines=(
            "Bank of Japan raises rates to 0.75%, eyes wage talks",
            "BOJ Hikes To 0.75% In 7-2 Vote; Yen Firms",
            "Yen jumps as BOJ lifts policy rate to 0.75%",
            "Bank of Japan ends pause with quarter-point hike",
            "BOJ hike tests Tokyo's fragile consumer recovery",
        ),
        angles=(
            "Tokyo policymakers delivered a quarter-point rate rise on Thursday, taking the "
            "Bank of Japan's benchmark to 0.75% and leaving the door open to more if wages "
            "keep climbing.",
            "Borrowing costs in Japan are going up again: the Bank of Japan moved its policy "
            "rate to 0.75%, a step that most economists had pencilled in only for April.",
            "The Bank of Japan's decision to lift its key rate to 0.75% puts the spotlight on "
            "whether Japanese households can absorb higher loan costs as prices keep rising.",
        ),
        outlets=("meridian", "kestrel", "northgate", "harbor", "lantern"),
        update=U(
            outlet="meridian",
            after=95,
            headline="UPDATE 1-Bank of Japan raises rates to 0.75%, yen firms",
            paras=(
                "At a news conference after the meeting, board member Haruto Minase said "
                "the bank saw no need to move at consecutive meetings.",
                "The 10-year JGB yield rose 4 basis points to 1.62%, its highest since "
                "2008, as investors priced a higher path for policy rates.",
            ),
            note="Adds board member comments, bond market reaction",
        ),
    ),
    E(
        id="ecb-pause-sources",
        desk="central-banks",
        title="ECB policymakers lean towards an April pause",
        at="09:40",
        dateline="FRANKFURT",
        sourcing="four policymakers familiar with the discussions",
        lead=(
            "European Central Bank policymakers are increasingly inclined to leave interest "
            "rates unchanged in April after a run of firmer-than-expected services inflation.",
            "A growing number of ECB rate-setters see a case for holding the deposit rate at "
            "2.0% next month, as services prices prove stickier than forecast.",
        ),
        facts=(
            (
                "The policymakers said a cut remained possible in June if wage growth slows "
                "as projected.",
                "A June reduction is still on the table should pay growth cool in line with "
                "staff projections.",
            ),
            (
                "The euro rose 0.3% to $1.0945 after the report.",
                "EUR/USD climbed to 1.0945 from 1.0910 on the headlines.",
            ),
            (
                "An ECB spokesperson declined to comment.",
                "The ECB did not respond to a request for comment.",
            ),
        ),
        quotes=(
            Q("Pieter Vandaele", "senior rates strategist at Corran & Vale",
              "If April is off the table, the two-year Schatz has further to sell off, "
              "because the curve still prices almost a full cut by May."),
            Q("Magda Ostrowska", "euro area economist at Stonebridge Macro Partners",
              "Services inflation at 3.4% is simply too high for a committee that wants "
              "to declare victory."),
        ),
        bullets=(
            "Money markets trimmed bets on an April cut to about 30% from 55%.",
            "Two-year German yields rose 6 basis points, flattening the curve.",
            "A stronger euro would tighten financial conditions further.",
        ),
        background=(
            "The ECB has cut its deposit rate eight times since mid-2024.",
        ),
        headlines=(
            "Exclusive: ECB policymakers lean towards April pause - sources",
            "ECB Sources: Policymakers See Case For April Hold",
            "Euro firms as ECB officials reportedly eye April pause",
        ),
        outlets=("meridian", "kestrel", "northgate"),
        syndicated=("harbor",),
    ),
    E(
        id="fed-official-inflation",
        desk="central-banks",
        title="Federal Reserve official says inflation progress has stalled",
        at="15:10",
        dateline="WASHINGTON",
        lead=(
            "Progress on bringing US inflation back to 2% has stalled, a senior Federal "
            "Reserve official said on Thursday, arguing that the central bank can keep rates "
            "on hold for longer.",
            "A senior Fed policymaker warned that disinflation has lost momentum and said "
            "there is no urgency to lower borrowing costs.",
        ),
        facts=(
            (
                "Calvin Reddick, a member of the Federal Reserve Board of Governors, said "
                "tariff effects had pushed goods prices higher.",
                "Governor Calvin Reddick pointed to higher goods prices linked to import "
                "tariffs.",
            ),
            (
                "Treasury yields edged up after the remarks, with the two-year yield at "
                "3.98%.",
                "Short-dated Treasuries weakened; the two-year note yielded 3.98%.",
            ),
        ),
        quotes=(
            Q("Calvin Reddick", "Federal Reserve governor",
              "We are not where we need to be, and I would rather be patient than have to "
              "reverse course."),
            Q("Nadia Ferreira", "US economist at Quillon Capital",
              "This is one of the more hawkish voices on the board, but the message matches "
              "what we heard after the last meeting."),
        ),
        bullets=(
            "Fed funds futures price fewer than two cuts this year.",
            "The dollar index rose 0.2% after the comments.",
            "Hawkish Fed rhetoric weighs on rate-sensitive equities.",
        ),
        background=(
            "The Fed next meets on March 17-18.",
        ),
        headlines=(
            "Fed's Reddick says inflation progress has stalled",
            "Fed Governor Reddick: No Urgency To Cut, Disinflation Stalled",
            "Fed official signals patience as price gains persist",
        ),
        outlets=("meridian", "kestrel", "harbor"),
        syndicated=("granite",),
    ),
    E(
        id="boe-speech-services",
        desk="central-banks",
        title="Bank of England deputy governor warns on services inflation",
        at="11:30",
        dateline="LONDON",
        lead=(
            "A Bank of England deputy governor said on Thursday that services inflation was "
            "falling more slowly than the bank had expected, casting doubt on a cut in May.",
            "Services price growth in Britain is easing too slowly for comfort, a Bank of "
            "England deputy governor said, dampening bets on a May rate cut.",
        ),
        facts=(
            (
                "Rosalind Achterberg, deputy governor for monetary policy, spoke at an event "
                "in Leeds.",
                "The remarks came in a speech by deputy governor Rosalind Achterberg in "
                "Leeds.",
            ),
            (
                "Sterling rose 0.2% against the dollar to $1.2890.",
                "The pound edged up to $1.2890 after the speech.",
            ),
        ),
        quotes=(
            Q("Rosalind Achterberg", "deputy governor of the Bank of England",
              "We need to see services inflation on a clear downward path before we can "
              "move again."),
            Q("Tom Ashgrove", "UK economist at Pellmore Research",
              "May is now a coin toss, and the data between now and then will decide it."),
        ),
        bullets=(
            "Markets pushed back pricing of the next UK cut towards June.",
            "Short-dated gilt yields rose about 4 basis points.",
        ),
        background=(
            "UK services inflation stood at 4.6% in January.",
        ),
        headlines=(
            "BoE's Achterberg says services inflation easing too slowly",
            "BOE's Achterberg: Services Inflation Needs Clear Downward Path",
        ),
        outlets=("meridian", "kestrel"),
    ),
    E(
        id="rba-minutes",
        desk="central-banks",
        title="RBA board considered a rate increase, minutes show",
        at="06:40",
        dateline="SYDNEY",
        lead=(
            "The Reserve Bank of Australia's board discussed raising interest rates at its "
            "last meeting before deciding to hold at 3.85%, minutes released on Thursday "
            "showed.",
            "Australia's central bank weighed a rate hike last month before keeping the cash "
            "rate at 3.85%, according to the record of the meeting.",
        ),
        facts=(
            (
                "Board members said a tight labour market could keep inflation above the "
                "2-3% target band.",
                "The minutes cited a tight jobs market as a risk to getting inflation back "
                "into the 2-3% band.",
            ),
            (
                "The Australian dollar rose 0.4% to $0.6690.",
                "AUD/USD gained to 0.6690 after the release.",
            ),
        ),
        quotes=(
            Q("Grace Tulloch", "chief economist at Vantmoor Bank",
              "The bar to a hike is lower than the market thought a week ago."),
        ),
        bullets=(
            "Traders add to bets on an RBA hike by August.",
            "Three-year Australian government bond yields rose 7 basis points.",
        ),
        background=(
            "The RBA last changed rates in 2025.",
        ),
        headlines=(
            "Australia's central bank weighed rate hike, minutes show",
            "Aussie climbs as RBA minutes reveal hike debate",
        ),
        outlets=("meridian", "northgate"),
    ),
    E(
        id="ust-10y-auction",
        desk="rates",
        title="US 10-year note auction tails as demand softens",
        at="17:05",
        dateline="NEW YORK",
        lead=(
            "The US Treasury's $39 billion sale of 10-year notes drew weaker-than-expected "
            "demand on Thursday, pushing yields to the day's highs.",
            "A $39 billion reopening of 10-year Treasuries tailed by 1.8 basis points, "
            "signalling soft appetite for duration.",
        ),
        facts=(
            (
                "The notes sold at a high yield of 4.412%, above the 4.394% quoted in "
                "when-issued trading before the deadline.",
                "The auction stopped at 4.412% versus a when-issued level of 4.394%.",
            ),
            (
                "Indirect bidders, a proxy for foreign demand, took 64.1% of the sale, the "
                "lowest share since October.",
                "Foreign-linked indirect demand fell to 64.1%, a five-month low.",
            ),
            (
                "The bid-to-cover ratio was 2.41, against an average of 2.55 over the past "
                "six auctions.",
                "Bid-to-cover slipped to 2.41 from a six-auction average of 2.55.",
            ),
        ),
        quotes=(
            Q("Derek Lomax", "head of US rates strategy at Redfern Atlas Investors",
              "That is a poor result, and it comes just as supply is set to rise in the "
              "second quarter."),
            Q("Yvonne Castellanos", "fixed income portfolio manager at Aldgate Pruett Asset "
              "Management",
              "Buyers want more concession before they take on ten-year risk."),
        ),
        bullets=(
            "A weak auction raises the term premium and steepens the curve.",
            "The 2s10s spread widened to 43 basis points.",
            "Attention turns to Friday's 30-year bond sale.",
        ),
        background=(
            "The Treasury has kept coupon auction sizes unchanged for several quarters.",
        ),
        headlines=(
            "US 10-year note auction tails, yields climb",
            "US Treasury 10-Year Auction Tails 1.8bp; Indirects Weakest Since Oct",
            "Soft 10-year sale pushes Treasury yields to session highs",
        ),
        outlets=("meridian", "kestrel", "harbor"),
        syndicated=("granite",),
    ),
    E(
        id="jgb-yield-high",
        desk="rates",
        title="Japan's 10-year yield hits highest since 2008",
        at="08:20",
        dateline="TOKYO",
        lead=(
            "Japan's benchmark 10-year government bond yield rose to its highest since 2008 "
            "on Thursday as investors positioned for further Bank of Japan tightening.",
            "The yield on 10-year JGBs climbed to 1.62%, a level last seen in 2008, after "
            "the central bank's rate increase.",
        ),
        facts=(
            (
                "The 30-year yield rose 6 basis points to 2.95%.",
                "Super-long yields led the move, with the 30-year up 6 basis points at "
                "2.95%.",
            ),
            (
                "Japanese life insurers have been reluctant to add duration ahead of the "
                "fiscal year-end in March.",
                "Life insurers, the traditional buyers of long JGBs, have stayed on the "
                "sidelines before the March book close.",
            ),
        ),
        quotes=(
            Q("Kenji Arakawa", "senior bond strategist at Fenwick Harrow Securities",
              "The market is testing how far the BOJ is willing to let yields run."),
        ),
        bullets=(
            "Higher JGB yields can draw Japanese money home from foreign bond markets.",
            "The Ministry of Finance may face pressure to trim super-long issuance.",
        ),
        background=(
            "The BOJ has been reducing its bond purchases since mid-2024.",
        ),
        headlines=(
            "Japan 10-year yield hits highest since 2008 after BOJ hike",
            "JGB 10Y Yield Hits 1.62%, Highest Since 2008",
        ),
        outlets=("meridian", "kestrel"),
    ),
    E(
        id="german-issuance",
        desk="rates",
        title="Germany raises second-quarter bond issuance plan",
        at="10:15",
        dateline="FRANKFURT",
        lead=(
            "Germany will sell 12 billion euros more debt than planned in the second quarter, "
            "its debt agency said on Thursday, to finance higher defence and infrastructure "
            "spending.",
            "The German Finance Agency lifted its second-quarter borrowing plan by 12 "
            "billion euros to cover extra spending on defence and infrastructure.",
        ),
        facts=(
            (
                "Most of the extra supply will come in 10- and 30-year Bunds.",
                "The agency said the additional issuance would be concentrated at the long "
                "end.",
            ),
            (
                "The 10-year Bund yield rose 5 basis points to 2.71%.",
                "Ten-year Bunds weakened, lifting the yield to 2.71%.",
            ),
        ),
        quotes=(
            Q("Annika Sorensen", "rates strategist at Corran & Vale",
              "Long-end supply is exactly what the Bund curve did not need this week."),
        ),
        bullets=(
            "The 10s30s Bund curve steepened to its widest in three years.",
            "Swap spreads tightened further as Bund supply rises.",
        ),
        background=(
            "Germany loosened its constitutional debt brake for defence spending in 2025.",
        ),
        headlines=(
            "Germany lifts Q2 bond issuance by 12 billion euros",
            "Bund Yields Rise As Germany Boosts Q2 Issuance By EUR12bn",
            "Berlin to borrow more as defence bill rises",
        ),
        outlets=("meridian", "kestrel", "harbor"),
    ),
    E(
        id="gilt-syndication",
        desk="rates",
        title="UK 30-year gilt syndication draws record orders",
        at="12:20",
        dateline="LONDON",
        lead=(
            "Britain's sale of 5 billion pounds of a new 30-year gilt via a bank syndicate "
            "drew a record order book of more than 118 billion pounds on Thursday.",
            "Investors placed orders worth over 118 billion pounds for a 5 billion pound "
            "30-year gilt syndication, the largest book on record.",
        ),
        facts=(
            (
                "The gilt was priced at a spread of 1.5 basis points over the existing 2055 "
                "gilt.",
                "Pricing was set 1.5 basis points above the 2055 line.",
            ),
            (
                "Pension funds and overseas real money accounts made up most of the book.",
                "Demand was led by pension schemes and foreign asset managers.",
            ),
        ),
        quotes=(
            Q("Harriet Blundell", "head of sovereign syndicate at Vantmoor Bank",
              "Yields above 5% continue to pull in liability-driven buyers."),
        ),
        bullets=(
            "Strong demand eases concerns over UK long-end funding.",
            "The 30-year gilt yield fell 3 basis points after the sale.",
        ),
        background=(
            "The UK Debt Management Office plans several syndications this fiscal year.",
        ),
        headlines=(
            "UK 30-year gilt sale draws record 118 billion pound book",
            "Gilt syndication book tops 118 billion pounds",
        ),
        outlets=("meridian", "harbor"),
    ),
)
