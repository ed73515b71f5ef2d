namespace Hilmo.Statistics.Outputs;

/// <summary>The fixed texts the formats write around a table, in the three languages.</summary>
internal static class OutputTexts
{
    /// <summary>The dimension the measures form in JSON-stat and PX, named as Statistics Finland names it.</summary>
    public static LocalizedText MeasureDimension { get; } = new("Tiedot", "Uppgifter", "Information");

    public static LocalizedText SubjectArea { get; } = new("Hoitoilmoitusrekisteri", "Vårdanmälningsregistret", "Care Register for Health Care");

    /// <summary>Who answers questions about the tables: the register's keeper, as on THL's statistics pages.</summary>
    public static LocalizedText Contact { get; } = new(
        "THL, hoitoilmoitusrekisteri, hilmo@thl.fi",
        "THL, vårdanmälningsregistret, hilmo@thl.fi",
        "THL, Care Register, hilmo@thl.fi");

    /// <summary>A live table is computed when asked, from everything received by then.</summary>
    public static LocalizedText UpdatedContinuously { get; } = new(
        "Jatkuvasti: taulukko lasketaan pyydettäessä kaikista siihen mennessä vastaanotetuista tiedoista.",
        "Fortlöpande: tabellen beräknas vid förfrågan av alla uppgifter som dittills tagits emot.",
        "Continuously: the table is computed on request from all data received by then.");

    /// <summary>A release's table is computed as of a frozen receipt time, so it never changes.</summary>
    public static LocalizedText ReleaseNotUpdated { get; } = new(
        "Ei päivity: julkaisun luvut on laskettu kiinteästä tilanteesta.",
        "Uppdateras inte: publiceringens siffror är beräknade per ett fast läge.",
        "Not updated: the release's figures are computed as of a fixed point in time.");

    public static LocalizedText SuppressedMeaning { get; } = new(
        "Tieto on salattu tietosuojan vuoksi.",
        "Uppgiften är skyddad av sekretesskäl.",
        "Suppressed to protect confidentiality.");

    public static LocalizedText NotApplicableMeaning { get; } = new(
        "Loogisesti mahdoton esitettäväksi.",
        "Logiskt omöjlig uppgift.",
        "Logically impossible to present.");

    /// <summary>A dimension's note naming its total; <c>{0}</c> is the total's label.</summary>
    public static LocalizedText TotalCovers { get; } = new(
        "Luokka ”{0}” kattaa kaikki muut luokat.",
        "Klassen ”{0}” omfattar alla andra klasser.",
        "The category “{0}” covers all the others.");

    /// <summary>Whether a reader may add a measure's figures over categories to get their total.</summary>
    public static LocalizedText HowMeasureAddsUp(MeasureKind kind) => kind switch
    {
        MeasureKind.AdditiveCount => new(
            "Luokkien luvut laskevat yhteen niiden yhteensä-luokan luvuksi.",
            "Klassernas tal summeras till deras totalklass tal.",
            "The categories' figures add up to their total's figure."),
        MeasureKind.DistinctCount => new(
            "Henkilö lasketaan kerran kussakin luokassa, johon hän kuuluu, ja kerran yhteensä-luokassa: luvut eivät laske yhteen.",
            "En person räknas en gång i varje klass hen hör till och en gång i totalen: talen summeras inte.",
            "A person is counted once in each category they fall in and once in the total: the figures do not add up."),
        MeasureKind.Derived => new(
            "Luku lasketaan kunkin solun omista tapahtumista: se ei laske yhteen luokkien yli.",
            "Talet beräknas av varje cells egna händelser: det summeras inte över klasser.",
            "The figure is computed from each cell's own events: it does not add up over categories."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Heads a dimension's code column in CSV and XLSX, after the dimension's name.</summary>
    public static LocalizedText Code { get; } = new("koodi", "kod", "code");

    /// <summary>Who made an XLSX file, in its document properties.</summary>
    public static LocalizedText Creator { get; } = new("THL, hoitoilmoitusrekisteri (Hilmo)", "THL, vårdanmälningsregistret (Hilmo)", "THL, Care Register (Hilmo)");

    public static LocalizedText TableSheet { get; } = new("Taulukko", "Tabell", "Table");

    public static LocalizedText NotesSheet { get; } = new("Huomautukset", "Anmärkningar", "Notes");

    public static LocalizedText AsOf { get; } = new("Tilanne", "Läge", "As of");

    public static LocalizedText EverythingReceived { get; } = new("kaikki vastaanotetut tiedot", "alla mottagna uppgifter", "all data received");

    public static LocalizedText Updated { get; } = new("Päivitetty", "Uppdaterad", "Updated");

    public static LocalizedText Source { get; } = new("Lähde", "Källa", "Source");

    public static LocalizedText Release { get; } = new("Julkaisu", "Publicering", "Release");

    public static LocalizedText Description { get; } = new("Kuvaus", "Beskrivning", "Description");

    public static LocalizedText Notes { get; } = new("Huomautukset", "Anmärkningar", "Notes");

    public static LocalizedText Legend { get; } = new("Merkkien selitykset", "Teckenförklaring", "Symbols");
}
