namespace Hilmo.Synthetic;

/// <summary>
/// Approximate public figures that give synthetic data a national shape: populations of the
/// wellbeing services counties and of the larger municipalities (rounded, about 2024), the age
/// pyramid, and the first digits of postal codes in each region. Rounded on purpose: they shape
/// proportions, they are not statistics.
/// </summary>
internal static class FinnishFigures
{
    /// <summary>
    /// Residents in thousands by wellbeing services county (<c>hyvinvointialue_code</c> of
    /// <c>kunta.csv</c>), Helsinki (90) included; Åland (91) is outside the counties and AvoHILMO.
    /// </summary>
    public static IReadOnlyDictionary<string, int> CountyPopulation { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["01"] = 99, ["02"] = 204, ["03"] = 489, ["04"] = 287, ["05"] = 491, ["06"] = 213, ["07"] = 170,
        ["08"] = 538, ["09"] = 205, ["10"] = 161, ["11"] = 126, ["12"] = 130, ["13"] = 248, ["14"] = 163,
        ["15"] = 275, ["16"] = 191, ["17"] = 176, ["18"] = 68, ["19"] = 419, ["20"] = 70, ["21"] = 176,
        ["90"] = 674,
    };

    /// <summary>
    /// Residents in thousands of the larger municipalities, by Finnish name. The rest of a county's
    /// population is shared evenly among its other municipalities.
    /// </summary>
    public static IReadOnlyDictionary<string, int> TownPopulation { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["Helsinki"] = 674, ["Espoo"] = 320, ["Tampere"] = 260, ["Vantaa"] = 248, ["Oulu"] = 216, ["Turku"] = 203,
        ["Jyväskylä"] = 149, ["Kuopio"] = 124, ["Lahti"] = 121, ["Pori"] = 83, ["Kouvola"] = 79, ["Joensuu"] = 78,
        ["Lappeenranta"] = 73, ["Hämeenlinna"] = 68, ["Vaasa"] = 68, ["Seinäjoki"] = 66, ["Rovaniemi"] = 65,
        ["Mikkeli"] = 52, ["Porvoo"] = 51, ["Salo"] = 51, ["Kotka"] = 51, ["Kokkola"] = 48, ["Hyvinkää"] = 47,
        ["Lohja"] = 46, ["Järvenpää"] = 46, ["Nurmijärvi"] = 44, ["Kirkkonummi"] = 41, ["Tuusula"] = 40,
        ["Kerava"] = 38, ["Rauma"] = 38, ["Kaarina"] = 36, ["Kajaani"] = 36, ["Nokia"] = 36, ["Ylöjärvi"] = 34,
        ["Kangasala"] = 33, ["Savonlinna"] = 31, ["Vihti"] = 29, ["Riihimäki"] = 29, ["Raisio"] = 25,
        ["Imatra"] = 25, ["Lempäälä"] = 25, ["Sastamala"] = 24, ["Raahe"] = 24, ["Hollola"] = 23,
        ["Siilinjärvi"] = 22, ["Sipoo"] = 22, ["Tornio"] = 21, ["Iisalmi"] = 21, ["Valkeakoski"] = 21,
        ["Mäntsälä"] = 21, ["Lieto"] = 21, ["Kemi"] = 20, ["Varkaus"] = 20, ["Pirkkala"] = 20, ["Kempele"] = 20,
        ["Kurikka"] = 20, ["Naantali"] = 20, ["Jämsä"] = 19, ["Pietarsaari"] = 19, ["Mustasaari"] = 19,
        ["Heinola"] = 18, ["Äänekoski"] = 18, ["Raasepori"] = 27, ["Pieksämäki"] = 17, ["Forssa"] = 16,
        ["Parainen"] = 15, ["Uusikaupunki"] = 15, ["Loimaa"] = 15, ["Kauhava"] = 15, ["Ylivieska"] = 15,
        ["Kuusamo"] = 15, ["Loviisa"] = 14, ["Lapua"] = 14, ["Laukaa"] = 19, ["Orimattila"] = 16, ["Hamina"] = 19,
    };

    /// <summary>Age bands used for people: first and last age in whole years at the start of the year.</summary>
    public static IReadOnlyList<(int First, int Last)> AgeBands { get; } =
        [(0, 6), (7, 15), (16, 29), (30, 44), (45, 64), (65, 74), (75, 84), (85, 104)];

    /// <summary>Share of the population in each age band (Finland, about 2024).</summary>
    public static IReadOnlyList<double> AgePyramid { get; } = [0.063, 0.098, 0.160, 0.192, 0.250, 0.127, 0.083, 0.030];

    /// <summary>Share of men in each age band: women outlive men, so the oldest band is two thirds women.</summary>
    public static IReadOnlyList<double> MaleShare { get; } = [0.512, 0.512, 0.515, 0.513, 0.505, 0.480, 0.440, 0.330];

    /// <summary>
    /// The first two digits of postal codes in each county's area (Posti's numbering runs from the
    /// capital outwards, so a code's region is visible in its first digits). The first prefix of each
    /// county is that of its largest town.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> PostalPrefixes { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["01"] = ["06", "07"], ["02"] = ["05", "04"], ["03"] = ["02", "08", "10"], ["04"] = ["01", "04"],
        ["05"] = ["20", "21", "23", "24", "25", "32"], ["06"] = ["28", "29", "26", "27"], ["07"] = ["13", "11", "12", "14", "30"],
        ["08"] = ["33", "34", "35", "36", "37", "38", "39"], ["09"] = ["15", "16", "17", "18", "19"], ["10"] = ["45", "46", "47", "48", "49"],
        ["11"] = ["53", "54", "55", "56"], ["12"] = ["50", "51", "52", "57", "58"], ["13"] = ["70", "71", "72", "73", "74", "78", "79"],
        ["14"] = ["80", "81", "82", "83", "75"], ["15"] = ["40", "41", "42", "43", "44"], ["16"] = ["60", "61", "62", "63"],
        ["17"] = ["65", "64", "66", "68"], ["18"] = ["67", "69"], ["19"] = ["90", "84", "85", "86", "91", "92", "93"],
        ["20"] = ["87", "88", "89"], ["21"] = ["96", "94", "95", "97", "98", "99"], ["90"] = ["00"],
    };
}
