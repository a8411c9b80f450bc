"""Fictional events for the FX and emerging-markets desks (every person is invented)."""

from __future__ import annotations

from spec import E, Q, U

EVENTS: tuple[E, ...] = (
    E(
        id="japan-fx-warning",
        desk="fx",
        title="Japan's currency chief warns against rapid yen moves",
        at="07:50",
        dateline="TOKYO",
        lead=(
            "Japan's top currency diplomat warned on Thursday that the government was "
            "watching exchange rates with a strong sense of urgency, after volatile trading "
            "in the yen.",
            "Tokyo stepped up its verbal warnings over the yen, with the finance ministry's "
            "vice minister for international affairs saying excessive moves were "
            "undesirable.",
        ),
        facts=(
            (
                "Vice finance minister Takumi Oshiro spoke to reporters at the ministry.",
                "The comments came from Takumi Oshiro, vice minister for international "
                "affairs, in a doorstep interview.",
            ),
            (
                "The yen swung in a two-yen range against the dollar over the previous two "
                "sessions.",
                "USD/JPY has traded between 146.50 and 148.60 since Tuesday.",
            ),
        ),
        quotes=(
            Q("Takumi Oshiro", "Japan's vice minister of finance for international affairs",
              "Sharp one-sided moves are not desirable, and we will respond appropriately "
              "if needed."),
            Q("Lucas Brenner", "FX strategist at Stonebridge Macro Partners",
              "This is the usual escalation ladder; actual intervention is unlikely while "
              "the yen is firming."),
        ),
        bullets=(
            "Verbal warnings cap USD/JPY rallies in the short run.",
            "Traders watch for the phrase 'all options on the table' as a signal of action.",
        ),
        background=(
            "Japan last intervened to support the yen in 2024.",
        ),
        headlines=(
            "Japan's currency diplomat warns against sharp yen moves",
            "Japan's Oshiro: Watching FX With Strong Sense Of Urgency",
            "Tokyo turns up volume on yen warnings",
        ),
        outlets=("meridian", "kestrel", "northgate"),
    ),
    E(
        id="pboc-fixing",
        desk="fx",
        title="PBOC sets yuan midpoint at strongest since November",
        at="06:20",
        dateline="SHANGHAI",
        lead=(
            "The People's Bank of China set the yuan's daily midpoint at 7.0815 per dollar "
            "on Thursday, the strongest since November and firmer than market estimates.",
            "China's central bank guided the yuan higher with a 7.0815 fixing, about 180 "
            "pips stronger than the average forecast in a survey of traders.",
        ),
        facts=(
            (
                "The onshore yuan opened at 7.1020 and the offshore yuan traded at 7.1065.",
                "Spot CNY opened at 7.1020 while CNH changed hands at 7.1065.",
            ),
            (
                "Traders said state-owned banks were selling dollars in the onshore market.",
                "Dealers reported dollar selling by major state banks around the open.",
            ),
        ),
        quotes=(
            Q("Wen Jiahui", "senior FX strategist at Vantmoor Bank in Hong Kong",
              "The fixing is a clear signal that the authorities want stability ahead of "
              "the trade talks."),
        ),
        bullets=(
            "A strong fix lowers the odds of yuan depreciation in the near term.",
            "Asian currencies such as KRW and TWD often follow the yuan's lead.",
            "USD/CNH implied volatility fell to a one-month low.",
        ),
        background=(
            "The yuan may trade 2% either side of the daily midpoint onshore.",
        ),
        headlines=(
            "China's yuan midpoint set at strongest since November",
            "PBOC Fix Stronger Than Expected At 7.0815",
            "Strong PBOC fixing lifts Asian currencies",
        ),
        outlets=("meridian", "kestrel", "northgate"),
        syndicated=("harbor",),
    ),
    E(
        id="snb-franc",
        desk="fx",
        title="SNB says it is ready to intervene as franc strengthens",
        at="10:45",
        dateline="ZURICH",
        lead=(
            "The Swiss National Bank is prepared to intervene in the currency market if the "
            "franc's strength threatens price stability, a member of its governing board "
            "said on Thursday.",
            "A Swiss National Bank board member said the central bank stood ready to sell "
            "francs after the currency rose to a record against the euro.",
        ),
        facts=(
            (
                "The franc touched 0.9180 per euro, a record high, before easing to 0.9230.",
                "EUR/CHF fell to an all-time low of 0.9180 and then recovered to 0.9230.",
            ),
            (
                "Swiss inflation was 0.1% in February.",
                "Consumer prices in Switzerland rose just 0.1% last month.",
            ),
        ),
        quotes=(
            Q("Beatrice Luthi", "member of the Swiss National Bank governing board",
              "We remain willing to be active in the foreign exchange market as necessary."),
            Q("Marco Zanetti", "currency strategist at Corran & Vale",
              "With rates at zero, intervention is the SNB's main remaining tool."),
        ),
        bullets=(
            "Intervention talk puts a floor under EUR/CHF in the near term.",
            "Markets see a small chance of negative Swiss rates returning.",
        ),
        background=(
            "The SNB cut its policy rate to zero in 2025.",
        ),
        headlines=(
            "SNB ready to intervene as franc hits record vs euro",
            "Franc pares gains as SNB signals intervention",
        ),
        outlets=("meridian", "northgate"),
    ),
    E(
        id="nzd-dairy",
        desk="fx",
        title="New Zealand dollar slides as dairy prices fall",
        at="13:40",
        dateline="WELLINGTON",
        lead=(
            "The New Zealand dollar fell to a three-week low on Thursday after prices at a "
            "global dairy auction dropped 3.8%.",
            "A 3.8% fall in global dairy prices knocked the kiwi to its lowest in three "
            "weeks.",
        ),
        facts=(
            (
                "NZD/USD dropped 0.6% to 0.5910.",
                "The kiwi was down 0.6% at $0.5910.",
            ),
            (
                "Whole milk powder prices fell 4.5%, the biggest decline this year.",
                "Whole milk powder, the most traded product, slid 4.5%.",
            ),
        ),
        quotes=(
            Q("Olivia Hartnell", "senior economist at Pellmore Research in Auckland",
              "Dairy is New Zealand's largest export, so the terms-of-trade hit feeds "
              "straight into the currency."),
        ),
        bullets=(
            "Weaker dairy prices cut farm incomes and export receipts.",
            "AUD/NZD rose to a two-month high.",
        ),
        background=(
            "Dairy accounts for about a quarter of New Zealand's goods exports.",
        ),
        headlines=(
            "Kiwi dollar slides as dairy auction prices drop 3.8%",
            "NZD Hits 3-Week Low After Dairy Auction Slump",
        ),
        outlets=("northgate", "kestrel"),
    ),
    E(
        id="krw-exporters",
        desk="fx",
        title="Korean won weakens past 1,450 per dollar",
        at="07:10",
        dateline="SEOUL",
        lead=(
            "South Korea's won weakened past 1,450 per dollar on Thursday for the first time "
            "in a month, as foreign investors sold local stocks.",
            "The won slipped beyond the 1,450 mark against the dollar amid heavy foreign "
            "selling of Korean equities.",
        ),
        facts=(
            (
                "Foreign investors sold a net 620 billion won of shares on the KOSPI.",
                "Offshore funds were net sellers of 620 billion won of KOSPI stocks.",
            ),
            (
                "Dealers suspected the authorities of smoothing operations near 1,455.",
                "Traders said state-run banks appeared to sell dollars around 1,455.",
            ),
        ),
        quotes=(
            Q("Park Jin-seo", "FX dealer at Vantmoor Bank in Seoul",
              "Exporters are holding back dollar sales, waiting for a better level."),
        ),
        bullets=(
            "A weaker won raises imported inflation for the Bank of Korea.",
            "USD/KRW one-month implied volatility rose to 9.1%.",
        ),
        background=(
            "The Bank of Korea meets next in April.",
        ),
        headlines=(
            "Korean won weakens past 1,450 as foreigners sell stocks",
            "USD/KRW Breaks 1,450; Smoothing Suspected Near 1,455",
        ),
        outlets=("northgate", "kestrel"),
    ),
    E(
        id="turkey-rate-cut",
        desk="em",
        title="Turkey's central bank cuts rates by 250 basis points",
        at="11:05",
        dateline="ANKARA",
        lead=(
            "Turkey's central bank cut its one-week repo rate by 250 basis points to 37% on "
            "Thursday, more than economists had expected, citing a steady fall in inflation.",
            "The Central Bank of the Republic of Turkiye lowered its benchmark rate to 37% "
            "from 39.5%, a bigger cut than the 150 basis points most analysts forecast.",
        ),
        facts=(
            (
                "Annual inflation fell to 31% in February.",
                "Consumer price inflation eased to 31% last month.",
            ),
            (
                "The lira weakened 0.5% to 38.40 per dollar.",
                "USD/TRY rose 0.5% to 38.40 after the decision.",
            ),
        ),
        quotes=(
            Q("Selin Aydemir", "EM economist at Quillon Capital",
              "The bank is front-loading easing while the disinflation story still looks "
              "credible, which is a risk if food prices turn."),
        ),
        bullets=(
            "A larger cut reduces the lira's carry appeal for foreign investors.",
            "Turkish bank stocks rose 3% after the decision.",
            "Local bond yields fell up to 60 basis points.",
        ),
        background=(
            "The bank began cutting rates in late 2024 after an aggressive tightening cycle.",
        ),
        headlines=(
            "Turkey cuts rates by 250 bps, more than expected",
            "CBRT Cuts 250bp To 37%, Above Consensus",
            "Lira dips after Turkey's jumbo rate cut",
            "Turkey bets on disinflation with deep rate cut",
        ),
        angles=(
            "Turkish policymakers surprised markets on Thursday with a 250 basis point "
            "reduction that took the one-week repo rate to 37%.",
            "Ankara's central bank accelerated its easing cycle, delivering a cut of 250 "
            "basis points to 37% as inflation slowed to 31%.",
        ),
        outlets=("meridian", "kestrel", "northgate", "lantern"),
        syndicated=("harbor",),
        update=U(
            outlet="meridian",
            after=120,
            headline="UPDATE 1-Turkey cuts rates by 250 bps; lira slips",
            paras=(
                "In its statement the bank said it would keep policy tight enough to bring "
                "inflation to 16% by the end of next year.",
                "Turkish 10-year lira bond yields dropped to 27.8%, their lowest since "
                "2023.",
            ),
            note="Adds statement details, bond market reaction",
        ),
    ),
    E(
        id="rbi-rupee",
        desk="em",
        title="Reserve Bank of India steps in to support the rupee",
        at="08:50",
        dateline="MUMBAI",
        sourcing="three traders",
        lead=(
            "The Reserve Bank of India sold dollars through state-run banks on Thursday to "
            "stop the rupee falling past 88.50 per dollar.",
            "India's central bank intervened in the currency market to defend the rupee "
            "near 88.50 per dollar.",
        ),
        facts=(
            (
                "The rupee recovered to 88.32 after touching 88.49 earlier in the session.",
                "USD/INR eased to 88.32 from a session high of 88.49.",
            ),
            (
                "Foreign portfolio investors have sold about $3 billion of Indian stocks this "
                "month.",
                "Foreign funds have pulled roughly $3 billion from Indian equities in March.",
            ),
        ),
        quotes=(
            Q("Anand Kulkarni", "treasury head at Kaveri Commercial Bank in Mumbai",
              "The RBI is making it clear that it does not want a disorderly move."),
        ),
        bullets=(
            "RBI intervention dampens rupee volatility but drains reserves.",
            "Forward premiums rose as banks swapped dollars.",
        ),
        background=(
            "India holds more than $650 billion in foreign exchange reserves.",
        ),
        headlines=(
            "India's central bank steps in to support rupee - traders",
            "RBI Seen Selling USD Near 88.50",
            "RBI defends rupee as foreign outflows mount",
        ),
        outlets=("meridian", "kestrel", "northgate"),
    ),
    E(
        id="brazil-fiscal",
        desk="em",
        title="Brazil unveils spending freeze to meet fiscal target",
        at="19:10",
        dateline="BRASILIA",
        lead=(
            "Brazil's government announced a 24 billion reais freeze in discretionary "
            "spending on Thursday to keep this year's primary budget target within reach.",
            "Brasilia will block 24 billion reais of spending to defend its zero primary "
            "deficit goal, the planning ministry said.",
        ),
        facts=(
            (
                "The real strengthened 0.8% to 5.62 per dollar.",
                "USD/BRL fell 0.8% to 5.62 on the announcement.",
            ),
            (
                "Planning ministry secretary Helena Damasceno said the freeze could be "
                "eased if revenue improves.",
                "The freeze may be partly reversed later if tax collection beats forecasts, "
                "secretary Helena Damasceno said.",
            ),
        ),
        quotes=(
            Q("Helena Damasceno", "executive secretary at Brazil's planning ministry",
              "We are showing that the fiscal framework has teeth."),
            Q("Rafael Montenegro", "Latin America strategist at Redfern Atlas Investors",
              "It is a credible first step, but investors will want to see it in the "
              "bimonthly reports."),
        ),
        bullets=(
            "The freeze supports the real and narrows Brazil's risk premium.",
            "Long-dated DI rates fell about 15 basis points.",
        ),
        background=(
            "Brazil's fiscal framework targets a zero primary balance with a tolerance band.",
        ),
        headlines=(
            "Brazil freezes 24 billion reais of spending to meet fiscal goal",
            "Real rallies as Brasilia tightens belt",
        ),
        outlets=("meridian", "lantern"),
    ),
    E(
        id="south-africa-budget",
        desk="em",
        title="South Africa's coalition agrees budget compromise",
        at="14:25",
        dateline="CAPE TOWN",
        lead=(
            "South Africa's governing coalition partners agreed a compromise on the budget "
            "on Thursday, dropping a proposed value-added tax increase in favour of spending "
            "cuts.",
            "Parties in South Africa's unity government settled their budget dispute by "
            "scrapping the planned VAT rise and trimming spending instead.",
        ),
        facts=(
            (
                "The rand gained 1.1% to 17.95 per dollar, its best level in two months.",
                "USD/ZAR dropped 1.1% to 17.95.",
            ),
            (
                "The finance committee will vote on the revised framework next week.",
                "Parliament's finance committee is due to vote on the new plan next week.",
            ),
        ),
        quotes=(
            Q("Thandiwe Mokoena", "finance spokesperson for the Unity Reform Party",
              "Nobody got everything they wanted, which is how a coalition should work."),
            Q("Johan Pretorius", "political risk analyst at Stonebridge Macro Partners",
              "The deal removes the immediate threat to the coalition, but the fiscal "
              "numbers now rely on harder spending restraint."),
        ),
        bullets=(
            "Reduced coalition risk supports the rand and local bonds.",
            "The 10-year government bond yield fell 12 basis points.",
            "Rating agencies will judge whether the spending cuts are credible.",
        ),
        background=(
            "The coalition has governed since the 2024 election.",
        ),
        headlines=(
            "South Africa coalition drops VAT hike in budget deal",
            "Rand rallies as coalition settles budget row",
            "South Africa Budget Deal Eases Coalition Risk",
        ),
        outlets=("meridian", "northgate", "lantern"),
        syndicated=("harbor",),
    ),
    E(
        id="argentina-peso-band",
        desk="em",
        title="Argentina widens peso trading band",
        at="20:30",
        dateline="BUENOS AIRES",
        lead=(
            "Argentina's central bank said on Thursday it would let the peso's trading band "
            "widen by 1.5% a month, up from 1%, to rebuild reserves.",
            "The Central Bank of Argentina loosened its grip on the peso by speeding up the "
            "monthly widening of its currency band to 1.5%.",
        ),
        facts=(
            (
                "The official peso rate weakened 0.9% to 1,240 per dollar.",
                "The peso lost 0.9% to 1,240 per dollar in official trading.",
            ),
        ),
        quotes=(
            Q("Lucia Benavides", "economist at Aldgate Pruett Asset Management",
              "It is the reserve accumulation the IMF has been asking for."),
        ),
        bullets=(
            "A faster band widening supports reserve accumulation.",
            "Argentine dollar bonds rose up to 1.5 cents.",
        ),
        background=(
            "Argentina moved to a managed band in 2025 under its IMF programme.",
        ),
        headlines=(
            "Argentina speeds up peso band widening to rebuild reserves",
            "Argentina loosens peso band; bonds gain",
        ),
        outlets=("meridian", "lantern"),
    ),
)
