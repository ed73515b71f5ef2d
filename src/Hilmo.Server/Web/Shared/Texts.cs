using Hilmo.Access;
using Hilmo.Statistics;

namespace Hilmo.Server.Web.Shared;

/// <summary>
/// Every text of the web pages in Finnish, Swedish and English, in one place so that a
/// translator sees them together. Figures' own labels (reports, measures, categories, findings)
/// come with their data from the core and are not repeated here.
/// </summary>
internal static class Texts
{
    // Frame
    public static readonly LocalizedText SiteName = new("Hilmo – hoitoilmoitukset", "Hilmo – vårdanmälningar", "Hilmo – care notifications");
    public static readonly LocalizedText SkipToContent = new("Siirry sisältöön", "Gå till innehållet", "Skip to content");
    public static readonly LocalizedText MainNavigation = new("Päävalikko", "Huvudmeny", "Main menu");
    public static readonly LocalizedText LanguageChoice = new("Kieli", "Språk", "Language");
    public static readonly LocalizedText NavStatistics = new("Tilastot", "Statistik", "Statistics");
    public static readonly LocalizedText NavPortal = new("Palveluntuottajan sivut", "Producentens sidor", "Provider portal");
    public static readonly LocalizedText NavForm = new("Ilmoituslomake", "Anmälningsformulär", "Notification form");
    public static readonly LocalizedText NavSupervision = new("Valvonta", "Tillsyn", "Supervision");
    public static readonly LocalizedText SignIn = new("Kirjaudu", "Logga in", "Sign in");
    public static readonly LocalizedText SignOut = new("Kirjaudu ulos", "Logga ut", "Sign out");
    public static readonly LocalizedText SignedInAs = new("Kirjautunut:", "Inloggad:", "Signed in:");
    public static readonly LocalizedText Footer = new(
        "Hilmo on avoin toteutus THL:n hoitoilmoitusrekisteristä. Julkaistut luvut ovat tietosuojattuja.",
        "Hilmo är en öppen implementering av THL:s vårdanmälningsregister. Publicerade tal är skyddade.",
        "Hilmo is an open implementation of THL's care-notification register. Published figures are protected against disclosure.");

    public static LocalizedText RoleName(Role? role) => role switch
    {
        Role.Submitter => new("palveluntuottaja", "tjänsteproducent", "provider"),
        Role.Register => new("rekisterinpitäjä", "registeransvarig", "register keeper"),
        Role.Supervisor => new("valvoja", "tillsyn", "supervisor"),
        Role.Researcher => new("tutkija", "forskare", "researcher"),
        _ => new("", "", ""),
    };

    // Figures
    public static readonly LocalizedText Year = new("Vuosi", "År", "Year");
    public static readonly LocalizedText Show = new("Näytä", "Visa", "Show");
    public static readonly LocalizedText Month = new("Kuukausi", "Månad", "Month");
    public static readonly LocalizedText County = new("Hyvinvointialue", "Välfärdsområde", "Wellbeing services county");
    public static readonly LocalizedText Total = new("Yhteensä", "Totalt", "Total");
    public static readonly LocalizedText WholeCountry = new("Koko maa", "Hela landet", "Whole country");
    public static readonly LocalizedText WholeCountryByMonth = new("Koko maa kuukausittain", "Hela landet per månad", "Whole country by month");
    public static readonly LocalizedText ByCounty = new("Hyvinvointialueittain", "Per välfärdsområde", "By wellbeing services county");
    public static readonly LocalizedText WithinLimitByMonth = new("Lakisääteisessä ajassa toteutuneet käynnit kuukausittain, %", "Besök inom lagstadgad tid per månad, %", "Visits within the legal limit by month, %");
    public static readonly LocalizedText WithinLimitByCounty = new("Lakisääteisessä ajassa toteutuneet käynnit hyvinvointialueittain, %", "Besök inom lagstadgad tid per välfärdsområde, %", "Visits within the legal limit by county, %");
    public static readonly LocalizedText VisitsUnit = new("käyntiä", "besök", "visits");
    public static readonly LocalizedText PercentUnit = new("%", "%", "%");
    public static readonly LocalizedText Download = new("Lataa taulukko", "Ladda ner tabellen", "Download the table");
    public static readonly LocalizedText Updated = new("Päivitetty", "Uppdaterad", "Updated");
    public static readonly LocalizedText AsOf = new("Tilanne", "Läge", "As of");
    public static readonly LocalizedText Release = new("Julkaisu", "Publicering", "Release");
    public static readonly LocalizedText EverythingReceivedBy = new("kaikki vastaanotettu ajankohtaan", "allt mottaget fram till", "everything received by");
    public static readonly LocalizedText AboutTheFigures = new("Tietoa luvuista", "Om talen", "About the figures");
    public static readonly LocalizedText NoFigures = new("Ei julkaistavia lukuja.", "Inga publicerbara tal.", "No figures to publish.");
    public static readonly LocalizedText Highest = new("Suurin", "Störst", "Highest");
    public static readonly LocalizedText Lowest = new("pienin", "minst", "lowest");
    public static readonly LocalizedText WithheldCount = new("Tietosuojan vuoksi salattuja lukuja", "Tal som döljs av dataskyddsskäl", "Figures withheld for confidentiality");

    // Public page
    public static readonly LocalizedText PublicTitle = new("Hoitoilmoitusrekisterin tilastot", "Vårdanmälningsregistrets statistik", "Statistics of the care-notification register");
    public static readonly LocalizedText PublicIntro = new(
        "Koko maan ja hyvinvointialueiden julkaistut luvut hoitoilmoituksista: perusterveydenhuollon avohoidon käynnit ja hoitoonpääsy sekä muut julkaistut tilastot. Pienet luvut ja luvut, joista ne voisi päätellä, on salattu (..).",
        "Publicerade siffror för hela landet och välfärdsområdena ur vårdanmälningarna: besök och tillgång till vård inom öppenvården i primärvården samt annan publicerad statistik. Små tal och tal som de kunde härledas ur döljs (..).",
        "Published figures for the whole country and the wellbeing services counties from the care notifications: primary outpatient care visits and access to care, and the other published statistics. Small counts, and figures they could be worked out from, are withheld (..).");

    public static readonly LocalizedText OtherReports = new("Muut julkaistut tilastot", "Annan publicerad statistik", "Other published statistics");
    public static readonly LocalizedText OnThisPage = new("Tilastot tällä sivulla", "Statistik på den här sidan", "Statistics on this page");
    public static readonly LocalizedText NotPublishedForYear = new("Vuoden lukuja ei ole vielä julkaistu.", "Årets tal har inte publicerats ännu.", "The year's figures are not published yet.");

    // Indicators
    public static readonly LocalizedText NavIndicators = new("Indikaattorit", "Indikatorer", "Indicators");
    public static readonly LocalizedText IndicatorsTitle = new("Indikaattorit hyvinvointialueittain", "Indikatorer per välfärdsområde", "Indicators by wellbeing services county");
    public static readonly LocalizedText IndicatorsIntro = new(
        "Hoitoilmoitusrekisterin indikaattorit koko maalle ja hyvinvointialueille julkaistuista luvuista, samat arvot kuin Sotkanet-rajapinnassa. Tietosuojan vuoksi salattu arvo on merkitty kahdella pisteellä (..), puuttuva arvo (esimerkiksi väestöluku puuttuu) yhdellä pisteellä (.).",
        "Vårdanmälningsregistrets indikatorer för hela landet och välfärdsområdena ur de publicerade talen, samma värden som i Sotkanet-gränssnittet. Ett värde som döljs av dataskyddsskäl markeras med två punkter (..), ett värde som saknas (till exempel utan befolkningstal) med en punkt (.).",
        "The register's indicators for the whole country and the wellbeing services counties, from the published figures: the same values as the Sotkanet API gives. A value withheld for confidentiality is marked with two dots (..), a missing value (no population figure, say) with one dot (.).");
    public static readonly LocalizedText Counties = new("Hyvinvointialueet", "Välfärdsområden", "Wellbeing services counties");
    public static readonly LocalizedText Indicator = new("Indikaattori", "Indikator", "Indicator");
    public static readonly LocalizedText LatestYear = new("Viimeisin vuosi", "Senaste år", "Latest year");
    public static readonly LocalizedText IndicatorUnit = new("Yksikkö", "Enhet", "Unit");
    public static readonly LocalizedText ChooseIndicator = new("Valitse indikaattori", "Välj indikator", "Choose an indicator");
    public static readonly LocalizedText CountiesAndCountry = new("Hyvinvointialueet ja koko maa", "Välfärdsområdena och hela landet", "The counties and the whole country");
    public static readonly LocalizedText Trend = new("Kehitys vuosittain", "Utveckling per år", "Trend by year");
    public static readonly LocalizedText AboutIndicator = new("Tietoa indikaattorista", "Om indikatorn", "About the indicator");
    public static readonly LocalizedText Definition = new("Määritelmä", "Definition", "Definition");
    public static readonly LocalizedText Numerator = new("Osoittaja", "Täljare", "Numerator");
    public static readonly LocalizedText Denominator = new("Nimittäjä", "Nämnare", "Denominator");
    public static readonly LocalizedText Source = new("Lähde", "Källa", "Source");
    public static readonly LocalizedText Interpretation = new("Tulkinta", "Tolkning", "Interpretation");
    public static readonly LocalizedText PublishedYears = new("Julkaistut vuodet", "Publicerade år", "Published years");
    public static readonly LocalizedText Area = new("Alue", "Område", "Area");
    public static readonly LocalizedText Men = new("Miehet", "Män", "Men");
    public static readonly LocalizedText Women = new("Naiset", "Kvinnor", "Women");
    public static readonly LocalizedText NoPublishedValues = new("Ei julkaistuja arvoja.", "Inga publicerade värden.", "No published values.");
    public static readonly LocalizedText SameThroughSotkanet = new("Samat arvot Sotkanet-rajapinnasta", "Samma värden via Sotkanet-gränssnittet", "The same values through the Sotkanet API");
    public static readonly LocalizedText AllIndicators = new("Kaikki indikaattorit", "Alla indikatorer", "All indicators");

    // Sign-in
    public static readonly LocalizedText SignInTitle = new("Kirjautuminen", "Inloggning", "Sign in");
    public static readonly LocalizedText SignInIntro = new(
        "Palveluntuottajat, valvojat ja rekisterinpitäjät kirjautuvat organisaationsa käyttöavaimella. Julkiset tilastot eivät vaadi kirjautumista.",
        "Tjänsteproducenter, tillsynsmyndigheter och registeransvariga loggar in med sin organisations åtkomstnyckel. Offentlig statistik kräver ingen inloggning.",
        "Providers, supervisors and register keepers sign in with their organisation's access key. Published statistics need no sign-in.");
    public static readonly LocalizedText AccessKey = new("Käyttöavain", "Åtkomstnyckel", "Access key");
    public static readonly LocalizedText AccessKeyHelp = new("Avain alkaa hilmo_. Sitä ei tallenneta selaimeen.", "Nyckeln börjar med hilmo_. Den sparas inte i webbläsaren.", "The key starts with hilmo_. It is not stored in the browser.");
    public static readonly LocalizedText SignInRefused = new("Avain ei kelpaa tai sillä ei ole verkkonäkymää.", "Nyckeln gäller inte eller har ingen webbvy.", "The key is not valid or has no web view.");

    // Not found
    public static readonly LocalizedText NotFoundTitle = new("Sivua ei löydy", "Sidan hittas inte", "Not found");
    public static readonly LocalizedText NotFoundText = new("Pyytämääsi ei ole, tai se ei kuulu organisaatiollesi.", "Det du bad om finns inte eller hör inte till din organisation.", "What you asked for does not exist, or is not your organisation's.");

    // Portal
    public static readonly LocalizedText PortalTitle = new("Palveluntuottaja", "Tjänsteproducent", "Provider");
    public static readonly LocalizedText PortalNavigation = new("Palveluntuottajan sivut", "Producentens sidor", "Provider pages");
    public static readonly LocalizedText Submissions = new("Lähetykset", "Sändningar", "Submissions");
    public static readonly LocalizedText LatestSubmissions = new("Viimeisimmät lähetykset", "Senaste sändningar", "Latest submissions");
    public static readonly LocalizedText NoSubmissions = new("Ei lähetyksiä vielä.", "Inga sändningar ännu.", "No submissions yet.");
    public static readonly LocalizedText Submission = new("Lähetys", "Sändning", "Submission");
    public static readonly LocalizedText ReceivedAt = new("Vastaanotettu", "Mottagen", "Received at");
    public static readonly LocalizedText Channel = new("Kanava", "Kanal", "Channel");
    public static readonly LocalizedText Received = new("Tietueita", "Poster", "Records");
    public static readonly LocalizedText Accepted = new("Hyväksytty", "Godkända", "Accepted");
    public static readonly LocalizedText Rejected = new("Hylätty", "Avvisade", "Rejected");
    public static readonly LocalizedText Duplicates = new("Toistoja", "Dubbletter", "Duplicates");
    public static readonly LocalizedText NotCompleted = new("kesken tai keskeytynyt", "pågår eller avbruten", "in progress or interrupted");
    public static readonly LocalizedText RecordSaved = new("Tietue tallennettiin rekisteriin.", "Posten sparades i registret.", "The record was saved in the register.");
    public static readonly LocalizedText Findings = new("Havainnot", "Anmärkningar", "Findings");
    public static readonly LocalizedText NoFindings = new("Ei havaintoja.", "Inga anmärkningar.", "No findings.");
    public static readonly LocalizedText FindingCode = new("Havaintokoodi", "Anmärkningskod", "Finding code");
    public static readonly LocalizedText AllCodes = new("Kaikki koodit", "Alla koder", "All codes");
    public static readonly LocalizedText Filter = new("Rajaa", "Filtrera", "Filter");
    public static readonly LocalizedText FindingsShown = new("Näytetään", "Visas", "Shown");
    public static readonly LocalizedText MoreThroughApi = new("loput rajapinnasta", "resten via gränssnittet", "the rest through the API");
    public static readonly LocalizedText RecordIndex = new("Tietue", "Post", "Record");
    public static readonly LocalizedText Severity = new("Vakavuus", "Allvarlighet", "Severity");
    public static readonly LocalizedText Field = new("Kenttä", "Fält", "Field");
    public static readonly LocalizedText Message = new("Viesti", "Meddelande", "Message");

    // Portal: a record's history
    public static readonly LocalizedText RecordHistory = new("Tietueen historia", "Postens historik", "Record history");
    public static readonly LocalizedText RecordHistoryIntro = new(
        "Tietueen jokainen vastaanotettu versio, sen tila ja kentät, jotka muuttuivat edellisestä versiosta.",
        "Varje mottagen version av posten, dess status och de fält som ändrades från föregående version.",
        "Every version of the record received, its state and the fields that changed from the version before.");
    public static readonly LocalizedText NoSuchRecord = new("Rekisterissä ei ole tämän tunnuksen tietuetta.", "Registret har ingen post med detta id.", "The register holds no record with this tunnus.");
    public static readonly LocalizedText Version = new("Versio", "Version", "Version");
    public static readonly LocalizedText State = new("Tila", "Status", "State");
    public static readonly LocalizedText UpdatedAt = new("Päivitetty", "Uppdaterad", "Updated");
    public static readonly LocalizedText OldValue = new("Aiempi arvo", "Tidigare värde", "Old value");
    public static readonly LocalizedText NewValue = new("Uusi arvo", "Nytt värde", "New value");
    public static readonly LocalizedText NoChanges = new("ei muutoksia", "inga ändringar", "no changes");
    public static readonly LocalizedText ConflictNotStored = new("ei tallennettu: sama päivitysaika, eri sisältö", "inte sparad: samma uppdateringstid, annat innehåll", "not stored: same update time, other content");

    public static LocalizedText SeverityName(Hilmo.Validation.Severity severity) => severity == Hilmo.Validation.Severity.Error
        ? new("virhe", "fel", "error")
        : new("varoitus", "varning", "warning");

    public static readonly LocalizedText ReturnDate = new("Palautuspäivä", "Sista inlämningsdag", "Return date");
    public static readonly LocalizedText DataOfYear = new("Vuoden", "Uppgifterna för år", "Data for");
    public static readonly LocalizedText MustReachBy = new("tietojen on oltava rekisterissä viimeistään", "ska finnas i registret senast", "must reach the register by");
    public static readonly LocalizedText DaysLeft = new("päivää jäljellä", "dagar kvar", "days left");
    public static readonly LocalizedText PreviousDeadlinePassed = new("Edellinen palautuspäivä oli", "Föregående sista dag var", "The previous return date was");
    public static readonly LocalizedText CensusCaption = new("Hoitojaksojen vuodenvaihteen laskenta: jaksot avoinna", "Vårdperiodernas räkning vid årsskiftet: perioder öppna", "Year-end census of care periods: periods open on");
    public static readonly LocalizedText CensusRegister = new("Rekisteri", "Register", "Register");
    public static readonly LocalizedText CensusOpen = new("Avoinna vuoden lopussa", "Öppna vid årets slut", "Open at year end");
    public static readonly LocalizedText CensusWith = new("Laskentatieto 28.2. mennessä", "Med räkning senast 28.2", "With census by 28 February");
    public static readonly LocalizedText CensusLate = new("Laskentatieto myöhässä (28.2. jälkeen)", "Räkning sent (efter 28.2)", "Census late (after 28 February)");
    public static readonly LocalizedText CensusLateMark = new("myöhässä", "sent", "late");
    public static readonly LocalizedText CensusLateNote = new(
        "Osa laskentatiedoista saapui vasta 28.2. jälkeen. Ne ovat mukana luvuissa myöhässä saapuneina, eikä vuoden tietoja lasketa valmiiksi määräpäivään mennessä.",
        "En del av räkningarna kom in först efter 28.2. De ingår i talen som sent inkomna, och årets uppgifter räknas inte som fullständiga i tid.",
        "Some census data arrived only after 28 February. It is counted in the figures as received late, and the year does not count as complete by the deadline.");
    public static readonly LocalizedText CensusWithout = new("Laskentatieto puuttuu", "Utan räkning", "Without census");
    public static readonly LocalizedText CensusComplete = new("Valmis", "Fullständig", "Complete");
    public static readonly LocalizedText Yes = new("kyllä", "ja", "yes");
    public static readonly LocalizedText No = new("ei", "nej", "no");
    public static readonly LocalizedText CensusNothingOpen = new("ei avoimia jaksoja", "inga öppna perioder", "no open periods");
    public static readonly LocalizedText VisitsReportedForYear = new("Ilmoitettuja käyntejä vuodelta", "Anmälda besök för år", "Visits reported for");
    public static readonly LocalizedText LastSubmission = new("Viimeisin lähetys", "Senaste sändning", "Last submission");
    public static readonly LocalizedText DataQuality = new("Tiedon laatu", "Datakvalitet", "Data quality");
    public static readonly LocalizedText RejectedByFinding = new("Hylätyt tietueet virhekoodeittain", "Avvisade poster per felkod", "Rejected records by finding code");
    public static readonly LocalizedText ByMonth = new("kuukausittain", "per månad", "by month");
    public static readonly LocalizedText OwnFigures = new("Oma organisaatio", "Egen organisation", "Own organisation");
    public static readonly LocalizedText OwnCounty = new("Oman hyvinvointialueen asukkaat", "Invånarna i det egna välfärdsområdet", "Residents of own county");
    public static readonly LocalizedText OwnAccessToCare = new("Oma hoitoonpääsy", "Egen tillgång till vård", "Own access to care");
    public static readonly LocalizedText OwnVisits = new("Omat käynnit", "Egna besök", "Own visits");
    public static readonly LocalizedText OwnMedian = new("Oma mediaani, vrk", "Egen median, dygn", "Own median, days");
    public static readonly LocalizedText CountyUnknown = new(
        "Organisaation hyvinvointialue ei ole palveluntuottajarekisterissä, joten vertailu tehdään vain koko maahan.",
        "Organisationens välfärdsområde finns inte i producentregistret, så jämförelsen görs bara med hela landet.",
        "The organisation's county is not in the provider register, so it is compared with the whole country only.");

    // Form
    public static readonly LocalizedText FormTitle = new("Palvelutapahtuman ilmoitus", "Anmälan av servicehändelse", "Service event notification");
    public static readonly LocalizedText FormIntro = new(
        "Täytä ne vaiheet, jotka ovat tapahtuneet. Tietue tarkistetaan samoin kuin järjestelmien lähettämät, ja se tallennetaan vasta, kun siinä ei ole virheitä.",
        "Fyll i de faser som har skett. Posten kontrolleras som de poster som system sänder och sparas först när den är felfri.",
        "Fill in the phases that have happened. The record is checked as systems' records are, and saved only once it has no errors.");
    public static readonly LocalizedText FormNotSaved = new("Tietuetta ei tallennettu", "Posten sparades inte", "The record was not saved");
    public static readonly LocalizedText EnterIdentityCodeAgain = new(
        "Henkilötunnusta ei näytetä uudelleen tietosuojan vuoksi: kirjoita se uudelleen ennen tallennusta.",
        "Personbeteckningen visas inte igen av dataskyddsskäl: skriv in den på nytt innan du sparar.",
        "For privacy the identity code is not shown again: enter it again before saving.");
    public static readonly LocalizedText IdentityCodeHelp = new("Muodossa PPKKVVXNNNT. Ei tallenneta eikä näytetä.", "I formen DDMMÅÅXNNNT. Sparas inte och visas inte.", "As DDMMYYXNNNT. Never stored or shown.");
    public static readonly LocalizedText SearchCodes = new("Hae koodeja", "Sök koder", "Search codes");
    public static readonly LocalizedText SaveRecord = new("Tarkista ja tallenna", "Kontrollera och spara", "Check and save");
    public static readonly LocalizedText SearchTerm = new("Hakusana tai koodi", "Sökord eller kod", "Search term or code");
    public static readonly LocalizedText Search = new("Hae", "Sök", "Search");
    public static readonly LocalizedText MatchingCodes = new("Löytyneet koodit", "Hittade koder", "Matching codes");
    public static readonly LocalizedText Code = new("Koodi", "Kod", "Code");
    public static readonly LocalizedText Name = new("Nimi", "Namn", "Name");
    public static readonly LocalizedText ValidFrom = new("Voimassa alkaen", "Gäller från", "Valid from");
    public static readonly LocalizedText ValidTo = new("Voimassa asti", "Gäller till", "Valid to");

    // Supervision
    public static readonly LocalizedText ComplianceTitle = new("Hoitotakuun toteutuminen", "Vårdgarantins uppfyllelse", "Care guarantee compliance");
    public static readonly LocalizedText ComplianceIntro = new(
        "Kiireettömien, hoidon tarpeen arviointia seuranneiden käyntien osuus, joka toteutui käyntipäivänä voimassa olleessa lakisääteisessä ajassa, %. Valvontaviranomaisen näkymä: palveluntuottajien ja -yksiköiden koostetiedot sellaisinaan, ilman pienten lukujen suojausta, ei henkilötason tietoja. Jokainen haku kirjataan lokiin; lukuja ei saa julkaista.",
        "Andelen icke-brådskande besök efter bedömning av vårdbehovet som skedde inom den lagstadgade tid som gällde på besöksdagen, %. Tillsynsmyndighetens vy: producenternas och enheternas sammanställningar som de är, utan skydd av små tal, inga uppgifter på personnivå. Varje sökning loggas; talen får inte publiceras.",
        "The share of non-urgent visits after a care-need assessment that came within the legal limit in force on the visit's date, %. The supervising authority's view: providers' and units' aggregates as they are, without small-count protection, never person-level data. Every request is logged; the figures are not for publication.");
    public static readonly LocalizedText AllProviders = new("Kaikki palveluntuottajat", "Alla tjänsteproducenter", "All providers");
    public static readonly LocalizedText SupervisionRegion = new("Valvonta-alue", "Tillsynsområde", "Supervision region");
    public static readonly LocalizedText AllRegions = new("Kaikki alueet", "Alla områden", "All regions");
    public static readonly LocalizedText LimitsInForce = new("Voimassa olleet enimmäisajat", "Gällande maximitider", "Legal limits in force");
    public static readonly LocalizedText PrimaryCare = new("perusterveydenhuolto", "primärvård", "primary care");
    public static readonly LocalizedText OralCare = new("suun terveydenhuolto", "munhälsovård", "oral care");
    public static readonly LocalizedText Provider = new("Palveluntuottaja", "Tjänsteproducent", "Provider");
    public static readonly LocalizedText Unit = new("Palveluyksikkö", "Serviceenhet", "Service unit");

    public static LocalizedText LimitText(WaitingLimit limit) => limit.Months > 0
        ? new($"{limit.Months} kk", $"{limit.Months} mån", $"{limit.Months} months")
        : new($"{limit.Days} vrk", $"{limit.Days} dygn", $"{limit.Days} days");
}
