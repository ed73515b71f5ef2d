using Hilmo.Statistics.Dimensions;

namespace Hilmo.Statistics.Indicators;

/// <summary>
/// The indicators the register computes from what it holds today: AvoHILMO visits, access to
/// care, vaccination coverage, health checks and injuries, Terveys-Hilmo care periods, Sosiaalihilmo clients. The README lists them.
/// </summary>
public static class IndicatorCatalogue
{
    private static readonly LocalizedText PerThousand = new("/ 1 000 asukasta", "/ 1 000 invånare", "per 1,000 inhabitants");
    private static readonly LocalizedText Percent = new("%", "%", "%");
    private static readonly LocalizedText AvoHilmo = new("THL, Hilmo – AvoHILMO", "THL, Hilmo – AvoHILMO", "THL, Hilmo – AvoHILMO");
    private static readonly LocalizedText TerveysHilmo = new("THL, Hilmo – Terveys-Hilmo", "THL, Hilmo – Terveys-Hilmo", "THL, Hilmo – Terveys-Hilmo");
    private static readonly LocalizedText Sosiaalihilmo = new("THL, Hilmo – Sosiaalihilmo", "THL, Hilmo – Sosiaalihilmo", "THL, Hilmo – Sosiaalihilmo");

    private static readonly LocalizedText PerPopulation = new(
        "Väestö on alueen väestö 31.12. (Tilastokeskus). Kotikunta on asiakkaan ilmoitettu kotikunta; tuntemattoman kotikunnan tapahtumat ovat vain koko maan luvussa.",
        "Befolkningen är områdets befolkning 31.12 (Statistikcentralen). Hemkommunen är klientens anmälda hemkommun; händelser med okänd hemkommun ingår bara i hela landets tal.",
        "The population is the area's population on 31 December (Statistics Finland). The municipality is the client's reported home municipality; events whose municipality is unknown count only in the whole country's figure.");

    private static readonly IndicatorFilter InPerson = new("contact_type", "in_person");
    private static readonly IndicatorFilter PrimaryCare = new("care", "primary");

    /// <summary>The age groups of children and adolescents, 0–17, whose population the rates of children divide by.</summary>
    private static readonly IndicatorFilter ChildAges = new("age_group", "0-6", "7-12", "13-17");

    private static readonly LocalizedText PerThousandChildren = new("/ 1 000 0–17-vuotiasta", "/ 1 000 invånare i åldern 0–17 år", "per 1,000 inhabitants aged 0–17");

    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        Rate(5001, "primary_doctor_visits",
            new("Perusterveydenhuollon avohoidon lääkärikäynnit / 1 000 asukasta", "Läkarbesök inom öppenvården i primärvården / 1 000 invånare", "Primary outpatient care doctor visits per 1,000 inhabitants"),
            new("Lääkärin (TK2001 2221) toteutuneet vastaanottokäynnit perusterveydenhuollon avohoidossa (ei suun terveydenhuolto) tuhatta asukasta kohti.",
                "Genomförda mottagningsbesök hos läkare (TK2001 2221) inom öppenvården i primärvården (ej munhälsovård) per tusen invånare.",
                "Completed in-person visits to a physician (TK2001 2221) in primary outpatient care (oral care excluded) per thousand inhabitants."),
            new IndicatorCount("visits", "visits", new IndicatorFilter("profession", "physician"), InPerson, PrimaryCare), new PopulationDenominator(), AvoHilmo),
        Rate(5002, "primary_nurse_visits",
            new("Perusterveydenhuollon avohoidon hoitajakäynnit / 1 000 asukasta", "Sjukskötarbesök inom öppenvården i primärvården / 1 000 invånare", "Primary outpatient care nurse visits per 1,000 inhabitants"),
            new("Sairaanhoitajan, terveydenhoitajan tai kätilön (TK2001 323) toteutuneet vastaanottokäynnit perusterveydenhuollon avohoidossa (ei suun terveydenhuolto) tuhatta asukasta kohti.",
                "Genomförda mottagningsbesök hos sjukskötare, hälsovårdare eller barnmorska (TK2001 323) inom öppenvården i primärvården (ej munhälsovård) per tusen invånare.",
                "Completed in-person visits to a nurse, public health nurse or midwife (TK2001 323) in primary outpatient care (oral care excluded) per thousand inhabitants."),
            new IndicatorCount("visits", "visits", new IndicatorFilter("profession", "nurse"), InPerson, PrimaryCare), new PopulationDenominator(), AvoHilmo),
        Rate(5003, "oral_care_visits",
            new("Suun terveydenhuollon käynnit / 1 000 asukasta", "Besök inom munhälsovården / 1 000 invånare", "Oral-care visits per 1,000 inhabitants"),
            new("Suun terveydenhuollon (palvelumuoto T60 tai hammaslääkäri tai suuhygienisti) toteutuneet vastaanottokäynnit tuhatta asukasta kohti.",
                "Genomförda mottagningsbesök inom munhälsovården (serviceform T60 eller tandläkare eller munhygienist) per tusen invånare.",
                "Completed in-person oral-care visits (service form T60, or a dentist or dental hygienist) per thousand inhabitants."),
            new IndicatorCount("visits", "visits", new IndicatorFilter("care", "oral"), InPerson), new PopulationDenominator(), AvoHilmo),
        Rate(5004, "urgent_visits",
            new("Kiireelliset perusterveydenhuollon avohoidon käynnit / 1 000 asukasta", "Brådskande besök inom öppenvården i primärvården / 1 000 invånare", "Urgent primary outpatient care visits per 1,000 inhabitants"),
            new("Toteutuneet käynnit, joiden kiireellisyys on K (kiireellinen), tuhatta asukasta kohti; kaikki yhteystavat.",
                "Genomförda besök med brådskandegrad K (brådskande) per tusen invånare; alla kontaktsätt.",
                "Completed visits of urgency K (urgent) per thousand inhabitants; every contact type."),
            new IndicatorCount("visits", "visits", new IndicatorFilter("urgency", "K")), new PopulationDenominator(), AvoHilmo),
        Rate(5005, "primary_care_clients",
            new("Perusterveydenhuollon avohoidon asiakkaat / 1 000 asukasta", "Klienter inom öppenvården i primärvården / 1 000 invånare", "Primary outpatient care clients per 1,000 inhabitants"),
            new("Vuoden aikana toteutuneen käynnin tehneet eri asiakkaat tuhatta asukasta kohti. Asiakkaat lasketaan palveluntuottajittain: sama henkilö kahdella tuottajalla on kaksi asiakasta.",
                "Olika klienter med ett genomfört besök under året per tusen invånare. Klienter räknas per tjänsteproducent: samma person hos två producenter är två klienter.",
                "Distinct clients with a completed visit in the year per thousand inhabitants. Clients are counted within each provider: one person at two providers is two clients."),
            new IndicatorCount("visits", "clients"), new PopulationDenominator(), AvoHilmo),
        Share(5006, "remote_contacts_share",
            new("Etäasioinnin osuus perusterveydenhuollon avohoidon asiakaskontakteista, %", "Andel distanskontakter av klientkontakterna inom öppenvården i primärvården, %", "Remote contacts as a share of primary outpatient care client contacts, %"),
            new("Etäasiointi (yhteystapa R50–R56) prosentteina käynneistä ja etäasioinneista yhteensä (yhteystavat R10–R56).",
                "Distanskontakter (kontaktsätt R50–R56) i procent av besök och distanskontakter sammanlagt (kontaktsätt R10–R56).",
                "Remote contacts (contact type R50–R56) as a percentage of visits in person and remote contacts together (contact types R10–R56)."),
            new IndicatorCount("visits", "visits", new IndicatorFilter("contact_type", "remote")),
            new IndicatorCount("visits", "visits", new IndicatorFilter("contact_type", "in_person", "remote")), AvoHilmo),
        Share(5007, "within_care_guarantee_share",
            new("Hoitotakuun ajassa toteutuneet kiireettömät käynnit, %", "Icke-brådskande besök inom vårdgarantin, %", "Non-urgent visits within the care guarantee, %"),
            new("Kiireettömät käynnit, joita edelsi hoidon tarpeen arviointi ja jotka toteutuivat käyntipäivänä voimassa olleen lakisääteisen enimmäisajan kuluessa, prosentteina kaikista tällaisista käynneistä (raja iän ja hoitomuodon mukaan, ks. legal-limits.csv).",
                "Icke-brådskande besök som föregicks av en bedömning av vårdbehovet och som genomfördes inom den lagstadgade tid som gällde på besöksdagen, i procent av alla sådana besök.",
                "Non-urgent visits preceded by a care-need assessment that came within the legal limit in force on the visit's date (by age and care), as a percentage of all such visits."),
            new IndicatorCount("access-to-care", "visits_within_limit"), new IndicatorCount("access-to-care", "visits"), AvoHilmo),
        Share(5008, "oral_within_care_guarantee_share",
            new("Suun terveydenhuollon hoitotakuun ajassa toteutuneet kiireettömät käynnit, %", "Icke-brådskande besök inom munhälsovårdens vårdgaranti, %", "Non-urgent oral-care visits within the care guarantee, %"),
            new("Kuten edellä, suun terveydenhuollon käynneistä.", "Som ovan, av besök inom munhälsovården.", "As above, of oral-care visits."),
            new IndicatorCount("access-to-care", "visits_within_limit", new IndicatorFilter("care", "oral")),
            new IndicatorCount("access-to-care", "visits", new IndicatorFilter("care", "oral")), AvoHilmo),
        Share(5009, "waited_over_14_days_share",
            new("Yli 14 vuorokautta hoidon tarpeen arvioinnista toteutuneet kiireettömät käynnit, %", "Icke-brådskande besök över 14 dygn efter bedömningen av vårdbehovet, %", "Non-urgent visits more than 14 days after the care-need assessment, %"),
            new("Kiireettömät käynnit, joiden odotusaika hoidon tarpeen arvioinnista käyntiin oli yli 14 kalenteripäivää, prosentteina kaikista arvioinnin jälkeisistä kiireettömistä käynneistä.",
                "Icke-brådskande besök med en väntetid på över 14 kalenderdagar från bedömningen till besöket, i procent av alla icke-brådskande besök efter en bedömning.",
                "Non-urgent visits whose wait from the care-need assessment to the visit was over 14 calendar days, as a percentage of every non-urgent visit after an assessment."),
            new IndicatorCount("access-to-care", "visits", new IndicatorFilter("waiting_time", "15-28", "29-90", "91-")),
            new IndicatorCount("access-to-care", "visits"), AvoHilmo),
        Rate(5010, "discharges",
            new("Terveydenhuollon hoitojaksot (poistot) / 1 000 asukasta", "Vårdperioder inom hälso- och sjukvården (utskrivningar) / 1 000 invånare", "Health-care periods (discharges) per 1,000 inhabitants"),
            new("Vuoden aikana päättyneet Terveys-Hilmon hoitojaksot (erikoissairaanhoito, päiväkirurgia, terveyskeskusten vuodeosastot) tuhatta asukasta kohti.",
                "Terveys-Hilmo-vårdperioder som avslutades under året (specialiserad sjukvård, dagkirurgi, hälsocentralernas bäddavdelningar) per tusen invånare.",
                "Terveys-Hilmo care periods ended in the year (specialised care, day surgery, health-centre wards) per thousand inhabitants."),
            new IndicatorCount("care-periods", "discharges"), new PopulationDenominator(), TerveysHilmo),
        Rate(5011, "care_days",
            new("Terveydenhuollon hoitopäivät / 1 000 asukasta", "Vårddagar inom hälso- och sjukvården / 1 000 invånare", "Health-care days per 1,000 inhabitants"),
            new("Vuoden aikana päättyneiden Terveys-Hilmon hoitojaksojen hoitopäivät tuhatta asukasta kohti.",
                "Vårddagarna i Terveys-Hilmo-vårdperioder som avslutades under året per tusen invånare.",
                "Care days of the Terveys-Hilmo periods ended in the year per thousand inhabitants."),
            new IndicatorCount("care-periods", "care_days"), new PopulationDenominator(), TerveysHilmo),
        Share(5012, "day_surgery_share",
            new("Päiväkirurgian osuus kiireettömistä toimenpidejaksoista, %", "Andel dagkirurgi av icke-brådskande perioder med åtgärd, %", "Day surgery as a share of non-urgent periods with a procedure, %"),
            new("Kiireettömänä alkaneet (kiireellisyys 4 tai E) toimenpidejaksot, jotka päättyivät tulopäivänä, prosentteina kaikista vuoden aikana päättyneistä kiireettömistä toimenpidejaksoista.",
                "Icke-brådskande perioder med åtgärd (brådskandegrad 4 eller E) som slutade på inskrivningsdagen, i procent av alla icke-brådskande perioder med åtgärd som avslutades under året.",
                "Non-urgent periods with a procedure (urgency 4 or E) discharged on the day of arrival, as a percentage of every non-urgent period with a procedure ended in the year."),
            new IndicatorCount("care-periods", "day_surgery"), new IndicatorCount("care-periods", "surgical_periods"), TerveysHilmo),
        Rate(5013, "round_the_clock_care_clients_75",
            new("Ympärivuorokautisen sosiaalihuollon asiakkaat 31.12., 75 vuotta täyttäneet / 1 000 vastaavanikäistä", "Klienter inom socialvård med heldygnsomsorg 31.12, 75 år fyllda / 1 000 invånare i samma ålder", "Round-the-clock social-care clients on 31 December, aged 75 or over, per 1,000 inhabitants of that age"),
            new("Laitoshoidon ja ympärivuorokautisen palveluasumisen 75 vuotta täyttäneet asiakkaat vuoden lopussa (Sosiaalihilmo) tuhatta 75 vuotta täyttänyttä asukasta kohti. Asiakkaat lasketaan palveluntuottajittain.",
                "Klienter som fyllt 75 år inom institutionsvård och serviceboende med heldygnsomsorg vid årets slut (Sosiaalihilmo) per tusen invånare som fyllt 75 år. Klienter räknas per tjänsteproducent.",
                "Clients aged 75 or over in institutional care and 24-hour service housing at year end (Sosiaalihilmo) per thousand inhabitants aged 75 or over. Clients are counted within each provider."),
            new IndicatorCount("social-care-clients", "clients", new IndicatorFilter("age_group", "75-")), new PopulationDenominator(MinAge: 75), Sosiaalihilmo),
        Rate(5014, "primary_care_visits",
            new("Perusterveydenhuollon avohoidon käynnit / 1 000 asukasta", "Besök inom öppenvården i primärvården / 1 000 invånare", "Primary outpatient care visits per 1,000 inhabitants"),
            new("Kaikkien ammattiryhmien toteutuneet vastaanottokäynnit perusterveydenhuollon avohoidossa (ei suun terveydenhuolto) tuhatta asukasta kohti.",
                "Genomförda mottagningsbesök hos alla yrkesgrupper inom öppenvården i primärvården (ej munhälsovård) per tusen invånare.",
                "Completed in-person visits to every profession in primary outpatient care (oral care excluded) per thousand inhabitants."),
            new IndicatorCount("visits", "visits", InPerson, PrimaryCare), new PopulationDenominator(), AvoHilmo),
        Rate(5015, "health_care_period_clients",
            new("Terveydenhuollon hoitojaksojen asiakkaat / 1 000 asukasta", "Klienter med vårdperioder inom hälso- och sjukvården / 1 000 invånare", "Health-care period clients per 1,000 inhabitants"),
            new("Eri asiakkaat, joiden Terveys-Hilmon hoitojakso päättyi vuoden aikana, tuhatta asukasta kohti. Asiakkaat lasketaan palveluntuottajittain.",
                "Olika klienter vars Terveys-Hilmo-vårdperiod avslutades under året per tusen invånare. Klienter räknas per tjänsteproducent.",
                "Distinct clients whose Terveys-Hilmo care period ended in the year per thousand inhabitants. Clients are counted within each provider."),
            new IndicatorCount("care-periods", "clients"), new PopulationDenominator(), TerveysHilmo),
        new(5016, "mean_length_of_stay",
            new("Terveydenhuollon hoitojaksojen keskimääräinen hoitoaika, vrk", "Medelvårdtid för vårdperioder inom hälso- och sjukvården, dygn", "Mean length of stay of health-care periods, days"),
            new("Vuoden aikana päättyneiden Terveys-Hilmon hoitojaksojen hoitopäivät jaettuna niiden määrällä; samana päivänä alkava ja päättyvä jakso on yksi hoitopäivä.",
                "Vårddagarna i Terveys-Hilmo-vårdperioder som avslutades under året delat med deras antal; en period som börjar och slutar samma dag är en vårddag.",
                "Care days of the Terveys-Hilmo periods ended in the year divided by their number; a period that begins and ends on the same day is one care day."),
            new IndicatorCount("care-periods", "care_days"), new CountDenominator(new IndicatorCount("care-periods", "discharges"), Scale: 1),
            new("vrk", "dygn", "days"), 1, TerveysHilmo, new(
                "Pitkä keskimääräinen hoitoaika voi kertoa hoidon raskaudesta tai jatkohoitopaikkojen puutteesta. Lukua ei ole vakioitu iän mukaan.",
                "En lång medelvårdtid kan bero på vårdens tyngd eller brist på platser för fortsatt vård. Talet är inte åldersstandardiserat.",
                "A long mean stay may reflect heavier care or a lack of places for further care. The figure is not age-standardised.")),
        Coverage(5017, "mmr_coverage",
            new("MPR-rokotuskattavuus 2-vuotiailla, %", "MPR-vaccinationstäckning bland 2-åringar, %", "MMR vaccination coverage at age 2, %"),
            new("Lapset, jotka saivat tuhkarokkorokotteen (MPR, ATC J07BD) ensimmäisen annoksen ennen 2 vuoden ikää, prosentteina alueen 2-vuotiaista 31.12.: vuoden 2025 arvo koskee vuonna 2023 syntyneitä.",
                "Barn som fick den första dosen mässlingsvaccin (MPR, ATC J07BD) före 2 års ålder, i procent av områdets 2-åringar den 31 december: värdet för 2025 gäller barn födda 2023.",
                "Children given the first dose of a measles vaccine (MMR, ATC J07BD) before age 2, as a percentage of the area's 2-year-olds on 31 December: the 2025 value is of the children born in 2023."),
            "J07BD", "1"),
        Coverage(5018, "infant_series_coverage",
            new("Perussarjan (DTaP-IPV-Hib-HepB) kolmen annoksen rokotuskattavuus 2-vuotiailla, %", "Vaccinationstäckning för grundseriens (DTaP-IPV-Hib-HepB) tre doser bland 2-åringar, %", "Coverage of the 3-dose infant series (DTaP-IPV-Hib-HepB) at age 2, %"),
            new("Lapset, jotka saivat yhdistelmärokotteen (ATC J07CA, esim. DTaP-IPV-Hib-HepB) kolmannen annoksen ennen 2 vuoden ikää, prosentteina alueen 2-vuotiaista 31.12.: vuoden 2025 arvo koskee vuonna 2023 syntyneitä.",
                "Barn som fick den tredje dosen kombinationsvaccin (ATC J07CA, t.ex. DTaP-IPV-Hib-HepB) före 2 års ålder, i procent av områdets 2-åringar den 31 december: värdet för 2025 gäller barn födda 2023.",
                "Children given the third dose of a combined vaccine (ATC J07CA, e.g. DTaP-IPV-Hib-HepB) before age 2, as a percentage of the area's 2-year-olds on 31 December: the 2025 value is of the children born in 2023."),
            "J07CA", "3"),
        new(5019, "extensive_health_checks",
            new("Lasten ja nuorten laajat terveystarkastukset / 1 000 0–17-vuotiasta", "Omfattande hälsoundersökningar av barn och unga / 1 000 invånare i åldern 0–17 år", "Extensive health checks of children and adolescents per 1,000 inhabitants aged 0–17"),
            new("Lastenneuvolan ja kouluterveydenhuollon laajat terveystarkastukset (valtioneuvoston asetus 338/2011: 4 ja 18 kuukauden ja 4 vuoden iässä, 1., 5. ja 8. luokalla; SPAT1381–SPAT1386) toteutuneilla käynneillä, joilla asiakas oli 0–17-vuotias, tuhatta 0–17-vuotiasta asukasta kohti.",
                "Omfattande hälsoundersökningar inom barnrådgivningen och skolhälsovården (statsrådets förordning 338/2011: vid 4 och 18 månaders och 4 års ålder, i årskurs 1, 5 och 8; SPAT1381–SPAT1386) vid genomförda besök av klienter i åldern 0–17 år, per tusen invånare i åldern 0–17 år.",
                "Extensive health checks at the child health clinic and in school health care (Government Decree 338/2011: at 4 and 18 months and 4 years, in grades 1, 5 and 8; SPAT1381–SPAT1386) at completed visits of clients aged 0–17, per thousand inhabitants aged 0–17."),
            new IndicatorCount("health-promotion", "visits", new IndicatorFilter("health_check", HealthPromotionDimensions.ExtensiveChildChecks), ChildAges),
            new PopulationDenominator(MaxAge: 17), PerThousandChildren, 1, AvoHilmo, new(
                "Jokainen lapsi saa kuusi laajaa terveystarkastusta 18 ikävuoteen mennessä, eli noin yhden kolmessa vuodessa: jos kaikki tehdään ja ikäluokat ovat yhtä suuria, arvo on noin 330. Pienempi arvo voi kertoa tekemättä jääneistä tarkastuksista tai puutteellisesta kirjaamisesta. " + PerPopulation.Fi,
                "Varje barn får sex omfattande hälsoundersökningar före 18 års ålder, alltså ungefär en på tre år: görs alla och är årskullarna lika stora är värdet omkring 330. Ett mindre värde kan bero på undersökningar som inte gjorts eller på bristfällig registrering. " + PerPopulation.Sv,
                "Every child has six extensive health checks before the age of 18, about one in three years: if all are made and the age cohorts are of equal size, the value is about 330. A smaller value may mean checks not made or not recorded. " + PerPopulation.En)),
        Rate(5020, "injury_visits",
            new("Tapaturmien ja muiden ulkoisten syiden aiheuttamat käynnit / 1 000 asukasta", "Besök för olycksfall och andra yttre orsaker / 1 000 invånare", "Visits for injuries and other external causes per 1,000 inhabitants"),
            new("Toteutuneet käynnit, joiden käyntisyyllä on ulkoinen syy (ICD-10 V01–Y98), tuhatta asukasta kohti; kaikki palvelumuodot ja yhteystavat.",
                "Genomförda besök med en besöksorsak som har en yttre orsak (ICD-10 V01–Y98) per tusen invånare; alla serviceformer och kontaktsätt.",
                "Completed visits with a reason that has an external cause (ICD-10 V01–Y98) per thousand inhabitants; every service form and contact type."),
            new IndicatorCount("injuries", "injury_visits"), new PopulationDenominator(), AvoHilmo),
    ];

    public static IndicatorDefinition? Find(int id) => All.FirstOrDefault(i => i.Id == id);

    private static IndicatorDefinition Rate(int id, string code, LocalizedText title, LocalizedText description, IndicatorCount numerator, PopulationDenominator denominator, LocalizedText source) =>
        new(id, code, title, description, numerator, denominator, PerThousand, 1, source, new(
            "Suurempi arvo tarkoittaa enemmän palvelun käyttöä väestöön nähden. " + PerPopulation.Fi,
            "Ett större värde betyder mer användning av tjänsten i förhållande till befolkningen. " + PerPopulation.Sv,
            "A larger value means more use of the service relative to the population. " + PerPopulation.En));

    /// <summary>
    /// Vaccination coverage at age 2 (<see cref="Reports.VaccinationCoverageReport"/>): the children given the dose
    /// of the vaccine group before turning 2, of the 2-year-olds of the region at 31 December.
    /// Published by wellbeing services county and sex, not by municipality (the report's publication).
    /// </summary>
    private static IndicatorDefinition Coverage(int id, string code, LocalizedText title, LocalizedText description, string vaccineGroup, string dose) =>
        new(id, code, title, description,
            new IndicatorCount("vaccination-coverage", Reports.VaccinationCoverageReport.MeasureCode(2), new IndicatorFilter("vaccine_group", vaccineGroup), new IndicatorFilter("dose_number", dose)),
            new PopulationDenominator(MinAge: 2, MaxAge: 2, Scale: 100), Percent, 1, AvoHilmo, new(
                "Kattavuus voi jäädä todellista pienemmäksi, jos rokotuksia puuttuu ilmoituksista tai syntymävuosi on tuntematon (käynnit, jotka tallennettiin ennen kuin rekisteri alkoi tallentaa iän vuoden lopussa). Lapset lasketaan palveluntuottajittain: kahdelta tuottajalta saman annoksen saanut lapsi on kaksi lasta. Lapsi on sen kunnan luvuissa, jossa hän asui saadessaan annoksen; nimittäjä on väestö 31.12. (Tilastokeskus). Julkiset arvot annetaan hyvinvointialueittain, ei kunnittain.",
                "Täckningen kan bli lägre än den verkliga om vaccinationer saknas i anmälningarna eller födelseåret är okänt (besök lagrade innan registret började lagra åldern vid årets slut). Barn räknas per tjänsteproducent: ett barn som fått samma dos hos två producenter är två barn. Ett barn ingår i talen för den kommun där det bodde när det fick dosen; nämnaren är befolkningen 31.12 (Statistikcentralen). De offentliga värdena ges per välfärdsområde, inte per kommun.",
                "Coverage can fall short of the true one where vaccinations are missing from the notifications or the birth year is unknown (visits stored before the register began to keep the age at year end). Children are counted within each provider: a child given the same dose by two providers is two children. A child counts in the municipality they lived in when given the dose; the denominator is the population on 31 December (Statistics Finland). Public values are given by wellbeing services county, not by municipality."));

    private static IndicatorDefinition Share(int id, string code, LocalizedText title, LocalizedText description, IndicatorCount numerator, IndicatorCount denominator, LocalizedText source) =>
        new(id, code, title, description, numerator, new CountDenominator(denominator), Percent, 1, source, new(
            "Osuus lasketaan samasta taulukosta kuin sen nimittäjä; kotikunta on asiakkaan ilmoitettu kotikunta.",
            "Andelen räknas ur samma tabell som dess nämnare; hemkommunen är klientens anmälda hemkommun.",
            "The share is computed from the same table as its denominator; the municipality is the client's reported home municipality."));
}
