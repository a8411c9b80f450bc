"""Fictional events for the equities and credit desks.

Every company, ratings agency and person here is invented.
"""

from __future__ import annotations

from spec import E, Q, U

EVENTS: tuple[E, ...] = (
    E(
        id="tessaro-profit-warning",
        desk="equities",
        title="Tessaro Motors shares sink after profit warning",
        at="06:30",
        dateline="MILAN",
        lead=(
            "Shares in Italian carmaker Tessaro Motors fell 14% on Thursday after it cut "
            "its full-year profit forecast, citing weak demand in China and US tariffs.",
            "Tessaro Motors slashed its 2026 operating margin guidance to 4-5% from 6-7%, "
            "sending its stock down 14% in Milan.",
        ),
        facts=(
            (
                "The company also suspended its share buyback programme.",
                "Tessaro halted its planned buyback of 1 billion euros of shares.",
            ),
            (
                "The STOXX Europe 600 autos index fell 2.6%.",
                "European auto stocks dropped 2.6% as a sector.",
            ),
        ),
        quotes=(
            Q("Lorenzo Baldini", "chief financial officer of Tessaro Motors",
              "We are taking decisive action on costs, but the market in China remains "
              "extremely competitive."),
            Q("Sabine Krauss", "autos analyst at Fenwick Harrow Securities",
              "The warning is bigger than feared, and the buyback suspension hurts."),
        ),
        bullets=(
            "Profit warnings from carmakers weigh on European cyclicals.",
            "Tessaro's bonds widened 25 basis points.",
            "Peers with large China exposure also fell.",
        ),
        background=(
            "Tessaro sells about a fifth of its cars in China.",
        ),
        headlines=(
            "Tessaro Motors shares sink 14% after profit warning",
            "Tessaro cuts outlook, suspends buyback; shares tumble",
            "Tessaro Motors Cuts FY Margin Guide To 4-5%",
        ),
        outlets=("meridian", "granite", "kestrel"),
        syndicated=("harbor",),
    ),
    E(
        id="brightwell-earnings",
        desk="equities",
        title="Brightwell Semiconductors beats forecasts and raises guidance",
        at="21:05",
        dateline="SAN FRANCISCO",
        lead=(
            "Brightwell Semiconductors reported quarterly revenue of $8.4 billion on "
            "Thursday, beating Wall Street estimates, and raised its outlook on demand for "
            "data centre chips.",
            "Chipmaker Brightwell lifted its full-year forecast after fourth-quarter sales "
            "rose 31% to $8.4 billion.",
        ),
        facts=(
            (
                "Shares rose 9% in extended trading.",
                "The stock jumped 9% after the bell.",
            ),
            (
                "Analysts had expected revenue of $7.9 billion.",
                "The consensus estimate was $7.9 billion.",
            ),
        ),
        quotes=(
            Q("Adaeze Nwankwo", "chief executive of Brightwell Semiconductors",
              "Customers are ordering further ahead than at any time in our history."),
            Q("Peter Lindqvist", "semiconductor analyst at Quillon Capital",
              "Guidance implies the AI build-out is nowhere near done."),
        ),
        bullets=(
            "Strong chip results support Asian technology stocks on Friday.",
            "Nasdaq futures rose 0.6% after hours.",
        ),
        background=(
            "Brightwell makes networking and memory chips for data centres.",
        ),
        headlines=(
            "Brightwell Semiconductors beats estimates, raises outlook",
            "Brightwell jumps after hours on blowout quarter",
        ),
        outlets=("meridian", "granite"),
    ),
    E(
        id="castellan-northmoor-deal",
        desk="equities",
        title="Castellan Telecom agrees to buy Northmoor Networks",
        at="06:45",
        dateline="LONDON",
        lead=(
            "Castellan Telecom agreed on Thursday to buy Northmoor Networks for 14.2 "
            "billion euros including debt, creating Europe's third-largest mobile operator.",
            "Northmoor Networks has accepted a 14.2 billion euro takeover offer from "
            "Castellan Telecom, the companies said.",
        ),
        facts=(
            (
                "The offer of 4.80 euros per share is a 32% premium to Northmoor's closing "
                "price on Wednesday.",
                "Castellan is paying 4.80 euros a share, 32% above the last close.",
            ),
            (
                "Northmoor shares rose 27%, while Castellan fell 4%.",
                "Northmoor stock jumped 27% and Castellan slipped 4%.",
            ),
            (
                "The deal requires approval from the European Commission.",
                "Competition clearance from Brussels is needed.",
            ),
        ),
        quotes=(
            Q("Isabel Fonteyn", "chief executive of Castellan Telecom",
              "Scale is what this industry needs to fund the next generation of networks."),
        ),
        bullets=(
            "European telecom consolidation is back on the agenda.",
            "Castellan will issue about 6 billion euros of new bonds to finance the deal.",
            "Regulators may demand spectrum disposals.",
        ),
        background=(
            "Brussels has blocked several telecom mergers over the past decade.",
        ),
        headlines=(
            "Castellan Telecom to buy Northmoor Networks for 14.2 billion euros",
            "Northmoor soars 27% on Castellan takeover",
            "Castellan-Northmoor deal tests Brussels on telecom mergers",
        ),
        outlets=("meridian", "granite", "harbor"),
    ),
    E(
        id="nikkei-banks",
        desk="equities",
        title="Japanese bank shares hit record after BOJ hike",
        at="06:55",
        dateline="TOKYO",
        lead=(
            "Japanese bank stocks climbed to a record on Thursday as investors bet that "
            "higher interest rates would widen lending margins, while exporters fell on "
            "the stronger yen.",
            "The Topix banks index rose 3.4% to an all-time high after the BOJ's rate "
            "increase, but the Nikkei average slipped 0.6%.",
        ),
        facts=(
            (
                "Exporters such as carmakers and electronics firms fell on the firmer yen.",
                "A stronger yen weighed on exporters.",
            ),
        ),
        quotes=(
            Q("Rina Kawabata", "equity strategist at Fenwick Harrow Securities",
              "Banks are the cleanest way to express a view on higher Japanese rates."),
        ),
        bullets=(
            "Rotation from exporters into financials continues.",
            "The Topix outperformed the Nikkei.",
        ),
        background=(
            "Japanese banks have rallied for two years as rates rose.",
        ),
        headlines=(
            "Japanese bank shares hit record after BOJ rate hike",
            "Tokyo banks rally, exporters slip as yen firms",
        ),
        outlets=("meridian", "granite"),
    ),
    E(
        id="europe-close",
        desk="equities",
        title="European shares close lower as autos slump",
        at="16:45",
        dateline="LONDON",
        lead=(
            "European shares closed lower on Thursday, dragged down by automakers after a "
            "profit warning from Tessaro Motors and a hot US inflation report.",
            "The STOXX 600 ended 0.7% lower, with autos the worst-performing sector after "
            "Tessaro's warning and firmer-than-expected US prices.",
        ),
        facts=(
            (
                "Germany's DAX fell 0.9% and London's FTSE 100 lost 0.4%.",
                "The DAX dropped 0.9%; the FTSE 100 slipped 0.4%.",
            ),
            (
                "Miners rose as copper rallied on Chilean supply worries.",
                "Mining stocks gained with copper.",
            ),
        ),
        quotes=(
            Q("Hugo Marchand", "head of European equity strategy at Corran & Vale",
              "The market is repricing the rate path, and that hurts expensive cyclicals "
              "most."),
        ),
        bullets=(
            "Rate-sensitive sectors underperformed after the US CPI data.",
            "Telecoms outperformed on merger news.",
        ),
        background=(
            "The STOXX 600 had risen 6% so far this year.",
        ),
        headlines=(
            "European shares close lower as autos slump",
            "Stocks slip in Europe; autos lead losses",
        ),
        outlets=("meridian", "granite"),
    ),
    E(
        id="corvane-downgrade",
        desk="credit",
        title="Corvane Energy cut to junk by ratings agency",
        at="18:30",
        dateline="NEW YORK",
        lead=(
            "Aldmoor Ratings cut oil producer Corvane Energy's credit rating to BB+ from "
            "BBB- on Thursday, stripping it of its investment-grade status.",
            "Corvane Energy has lost its investment-grade rating after Aldmoor Ratings "
            "downgraded it one notch to BB+, citing rising debt and lower oil prices.",
        ),
        facts=(
            (
                "About $11 billion of Corvane bonds will fall out of investment-grade "
                "indexes.",
                "Roughly $11 billion of the company's debt is set to drop out of high-grade "
                "indexes.",
            ),
            (
                "Corvane's 2034 bonds fell 3 points to 91 cents on the dollar.",
                "The 2034 notes dropped three points to 91.",
            ),
            (
                "The outlook on the rating is negative.",
                "Aldmoor kept a negative outlook.",
            ),
        ),
        quotes=(
            Q("Marcus Delacroix", "senior director at Aldmoor Ratings",
              "Leverage has risen well above the level consistent with an investment-grade "
              "rating."),
            Q("Fatima Rahimi", "credit strategist at Redfern Atlas Investors",
              "Forced selling by investment-grade funds could be sizeable; high-yield "
              "buyers will want a discount."),
        ),
        bullets=(
            "Fallen angels often underperform before index exit, then recover.",
            "Corvane's credit default swaps widened 60 basis points.",
            "Other leveraged oil producers could face reviews.",
        ),
        background=(
            "Corvane borrowed heavily to fund an acquisition in 2024.",
        ),
        headlines=(
            "Corvane Energy cut to junk by Aldmoor Ratings",
            "Corvane Loses IG Rating; Bonds Drop 3 Points",
            "Corvane becomes a fallen angel as debt mounts",
        ),
        outlets=("meridian", "kestrel", "granite"),
        syndicated=("baltic",),
        update=U(
            outlet="granite",
            after=90,
            headline="Corvane becomes a fallen angel as debt mounts; company vows asset "
            "sales",
            paras=(
                "Corvane said in a statement that it would sell non-core assets worth up to "
                "$3 billion to reduce debt.",
                "The bonds recovered a point after the statement.",
            ),
            note="Adds company statement",
        ),
    ),
    E(
        id="pinecrest-bond",
        desk="credit",
        title="Pinecrest Retail prices high-yield bond in busy week",
        at="14:05",
        dateline="LONDON",
        lead=(
            "Pinecrest Retail Group priced a 750 million euro high-yield bond on Thursday, "
            "capping the busiest week for European junk issuance this year.",
            "Retailer Pinecrest sold 750 million euros of five-year notes at 6.25%, as "
            "European high-yield supply hit a year-to-date record.",
        ),
        facts=(
            (
                "Orders peaked at more than 2.6 billion euros.",
                "The book topped 2.6 billion euros.",
            ),
            (
                "European high-yield issuance reached 9.8 billion euros this week.",
                "Junk bond sales in Europe totalled 9.8 billion euros over the week.",
            ),
        ),
        quotes=(
            Q("Eleanor Whitcombe", "head of leveraged finance at Vantmoor Bank",
              "Investors have cash to put to work, and issuers are taking advantage "
              "before any volatility."),
        ),
        bullets=(
            "Strong demand keeps high-yield spreads near their tights.",
            "Heavy supply could pressure secondary prices.",
        ),
        background=(
            "Pinecrest operates about 900 stores in six countries.",
        ),
        headlines=(
            "Pinecrest Retail prices 750 million euro junk bond",
            "Pinecrest Prices EUR750m 5NC2 At 6.25%",
        ),
        outlets=("granite", "kestrel"),
    ),
    E(
        id="jadeport-coupon",
        desk="credit",
        title="Chinese developer Jadeport misses bond coupon",
        at="08:35",
        dateline="HONG KONG",
        lead=(
            "Chinese property developer Jadeport Holdings failed to pay a $42 million coupon "
            "on its dollar bonds due on Wednesday, bondholders said on Thursday.",
            "Jadeport Holdings missed an interest payment on offshore bonds, according to "
            "two bondholders, raising the risk of default.",
        ),
        facts=(
            (
                "The company has a 30-day grace period.",
                "A 30-day grace period applies before a default is declared.",
            ),
            (
                "Jadeport's 2027 bonds fell to 18 cents on the dollar.",
                "The notes due 2027 slid to 18 cents.",
            ),
        ),
        quotes=(
            Q("Chen Haoran", "Asia credit analyst at Pellmore Research",
              "The market has already priced a restructuring; the question is the recovery "
              "value."),
        ),
        bullets=(
            "Asian high-yield property spreads widened.",
            "Investors watch for contagion to other private developers.",
        ),
        background=(
            "Dozens of Chinese developers have defaulted since 2021.",
        ),
        headlines=(
            "China's Jadeport misses $42 million bond coupon - bondholders",
            "Jadeport Misses USD Coupon; 30-Day Grace Period",
        ),
        outlets=("meridian", "kestrel"),
    ),
    E(
        id="italy-btp-spread",
        desk="rates",
        title="Italian bond spread widens on budget revision",
        at="13:20",
        dateline="ROME",
        lead=(
            "The gap between Italian and German 10-year borrowing costs widened to its "
            "highest in two months on Thursday after Rome raised its deficit forecast.",
            "Italy's BTP-Bund spread rose to 118 basis points as the Treasury lifted this "
            "year's deficit estimate to 3.3% of GDP.",
        ),
        facts=(
            (
                "The 10-year BTP yield rose 9 basis points to 3.89%.",
                "Ten-year Italian yields climbed 9 basis points to 3.89%.",
            ),
        ),
        quotes=(
            Q("Giulia Ferrante", "rates strategist at Aldgate Pruett Asset Management",
              "The revision is modest, but it comes as supply is heavy across the euro "
              "area."),
        ),
        bullets=(
            "Wider BTP spreads weigh on Italian bank stocks.",
            "Attention turns to the ratings review due in April.",
        ),
        background=(
            "Italy's debt is about 137% of GDP.",
        ),
        headlines=(
            "Italian bond spread widens after deficit forecast raised",
            "BTP-Bund Spread Widens To 118bp",
        ),
        outlets=("meridian", "kestrel"),
    ),
    E(
        id="bank-at1-call",
        desk="credit",
        title="Halden Bank skips call on AT1 bond",
        at="10:35",
        dateline="FRANKFURT",
        lead=(
            "Halden Bank said on Thursday it would not redeem a 1 billion euro additional "
            "tier 1 bond at its first call date next month, a rare move in the market for "
            "bank capital.",
            "German lender Halden Bank decided against calling its 1 billion euro AT1 note "
            "in April, leaving investors holding the perpetual bond for longer.",
        ),
        facts=(
            (
                "The bond fell 4 points to 93.5 cents on the euro.",
                "The AT1 dropped four points to 93.5.",
            ),
            (
                "Refinancing the note would have cost the bank more than the reset coupon.",
                "The bank said replacing the bond would have been uneconomic.",
            ),
        ),
        quotes=(
            Q("Tobias Reinhold", "chief financial officer of Halden Bank",
              "Our decision is purely economic and our capital position remains strong."),
            Q("Amelia Crowther", "bank credit analyst at Stonebridge Macro Partners",
              "Skipping a call is allowed, but the market punishes it, and peers will "
              "think twice."),
        ),
        bullets=(
            "Skipped calls raise extension risk across the AT1 market.",
            "European AT1 indexes fell about half a point.",
        ),
        background=(
            "AT1 bonds are perpetual; investors usually expect redemption at the first call.",
        ),
        headlines=(
            "Halden Bank skips call on 1 billion euro AT1 bond",
            "Halden AT1 Drops 4 Points On Skipped Call",
            "Halden's AT1 decision rattles bank capital market",
        ),
        outlets=("meridian", "kestrel", "granite"),
        syndicated=("harbor",),
    ),
)
