using Hilmo.Access;

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
    public static readonly LocalizedText PublicTitle = new("Perusterveydenhuollon avohoito: käynnit ja hoitoonpääsy", "Öppenvården i primärvården: besök och tillgång till vård", "Primary outpatient care: visits and access to care");
    public static readonly LocalizedText PublicIntro = new(
        "Koko maan ja hyvinvointialueiden luvut AvoHILMO-ilmoituksista. Pienet luvut ja luvut, joista ne voisi päätellä, on salattu (..).",
        "Siffror för hela landet och välfärdsområdena ur AvoHILMO-anmälningarna. Små tal och tal som de kunde härledas ur döljs (..).",
        "Figures for the whole country and the wellbeing services counties from AvoHILMO notifications. Small counts, and figures they could be worked out from, are withheld (..).");

    // Sign-in
    public static readonly LocalizedText SignInTitle = new("Kirjautuminen", "Inloggning", "Sign in");
    public static readonly LocalizedText SignInIntro = new(
        "Palveluntuottajat, valvojat ja rekisterinpitäjät kirjautuvat organisaationsa käyttöavaimella. Julkiset tilastot eivät vaadi kirjautumista.",
        "Tjänsteproducenter, tillsynsmyndigheter och registeransvariga loggar in med sin organisations åtkomstnyckel. Offentlig statistik kräver ingen inloggning.",
        "Providers, supervisors and register keepers sign in with their organisation's access key. Published statistics need no sign-in.");
    public static readonly LocalizedText AccessKey = new("Käyttöavain", "Åtkomstnyckel", "Access key");
    public static readonly LocalizedText AccessKeyHelp = new("Avain alkaa hilmo_. Sitä ei tallenneta selaimeen.", "Nyckeln börjar med hilmo_. Den sparas inte i webbläsaren.", "The key starts with hilmo_. It is not stored in the browser.");
    public static readonly LocalizedText SignInRefused = new("Avain ei kelpaa tai sillä ei ole verkkonäkymää.", "Nyckeln gäller inte eller har ingen webbvy.", "The key is not valid or has no web view.");
}
