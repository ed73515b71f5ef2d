using System.Globalization;
using Hilmo.Codes;

namespace Hilmo.Synthetic;

/// <summary>A municipality with its share of the population and a few plausible postal codes.</summary>
internal sealed class SyntheticMunicipality(string code, string name, string county, double population, string[] postalCodes)
{
    public string Code { get; } = code;

    public string Name { get; } = name;

    public string County { get; } = county;

    /// <summary>Residents, in thousands (approximate).</summary>
    public double Population { get; } = population;

    public string[] PostalCodes { get; } = postalCodes;
}

/// <summary>A provider with everything the generator draws for it: its care mix, clients' homes, units.</summary>
internal sealed class ProviderModel
{
    private readonly Dictionary<SyntheticUnitKind, SyntheticUnit[]> unitsByKind;
    private readonly Dictionary<(SyntheticUnitKind, string), SyntheticUnit[]> localUnits;

    public ProviderModel(
        int index,
        SyntheticProvider provider,
        double officeWeight,
        double offHoursWeight,
        Weighted<CareProfile> officeMix,
        Weighted<CareProfile>? offHoursMix,
        Weighted<SyntheticMunicipality> homes,
        double[] clientAges)
    {
        Index = index;
        Provider = provider;
        Code = provider.Code;
        OfficeWeight = officeWeight;
        OffHoursWeight = offHoursWeight;
        OfficeMix = officeMix;
        OffHoursMix = offHoursMix;
        Homes = homes;
        ClientAges = clientAges;
        unitsByKind = provider.Units.GroupBy(u => u.Kind).ToDictionary(g => g.Key, g => g.ToArray());
        localUnits = provider.Units.GroupBy(u => (u.Kind, u.Municipality)).ToDictionary(g => g.Key, g => g.ToArray());
    }

    public int Index { get; }

    public SyntheticProvider Provider { get; }

    public string Code { get; }

    public bool IsPrivate => Provider.IsPrivate;

    public double OfficeWeight { get; }

    public double OffHoursWeight { get; }

    public Weighted<CareProfile> OfficeMix { get; }

    public Weighted<CareProfile>? OffHoursMix { get; }

    public Weighted<SyntheticMunicipality> Homes { get; }

    /// <summary>
    /// Share of the provider's clients in each age band: between the population's pyramid and the
    /// ages its care mix serves, so that every band has clients and the old, who come most, come
    /// more often each, as they do.
    /// </summary>
    public double[] ClientAges { get; }

    /// <summary>
    /// The unit a client goes to for a kind of care: one of that kind in their home municipality if
    /// there is one, else one of that kind elsewhere; always the same one for the same client.
    /// </summary>
    public SyntheticUnit UnitFor(SyntheticUnitKind kind, SyntheticPerson person)
    {
        var choice = localUnits.GetValueOrDefault((kind, person.Client.HomeMunicipality!))
            ?? unitsByKind.GetValueOrDefault(kind)
            ?? unitsByKind.GetValueOrDefault(SyntheticUnitKind.HealthStation)
            ?? unitsByKind.GetValueOrDefault(SyntheticUnitKind.OccupationalHealth)
            ?? [.. Provider.Units];
        return choice[person.Affinity % choice.Length];
    }
}

/// <summary>
/// The providers of the synthetic country: the 21 wellbeing services counties and Helsinki, each
/// weighted by its population, and 25 private companies (three national chains, regional
/// occupational health companies, dental clinics, physiotherapy and small clinics) that together
/// carry about a fifth of the events, mostly occupational health care.
/// </summary>
internal static class NationalShape
{
    /// <summary>Share of events during office hours that private providers carry.</summary>
    public const double PrivateShareOfficeHours = 0.25;

    /// <summary>Share of events outside office hours that private providers carry (a few clinics open evenings and Saturdays).</summary>
    public const double PrivateShareOffHours = 0.06;

    private static readonly (string ServiceForm, double Weight)[] publicOffice =
    [
        ("T11", 36), ("T21", 2.2), ("T22", 3.5), ("T23", 0.7), ("T24", 0.6), ("T25", 0.5), ("T26", 3.5), ("T27", 1.8),
        ("T28", 0.5), ("T29", 1.4), ("T30", 1.2), ("T31", 0.4), ("T40", 8), ("T41", 5), ("T42", 0.4), ("T43", 0.4),
        ("T51", 5.5), ("T52", 0.3), ("T53", 0.5), ("T54", 0.6), ("T55", 0.5), ("T56", 0.3), ("T58", 0.8), ("T59", 0.6),
        ("T60", 12), ("T71", 5), ("T73", 1.2), ("T80", 0.3), ("T81", 0.3), ("T90", 0.9),
    ];

    private static readonly (string ServiceForm, double Weight)[] publicOffHours =
        [("T11", 45), ("T40", 30), ("T41", 17), ("T43", 3), ("T71", 2), ("T73", 1), ("T60", 2)];

    private static readonly (SyntheticUnitKind Kind, double Share)[] publicUnits =
    [
        (SyntheticUnitKind.HealthStation, 0.32), (SyntheticUnitKind.Clinic, 0.2), (SyntheticUnitKind.OralCare, 0.15),
        (SyntheticUnitKind.HomeCare, 0.15), (SyntheticUnitKind.Rehabilitation, 0.08), (SyntheticUnitKind.MentalHealth, 0.07),
        (SyntheticUnitKind.OccupationalHealth, 0.03),
    ];

    private enum PrivateKind
    {
        Chain,
        Occupational,
        Dental,
        Physiotherapy,
        Clinic,
    }

    private static readonly (string Name, PrivateKind Kind, double Size, string[] Counties)[] privateProviders =
    [
        ("Terveyspalveluketju A", PrivateKind.Chain, 30, []),
        ("Terveyspalveluketju B", PrivateKind.Chain, 22, []),
        ("Terveyspalveluketju C", PrivateKind.Chain, 14, []),
        ("Työterveys Etelä", PrivateKind.Occupational, 4, ["90", "03", "04", "02"]),
        ("Työterveys Länsi", PrivateKind.Occupational, 3, ["05", "06"]),
        ("Työterveys Häme", PrivateKind.Occupational, 3, ["08", "07", "09"]),
        ("Työterveys Pohjoinen", PrivateKind.Occupational, 2, ["19", "20", "21"]),
        ("Työterveys Itä", PrivateKind.Occupational, 2, ["13", "14", "12"]),
        ("Työterveys Keski", PrivateKind.Occupational, 2, ["15"]),
        ("Työterveys Pohjanmaa", PrivateKind.Occupational, 1.5, ["16", "17", "18"]),
        ("Työterveys Kaakko", PrivateKind.Occupational, 1.5, ["10", "11"]),
        ("Työterveys Uusimaa", PrivateKind.Occupational, 1, ["01", "02", "03"]),
        ("Hammasklinikat A", PrivateKind.Dental, 2, ["90", "03", "04", "08", "05"]),
        ("Hammasklinikat B", PrivateKind.Dental, 1.5, ["90", "03", "19", "15"]),
        ("Hammaslääkäriasema C", PrivateKind.Dental, 1, ["08"]),
        ("Hammaslääkäriasema D", PrivateKind.Dental, 1, ["05"]),
        ("Hammaslääkäriasema E", PrivateKind.Dental, 0.8, ["13"]),
        ("Hammaslääkäriasema F", PrivateKind.Dental, 0.7, ["19"]),
        ("Fysioterapia A", PrivateKind.Physiotherapy, 1.5, ["90", "03", "04"]),
        ("Fysioterapia B", PrivateKind.Physiotherapy, 1, ["08", "07"]),
        ("Fysioterapia C", PrivateKind.Physiotherapy, 0.8, ["05", "06"]),
        ("Fysioterapia D", PrivateKind.Physiotherapy, 0.6, ["15", "13"]),
        ("Lääkärikeskus A", PrivateKind.Clinic, 1.5, ["90", "03"]),
        ("Lääkärikeskus B", PrivateKind.Clinic, 1, ["08"]),
        ("Lääkärikeskus C", PrivateKind.Clinic, 0.8, ["19"]),
    ];

    /// <summary>The municipalities valid throughout the period, in the counties (not Åland).</summary>
    public static IReadOnlyList<SyntheticMunicipality> Municipalities(CodeWindow window)
    {
        var list = window.Codes[KnownClassifications.Municipality];
        var entries = list.Codes
            .Where(e => window.IsUsable(KnownClassifications.Municipality, e.Code, window.First, window.Last))
            .Select(e => (Entry: e, County: e.Attributes.GetValueOrDefault(CountyAttribute)))
            .Where(e => e.County is not null && FinnishFigures.CountyPopulation.ContainsKey(e.County))
            .ToList();
        if (entries.Count == 0)
        {
            throw new InvalidOperationException(
                $"The municipality list {list.Source} has no municipality of a wellbeing services county valid in the period; the generator needs its '{CountyAttribute}' column.");
        }

        var result = new List<SyntheticMunicipality>(entries.Count);
        foreach (var county in entries.GroupBy(e => e.County!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var known = county.Sum(e => FinnishFigures.TownPopulation.GetValueOrDefault(e.Entry.Name.Fi));
            var others = county.Count(e => !FinnishFigures.TownPopulation.ContainsKey(e.Entry.Name.Fi));
            var rest = others == 0 ? 0 : Math.Max(1.5, (FinnishFigures.CountyPopulation[county.Key] - known) / (double)others);
            var centre = county.MaxBy(e => FinnishFigures.TownPopulation.GetValueOrDefault(e.Entry.Name.Fi)).Entry.Code;
            foreach (var (entry, _) in county.OrderBy(e => e.Entry.Code, StringComparer.Ordinal))
            {
                var population = FinnishFigures.TownPopulation.TryGetValue(entry.Name.Fi, out var town) ? town : rest;
                var postalCodes = PostalCodes(entry.Code, county.Key, population, entry.Code == centre);
                result.Add(new SyntheticMunicipality(entry.Code, entry.Name.Fi, county.Key, population, postalCodes));
            }
        }

        return result;
    }

    /// <summary>The <c>kunta.csv</c> column that places a municipality in its wellbeing services county.</summary>
    public const string CountyAttribute = "hyvinvointialue_code";

    public static IReadOnlyList<ProviderModel> Providers(IReadOnlyList<SyntheticMunicipality> municipalities, CareCatalogue care)
    {
        var byCounty = municipalities.GroupBy(m => m.County, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        var counties = byCounty.Keys.Order(StringComparer.Ordinal).ToArray();
        var totalPopulation = counties.Sum(c => (double)FinnishFigures.CountyPopulation[c]);
        var result = new List<ProviderModel>();
        foreach (var county in counties)
        {
            var population = FinnishFigures.CountyPopulation[county];
            var code = (10000 + (int.Parse(county, CultureInfo.InvariantCulture) * 100) + 1).ToString(CultureInfo.InvariantCulture);
            var homes = byCounty[county];
            var units = Units(code, (int)Math.Clamp(Math.Round(population / 11.0), 7, 60), publicUnits, homes, 1.0);
            var share = population / totalPopulation;
            var name = county == "90" ? "Helsingin kaupunki" : $"Hyvinvointialue {county}";
            result.Add(new ProviderModel(
                result.Count,
                new SyntheticProvider(code, name, false, county, units),
                (1 - PrivateShareOfficeHours) * share,
                (1 - PrivateShareOffHours) * share,
                Mix(care, publicOffice)!,
                Mix(care, publicOffHours),
                new Weighted<SyntheticMunicipality>(homes.Select(m => (m, m.Population))),
                ClientAges(care, publicOffice)));
        }

        var officeSize = privateProviders.Sum(p => p.Size);
        var offHoursSize = privateProviders.Where(p => p.Kind is PrivateKind.Chain or PrivateKind.Clinic).Sum(p => p.Size);
        for (var i = 0; i < privateProviders.Length; i++)
        {
            var (name, kind, size, footprint) = privateProviders[i];
            var code = (50001 + i).ToString(CultureInfo.InvariantCulture);
            var homes = (footprint.Length == 0 ? counties : footprint.Where(byCounty.ContainsKey))
                .SelectMany(c => byCounty[c])
                .ToArray();

            // Private units gather in the larger towns more than public ones do.
            var units = Units(code, (int)Math.Clamp(Math.Round(size * 1.2), 5, 40), PrivateUnits(kind), homes, 1.5);
            var offHours = kind is PrivateKind.Chain or PrivateKind.Clinic;
            result.Add(new ProviderModel(
                result.Count,
                new SyntheticProvider(code, name, true, null, units),
                PrivateShareOfficeHours * size / officeSize,
                offHours ? PrivateShareOffHours * size / offHoursSize : 0,
                Mix(care, PrivateMix(kind))!,
                offHours ? Mix(care, [("T11", 1)]) : null,
                new Weighted<SyntheticMunicipality>(homes.Select(m => (m, m.Population))),
                ClientAges(care, PrivateMix(kind))));
        }

        return result;
    }

    private static (string, double)[] PrivateMix(PrivateKind kind) => kind switch
    {
        PrivateKind.Chain => [("T30", 45), ("T31", 20), ("T11", 20), ("T60", 7), ("T51", 5), ("T71", 3)],
        PrivateKind.Occupational => [("T30", 60), ("T31", 30), ("T51", 5), ("T71", 5)],
        PrivateKind.Dental => [("T60", 1)],
        PrivateKind.Physiotherapy => [("T51", 90), ("T59", 10)],
        _ => [("T11", 60), ("T31", 25), ("T71", 15)],
    };

    private static (SyntheticUnitKind, double)[] PrivateUnits(PrivateKind kind) => kind switch
    {
        PrivateKind.Chain => [(SyntheticUnitKind.OccupationalHealth, 0.5), (SyntheticUnitKind.HealthStation, 0.25), (SyntheticUnitKind.OralCare, 0.15), (SyntheticUnitKind.Rehabilitation, 0.1)],
        PrivateKind.Occupational => [(SyntheticUnitKind.OccupationalHealth, 0.8), (SyntheticUnitKind.Rehabilitation, 0.2)],
        PrivateKind.Dental => [(SyntheticUnitKind.OralCare, 1)],
        PrivateKind.Physiotherapy => [(SyntheticUnitKind.Rehabilitation, 1)],
        _ => [(SyntheticUnitKind.HealthStation, 0.7), (SyntheticUnitKind.OccupationalHealth, 0.3)],
    };

    /// <summary>
    /// The geometric mean of the population's age pyramid and the age mix of the visits a care mix
    /// brings, normalised: a provider of occupational health has few clients past 65, a county many.
    /// </summary>
    private static double[] ClientAges(CareCatalogue care, IEnumerable<(string ServiceForm, double Weight)> mix)
    {
        var visits = new double[FinnishFigures.AgeBands.Count];
        foreach (var (serviceForm, weight) in mix)
        {
            if (care.Profiles.TryGetValue(serviceForm, out var profile))
            {
                var ages = profile.Spec.Ages;
                var total = ages.Sum();
                for (var band = 0; band < visits.Length; band++)
                {
                    visits[band] += weight * ages[band] / total;
                }
            }
        }

        var clients = visits.Select((share, band) => Math.Sqrt(share * FinnishFigures.AgePyramid[band])).ToArray();
        var sum = clients.Sum();
        return [.. clients.Select(c => c / sum)];
    }

    private static Weighted<CareProfile>? Mix(CareCatalogue care, IEnumerable<(string ServiceForm, double Weight)> mix) =>
        Weighted<CareProfile>.Of(mix.Where(m => care.Profiles.ContainsKey(m.ServiceForm)).Select(m => (care.Profiles[m.ServiceForm], m.Weight)));

    /// <summary>
    /// Lays out a provider's units: each kind gets its share (at least one), placed in municipalities
    /// drawn by population (raised to <paramref name="concentration"/>), the largest town first. The
    /// layout depends on the provider code only, so it is the same for every seed.
    /// </summary>
    private static SyntheticUnit[] Units(string providerCode, int total, (SyntheticUnitKind Kind, double Share)[] kinds, SyntheticMunicipality[] homes, double concentration)
    {
        var layout = new Random(int.Parse(providerCode, CultureInfo.InvariantCulture));
        var places = new Weighted<SyntheticMunicipality>(homes.Select(m => (m, Math.Pow(m.Population, concentration))));
        var largest = homes.MaxBy(m => m.Population)!;
        var units = new List<SyntheticUnit>();
        foreach (var (kind, share) in kinds)
        {
            var count = Math.Max(1, (int)Math.Round(total * share));
            for (var i = 0; i < count; i++)
            {
                var place = i == 0 ? largest : places.Next(layout);
                units.Add(new SyntheticUnit($"1.2.246.10.{providerCode}.10.{units.Count + 1}", kind, place.Code));
            }
        }

        return [.. units];
    }

    /// <summary>
    /// Postal codes that look like the region's: the county's leading digits (the first of them for
    /// its largest town), then three more; more of them for larger towns. Helsinki's are
    /// 00100–00990. Fixed by the municipality code alone.
    /// </summary>
    private static string[] PostalCodes(string municipality, string county, double population, bool centre)
    {
        var random = new Random(int.Parse(municipality, CultureInfo.InvariantCulture) + 7919);
        if (county == "90")
        {
            return [.. Enumerable.Range(10, 90).Select(n => (n * 10).ToString("00000", CultureInfo.InvariantCulture))];
        }

        var prefixes = FinnishFigures.PostalPrefixes[county];
        var prefix = centre ? prefixes[0] : prefixes[random.Next(prefixes.Length)];
        var count = (int)Math.Clamp(population / 8, 1, 40);
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        var third = 1 + random.Next(9);
        while (codes.Count < count)
        {
            // Most Finnish postal codes end in zero; a town's codes share their first three digits.
            var last = random.Next(4) == 0 ? random.Next(10) : 0;
            codes.Add(string.Create(CultureInfo.InvariantCulture, $"{prefix}{third}{random.Next(10)}{last}"));
            if (codes.Count % 10 == 9)
            {
                third = 1 + random.Next(9);
            }
        }

        return [.. codes];
    }
}
